import AuditModel

/// Takes one file's records as a reader emits them: detects the file's kind from the first
/// record, normalises each record into the file's facts, and keeps what the file-level notes need
/// (columns, `?` in ASCII text, the SendOnBehalf column). Records are not kept.
struct RecordSink {
  var kind: InputKind?
  var reason: String?
  /// True once the kind was given or detected (or found undetectable) from a record.
  private(set) var detected: Bool
  private(set) var sawRecord = false
  var facts: FileFacts
  /// Whether `?` in values may stand for lost characters (ASCII text, or CLIXML).
  let mayBeASCII: Bool
  private(set) var sawQuestionMark = false
  private(set) var firstColumns: [String]?
  private(set) var limitDiagnostics: [Diagnostic] = []
  private(set) var mailboxRecords = 0
  private(set) var sawSendOnBehalfColumn = false

  init(file: String, kindOverride: InputKind?, mayBeASCII: Bool, listsExcludedRows: Bool = true) {
    kind = kindOverride
    reason = kindOverride.map { _ in "given with --kind" }
    detected = kindOverride != nil
    facts = FileFacts(ledger: FileLedger(file: file, kind: kindOverride, serialisation: "", encoding: ""))
    facts.listsExcludedRows = listsExcludedRows
    self.mayBeASCII = mayBeASCII
  }

  mutating func consume(_ record: Record) {
    // A record beyond the limits is rejected before anything looks at it (kind detection included).
    if let violation = RecordLimits.violation(record) {
      facts.reject(record, violation)
      limitDiagnostics.append(
        Diagnostic(
          .error, at: record.location, violation,
          hint: "the file is corrupt or was not written by PowerShell; re-export it"))
      return
    }
    sawRecord = true
    if firstColumns == nil { firstColumns = record.fields.map(\.name) }
    if !detected {
      detected = true
      if let found = KindDetector.detect(columns: record.fields.map(\.name), typeNames: record.typeNames) {
        kind = found.kind
        reason = found.reason
        facts.ledger.kind = found.kind
      }
    }
    if mayBeASCII && !sawQuestionMark
      && record.fields.contains(where: { FileIngestor.hasQuestionMark($0.value) })
    {
      sawQuestionMark = true
    }
    if kind == .mailbox {
      mailboxRecords += 1
      if !sawSendOnBehalfColumn && record["GrantSendOnBehalfTo"] != nil { sawSendOnBehalfColumn = true }
    }
    if let kind {
      let before = facts.ledger.produced
      FileIngestor.normalise(record, kind: kind, into: &facts)
      // Only grant rows are merged by content across files (InventoryBuilder.removeDuplicateRows).
      if facts.ledger.produced > before && InventoryBuilder.grantKinds.contains(kind) {
        facts.producedRowHashes.append((record.location, FileIngestor.contentHash(record)))
      }
    } else {
      facts.reject(record, "the file's kind could not be detected")
    }
  }

  /// A sink for a later part of the same file: this one's kind, nothing taken yet.
  func continuation() -> RecordSink {
    var later = RecordSink(
      file: facts.ledger.file, kindOverride: kind, mayBeASCII: mayBeASCII,
      listsExcludedRows: facts.listsExcludedRows)
    later.reason = reason
    later.detected = detected
    later.firstColumns = firstColumns
    return later
  }

  /// Adds what a continuation took, as if this sink had taken those records itself.
  mutating func append(_ later: RecordSink) {
    sawRecord = sawRecord || later.sawRecord
    sawQuestionMark = sawQuestionMark || later.sawQuestionMark
    limitDiagnostics += later.limitDiagnostics
    mailboxRecords += later.mailboxRecords
    sawSendOnBehalfColumn = sawSendOnBehalfColumn || later.sawSendOnBehalfColumn
    facts.append(later.facts)
  }
}
