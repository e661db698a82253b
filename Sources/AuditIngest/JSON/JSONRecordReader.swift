import AuditModel

/// Placeholder until the streaming JSON reader lands.
public enum JSONRecordReader {
  public static func read(
    utf8: [UInt8], file: String, encoding: TextEncoding, emit: (Record) -> Void
  ) -> ReaderReport {
    var report = ReaderReport(serialisation: .json, encoding: encoding)
    report.diagnostics.append(Diagnostic(.error, at: SourceLocation(file: file), "json input is not supported yet"))
    return report
  }
}
