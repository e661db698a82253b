import AuditModel

/// Get-Mailbox / Get-EXOMailbox rows: identity forms, type, audit settings, GrantSendOnBehalfTo.
enum MailboxNormaliser {
  static let identityColumns = [
    "Name", "Alias", "DisplayName", "UserPrincipalName", "PrimarySmtpAddress", "WindowsEmailAddress",
    "ExternalDirectoryObjectId", "Guid", "ExchangeGuid", "ExchangeObjectId", "DistinguishedName",
    "LegacyExchangeDN", "Identity", "Id", "SamAccountName",
  ]

  static func consume(_ record: Record, into facts: inout FileFacts) {
    var forms: [String] = []
    for column in identityColumns {
      if let text = record.text(column) { forms.append(text) }
    }
    if let addresses = record["EmailAddresses"] {
      for item in addresses.items {
        if let text = item.text, TypeNameCell.typeName(in: text) == nil {
          forms += text.split(whereSeparator: { $0 == ";" || $0 == " " }).map(String.init)
        }
      }
    }
    let primary = (record.text("PrimarySmtpAddress", "WindowsEmailAddress", "UserPrincipalName"))
      .map { WellKnownIdentities.stripSMTPPrefix($0).lowercased() }
    guard !forms.isEmpty else {
      facts.reject(record, "row has no identity column (Name, Alias, UserPrincipalName, PrimarySmtpAddress)")
      return
    }
    let displayName = record.text("DisplayName", "Name", "Alias") ?? forms[0]
    let type = record.text("RecipientTypeDetails") ?? ""
    if WellKnownIdentities.isSystemMailbox(record.text("Name", "Alias", "Identity") ?? "")
      || type == "DiscoveryMailbox"
    {
      // Still an identity the resolver should know; counted as excluded from delegation scope.
      facts.mailboxes.append(
        RawMailbox(
          forms: forms, primaryAddress: primary, displayName: displayName, recipientTypeDetails: type,
          auditEnabled: nil, auditOwner: nil, auditDelegate: nil, auditAdmin: nil, sendOnBehalf: nil,
          location: record.location))
      facts.exclude(record, .systemMailbox, mailbox: displayName, trustee: "", rights: "")
      return
    }
    facts.mailboxes.append(
      RawMailbox(
        forms: forms, primaryAddress: primary, displayName: displayName, recipientTypeDetails: type,
        auditEnabled: BooleanParser.parse(record["AuditEnabled"]),
        auditOwner: list(record, "AuditOwner", &facts),
        auditDelegate: list(record, "AuditDelegate", &facts),
        auditAdmin: list(record, "AuditAdmin", &facts),
        sendOnBehalf: list(record, "GrantSendOnBehalfTo", &facts),
        sendOnBehalfExported: record["GrantSendOnBehalfTo"] != nil,
        location: record.location))
    facts.produced()
  }

  /// A multi-valued column as a list of names; nil when absent or lossy (noted).
  static func list(_ record: Record, _ column: String, _ facts: inout FileFacts) -> [String]? {
    guard let value = record[column] else { return nil }
    var names: [String] = []
    // Audit action lists repeat from mailbox to mailbox: each distinct text is split once.
    let cacheable = column != "GrantSendOnBehalfTo"
    for item in value.items {
      guard let text = item.text else { continue }
      if cacheable, let known = facts.actionLists[text] {
        names += known
        continue
      }
      if let typeName = TypeNameCell.typeName(in: text) {
        facts.noteLossy(record, column: column, typeName: typeName)
        return nil
      }
      let body = Substring(text).trimmingSpaces()
      let unbraced = body.hasPrefix("{") && body.hasSuffix("}") ? body.dropFirst().dropLast() : body
      // Delegate names hold spaces and commas; audit action names hold neither, and an action list
      // that ConvertTo-Json met beyond -Depth arrives joined by spaces (FORMATS.md §10.8).
      let separators: (Character) -> Bool
      if column == "GrantSendOnBehalfTo" {
        separators = { $0 == ";" }
      } else {
        separators = AccessRightsParser.isSeparator
      }
      var itemNames: [String] = []
      for part in unbraced.split(whereSeparator: separators) {
        let name = part.trimmingSpaces()
        if !name.isEmpty { itemNames.append(String(name)) }
      }
      if cacheable { facts.actionLists.remember(itemNames, for: text) }
      names += itemNames
    }
    return names
  }
}
