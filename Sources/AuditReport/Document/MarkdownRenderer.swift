/// Renders a report document as GitHub-flavoured Markdown.
public enum MarkdownRenderer {
  public static func render(_ document: ReportDocument) -> String {
    var out = "# \(Escaping.markdown(document.title))\n"
    for block in document.blocks {
      out += "\n"
      switch block {
      case .heading(let level, let text, _):
        out += String(repeating: "#", count: min(max(level, 1), 6)) + " " + Escaping.markdown(text) + "\n"
      case .paragraph(let inlines):
        out += inline(inlines) + "\n"
      case .markdown(let markdown):
        out += markdown.hasSuffix("\n") ? markdown : markdown + "\n"
      case .bulletList(let items):
        for item in items { out += "- " + inline(item) + "\n" }
      case .table(let table):
        out += "| " + table.columns.map(cell).joined(separator: " | ") + " |\n"
        out += "|" + String(repeating: " --- |", count: table.columns.count) + "\n"
        for row in table.rows {
          out += "| " + row.map(cell).joined(separator: " | ") + " |\n"
        }
        if let note = table.note { out += "\n" + Escaping.markdown(note) + "\n" }
      case .pageBreak:
        out.removeLast()
      }
    }
    return out
  }

  static func inline(_ inlines: [ReportDocument.Inline]) -> String {
    inlines.map { item in
      switch item {
      case .markdown(let markdown): markdown
      case .text(let text): Escaping.markdown(text)
      case .code(let text): codeSpan(text)
      }
    }.joined()
  }

  /// A table cell: escaped, never empty (an empty cell renders as an em dash).
  static func cell(_ text: String) -> String {
    text.isEmpty ? "—" : Escaping.markdown(text)
  }

  /// A code span long enough to hold any backtick run in the text.
  static func codeSpan(_ text: String) -> String {
    var longest = 0
    var run = 0
    for c in text.unicodeScalars {
      run = c == "`" ? run + 1 : 0
      longest = max(longest, run)
    }
    let fence = String(repeating: "`", count: longest + 1)
    let clean = String(
      String.UnicodeScalarView(text.unicodeScalars.map { $0 == "\n" || $0 == "\r" ? " " : $0 }))
    return fence + " " + clean + " " + fence
  }
}
