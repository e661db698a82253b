import AuditModel

/// How the register documents one SendAs or SendOnBehalf grant (PRODUCT.md §7, in precedence order).
enum DocumentationStatus: Sendable {
  /// A row with ApprovedBy and ApprovedOn, not expired at as-of.
  case documented(RegisterIndex.Row)
  /// Only approved rows past their ExpiresOn; the one that expired last.
  case expired(RegisterIndex.Row)
  /// No row, or only rows lacking ApprovedBy or ApprovedOn (the first of them).
  case undocumented(incomplete: RegisterIndex.Row?)

  /// The status of a grant documented by these rows (in register order).
  static func of(_ rows: [RegisterIndex.Row], asOf: Int64) -> DocumentationStatus {
    let approved = rows.filter(\.isApproved)
    if let row = approved.first(where: { !$0.isExpired(at: asOf) }) { return .documented(row) }
    if let row = approved.max(by: { ($0.entry.expiresOn ?? 0) < ($1.entry.expiresOn ?? 0) }) {
      return .expired(row)
    }
    return .undocumented(incomplete: rows.first)
  }
}
