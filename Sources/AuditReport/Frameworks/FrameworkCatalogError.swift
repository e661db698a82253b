/// A framework catalog file that cannot be used, naming the file and the field at fault.
///
/// Printed in compiler style: `frameworks/soc2.json: error: requirements[2] ("CC6.3").mappings[0].relationship: unknown relationship "strong" (expected one of …)`.
public struct FrameworkCatalogError: Error, Sendable, Hashable, CustomStringConvertible {
  public enum Code: String, Sendable, Hashable {
    /// The file is not valid UTF-8 JSON.
    case invalidJSON = "invalid-json"
    /// The file was written for a newer catalog format.
    case unsupportedSchemaVersion = "unsupported-schema-version"
    /// A field is missing, has the wrong type, is unknown, or holds an unknown keyword.
    case invalidField = "invalid-field"
    /// The catalog decodes but breaks a rule (id does not match the file name, duplicate ids, …).
    case invalidCatalog = "invalid-catalog"
  }

  public var code: Code
  /// The catalog file, relative to the templates folder (`frameworks/soc2.json`).
  public var file: String
  /// Where in the file, as a JSON path (`requirements[2] ("CC6.3").mappings[0].relationship`).
  public var path: String?
  /// 1-based line and byte column, known for JSON syntax errors.
  public var line: Int?
  public var column: Int?
  /// Lowercase, no trailing period.
  public var message: String

  public init(
    _ code: Code, file: String, path: String? = nil, line: Int? = nil, column: Int? = nil, _ message: String
  ) {
    self.code = code
    self.file = file
    self.path = path
    self.line = line
    self.column = column
    self.message = message
  }

  /// `file:line:col: error: path: message`, with the parts that are known.
  public var description: String {
    var text = file
    if let line {
      text += ":\(line)"
      if let column { text += ":\(column)" }
    }
    text += ": error: "
    if let path, !path.isEmpty { text += "\(path): " }
    return text + message
  }
}
