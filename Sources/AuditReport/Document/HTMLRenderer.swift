import AuditModel
import CCmark

/// Renders a report document as one self-contained HTML page (inline CSS, no script, no URL).
public enum HTMLRenderer {
  public static func render(_ document: ReportDocument, css: String) -> String {
    var body = ""
    for block in document.blocks {
      switch block {
      case .heading(let level, let text, let anchor):
        let l = min(max(level, 1), 6)
        body += "<h\(l) id=\"\(Escaping.html(anchor))\">\(Escaping.html(text))</h\(l)>\n"
      case .paragraph(let inlines):
        body += markdownToHTML(MarkdownRenderer.inline(inlines))
      case .markdown(let markdown):
        body += markdownToHTML(markdown)
      case .bulletList(let items):
        body += "<ul>\n"
        for item in items {
          body += "<li>" + stripParagraph(markdownToHTML(MarkdownRenderer.inline(item))) + "</li>\n"
        }
        body += "</ul>\n"
      case .table(let table):
        body += "<div class=\"table-wrap\"><table>\n<thead><tr>"
        for column in table.columns { body += "<th scope=\"col\">\(Escaping.html(column))</th>" }
        body += "</tr></thead>\n<tbody>\n"
        for row in table.rows {
          body += "<tr>"
          for (index, cell) in row.enumerated() {
            body +=
              "<td\(cellClass(cell, isVerdict: index == table.verdictColumn))>\(Escaping.html(cell))</td>"
          }
          body += "</tr>\n"
        }
        body += "</tbody></table></div>\n"
        if let note = table.note { body += "<p class=\"note\">\(Escaping.html(note))</p>\n" }
      case .pageBreak:
        body += "<div class=\"page-break\"></div>\n"
      }
    }
    return """
      <!DOCTYPE html>
      <html lang="en">
      <head>
      <meta charset="utf-8">
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <meta name="color-scheme" content="light dark">
      <title>\(Escaping.html(document.title))</title>
      <style>
      \(css)</style>
      </head>
      <body>
      <main>
      <h1>\(Escaping.html(document.title))</h1>
      \(body)</main>
      </body>
      </html>

      """
  }

  /// ` class="verdict-<status>"` for a verdict cell holding a known status, else nothing: the
  /// class comes from the status names, never from the cell's text as such.
  static func cellClass(_ cell: String, isVerdict: Bool) -> String {
    guard isVerdict, let status = RequirementResult.Status(rawValue: cell) else { return "" }
    return " class=\"verdict-\(status.rawValue)\""
  }

  /// CommonMark to HTML through libcmark in safe mode (raw HTML and unsafe links dropped).
  public static func markdownToHTML(_ markdown: String) -> String {
    let options = CMARK_OPT_SAFE | CMARK_OPT_VALIDATE_UTF8
    let length = markdown.utf8.count
    guard let html = cmark_markdown_to_html(markdown, length, options) else { return "" }
    defer { free(html) }
    return String(cString: html)
  }

  static func stripParagraph(_ html: String) -> String {
    var text = html
    if text.hasSuffix("\n") { text.removeLast() }
    if text.hasPrefix("<p>") && text.hasSuffix("</p>") {
      text = String(text.dropFirst(3).dropLast(4))
    }
    return text
  }
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
