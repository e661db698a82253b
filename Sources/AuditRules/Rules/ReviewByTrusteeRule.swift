import AuditModel

/// REVIEW_BY_TRUSTEE: the trustee of a FullAccess grant reviewed or approved their own access.
enum ReviewByTrusteeRule: Rule {
  static let code = FindingCode.reviewByTrustee

  static func findings(in context: EvaluationContext) -> [Finding] {
    context.grants(of: RightName.fullAccess).compactMap { index in
      guard case .byTrustee(let row, let asReviewer)? = context.review(ofGrantAt: index) else { return nil }
      let grant = context.inventory.grants[index]
      let act =
        asReviewer
        ? "reviewed by the trustee (ReviewedBy '\(row.entry.reviewedBy ?? "")')"
        : "approved by the trustee (ApprovedBy '\(row.entry.approvedBy ?? "")')"
      return finding(
        about: grant,
        "\(grant.key.trustee)'s FullAccess on \(grant.key.mailbox) was \(act) in \(row.entry.location)",
        evidence: [row.entry.location])
    }
  }
}
