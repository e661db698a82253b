import AuditModel

/// FULLACCESS_NOT_REVIEWED: a FullAccess grant with no review record.
enum FullAccessNotReviewedRule: Rule {
  static let code = FindingCode.fullAccessNotReviewed

  static func findings(in context: EvaluationContext) -> [Finding] {
    context.grants(of: RightName.fullAccess).compactMap { index in
      guard case .notReviewed(let row)? = context.review(ofGrantAt: index) else { return nil }
      let grant = context.inventory.grants[index]
      let subject = "\(grant.key.trustee) holds FullAccess on \(grant.key.mailbox)"
      guard let row else {
        return finding(about: grant, "\(subject) with no register row, so no review is recorded")
      }
      let reason =
        if let reviewed = row.entry.lastReviewedOn {
          "its review on \(DateParser.day(reviewed)) (\(row.entry.location)) names no reviewer"
        } else {
          "its register row (\(row.entry.location)) has no LastReviewedOn"
        }
      return finding(about: grant, "\(subject), but \(reason)", evidence: [row.entry.location])
    }
  }
}
