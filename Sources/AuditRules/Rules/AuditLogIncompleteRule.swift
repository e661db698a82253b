import AuditModel

/// AUDIT_LOG_INCOMPLETE: the audit-log export does not cover the period (one day of slack at each
/// end), holds no records, or may have hit the 50,000-row cap. One finding naming every gap.
enum AuditLogIncompleteRule: Rule {
  static let code = FindingCode.auditLogIncomplete
  static let slack = Day.seconds

  static func findings(in context: EvaluationContext) -> [Finding] {
    guard let coverage = context.inventory.auditLogCoverage else { return [] }
    let problems = gaps(coverage, start: context.periodStart, end: context.periodEnd)
    guard !problems.isEmpty else { return [] }
    let evidence = context.inventory.ledgers.filter { $0.kind == .auditLog }.map {
      SourceLocation(file: $0.file)
    }
    return [
      finding(
        mailbox: nil, trustee: nil, right: nil,
        message: "the audit log does not cover the period \(DateParser.iso(context.periodStart)) to "
          + "\(DateParser.iso(context.periodEnd)): \(problems.joined(separator: "; "))",
        evidence: evidence)
    ]
  }

  /// Each way the coverage falls short of `start … end`, as a clause.
  static func gaps(_ coverage: AuditLogCoverage, start: Int64, end: Int64) -> [String] {
    var problems: [String] = []
    if let earliest = coverage.earliest, let latest = coverage.latest {
      if earliest > start + slack { problems.append("its earliest record is \(DateParser.iso(earliest))") }
      if latest < end - slack { problems.append("its latest record is \(DateParser.iso(latest))") }
    } else {
      problems.append("it holds no records")
    }
    if coverage.possiblyTruncated {
      problems.append(
        "it may be truncated (\(coverage.rows) rows read: a file holds 50,000 rows or fewer than its ResultCount); "
          + "time-slice the search")
    }
    return problems
  }
}
