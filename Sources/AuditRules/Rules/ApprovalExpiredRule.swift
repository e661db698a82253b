import AuditModel

/// APPROVAL_EXPIRED: a SendAs or SendOnBehalf grant whose only approvals are past ExpiresOn.
enum ApprovalExpiredRule: Rule {
  static let code = FindingCode.approvalExpired

  static func findings(in context: EvaluationContext) -> [Finding] {
    (context.grants(of: RightName.sendAs) + context.grants(of: RightName.sendOnBehalf)).compactMap { index in
      guard case .expired(let row)? = context.documentation(ofGrantAt: index) else { return nil }
      let grant = context.inventory.grants[index]
      let expired = row.entry.expiresOn.map(DateParser.day) ?? "?"
      return finding(
        about: grant,
        "the approval of \(grant.key.trustee)'s \(grant.key.right) on \(grant.key.mailbox) expired on \(expired) "
          + "(\(row.entry.location)), and the grant is still present",
        evidence: [row.entry.location])
    }
  }
}
