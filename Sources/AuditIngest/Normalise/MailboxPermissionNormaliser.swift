import AuditModel

/// Get-MailboxPermission / Get-EXOMailboxPermission rows (and the REST `PermissionList` shape).
enum MailboxPermissionNormaliser {
  static func consume(_ record: Record, into facts: inout FileFacts) {
    let mailbox = record.text("Identity", "MailboxIdentity", "Mailbox") ?? ""
    let trustee = record.text("User", "Trustee") ?? ""
    guard !mailbox.isEmpty, !trustee.isEmpty else {
      facts.reject(record, "row has no \(mailbox.isEmpty ? "Identity" : "User") value")
      return
    }
    let accessRightsColumn =
      record.fields.first { $0.name.lowercasedHasSuffix("accessrights") }?.name ?? "AccessRights"
    // Consecutive rows are of one mailbox, and a file names few trustees many times: each is
    // classified once.
    let isSystemMailbox = facts.lastSystemMailboxAnswer.answer(
      for: mailbox, WellKnownIdentities.isSystemMailbox)
    let trusteeClass = facts.trusteeClasses.value(for: trustee, make: TrusteeClass.init)
    var produced = false
    var firstRule: ExclusionRule?
    var sawLossy = false
    // The ACEs' rights texts joined by "; ": a CSV row's own text, not a copy of it.
    var rightsText = ""
    func consume(ace: FieldValue, position: Int) {
      let rightsValue = ace[accessRightsColumn] ?? ace["AccessRights"] ?? .null
      rightsText = position == 0 ? rightsValue.text ?? "" : rightsText + "; " + (rightsValue.text ?? "")
      let deny = BooleanParser.parse(ace["Deny"]) ?? false
      let inherited = BooleanParser.parse(ace["IsInherited"]) ?? false
      if isSystemMailbox {
        firstRule = firstRule ?? .systemMailbox
        return
      }
      if trusteeClass.isSelf {
        firstRule = firstRule ?? .selfPrincipal
        return
      }
      if deny {
        firstRule = firstRule ?? .denyEntry
        // Kept so that the Deny can override an Allow of the same right (FORMATS.md §10.9).
        if case .rights(let rights) = facts.rights(rightsValue, integers: .mailboxRights) {
          for right in rights where right != .sendAs {
            facts.denies.append(
              RawGrant(
                mailbox: mailbox, trustee: trustee, trusteeSID: record.text("UserSid"), right: right,
                folder: nil, isInherited: inherited, sharingFlags: [], location: record.location))
          }
        }
        return
      }
      if inherited && trusteeClass.isSystemPrincipal {
        firstRule = firstRule ?? .inheritedSystemPrincipal
        return
      }
      // A cell left blank (a heterogeneous append, FORMATS.md §10.4) says nothing about the rights.
      if isBlank(rightsValue) { return }
      switch facts.rights(rightsValue, integers: .mailboxRights) {
      case .lossy(let typeName):
        facts.noteLossy(record, column: accessRightsColumn, typeName: typeName)
        sawLossy = true
      case .rights(let parsed):
        // The MailboxRights SendAs bit is not how Send-As is granted (FORMATS.md §10.15): Send-As
        // comes from Get-RecipientPermission or Get-ADPermission only.
        let rights = parsed.filter { $0 != .sendAs }
        if rights.count < parsed.count { noteSendAsBit(record, into: &facts) }
        if rights.isEmpty {
          firstRule = firstRule ?? .noDelegatedRight
          return
        }
        for right in rights {
          facts.grants.append(
            RawGrant(
              mailbox: mailbox, trustee: trustee, trusteeSID: record.text("UserSid"), right: right,
              folder: nil, isInherited: inherited, sharingFlags: [], location: record.location))
        }
        produced = true
      }
    }
    // REST shape: one record per User, ACEs in PermissionList; otherwise the record is the ACE.
    if let list = record["PermissionList"] {
      for (position, ace) in list.items.enumerated() { consume(ace: ace, position: position) }
    } else {
      consume(ace: .object(record.fields), position: 0)
    }
    if produced {
      facts.produced()
    } else if let firstRule {
      facts.exclude(
        record, firstRule, mailbox: mailbox, trustee: trustee, rights: rightsText)
    } else if sawLossy {
      facts.reject(record, "AccessRights holds a .NET type name, not values (lossy export)")
    } else {
      facts.reject(record, "row has no AccessRights value")
    }
  }

  /// What a trustee is, as far as the exclusion rules ask.
  struct TrusteeClass: Sendable {
    var isSelf: Bool
    var isSystemPrincipal: Bool

    init(_ trustee: String) {
      isSelf = WellKnownIdentities.isSelf(trustee)
      isSystemPrincipal = WellKnownIdentities.isSystemPrincipal(trustee)
    }
  }

  /// A value that says nothing: null, empty text, or a list of such.
  static func isBlank(_ value: FieldValue) -> Bool {
    switch value {
    case .null: true
    case .string(let text): Substring(text).trimmingSpaces().isEmpty
    case .list(let items): items.allSatisfy(isBlank)
    case .enumeration(let name, let number): Substring(name).trimmingSpaces().isEmpty && number == nil
    case .object: Substring(value.text ?? "").trimmingSpaces().isEmpty
    case .number, .bool: false
    }
  }

  static let sendAsBitMessage =
    "AccessRights SendAs in a mailbox permission is the MailboxRights bit, not the Send-As right;"
    + " it is not counted as a SendAs grant"

  /// Notes once per file that the SendAs bit was left out.
  static func noteSendAsBit(_ record: Record, into facts: inout FileFacts) {
    guard !facts.diagnostics.contains(where: { $0.message == sendAsBitMessage }) else { return }
    facts.diagnostics.append(
      Diagnostic(
        .note, at: record.location, sendAsBitMessage,
        hint:
          "Send-As is read from Get-RecipientPermission (Exchange Online) or Get-ADPermission (on-premises)"))
  }
}
