import AuditModel

/// Unified audit log records in every shape (FORMATS.md §7): Search-UnifiedAuditLog CSV (with or
/// without the remoting columns), the classic and new Purview portal exports, and Management API
/// JSON / JSONL whose records are the AuditData objects themselves.
///
/// Delegation changes and audit-configuration changes become events (identities as the record
/// gives them); every other operation, failed operations and system noise on system mailboxes are
/// excluded by a named rule; a record whose AuditData is not JSON is rejected.
enum AuditLogNormaliser {
  /// What one record says, before the ledger is written.
  private enum Reading {
    case events([Draft], folder: String?)
    case excluded(ExclusionRule, mailbox: String, trustee: String, rights: String)
    case rejected(String)
  }

  private struct Draft {
    var mailbox: String
    var trustee: String
    var rights: [Right]
    var change: AuditEvent.Change
  }

  static func consume(_ record: Record, into facts: inout FileFacts) {
    if let text = record.text("ResultCount"), let count = Int(Substring(text).trimmingSpaces()) {
      facts.auditResultCount = max(facts.auditResultCount ?? 0, count)
    }
    let data: FieldValue
    switch auditData(record) {
    case .success(let value): data = value
    case .failure(let problem):
      facts.reject(record, problem.reason)
      return
    }
    let time =
      data["CreationTime"]?.text.flatMap(DateParser.parse)
      ?? record.text("CreationDate", "CreationTime", "createdDateTime").flatMap(DateParser.parse)
    guard let time else {
      facts.reject(record, "record has no readable CreationTime (AuditData) or CreationDate")
      return
    }
    guard let operation = nonEmpty(data["Operation"]?.text) ?? record.text("Operations", "Operation") else {
      facts.reject(record, "record names no operation (AuditData Operation or the Operations column)")
      return
    }
    let recordID = nonEmpty(data["Id"]?.text) ?? record.text("Identity", "RecordId", "Id")
    let actor = nonEmpty(data["UserId"]?.text) ?? record.text("UserIds", "UserId", "userPrincipalName") ?? ""
    let parameters = self.parameters(data["Parameters"])

    var reading = read(operation: operation, data: data, parameters: parameters)
    if case .events(let drafts, _) = reading {
      let status = (data["ResultStatus"]?.text ?? "").lowercased()
      if let system = drafts.first(where: { WellKnownIdentities.isSystemMailbox($0.mailbox) }) {
        reading = .excluded(
          .systemMailbox, mailbox: system.mailbox, trustee: system.trustee, rights: rightsText(system.rights))
      } else if status == "false" || status == "failed" {
        let first = drafts.first
        reading = .excluded(
          .notDelegationEvent, mailbox: first?.mailbox ?? "", trustee: first?.trustee ?? "",
          rights: "failed (ResultStatus \(data["ResultStatus"]?.text ?? "")): \(operation) "
            + rightsText(drafts.flatMap(\.rights)))
      }
    }
    switch reading {
    case .rejected(let reason):
      facts.reject(record, reason)
    case .excluded(let rule, let mailbox, let trustee, let rights):
      facts.exclude(record, rule, mailbox: mailbox, trustee: trustee, rights: rights)
      facts.auditRecords.append(
        RawAuditRecord(
          recordID: recordID, time: time, location: record.location, events: [], folder: nil, exclusion: rule)
      )
    case .events(let drafts, let folder):
      let events = drafts.map {
        AuditEvent(
          recordID: recordID ?? "", time: time, actor: actor, operation: operation, mailbox: $0.mailbox,
          trustee: $0.trustee, rights: $0.rights, change: $0.change, folder: folder, location: record.location
        )
      }
      facts.auditRecords.append(
        RawAuditRecord(
          recordID: recordID, time: time, location: record.location, events: events, folder: folder,
          exclusion: nil))
      facts.produced()
    }
  }

  /// Why a record's AuditData cannot be used.
  struct AuditDataProblem: Error, Sendable, Hashable {
    var reason: String
  }

  /// The AuditData object: the parsed AuditData cell, or the record itself (Management API shape).
  static func auditData(_ record: Record) -> Result<FieldValue, AuditDataProblem> {
    guard let cell = record["AuditData"] else { return .success(.object(record.fields)) }
    switch cell {
    case .object:
      return .success(cell)
    case .string(let text):
      if Substring(text).trimmingSpaces().isEmpty {
        return .failure(AuditDataProblem(reason: "AuditData is empty"))
      }
      switch AuditDataJSON.parseDetailed(Array(text.utf8)) {
      case .success(let value):
        guard case .object = value else {
          return .failure(AuditDataProblem(reason: "AuditData is JSON but not an object"))
        }
        return .success(value)
      case .failure(let error):
        return .failure(
          AuditDataProblem(
            reason: "AuditData is not valid JSON: \(error.message) at character \(error.offset + 1)"))
      }
    case .null:
      return .failure(AuditDataProblem(reason: "AuditData is empty"))
    default:
      return .failure(AuditDataProblem(reason: "AuditData is not a JSON object"))
    }
  }

