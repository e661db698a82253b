import AuditModel

/// Phrases several rules' messages share.
enum Messages {
  /// `ApprovedBy`, `ApprovedOn` or `ApprovedBy and ApprovedOn`: what an unapproved row lacks.
  static func missingApproval(_ row: RegisterIndex.Row) -> String {
    let noApprover = (row.entry.approvedBy.map { Substring($0).trimmingSpaces().isEmpty }) ?? true
    let noDate = row.entry.approvedOn == nil
    switch (noApprover, noDate) {
    case (true, true): return "ApprovedBy and ApprovedOn"
    case (true, false): return "ApprovedBy"
    default: return "ApprovedOn"
    }
  }

  /// `1 mailbox`, `2 mailboxes`: a count with its noun.
  static func count(_ n: Int, _ singular: String, _ plural: String? = nil) -> String {
    "\(n) \(n == 1 ? singular : plural ?? singular + "s")"
  }
}

extension Messages {
  /// ` (\Calendar)` for a folder grant, empty for a mailbox-level grant.
  static func folder(_ grant: Grant) -> String { grant.key.folder.map { " (\($0))" } ?? "" }
}
