import AuditModel

/// Get-MailboxFolderPermission / Get-EXOMailboxFolderPermission rows: one folder role of one user.
///
/// The folder comes from the Identity (`alias:\Kalender`), never from a fixed folder name, so
/// localised folders work; `Default` and `Anonymous` with role None grant nothing.
enum FolderPermissionNormaliser {
  static func consume(_ record: Record, into facts: inout FileFacts) {
    let identity = record.text("Identity", "FolderIdentity") ?? ""
    let (identityMailbox, identityFolder) = splitFolderIdentity(identity)
    let mailbox = identityMailbox.isEmpty ? record.text("Mailbox", "MailboxIdentity") ?? "" : identityMailbox
    let folder = identityFolder ?? record.text("FolderPath", "FolderName").map(folderPath)
    let trustee = user(record["User"])
    guard !mailbox.isEmpty else {
      facts.reject(record, "row has no Identity value (mailbox:\\folder)")
      return
    }
    guard let folder else {
      facts.reject(record, "row names no folder (Identity mailbox:\\folder or FolderName)")
      return
    }
    guard !trustee.isEmpty else {
      facts.reject(record, "row has no User value")
      return
    }
    let rightsValue = record["AccessRights"] ?? .null
    let rightsText = rightsValue.text ?? ""
    let rights: [Right]
    switch facts.folderRoles(rightsValue) {
    case .lossy(let typeName):
      facts.noteLossy(record, column: "AccessRights", typeName: typeName)
      facts.reject(record, "AccessRights holds a .NET type name, not values (lossy export)")
      return
    case .rights(let parsed):
      rights = parsed
    }
    let special = isFolderSpecial(trustee)
    let grantsNothing = rights.isEmpty || rights.allSatisfy { $0.name == "None" }
    let rule: ExclusionRule? =
      WellKnownIdentities.isSystemMailbox(mailbox)
      ? .systemMailbox
      : (grantsNothing && special)
        ? .folderSpecialNone
        : grantsNothing
          ? .noDelegatedRight
          : nil
    if let rule {
      facts.exclude(record, rule, mailbox: mailbox, trustee: trustee, rights: rightsText)
      return
    }
    let flags = sharingFlags(record["SharingPermissionFlags"])
    for right in rights where right.name != "None" {
      facts.grants.append(
        RawGrant(
          mailbox: mailbox, trustee: trustee, trusteeSID: nil, right: right, folder: folder,
          isInherited: false, sharingFlags: flags, location: record.location))
    }
    facts.produced()
  }

  /// `alias:\Calendar` → (`alias`, `\Calendar`); an Identity without `:\` is the mailbox alone.
  static func splitFolderIdentity(_ identity: String) -> (mailbox: String, folder: String?) {
    let text = Substring(identity).trimmingSpaces()
    // The first `:\`, found on the bytes.
    let bytes = text.utf8
    var index = bytes.startIndex
    while index != bytes.endIndex {
      let next = bytes.index(after: index)
      if bytes[index] == 0x3A && next != bytes.endIndex && bytes[next] == 0x5C {
        let mailbox = text[..<index].trimmingSpaces()
        return (String(mailbox), "\\" + text[bytes.index(after: next)...])
      }
      index = next
    }
    return (String(text), nil)
  }

  /// A FolderName (`Calendar`) or path as a folder path (`\Calendar`).
  static func folderPath(_ name: String) -> String {
    let trimmed = String(Substring(name).trimmingSpaces())
    return trimmed.hasPrefix("\\") ? trimmed : "\\" + trimmed
  }

  /// `Default` and `Anonymous`, the folder special users.
  static func isFolderSpecial(_ user: String) -> Bool {
    user.lowercasedEquals("default") || user.lowercasedEquals("anonymous")
  }