  /// Parameters `[{Name, Value}]` in any order, by lowercased name (the first of a repeated name wins).
  static func parameters(_ value: FieldValue?) -> [String: String] {
    var parameters: [String: String] = [:]
    for item in value?.items ?? [] {
      guard let name = item["Name"]?.text else { continue }
      let key = name.lowercased()
      if parameters[key] == nil { parameters[key] = item["Value"]?.text ?? "" }
    }
    return parameters
  }

  /// Set-Mailbox parameters that change mailbox auditing (audit-tampering evidence).
  static let mailboxAuditParameters = [
    "auditenabled", "auditowner", "auditdelegate", "auditadmin", "auditlogagelimit", "defaultauditset",
  ]

  private static func read(operation: String, data: FieldValue, parameters: [String: String]) -> Reading {
    let objectID = nonEmpty(data["ObjectId"]?.text) ?? ""
    let identity = nonEmpty(parameters["identity"]) ?? objectID
    func notDelegation() -> Reading {
      .excluded(.notDelegationEvent, mailbox: identity, trustee: "", rights: operation)
    }
    func missing(_ names: String) -> Reading {
      .rejected("\(operation) record has no \(names) parameter")
    }
    let lower = operation.lowercased()
    let change: AuditEvent.Change =
      lower.hasPrefix("add") ? .added : lower.hasPrefix("remove") ? .removed : .modified
    let deny = parameters["deny"].flatMap { BooleanParser.parse(text: $0) } ?? false

    switch lower {
    case "add-mailboxpermission", "remove-mailboxpermission":
      guard !identity.isEmpty, let trustee = nonEmpty(parameters["user"]) else {
        return missing("Identity or User")
      }
      let rightsText = parameters["accessrights"] ?? ""
      if deny { return .excluded(.denyEntry, mailbox: identity, trustee: trustee, rights: rightsText) }
      guard
        case .rights(let rights) = AccessRightsParser.parse(.string(rightsText), integers: .mailboxRights),
        !rights.isEmpty
      else { return .excluded(.noDelegatedRight, mailbox: identity, trustee: trustee, rights: rightsText) }
      return .events(
        [Draft(mailbox: identity, trustee: trustee, rights: rights, change: change)], folder: nil)

    case "add-recipientpermission", "remove-recipientpermission":
      guard !identity.isEmpty, let trustee = nonEmpty(parameters["trustee"]) else {
        return missing("Identity or Trustee")
      }
      var rights: [Right] = [.sendAs]
      if let text = nonEmpty(parameters["accessrights"]),
        case .rights(let parsed) = AccessRightsParser.parse(.string(text), integers: .recipientAccessRight),
        !parsed.isEmpty
      {
        rights = parsed
      }
      return .events(
        [Draft(mailbox: identity, trustee: trustee, rights: rights, change: change)], folder: nil)

    case "add-adpermission", "remove-adpermission":
      guard !identity.isEmpty, let trustee = nonEmpty(parameters["user"]) else {
        return missing("Identity or User")
      }
      let extended = parameters["extendedrights"] ?? ""
      if deny { return .excluded(.denyEntry, mailbox: identity, trustee: trustee, rights: extended) }
      guard extended.lowercased().contains("send-as") || extended.lowercased().contains("sendas") else {
        return .excluded(.noDelegatedRight, mailbox: identity, trustee: trustee, rights: extended)
      }
      return .events(
        [Draft(mailbox: identity, trustee: trustee, rights: [.sendAs], change: change)], folder: nil)

    case "set-mailbox":
      var drafts: [Draft] = []
      if let list = parameters["grantsendonbehalfto"] {
        let delegates = splitDelegates(list)
        if delegates.isEmpty {
          drafts.append(Draft(mailbox: identity, trustee: "", rights: [.sendOnBehalf], change: .removed))
        }
        for delegate in delegates {
          drafts.append(
            Draft(mailbox: identity, trustee: delegate, rights: [.sendOnBehalf], change: .modified))
        }
      }
      if mailboxAuditParameters.contains(where: { parameters[$0] != nil }) {
        drafts.append(Draft(mailbox: identity, trustee: "", rights: [], change: .modified))
      }
      if drafts.isEmpty { return notDelegation() }
      guard !identity.isEmpty else { return missing("Identity") }
      return .events(drafts, folder: nil)

    case "add-mailboxfolderpermission", "set-mailboxfolderpermission", "remove-mailboxfolderpermission":
      let (mailbox, folder) = FolderPermissionNormaliser.splitFolderIdentity(
        parameters["identity"] ?? objectID)
      guard !mailbox.isEmpty, let trustee = nonEmpty(parameters["user"]) else {
        return missing("Identity or User")
      }
      var rights: [Right] = []
      if let text = nonEmpty(parameters["accessrights"]),
        case .rights(let parsed) = FolderPermissionNormaliser.roles(.string(text))
      {
        rights = parsed
      }
      return .events(
        [Draft(mailbox: mailbox, trustee: trustee, rights: rights, change: change)], folder: folder)

    case "addfolderpermissions", "modifyfolderpermissions", "removefolderpermissions",
      "updatefolderpermissions",
      "updatecalendardelegation":
      let parent = data["Item"]?["ParentFolder"]
      guard
        let mailbox = nonEmpty(data["MailboxOwnerUPN"]?.text) ?? nonEmpty(data["MailboxOwnerSid"]?.text)
          ?? nonEmpty(objectID)
      else { return .rejected("\(operation) record has no MailboxOwnerUPN") }
      let trustee = nonEmpty(parent?["MemberUpn"]?.text) ?? nonEmpty(parent?["MemberSid"]?.text) ?? ""
      let folder =
        nonEmpty(parent?["Path"]?.text)
        ?? nonEmpty(parent?["Name"]?.text).map(FolderPermissionNormaliser.folderPath)
      let itemChange: AuditEvent.Change =
        lower.hasPrefix("add") ? .added : lower.hasPrefix("remove") ? .removed : .modified
      return .events(
        [
          Draft(
            mailbox: mailbox, trustee: trustee, rights: memberRights(parent?["MemberRights"]),
            change: itemChange)
        ],
        folder: folder)

    case "set-mailboxauditbypassassociation":
      guard !identity.isEmpty else { return missing("Identity") }
      return .events([Draft(mailbox: "", trustee: identity, rights: [], change: .modified)], folder: nil)

    case "set-organizationconfig":
      guard parameters["auditdisabled"] != nil else { return notDelegation() }
      return .events([Draft(mailbox: "", trustee: "", rights: [], change: .modified)], folder: nil)

    case "set-adminauditlogconfig":
      guard parameters["unifiedauditlogingestionenabled"] != nil else { return notDelegation() }
      return .events([Draft(mailbox: "", trustee: "", rights: [], change: .modified)], folder: nil)

    default:
      return notDelegation()
    }
  }

