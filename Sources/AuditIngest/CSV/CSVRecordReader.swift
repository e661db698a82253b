import AuditModel

/// Reads Export-Csv output: optional `#TYPE` line, `,` or `;`, quoted or not, CRLF or LF.
///
/// The scanner works on UTF-8 bytes; a `String` is made once per kept field. The header row names
/// the fields; every later row becomes one `Record`.
public enum CSVRecordReader {
  static let quote: UInt8 = 0x22  // "
  static let comma: UInt8 = 0x2C  // ,
  static let semicolon: UInt8 = 0x3B  // ;
  static let tab: UInt8 = 0x09
  static let lineFeed: UInt8 = 0x0A
  static let carriageReturn: UInt8 = 0x0D
  static let hash: UInt8 = 0x23  // #

  /// Reads the records of a CSV export (UTF-8 bytes, BOM already removed), calling `emit` for each.
  public static func read(
    utf8: [UInt8], file: String, encoding: TextEncoding, emit: (Record) -> Void
  ) -> ReaderReport {
    utf8.withUnsafeBufferPointer { read(utf8: $0, file: file, encoding: encoding, emit: emit) }
  }

  /// Reads the records of a CSV export from a buffer, calling `emit` for each.
  public static func read(
    utf8: UnsafeBufferPointer<UInt8>, file: String, encoding: TextEncoding, emit: (Record) -> Void
  ) -> ReaderReport {
    var scanner = CSVScanner(bytes: utf8)
    var report = ReaderReport(serialisation: .csv, encoding: encoding)
    if encoding == .windows1252 {
      report.diagnostics.append(TextEncoding.legacyCodePageDiagnostic(file: file))
    }
    report.typeName = scanner.skipTypeLine()
    let delimiter = scanner.detectDelimiter()
    report.delimiter = delimiter

    // Header.
    var cells: [CSVScanner.Cell] = []
    let headerLine = scanner.line
    guard scanner.nextRow(delimiter: delimiter, into: &cells) else {
      report.diagnostics.append(
        Diagnostic(
          .error, at: SourceLocation(file: file, line: max(1, headerLine), column: 1),
          "the file holds no header row",
          hint: "export again with Export-Csv; an empty file has no data"))
      return report
    }
    if let problem = scanner.problem {
      report.diagnostics.append(problem.diagnostic(file: file))
      return report
    }
    guard cells.count <= RecordLimits.maximumFields else {
      report.diagnostics.append(
        Diagnostic(
          .error, at: SourceLocation(file: file, line: max(1, headerLine), column: 1),
          "the header has \(cells.count) columns; no export has more than \(RecordLimits.maximumFields)",
          hint: "the file is not a PowerShell export, or it is corrupt; re-export it with Export-Csv"))
      return report
    }
    var columns: [String] = []
    for cell in cells {
      let name = scanner.string(cell) ?? ""
      columns.append(trimmed(name))
    }
    report.columns = columns

    // Rows.
    let typeNames = report.typeName.map { [$0] } ?? []
    var fields: [Field] = []
    fields.reserveCapacity(columns.count)
    while true {
      let rowLine = scanner.line
      guard scanner.nextRow(delimiter: delimiter, into: &cells) else { break }
      let location = SourceLocation(file: file, line: rowLine)
      if let problem = scanner.problem {
        report.recordCount += 1
        report.rejected.append(RejectedRow(location: location, reason: problem.message))
        report.diagnostics.append(problem.diagnostic(file: file))
        break
      }
      if cells.count == 1 && cells[0].length == 0 { continue }  // blank line
      report.recordCount += 1
      if cells.count != columns.count {
        let reason = "row has \(cells.count) fields but the header has \(columns.count)"
        report.rejected.append(RejectedRow(location: location, reason: reason))
        report.diagnostics.append(
          Diagnostic(
            .error, at: location, reason,
            hint: "the row was not written by Export-Csv as is; re-export the file"))
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
        let reason = "invalid UTF-8 in column \(invalidColumn)"
        report.rejected.append(RejectedRow(location: location, reason: reason))
        report.diagnostics.append(
          Diagnostic(
            .error, at: location, reason,
            hint: "save the file as UTF-8 (Export-Csv -Encoding UTF8) and run again"))
        continue
      }
      emit(Record(fields: fields, location: location, typeNames: typeNames))
    }
    return report
  }

  static func trimmed(_ text: String) -> String {
    var scalars = Substring(text)
    while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() }
    while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
    return String(scalars)
  }
}