  /// The User cell: a string, or a MailboxFolderUserId object (UserType, DisplayName, RecipientPrincipal).
  static func user(_ value: FieldValue?) -> String {
    guard let value else { return "" }
    if case .object = value {
      switch value["UserType"] {
      case .some(.number("0")): return "Default"
      case .some(.number("1")): return "Anonymous"
      case .some(let type) where type.text == "Default" || type.text == "Anonymous": return type.text ?? ""
      default: break
      }
      for name in ["ToString", "DisplayName", "PrimarySmtpAddress", "Name"] {
        if let text = value[name]?.text, !text.isEmpty { return text }
      }
      if let principal = value["RecipientPrincipal"]?.text, !principal.isEmpty { return principal }
      return ""
    }
    return String(Substring(value.text ?? "").trimmingSpaces())
  }

  /// MailboxFolderPermissionRole values (FORMATS.md §1.2), for integer AccessRights.
  static let roleValues: [Int64: String] = [
    2043: "Owner", 1275: "PublishingEditor", 1147: "Editor", 1179: "PublishingAuthor", 1051: "Author",
    1043: "NonEditingAuthor", 1025: "Reviewer", 1026: "Contributor", 2048: "AvailabilityOnly",
    6144: "LimitedDetails", 0: "None",
  ]

  /// Individual folder rights (MailboxFolderAccessRight) and their MemberRights bits.
  static let individualRights: [String: Int64] = [
    "readitems": 1, "createitems": 2, "editowneditems": 8, "deleteowneditems": 16, "editallitems": 32,
    "deleteallitems": 64, "createsubfolders": 128, "folderowner": 256, "foldercontact": 512,
    "foldervisible": 1024,
  ]

  /// The role of an AccessRights value: a role name, a role integer, or a list of individual rights
  /// (named by its role when the bits match one, else kept as the joined list).
  static func roles(_ value: FieldValue) -> AccessRightsParser.Outcome {
    var tokens: [String] = []
    for item in value.items {
      let text: String
      switch item {
      case .null, .bool: continue
      case .number(let number):
        text = Int64(number).flatMap { roleValues[$0] } ?? number
      case .enumeration(let name, let number):
        text = name.isEmpty ? number.flatMap { roleValues[$0] } ?? "" : name
      default:
        text = item.text ?? ""
      }
      if let typeName = TypeNameCell.typeName(in: text) { return .lossy(typeName: typeName) }
      var body = Substring(text).trimmingSpaces()
      if body.hasPrefix("{") { body = body.dropFirst() }
      if body.hasSuffix("}") { body = body.dropLast() }
      for token in body.split(whereSeparator: AccessRightsParser.isSeparator) {
        let name = token.trimmingSpaces()
        if name.isEmpty || name == "..." || name == "…" { continue }
        tokens.append(Int64(name).flatMap { roleValues[$0] } ?? String(name))
      }
    }
    let roleNames = tokens.filter { individualRights[$0.lowercased()] == nil }
    let individual = tokens.filter { individualRights[$0.lowercased()] != nil }
    var rights = roleNames.map { AccessRightsParser.canonical($0) }
    if !individual.isEmpty {
      let bits = individual.reduce(Int64(0)) { $0 | (individualRights[$1.lowercased()] ?? 0) }
      if let role = roleValues[bits], role != "None" {
        rights.append(Right(role))
      } else {
        rights.append(Right(individual.joined(separator: ", ")))
      }
    }
    var seen = Set<Right>()
    return .rights(rights.filter { seen.insert($0).inserted })
  }

  /// SharingPermissionFlags (`Delegate, CanViewPrivateItems`) without `None`.
  static func sharingFlags(_ value: FieldValue?) -> [String] {
    guard let value else { return [] }
    var flags: [String] = []
    for item in value.items {
      guard let text = item.text, TypeNameCell.typeName(in: text) == nil else { continue }
      for token in text.split(whereSeparator: { $0 == "," || $0 == ";" || $0 == "|" }) {
        let flag = String(token.trimmingSpaces())
        if !flag.isEmpty && flag.lowercased() != "none" && !flags.contains(flag) { flags.append(flag) }
      }
    }
    return flags
  }
}
