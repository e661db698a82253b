/// A template that cannot be parsed or rendered, with the place in the template that caused it.
///
/// Printed as `name:line:col: error: message`, the message lowercase without a trailing period.
public struct MustacheError: Error, Sendable, Hashable, CustomStringConvertible {
  /// What went wrong, for callers that react differently to each kind.
  public enum Code: String, Sendable, Hashable {
    /// The template text is malformed: an unclosed tag or section, a mismatched end tag, a bad name.
    case syntax
    /// Partials or parents include each other deeper than the renderer allows.
    case partialRecursion
    /// Sections, blocks and partials nest deeper than the parser or renderer allows.
    case nestingTooDeep
    /// One rendering would produce more than the renderer allows (64 MiB).
    case outputTooLarge
    /// One rendering visits more template nodes than the renderer allows (1 million).
    case renderingTooLong
  }

  /// What went wrong.
  public let code: Code
  /// The name of the template or partial that holds the offending tag.
  public let templateName: String
  /// The 1-based line of the offending tag.
  public let line: Int
  /// The 1-based column of the offending tag, counted in Unicode scalars.
  public let column: Int
  /// A lowercase description without a trailing period.
  public let message: String

  /// An error at an explicit line and column.
  public init(code: Code, templateName: String, line: Int, column: Int, message: String) {
    self.code = code
    self.templateName = templateName
    self.line = line
    self.column = column
    self.message = message
  }

  /// An error at a byte offset of a template's source; line and column are computed here.
  init(_ code: Code, _ message: String, in source: MustacheSource, at offset: Int) {
    let (line, column) = source.lineAndColumn(ofByte: offset)
    self.init(
      code: code, templateName: source.name, line: line, column: column, message: message)
  }

  public var description: String {
    "\(templateName):\(line):\(column): error: \(message)"
  }
}
