import AuditModel

/// How a file was serialised, as detected from its first bytes.
public enum Serialisation: String, Sendable, Hashable {
  case csv, json, clixml
}

/// What a reader learned about a file besides its records.
public struct ReaderReport: Sendable {
  public var serialisation: Serialisation
  public var encoding: TextEncoding
  /// CSV delimiter, when CSV.
  public var delimiter: UInt8?
  /// CSV header or, for JSON/CLIXML, the property names of the first record.
  public var columns: [String] = []
  /// `#TYPE` line of a CSV, or the first CLIXML type name.
  public var typeName: String?
  /// Records read, including the rejected ones: recordCount = emitted + rejected.count.
  public var recordCount = 0
  /// Records that could not be read (broken syntax, not an object), each with a reason.
  public var rejected: [RejectedRow] = []
  public var diagnostics: [Diagnostic] = []

  public init(serialisation: Serialisation, encoding: TextEncoding, delimiter: UInt8? = nil) {
    self.serialisation = serialisation
    self.encoding = encoding
    self.delimiter = delimiter
  }
}
