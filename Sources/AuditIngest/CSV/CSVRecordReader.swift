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
    var report = ReaderReport(serialisation: .csv, encoding: encoding)
    guard var rows = CSVRowReader(utf8: utf8, file: file, report: &report) else { return report }
    rows.read(into: &report, emit: emit)
    return report
  }

  static func trimmed(_ text: String) -> String {
    var scalars = Substring(text)
    while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() }
    while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
    return String(scalars)
  }
}
