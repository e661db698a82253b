/// The unified audit log (FORMATS.md §7): ExchangeAdmin records as the Purview portal's new
/// Audit search exports them (CSV, newest first, AuditData as compact JSON), or as the Management
/// Activity API returns them (the AuditData objects themselves, one JSON object per line).
enum SampleAuditLogWriter {
  /// A compact JSON value, keys in the order Exchange writes them.
  indirect enum JSON: Sendable, Hashable {
    case string(String)
    case int(Int64)
    case bool(Bool)
    case array([JSON])
    case object([SampleAuditLogWriter.Member])

    func write(to out: inout String) {
      switch self {
      case .string(let text): SampleJSONWriter.string(text, layout: .powerShell7, into: &out)
      case .int(let number): out += String(number)
      case .bool(let flag): out += flag ? "true" : "false"
      case .array(let items):
        out += "["
        for (index, item) in items.enumerated() {
          if index > 0 { out += "," }
          item.write(to: &out)
        }
        out += "]"
      case .object(let members):
        out += "{"
        for (index, member) in members.enumerated() {
          if index > 0 { out += "," }
          SampleJSONWriter.string(member.key, layout: .powerShell7, into: &out)
          out += ":"
          member.value.write(to: &out)
        }
        out += "}"
      }
    }
  }

  /// One key and value of a JSON object.
  struct Member: Sendable, Hashable {
    var key: String
    var value: JSON
  }

  static let header =
    "RecordId,CreationDate,RecordType,Operation,UserId,AuditData,AssociatedAdminUnits,AssociatedAdminUnitsNames"

  /// The Purview export: UTF-8 with BOM, CRLF, newest first, quoted only where needed; the
  /// record delivered twice appears again a few rows further down, as overlapping pages do.
  static func purviewCSV(_ tenant: SampleTenant) -> String {
    var rows: [String] = []
    var duplicate: (row: String, at: Int)?
    for event in tenant.events.reversed() {
      var text = ""
      let data = auditData(event, tenant: tenant)
      data.write(to: &text)
      let row = [
        event.recordID, SampleClock.isoSevenDigits(event.time), "ExchangeAdmin", operation(event.action),
        event.actor,
        text, "", "",
      ].map { SampleCSVWriter.field($0, quoteAll: false) }.joined(separator: ",")
      rows.append(row)
      if event.duplicated { duplicate = (row, rows.count) }
    }
    if let duplicate { rows.insert(duplicate.row, at: min(rows.count, duplicate.at + 5)) }
    return ([header] + rows).map { $0 + "\r\n" }.joined()
  }

  /// The Management Activity API shape: one AuditData object per line, oldest first, LF.
  static func managementAPI(_ tenant: SampleTenant) -> String {
    var out = ""
    for event in tenant.events {
      for _ in 0..<(event.duplicated ? 2 : 1) {
        auditData(event, tenant: tenant).write(to: &out)
        out += "\n"
      }
    }
    return out
  }

  /// The cmdlet an action was logged as.
  static func operation(_ action: SampleEvent.Action) -> String {
    switch action {
    case .addMailboxPermission, .discoveryGrant: "Add-MailboxPermission"
    case .removeMailboxPermission: "Remove-MailboxPermission"
    case .addRecipientPermission: "Add-RecipientPermission"
    case .removeRecipientPermission: "Remove-RecipientPermission"
    case .setSendOnBehalf: "Set-Mailbox"
    case .addFolderPermission: "Add-MailboxFolderPermission"
    case .other(let operation, _, _): operation
    }
  }

