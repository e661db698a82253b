/// Where a value came from: a file and a line/column, or a record index / element path.
public struct SourceLocation: Sendable, Hashable, Comparable, CustomStringConvertible {
  /// The file's path relative to the input argument it was found under.
  public var file: String
  /// 1-based line, or 0 when the format has no lines (a JSON record index is in `path`).
  public var line: Int
  /// 1-based column, or 0 when unknown.
  public var column: Int
  /// A record index or element path (`[12]`, `/Objs/Obj[3]`) for formats where a line is not enough.
  public var path: String?

  public init(file: String, line: Int = 0, column: Int = 0, path: String? = nil) {
    self.file = file
    self.line = line
    self.column = column
    self.path = path
  }

  /// `file:line:col` in compiler style; the path is appended in brackets when present.
  public var description: String {
    var text = file
    if line > 0 {
      text += ":\(line)"
      if column > 0 { text += ":\(column)" }
    }
    if let path, !path.isEmpty { text += " (\(path))" }
    return text
  }

  public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
    if lhs.file != rhs.file { return lhs.file < rhs.file }
    if lhs.line != rhs.line { return lhs.line < rhs.line }
    if lhs.column != rhs.column { return lhs.column < rhs.column }
    return (lhs.path ?? "") < (rhs.path ?? "")
  }
}
