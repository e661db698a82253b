/// A JSON syntax error: what is wrong, where, and whether the input simply ends too early.
public struct JSONSyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The broad class of the error, which decides the hint shown to the user.
  public enum Kind: Sendable, Hashable {
    /// The input ends inside a value (unclosed string, object or array).
    case truncated
    /// A byte that JSON does not allow here (bad literal, missing comma or colon, garbage).
    case invalidSyntax
    /// Containers nested deeper than `JSONScanner.maxDepth`.
    case tooDeep
  }

  public var kind: Kind
  /// Lowercase, no trailing period, without the `invalid json:` prefix.
  public var message: String
  /// Byte offset of the error in the UTF-8 input.
  public var offset: Int
  /// 1-based line of the error, filled in when the error is reported.
  public var line: Int
  /// 1-based column of the error in UTF-8 bytes, filled in when the error is reported.
  public var column: Int

  public init(_ kind: Kind, _ message: String, offset: Int, line: Int = 0, column: Int = 0) {
    self.kind = kind
    self.message = message
    self.offset = offset
    self.line = line
    self.column = column
  }

  /// What the user can do about the error.
  public var hint: String {
    switch kind {
    case .truncated:
      "the file looks truncated; re-export with ConvertTo-Json -Depth 5 | Out-File -Encoding utf8 <file>"
    case .invalidSyntax:
      "the file is not valid JSON; re-export with ConvertTo-Json -Depth 5 | Out-File -Encoding utf8 <file>"
    case .tooDeep:
      "PowerShell never nests this deep; the file was not written by ConvertTo-Json"
    }
  }

  /// `line:col: invalid json: message`.
  public var description: String {
    "\(line):\(column): invalid json: \(message)"
  }
}
