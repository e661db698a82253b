import AuditModel

/// Get-User / Get-Recipient / Entra ID user exports: identity forms, principal kind, account state.
enum DirectoryNormaliser {
  static let identityColumns = [
    "UserPrincipalName", "PrimarySmtpAddress", "WindowsEmailAddress", "Mail", "DisplayName", "Name", "Alias",
    "MailNickname", "SamAccountName", "Sid", "ExternalDirectoryObjectId", "Id", "ObjectId", "Guid",
    "ExchangeObjectId", "DistinguishedName", "LegacyExchangeDN", "Identity",
  ]

  static func consume(_ record: Record, into facts: inout FileFacts) {
    var forms: [String] = []
    for column in identityColumns {
      guard let text = record.text(column), TypeNameCell.typeName(in: text) == nil else { continue }
      let form = String(Substring(text).trimmingSpaces())
      if !form.isEmpty && !forms.contains(form) { forms.append(form) }
    }
    guard !forms.isEmpty else {
      facts.reject(
        record, "row has no identity column (UserPrincipalName, PrimarySmtpAddress, Name, Sid, Id)")
      return
    }
    let primary = record.text("PrimarySmtpAddress", "WindowsEmailAddress", "UserPrincipalName", "Mail")
      .map { WellKnownIdentities.stripSMTPPrefix(String(Substring($0).trimmingSpaces())).lowercased() }
      .flatMap { $0.contains("@") ? $0 : nil }
    let enabled: Bool?
    if let disabled = BooleanParser.parse(record["AccountDisabled"]) {
      enabled = !disabled
    } else if let accountEnabled = BooleanParser.parse(record["AccountEnabled"] ?? record["Enabled"]) {
      enabled = accountEnabled
    } else if let blocked = BooleanParser.parse(record["BlockCredential"]) {
      enabled = !blocked
    } else {
      enabled = nil
    }
    facts.directory.append(
      RawDirectoryEntry(
        forms: forms, primaryAddress: primary,
        displayName: record.text("DisplayName", "Name", "Alias") ?? forms[0],
        kind: kind(record, id: primary ?? forms[0]), enabled: enabled, location: record.location))
    facts.produced()
  }

  /// Group, guest, shared mailbox, external or user, from RecipientType(Details) and Entra UserType.
  static func kind(_ record: Record, id: String) -> Principal.Kind {
    let userType = record.text("UserType") ?? ""
    let details = record.text("RecipientTypeDetails") ?? ""
    let type = record.text("RecipientType") ?? ""
    if userType.lowercasedEquals("guest") || WellKnownIdentities.isGuest(id)
      || details.lowercasedContains("guest")
    {
      return .guest
    }
    for text in [details, type] where !text.isEmpty {
      if text.lowercasedContains("group") { return .group }
      if text.lowercasedEquals("user") || text.lowercasedEquals("disableduser")
        || text.lowercasedEquals("linkeduser")
      {
        return .user
      }
      return InventoryBuilder.kind(recipientTypeDetails: text, id: id)
    }
    return .user
  }
}
