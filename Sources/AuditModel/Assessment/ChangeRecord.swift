/// One delegation change and how it reconciles: baseline diff and audit-log events side by side.
public struct ChangeRecord: Sendable, Hashable, Comparable {
  public enum Source: String, Sendable, Hashable {
    /// Seen as a difference between the baseline and this snapshot.
    case snapshot
    /// Seen as an audit-log event.
    case auditLog = "audit-log"
  }

  public var source: Source
  public var change: AuditEvent.Change
  public var mailbox: String
  public var trustee: String
  public var right: String
  public var folder: String?
  /// UTC seconds of the event; nil for snapshot differences.
  public var time: Int64?
  public var recordID: String?
  /// `approved`, `unapproved`, `logged`, `unlogged`, `not-applicable`, with the matching register row or event.
  public var reconciliation: String
  public var evidence: [SourceLocation]

  public init(
    source: Source, change: AuditEvent.Change, mailbox: String, trustee: String, right: String,
    folder: String? = nil, time: Int64? = nil, recordID: String? = nil, reconciliation: String,
    evidence: [SourceLocation]
  ) {
    self.source = source
    self.change = change
    self.mailbox = mailbox
    self.trustee = trustee
    self.right = right
    self.folder = folder
    self.time = time
    self.recordID = recordID
    self.reconciliation = reconciliation
    self.evidence = evidence
  }

  public static func < (lhs: ChangeRecord, rhs: ChangeRecord) -> Bool {
    (lhs.time ?? 0, lhs.mailbox, lhs.trustee, lhs.right, lhs.recordID ?? "")
      < (rhs.time ?? 0, rhs.mailbox, rhs.trustee, rhs.right, rhs.recordID ?? "")
  }
}
