/// What the audit-log export covers: its time window, row count, and whether it hit the cap.
public struct AuditLogCoverage: Sendable, Hashable {
  /// UTC seconds of the earliest and latest record.
  public var earliest: Int64?
  public var latest: Int64?
  /// Rows read across all audit-log files (before de-duplication).
  public var rows: Int
  /// Unique records after de-duplication by record id.
  public var uniqueRecords: Int
  /// True when a file holds exactly 50,000 rows or a ResultCount above what was exported.
  public var possiblyTruncated: Bool

  public init(earliest: Int64?, latest: Int64?, rows: Int, uniqueRecords: Int, possiblyTruncated: Bool) {
    self.earliest = earliest
    self.latest = latest
    self.rows = rows
    self.uniqueRecords = uniqueRecords
    self.possiblyTruncated = possiblyTruncated
  }
}
