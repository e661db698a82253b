/// One element of a parsed template; the parser builds a tree of these once, the renderer walks it.
///
/// Text never spans lines: every template line that survives standalone-tag removal starts with a
/// `lineStart` marker, where the renderer writes the current indentation (standalone partials
/// indent every line they render).
enum MustacheNode: Sendable {
  /// Literal template text, at most one line, ending with its newline if it has one.
  case text(String)
  /// The start of a template line: the renderer writes the current indentation here.
  case lineStart
  /// `{{name}}` (escaped) or `{{{name}}}` / `{{& name}}` (raw).
  case variable(MustacheName, escaped: Bool)
  /// `{{#name}}…{{/name}}`, or `{{^name}}…{{/name}}` when inverted.
  case section(MustacheName, inverted: Bool, children: [MustacheNode])
  /// `{{> name}}`; `indentation` is set when the tag stands alone on its line.
  case partial(name: String, indentation: String?, offset: Int)
  /// `{{< name}}…{{/name}}`: a partial whose blocks are replaced by the ones given inside it.
  case parent(
    name: String, indentation: String?, overrides: [String: [MustacheNode]], offset: Int)
  /// `{{$ name}}…{{/name}}`: overridable content, rendered re-indented at the place it appears.
  case block(MustacheBlock)
}

/// A `{{$name}}` block: its default content and how to indent whatever content fills it.
struct MustacheBlock: Sendable {
  /// The block name, looked up among the overrides of enclosing parents.
  let name: String
  /// Whether the opening tag stands alone on its line; then the first line of content is indented too.
  let standalone: Bool
  /// Indentation added to the block's content lines, relative to the enclosing block.
  var indentation: String
  /// The default content, with the block's own indentation removed from its lines.
  let children: [MustacheNode]
}

/// A tag name split on periods: `person.name` is `["person", "name"]`, the implicit iterator `.` is `[]`.
struct MustacheName: Sendable, Hashable {
  /// The parts to resolve in order; empty for `.`.
  let components: [String]

  /// Parses a tag's trimmed content, rejecting empty parts such as `a..b` or `.a`.
  init?(_ text: String) {
    if text == "." {
      components = []
      return
    }
    let parts = text.split(separator: ".", omittingEmptySubsequences: false)
    guard !parts.contains(where: \.isEmpty) else { return nil }
    components = parts.map(String.init)
  }
}