  /// The AuditData object of an ExchangeAdmin record (FORMATS.md §7.3, §7.4).
  static func auditData(_ event: SampleEvent, tenant: SampleTenant) -> JSON {
    let principals = tenant.principals
    func identity(_ mailbox: Int) -> String {
      event.identityAsPath ? tenant.directoryPath(mailbox) : principals[mailbox].upn
    }
    func trustee(_ index: Int) -> String {
      let principal = principals[index]
      return principal.upn.isEmpty ? principal.name : principal.upn
    }
    var objectID: String
    var parameters: [SampleParameter]
    switch event.action {
    case .addMailboxPermission(let mailbox, let user):
      objectID = tenant.directoryPath(mailbox)
      parameters = [
        SampleParameter(name: "DomainController", value: ""),
        SampleParameter(name: "Identity", value: identity(mailbox)),
        SampleParameter(name: "User", value: trustee(user)),
        SampleParameter(name: "AccessRights", value: "FullAccess"),
        SampleParameter(name: "InheritanceType", value: "All"),
        SampleParameter(name: "AutoMapping", value: "False"),
      ]
    case .removeMailboxPermission(let mailbox, let user):
      objectID = tenant.directoryPath(mailbox)
      parameters = [
        SampleParameter(name: "Identity", value: identity(mailbox)),
        SampleParameter(name: "User", value: trustee(user)),
        SampleParameter(name: "AccessRights", value: "FullAccess"),
        SampleParameter(name: "InheritanceType", value: "All"),
        SampleParameter(name: "Confirm", value: "False"),
      ]
    case .addRecipientPermission(let mailbox, let user), .removeRecipientPermission(let mailbox, let user):
      objectID = tenant.directoryPath(mailbox)
      parameters = [
        SampleParameter(name: "Identity", value: identity(mailbox)),
        SampleParameter(name: "Trustee", value: trustee(user)),
        SampleParameter(name: "AccessRights", value: "SendAs"),
        SampleParameter(name: "Confirm", value: "False"),
      ]
    case .setSendOnBehalf(let mailbox, let delegates):
      objectID = tenant.directoryPath(mailbox)
      parameters = [
        SampleParameter(name: "Identity", value: principals[mailbox].upn),
        SampleParameter(
          name: "GrantSendOnBehalfTo",
          value: delegates.map { tenant.directoryPath($0) }.joined(separator: ";")),
      ]
    case .addFolderPermission(let mailbox, let user, let folder, let role):
      objectID = tenant.directoryPath(mailbox) + folder
      parameters = [
        SampleParameter(name: "Identity", value: "\(principals[mailbox].upn):\(folder)"),
        SampleParameter(name: "User", value: trustee(user)),
        SampleParameter(name: "AccessRights", value: role),
      ]
    case .other(let operation, let mailbox, let given):
      objectID = tenant.directoryPath(mailbox) + (operation == "New-InboxRule" ? "\\Newsletters" : "")
      parameters = given
    case .discoveryGrant(let mailbox):
      objectID = tenant.directoryPath(mailbox)
      parameters = [
        SampleParameter(name: "DomainController", value: ""),
        SampleParameter(name: "Identity", value: tenant.directoryPath(mailbox)),
        SampleParameter(
          name: "User",
          value:
            "\(tenant.forest)/Microsoft Exchange Hosted Organizations/\(tenant.tenantDomain)/Discovery Management"
        ),
        SampleParameter(name: "AccessRights", value: "FullAccess"),
      ]
    }
    let servers = [
      "AM6PR05MB4712 (15.20.8722.020)", "DB9PR05MB8876 (15.20.8769.011)", "VI1PR05MB6230 (15.20.8722.020)",
    ]
    return .object([
      Member(key: "CreationTime", value: .string(SampleClock.isoNoZone(event.time))),
      Member(key: "Id", value: .string(event.recordID)),
      Member(key: "Operation", value: .string(operation(event.action))),
      Member(key: "OrganizationId", value: .string(tenant.organisationID)),
      Member(key: "RecordType", value: .int(1)),
      Member(key: "ResultStatus", value: .string(event.failed ? "False" : "True")),
      Member(key: "UserKey", value: .string(userKey(event.actor))),
      Member(key: "UserType", value: .int(Int64(event.actorType))),
      Member(key: "Version", value: .int(1)),
      Member(key: "Workload", value: .string("Exchange")),
      Member(key: "ObjectId", value: .string(objectID)),
      Member(key: "UserId", value: .string(event.actor)),
      Member(key: "AppId", value: .string("")),
      Member(key: "ClientAppId", value: .string("")),
      Member(key: "ExternalAccess", value: .bool(event.actorType == 3)),
      Member(key: "OrganizationName", value: .string(tenant.tenantDomain)),
      Member(
        key: "OriginatingServer",
        value: .string(servers[Int(stableHash(event.recordID) % UInt64(servers.count))])),
      Member(
        key: "Parameters",
        value: .array(
          parameters.map {
            .object([
              Member(key: "Name", value: .string($0.name)), Member(key: "Value", value: .string($0.value)),
            ])
          })),
    ])
  }

  /// The actor's UserKey: a stable hexadecimal id derived from its name.
  static func userKey(_ actor: String) -> String {
    let digits = String(stableHash(actor) % 0xFF_FFFF_FFFF, radix: 16, uppercase: true)
    return "1003" + String(repeating: "0", count: max(0, 12 - digits.count)) + digits
  }

  /// FNV-1a over the UTF-8 bytes (Swift's Hasher is seeded per process, so it is not used).
  static func stableHash(_ text: String) -> UInt64 {
    var hash: UInt64 = 0xCBF2_9CE4_8422_2325
    for byte in text.utf8 {
      hash ^= UInt64(byte)
      hash &*= 0x100_0000_01B3
    }
    return hash
  }
}
