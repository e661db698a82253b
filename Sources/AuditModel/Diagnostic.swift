/// A problem found in an input, reported as a value and printed in compiler style.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
  public enum Level: String, Sendable, Hashable, Comparable {
    case error, warning, note

    private var rank: Int {
      switch self {
      case .error: 0
      case .warning: 1
      case .note: 2
      }
    }

    public static func < (lhs: Level, rhs: Level) -> Bool { lhs.rank < rhs.rank }
  }

  public var level: Level
  public var location: SourceLocation?
  /// Lowercase, no trailing period.
  public var message: String
  /// What the user can do about it, when there is something to do.
  public var hint: String?

  public init(_ level: Level, at location: SourceLocation?, _ message: String, hint: String? = nil) {
    self.level = level
    self.location = location
    self.message = message
    self.hint = hint
  }

  /// `file:line:col: error: message`, followed by the hint on its own line.
  public var description: String {
    var text = ""
    if let location { text += "\(location): " }
    text += "\(level.rawValue): \(message)"
    if let hint { text += "\n  hint: \(hint)" }
    return text
  }
}
