import AuditModel

/// Where a CSV file is split to be read in two parts at once.
public enum CSVSplit: Sendable {
  /// Files of `CSVSplitReader.minimumSize` and more, in the middle; smaller ones not at all.
  case automatic
  case never
  /// At the first line start at or after this byte offset (for tests).
  case at(Int)
}

/// Reads a CSV export into a record sink; a large one in two parts at the same time, one per core,
/// with the same outcome as reading it in one pass.
///
/// The second part starts at a line start past the middle, on the line the line feeds before it
/// give. That is a row start only if no quoted value spans it; the first part proves it: it reads
/// up to that offset and must stop exactly there, on that line. Otherwise the second part is
/// dropped and the first reads on to the end, as a single pass would.
enum CSVSplitReader {
  /// Below this size a file is read in one pass: splitting costs more than it saves.
  static let minimumSize = 32 << 20

  /// The reader's report, and in how many parts the rows were read (2 only when the parts joined).
  static func read(
    utf8: UnsafeBufferPointer<UInt8>, file: String, encoding: TextEncoding, into sink: inout RecordSink,
    split: CSVSplit
  ) -> (report: ReaderReport, parts: Int) {
    var report = ReaderReport(serialisation: .csv, encoding: encoding)
    guard var rows = CSVRowReader(utf8: utf8, file: file, report: &report) else { return (report, 1) }
    // The kind comes from the first record that is read: the second part needs it.
    while !sink.detected && !rows.atEnd {
      rows.read(rows: 1, into: &report) { sink.consume($0) }
    }
    guard sink.kind != nil, !rows.atEnd, let boundary = boundary(utf8, after: rows.scanner.offset, split)
    else {
      rows.read(into: &report) { sink.consume($0) }
      return (report, 1)
    }
    let first = Part(rows: rows, report: report, sink: sink)
    let second = Part(
      rows: rows, report: ReaderReport(serialisation: .csv, encoding: encoding), sink: sink.continuation())
    // `alongside`, not `concurrentPerform`: the file may itself be one of several read at once.
    _ = alongside({ second.read(from: boundary) }, { first.read(until: boundary) })
    rows = first.rows
    report = first.report
    sink = first.sink
    if !rows.stopped && rows.scanner.offset == boundary && rows.scanner.line == second.startLine {
      report.recordCount += second.report.recordCount
      report.rejected += second.report.rejected
      report.diagnostics += second.report.diagnostics
      sink.append(second.sink)
      return (report, 2)
    }
    // The boundary was inside a quoted value (or the file ends lines with bare CRs): read on, as a
    // single pass would; after a syntax problem that stopped the first part, nothing more is read.
    rows.read(into: &report) { sink.consume($0) }
    return (report, 1)
  }

  /// One part's reader, report and sink, each used by one job at a time.
  private final class Part: @unchecked Sendable {
    var rows: CSVRowReader
    var report: ReaderReport
    var sink: RecordSink
    /// The line the part started on.
    var startLine = 0

    init(rows: CSVRowReader, report: ReaderReport, sink: RecordSink) {
      self.rows = rows
      self.report = report
      self.sink = sink
    }

    func read(until limit: Int) {
      rows.read(until: limit, into: &report) { sink.consume($0) }
    }

    /// Reads from `boundary` to the end, starting on the line the line feeds before it give.
    func read(from boundary: Int) {
      let bytes = rows.scanner.bytes
      startLine = rows.scanner.line + lineFeeds(bytes, from: rows.scanner.offset, to: boundary)
      rows = rows.startingAt(offset: boundary, line: startLine)
      rows.read(into: &report) { sink.consume($0) }
    }
  }

  /// The offset of the line start where the second part begins; nil when the file is not split.
  static func boundary(_ utf8: UnsafeBufferPointer<UInt8>, after start: Int, _ split: CSVSplit) -> Int? {
    let target: Int
    switch split {
    case .never: return nil
    case .automatic:
      guard utf8.count - start >= minimumSize else { return nil }
      target = start + (utf8.count - start) / 2
    case .at(let offset): target = offset
    }
    var offset = max(target, start + 1)
    while offset < utf8.count && utf8[offset - 1] != CSVRecordReader.lineFeed { offset += 1 }
    return offset < utf8.count ? offset : nil
  }

  /// The line feeds in `utf8[start..<end]`.
  static func lineFeeds(_ utf8: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Int {
    var count = 0
    for index in start..<end where utf8[index] == CSVRecordReader.lineFeed { count += 1 }
    return count
  }
}
