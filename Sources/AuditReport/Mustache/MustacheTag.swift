/// A tag as the scanner read it, held until its line ends and standalone status is known.
struct MustacheTag: Sendable {
  /// What a tag does, from the sigil after its opening delimiter.
  enum Kind: Sendable, Equatable {
    /// `{{name}}`, HTML-escaped.
    case variable
    /// `{{{name}}}` or `{{& name}}`, written raw.
    case unescaped
    /// `{{# name}}`.
    case section
    /// `{{^ name}}`.
    case invertedSection
    /// `{{/ name}}`, ending a section, inverted section, parent or block.
    case close
    /// `{{! … }}`.
    case comment
    /// `{{> name}}`.
    case partial
    /// `{{< name}}`.
    case parent
    /// `{{$ name}}`.
    case block
    /// `{{=<% %>=}}`.
    case setDelimiters

    /// Whether the tag opens something a `close` tag must end.
    var opensContainer: Bool {
      self == .section || self == .invertedSection || self == .parent || self == .block
    }

    /// Whether the tag writes its value where it stands, which keeps its line from being standalone.
    var interpolates: Bool {
      self == .variable || self == .unescaped
    }
  }

  /// What the tag does.
  let kind: Kind
  /// The tag's content with padding trimmed; empty for comments and set-delimiter tags.
  let name: String
  /// Byte offset of the opening delimiter.
  let start: Int
  /// Byte offset just past the closing delimiter.
  let end: Int
  /// Byte offset where the tag's line begins.
  let lineStart: Int
  /// Whether only spaces and tabs precede the tag on its line.
  let precededByIndentationOnly: Bool
  /// For a `close` tag: whether it ends a parent (parents do not count against standalone lines).
  let closesParent: Bool
  /// Whether the tag's line holds nothing but tags and indentation, and so is removed.
  var standalone = false
  /// For a standalone tag: byte offset just past its line's newline (or the end of the template).
  var lineEnd = 0
  /// For a standalone tag: the spaces and tabs that begin its line.
  var lineIndentation = ""
}
