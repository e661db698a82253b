/// Wraps a narrative's Markdown, converted by cmark in safe mode, as one self-contained HTML page.
///
/// The page carries the report's CSS inline and nothing else: no script, no external URL. Raw
/// HTML in the Markdown is dropped by cmark, and every value from an input was Markdown-escaped
/// before it reached the Markdown, so it arrives here as text.
enum NarrativePage {
  static func html(markdown: String, title: String, css: String) -> String {
    let body = HTMLRenderer.markdownToHTML(markdown)
    return """
      <!DOCTYPE html>
      <html lang="en">
      <head>
      <meta charset="utf-8">
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <meta name="color-scheme" content="light dark">
      <title>\(Escaping.html(title))</title>
      <style>
      \(css)</style>
      </head>
      <body>
      <main>
      \(body)</main>
      </body>
      </html>

      """
  }
}
