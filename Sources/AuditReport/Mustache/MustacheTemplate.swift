/// A Mustache template, parsed once and rendered any number of times.
///
/// Implements the Mustache specification's core modules (interpolation, sections, inverted
/// sections, comments, partials, set delimiters, standalone lines) and template inheritance
/// (parents and blocks); lambdas are not supported.
///
/// ```swift
/// let template = try MustacheTemplate("Hello {{name}}!", name: "greeting")
/// let text = try template.render(["name": "world"])  // "Hello world!"
/// ```
public struct MustacheTemplate: Sendable {
  /// The name errors report for this template.
  public let name: String
  private let parsed: MustacheParsedTemplate

  /// Parses a template; fails on unclosed tags and sections, mismatched end tags and bad names.
  public init(_ source: String, name: String = "template") throws(MustacheError) {
    self.name = name
    self.parsed = try MustacheParsedTemplate(source: MustacheSource(name: name, text: source))
  }

  /// Renders the template against a context.
  ///
  /// - Parameters:
  ///   - context: The value at the bottom of the context stack.
  ///   - partials: Partial and parent templates as source text by name, parsed on first use.
  ///     A missing partial renders as nothing.
  ///   - escape: Applied to `{{name}}` interpolations; `{{{name}}}` and `{{& name}}` are raw.
  /// - Throws: `MustacheError` when a partial fails to parse, partials nest more than 100 deep,
  ///   or the rendering passes a limit against hostile templates: 64 MiB of output or 1 million
  ///   template nodes visited (sections over lists or partials repeating one another grow
  ///   exponentially; real templates stay far below both).
  public func render(
    _ context: MustacheValue, partials: [String: String] = [:],
    escape: @escaping @Sendable (String) -> String = MustacheTemplate.htmlEscape
  ) throws(MustacheError) -> String {
    var renderer = MustacheRenderer(context: context, partials: partials, escape: escape)
    try renderer.render(parsed)
    return renderer.output
  }

  /// Escapes text for HTML: `&`, `<`, `>`, `"` and `'`.
  public static func htmlEscape(_ text: String) -> String {
    let utf8 = text.utf8
    guard utf8.contains(where: Self.needsHTMLEscape) else { return text }
    var escaped: [UInt8] = []
    escaped.reserveCapacity(utf8.count + 16)
    for byte in utf8 {
      switch byte {
      case UInt8(ascii: "&"): escaped.append(contentsOf: "&amp;".utf8)
      case UInt8(ascii: "<"): escaped.append(contentsOf: "&lt;".utf8)
      case UInt8(ascii: ">"): escaped.append(contentsOf: "&gt;".utf8)
      case MustacheByte.quote: escaped.append(contentsOf: "&quot;".utf8)
      case MustacheByte.apostrophe: escaped.append(contentsOf: "&#39;".utf8)
      default: escaped.append(byte)
      }
    }
    return String(decoding: escaped, as: UTF8.self)
  }

  private static func needsHTMLEscape(_ byte: UInt8) -> Bool {
    byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">")
      || byte == MustacheByte.quote || byte == MustacheByte.apostrophe
  }
}
