import AuditModel

/// TRUSTEE_UNRESOLVED_SID: a grant to a SID that resolves to no account (an orphaned entry).
enum TrusteeUnresolvedSIDRule: Rule {
  static let code = FindingCode.trusteeUnresolvedSID

  static func findings(in context: EvaluationContext) -> [Finding] {
    context.inventory.grants.indices.compactMap { index in
      guard context.trustee(at: index, is: .unresolvedSID) else { return nil }
      let grant = context.inventory.grants[index]
      return finding(
        about: grant,
        "\(grant.key.right) on \(grant.key.mailbox)\(Messages.folder(grant)) is granted to "
          + "\(grant.key.trustee), a SID that resolves to no account (deleted or orphaned); remove the entry")
    }
  }
}
