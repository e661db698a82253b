import AuditModel

/// REVIEW_REMOVAL_NOT_DONE: a review decided `remove` and the FullAccess grant is still present.
enum ReviewRemovalNotDoneRule: Rule {
  static let code = FindingCode.reviewRemovalNotDone

  static func findings(in context: EvaluationContext) -> [Finding] {
    context.grants(of: RightName.fullAccess).compactMap { index in
      guard case .removalNotDone(let row)? = context.review(ofGrantAt: index) else { return nil }
      let grant = context.inventory.grants[index]
      var review = "a review"
      if let reviewed = row.entry.lastReviewedOn { review += " on \(DateParser.day(reviewed))" }
      if let reviewer = row.entry.reviewedBy, !reviewer.isEmpty { review += " by \(reviewer)" }
      return finding(
        about: grant,
        "\(review) (\(row.entry.location)) decided to remove \(grant.key.trustee)'s FullAccess on "
          + "\(grant.key.mailbox), but the grant is still present",
        evidence: [row.entry.location])
    }
  }
}