  /// A GrantSendOnBehalfTo value (the resulting list): `;`-separated; `,` only separates addresses.
  static func splitDelegates(_ value: String) -> [String] {
    var delegates: [String] = []
    for part in value.split(separator: ";") {
      let item = part.trimmingSpaces()
      if item.isEmpty { continue }
      let pieces = item.split(separator: ",").map { $0.trimmingSpaces() }.filter { !$0.isEmpty }
      if pieces.count > 1 && pieces.allSatisfy({ $0.contains("@") }) {
        delegates += pieces.map(String.init)
      } else {
        delegates.append(String(item))
      }
    }
    return delegates
  }

  /// Store MemberRights bits (FORMATS.md §1.2) by lowercased flag name.
  static let memberRightBits: [String: Int64] = [
    "none": 0, "readany": 1, "create": 2, "editowned": 8, "deleteowned": 16, "editany": 32, "deleteany": 64,
    "createsubfolder": 128, "owner": 256, "contact": 512, "visible": 1024, "freebusysimple": 2048,
    "freebusydetailed": 4096,
  ]

  /// MemberRights (`ReadAny, Visible, FreeBusySimple, FreeBusyDetailed`, or the integer) as the
  /// folder role it amounts to; the text as given when it matches no role.
  static func memberRights(_ value: FieldValue?) -> [Right] {
    guard let text = nonEmpty(value?.text) else { return [] }
    var bits: Int64 = 0
    if let number = Int64(Substring(text).trimmingSpaces()) {
      bits = number
    } else {
      let tokens = text.split(whereSeparator: { $0 == "," || $0 == ";" || $0 == "|" }).map {
        String($0.trimmingSpaces())
      }
      for token in tokens {
        guard let bit = memberRightBits[token.lowercased()] else {
          // A role name (`Reviewer`) or something unknown: keep it as a right name.
          return tokens.count == 1 ? [AccessRightsParser.canonical(token)] : [Right(text)]
        }
        bits |= bit
      }
    }
    if bits == 0 { return [Right("None")] }
    let core = bits & ~(2048 | 4096)
    if core == 0 { return [Right(bits & 4096 != 0 ? "LimitedDetails" : "AvailabilityOnly")] }
    if let role = FolderPermissionNormaliser.roleValues[core] { return [Right(role)] }
    return [Right(text)]
  }

  static func rightsText(_ rights: [Right]) -> String {
    rights.map(\.name).joined(separator: ", ")
  }

  static func nonEmpty(_ text: String?) -> String? {
    guard let text else { return nil }
    let trimmed = Substring(text).trimmingSpaces()
    return trimmed.isEmpty ? nil : String(trimmed)
  }
}
