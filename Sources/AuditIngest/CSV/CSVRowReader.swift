import AuditModel

/// Reads the data rows of a CSV export after its header, from where it stands to a limit, so
/// that one large file can be read in parts (see `CSVSplitReader`).
struct CSVRowReader {
  var scanner: CSVScanner
  let file: String
  let columns: [String]
  let delimiter: UInt8
  let typeNames: [String]
  /// True once a syntax problem stopped the scan: nothing after it is read.
  private(set) var stopped = false
  private var cells: [CSVScanner.Cell] = []
  private var fields: [Field] = []

  /// Reads the `#TYPE` line, the delimiter and the header into `report`; nil when the file has no
  /// usable header (the reason is in `report.diagnostics`).
  init?(utf8: UnsafeBufferPointer<UInt8>, file: String, report: inout ReaderReport) {
    var scanner = CSVScanner(bytes: utf8)
    if report.encoding == .windows1252 {
      report.diagnostics.append(TextEncoding.legacyCodePageDiagnostic(file: file))
    }
    report.typeName = scanner.skipTypeLine()
    let delimiter = scanner.detectDelimiter()
    report.delimiter = delimiter

    var cells: [CSVScanner.Cell] = []
    let header = SourceLocation(file: file, line: max(1, scanner.line), column: 1)
    guard scanner.nextRow(delimiter: delimiter, into: &cells) else {
      report.diagnostics.append(
        Diagnostic(
          .error, at: header, "the file holds no header row",
          hint: "export again with Export-Csv; an empty file has no data"))
      return nil
    }
    if let problem = scanner.problem {
      report.diagnostics.append(problem.diagnostic(file: file))
      return nil
    }
    guard cells.count <= RecordLimits.maximumFields else {
      report.diagnostics.append(
        Diagnostic(
          .error, at: header,
          "the header has \(cells.count) columns; no export has more than \(RecordLimits.maximumFields)",
          hint: "the file is not a PowerShell export, or it is corrupt; re-export it with Export-Csv"))
      return nil
    }
    var columns: [String] = []
    for cell in cells {
      let name = scanner.string(cell) ?? ""
      columns.append(CSVRecordReader.trimmed(name))
    }
    report.columns = columns
    self.scanner = scanner
    self.file = file
    self.columns = columns
    self.delimiter = delimiter
    self.typeNames = report.typeName.map { [$0] } ?? []
    self.fields.reserveCapacity(columns.count)
  }

  /// A reader of the same file's rows from `offset`, a row start on line `line`.
  func startingAt(offset: Int, line: Int) -> CSVRowReader {
    var reader = self
    reader.scanner = CSVScanner(bytes: scanner.bytes, offset: offset, line: line)
    reader.stopped = false
    return reader
  }

  /// Whether the input ends here.
  var atEnd: Bool { stopped || scanner.offset >= scanner.bytes.count }

  /// Reads rows until the input ends, a syntax problem stops the scan, (with `limit`) the next row
  /// would start at or after `limit`, or (with `rows`) that many rows were read.
  mutating func read(
    until limit: Int? = nil, rows: Int = .max, into report: inout ReaderReport, emit: (Record) -> Void
  ) {
    var remaining = rows
    while !stopped && remaining > 0 {
      if let limit, scanner.offset >= limit { return }
      let rowLine = scanner.line
      guard scanner.nextRow(delimiter: delimiter, into: &cells) else { return }
      remaining -= 1
      let location = SourceLocation(file: file, line: rowLine)
      if let problem = scanner.problem {
        report.recordCount += 1
        report.rejected.append(RejectedRow(location: location, reason: problem.message))
        report.diagnostics.append(problem.diagnostic(file: file))
        stopped = true
        return
      }
      if cells.count == 1 && cells[0].length == 0 { continue }  // blank line
      report.recordCount += 1
      if cells.count != columns.count {
        Self.reject(
          at: location, "row has \(cells.count) fields but the header has \(columns.count)",
          hint: "the row was not written by Export-Csv as is; re-export the file", into: &report)
        continue
      }
      fields.removeAll(keepingCapacity: true)
      var invalidColumn: String?
      for (index, cell) in cells.enumerated() {
        guard let value = scanner.string(cell) else {
          // A header that was not UTF-8 either leaves the name empty: name the column by position.
          invalidColumn = columns[index].isEmpty ? "\(index + 1)" : columns[index]
          break
        }
        fields.append(Field(columns[index], .string(value)))
      }
      if let invalidColumn {
        Self.reject(
          at: location, "invalid UTF-8 in column \(invalidColumn)",
          hint: "save the file as UTF-8 (Export-Csv -Encoding UTF8) and run again", into: &report)
        continue
      }
      emit(Record(fields: fields, location: location, typeNames: typeNames))
    }
  }

  /// A row that could not be read: listed as rejected, with an error.
  private static func reject(
    at location: SourceLocation, _ reason: String, hint: String, into report: inout ReaderReport
  ) {
    report.rejected.append(RejectedRow(location: location, reason: reason))
    report.diagnostics.append(Diagnostic(.error, at: location, reason, hint: hint))
  }
}
