import AuditModel

/// Get-ADPermission rows (on-premises SendAs through the `Send-As` extended right).
enum ADPermissionNormaliser {
  static func consume(_ record: Record, into facts: inout FileFacts) {
    let mailbox = record.text("Identity") ?? ""
    let trustee = record.text("User") ?? ""
    guard !mailbox.isEmpty, !trustee.isEmpty else {
      facts.reject(record, "row has no \(mailbox.isEmpty ? "Identity" : "User") value")
      return
    }
    let extended = record["ExtendedRights"] ?? .null
    let extendedText = extended.text ?? ""
    let deny = BooleanParser.parse(record["Deny"]) ?? false
    let inherited = BooleanParser.parse(record["IsInherited"]) ?? false
    if let typeName = TypeNameCell.typeName(in: extendedText) {
      facts.noteLossy(record, column: "ExtendedRights", typeName: typeName)
      facts.reject(record, "ExtendedRights holds a .NET type name, not values (lossy export)")
      return
    }
    let rule: ExclusionRule? =
      WellKnownIdentities.isSelf(trustee)
      ? .selfPrincipal
      : deny
        ? .denyEntry
        : (inherited && WellKnownIdentities.isSystemPrincipal(trustee))
          ? .inheritedSystemPrincipal
          : !extendedText.lowercased().contains("send-as")
            ? .noDelegatedRight
            : nil
    if let rule {
      if rule == .denyEntry && extendedText.lowercased().contains("send-as") {
        // Kept so that the Deny can override an Allow of Send-As (FORMATS.md §10.9).
        facts.denies.append(
          RawGrant(
            mailbox: mailbox, trustee: trustee, trusteeSID: nil, right: .sendAs, folder: nil,
            isInherited: inherited, sharingFlags: [], location: record.location))
      }
      facts.exclude(record, rule, mailbox: mailbox, trustee: trustee, rights: extendedText)
      return
    }
    facts.grants.append(
      RawGrant(
        mailbox: mailbox, trustee: trustee, trusteeSID: nil, right: .sendAs, folder: nil,
        isInherited: inherited, sharingFlags: [], location: record.location))
    facts.produced()
  }
}
