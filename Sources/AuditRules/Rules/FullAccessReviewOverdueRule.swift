import AuditModel

/// FULLACCESS_REVIEW_OVERDUE: a FullAccess grant last reviewed longer ago than the review period.
enum FullAccessReviewOverdueRule: Rule {
  static let code = FindingCode.fullAccessReviewOverdue

  static func findings(in context: EvaluationContext) -> [Finding] {
    context.grants(of: RightName.fullAccess).compactMap { index in
      guard case .overdue(let row, let days)? = context.review(ofGrantAt: index) else { return nil }
      let grant = context.inventory.grants[index]
      let reviewed = row.entry.lastReviewedOn.map(DateParser.day) ?? "?"
      return finding(
        about: grant,
        "\(grant.key.trustee)'s FullAccess on \(grant.key.mailbox) was last reviewed on \(reviewed), "
          + "\(days) days before \(DateParser.day(context.asOf)) (review period \(context.policy.reviewPeriodDays) days)",
        evidence: [row.entry.location])
    }
  }
}
