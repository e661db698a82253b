import AuditModel

/// Get-RecipientPermission / Get-EXORecipientPermission rows (SendAs in Exchange Online).
enum RecipientPermissionNormaliser {
  static func consume(_ record: Record, into facts: inout FileFacts) {
    let mailbox = record.text("Identity", "Mailbox") ?? ""
    let trustee = record.text("Trustee", "User") ?? ""
    guard !mailbox.isEmpty, !trustee.isEmpty else {
      facts.reject(record, "row has no \(mailbox.isEmpty ? "Identity" : "Trustee") value")
      return
    }
    let rightsValue = record["AccessRights"] ?? .null
    let rightsText = rightsValue.text ?? ""
    let control = record["AccessControlType"]
    let deny = control?.text.map { $0 == "1" || $0.lowercased() == "deny" } ?? false
    let inherited = BooleanParser.parse(record["IsInherited"]) ?? false
    let rule: ExclusionRule? =
      WellKnownIdentities.isSystemMailbox(mailbox)
      ? .systemMailbox
      : WellKnownIdentities.isSelf(trustee)
        ? .selfPrincipal
        : deny
          ? .denyEntry
          : (inherited && WellKnownIdentities.isSystemPrincipal(trustee))
            ? .inheritedSystemPrincipal
            : nil
    if let rule {
      // Kept so that the Deny can override an Allow of the same right (FORMATS.md §10.9).
      let denied = facts.rights(rightsValue, integers: .recipientAccessRight)
      if rule == .denyEntry, case .rights(let rights) = denied {
        for right in rights {
          facts.denies.append(
            RawGrant(
              mailbox: mailbox, trustee: trustee, trusteeSID: nil, right: right, folder: nil,
              isInherited: inherited, sharingFlags: [], location: record.location))
        }
      }
      facts.exclude(record, rule, mailbox: mailbox, trustee: trustee, rights: rightsText)
      return
    }
    switch facts.rights(rightsValue, integers: .recipientAccessRight) {
    case .lossy(let typeName):
      facts.noteLossy(record, column: "AccessRights", typeName: typeName)
      facts.reject(record, "AccessRights holds a .NET type name, not values (lossy export)")
    case .rights(let rights):
      guard !rights.isEmpty else {
        facts.exclude(record, .noDelegatedRight, mailbox: mailbox, trustee: trustee, rights: rightsText)
        return
      }
      for right in rights {
        facts.grants.append(
          RawGrant(
            mailbox: mailbox, trustee: trustee, trusteeSID: nil, right: right, folder: nil,
            isInherited: inherited, sharingFlags: [], location: record.location))
      }
      facts.produced()
    }
  }
}
