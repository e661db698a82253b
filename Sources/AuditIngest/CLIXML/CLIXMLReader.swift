import AuditModel

/// Placeholder until the streaming CLIXML reader lands.
public enum CLIXMLReader {
  public static func read(bytes: [UInt8], file: String, emit: (Record) -> Void) -> ReaderReport {
    var report = ReaderReport(serialisation: .clixml, encoding: .utf8)
    report.diagnostics.append(Diagnostic(.error, at: SourceLocation(file: file), "clixml input is not supported yet"))
    return report
  }
}
