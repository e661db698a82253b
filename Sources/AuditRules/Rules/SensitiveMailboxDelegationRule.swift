import AuditModel

/// SENSITIVE_MAILBOX_DELEGATION: a delegation on a mailbox the policy lists as sensitive; one per
/// grant. Folder roles that show only free/busy (None, AvailabilityOnly) are not delegation.
enum SensitiveMailboxDelegationRule: Rule {
  static let code = FindingCode.sensitiveMailboxDelegation

  static func findings(in context: EvaluationContext) -> [Finding] {
    guard !context.sensitiveMailboxes.isEmpty else { return [] }
    return context.inventory.grants.indices.compactMap { index in
      let grant = context.inventory.grants[index]
      guard context.sensitiveMailboxes.contains(context.grantKeys[index].mailbox),
        grant.key.folder == nil || FolderRole.isDelegation(grant.key.right.name)
      else { return nil }
      return finding(
        about: grant,
        "\(grant.key.trustee) holds \(grant.key.right) on \(grant.key.mailbox)\(Messages.folder(grant)), "
          + "a mailbox the policy lists as sensitive")
    }
  }
}
