import AuditModel

/// What the register says about the review of one FullAccess grant (PRODUCT.md §7, in precedence order).
enum ReviewStatus: Sendable {
  /// The review decided `remove` and the grant is still present.
  case removalNotDone(RegisterIndex.Row)
  /// The trustee reviewed (or approved) their own access.
  case byTrustee(RegisterIndex.Row, asReviewer: Bool)
  /// No row, no LastReviewedOn, or a review that names no reviewer.
  case notReviewed(RegisterIndex.Row?)
  /// Reviewed, but longer ago than the review period; the age in days at as-of.
  case overdue(RegisterIndex.Row, days: Int64)
  /// Reviewed within the period by someone other than the trustee.
  case current(RegisterIndex.Row)

  /// The status of a FullAccess grant to `trustee` (match key), judged on its most recently
  /// reviewed row. A review with no outcome counts as keep.
  static func of(
    _ rows: [RegisterIndex.Row], trustee: IdentityTable.ID, asOf: Int64, reviewPeriodDays: Int
  ) -> ReviewStatus {
    guard var row = rows.first else { return .notReviewed(nil) }
    for candidate in rows.dropFirst()
    where (candidate.entry.lastReviewedOn ?? .min) > (row.entry.lastReviewedOn ?? .min) {
      row = candidate
    }
    if row.entry.reviewOutcome == .remove { return .removalNotDone(row) }
    if row.reviewerKey == trustee { return .byTrustee(row, asReviewer: true) }
    if row.approverKey == trustee { return .byTrustee(row, asReviewer: false) }
    guard let reviewed = row.entry.lastReviewedOn, row.reviewerKey != nil else { return .notReviewed(row) }
    let days = Day.of(asOf) - Day.of(reviewed)
    if days > Int64(reviewPeriodDays) { return .overdue(row, days: days) }
    return .current(row)
  }
}
