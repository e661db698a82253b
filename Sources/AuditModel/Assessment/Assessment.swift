/// The outcome of evaluating EXT-08: verdicts, findings and changes. Renderers only read it.
public struct Assessment: Sendable {
  public var asOf: Int64
  public var periodStart: Int64
  public var periodEnd: Int64
  public var results: [RequirementResult]
  /// Sorted, with ids assigned.
  public var findings: [Finding]
  public var changes: [ChangeRecord]

  public init(
    asOf: Int64, periodStart: Int64, periodEnd: Int64, results: [RequirementResult], findings: [Finding],
    changes: [ChangeRecord]
  ) {
    self.asOf = asOf
    self.periodStart = periodStart
    self.periodEnd = periodEnd
    self.results = results
    self.findings = findings
    self.changes = changes
  }
}
