/// Scans a template's UTF-8 bytes into tags and text, one line at a time, and hands each finished
/// line to a `MustacheTreeBuilder`.
///
/// A line is held until its newline so the parser can tell whether it is standalone: nothing but
/// indentation and exactly one non-interpolating tag (parent tags do not count, so
/// `{{<parent}}{{$block}}` and `{{<parent}}{{/parent}}` stand alone too). A standalone line
/// loses its indentation and newline; its tags remember the indentation for partials and blocks.
struct MustacheParser {
  /// The longest delimiter a set-delimiter tag may choose, which keeps scanning linear.
  static let maximumDelimiterLength = 32

  private enum LineToken {
    case text(Range<Int>)
    case tag(MustacheTag)
  }

  private let source: MustacheSource
  private let bytes: [UInt8]
  private var builder: MustacheTreeBuilder
  private var openDelimiter: [UInt8] = [MustacheByte.openBrace, MustacheByte.openBrace]
  private var closeDelimiter: [UInt8] = [MustacheByte.closeBrace, MustacheByte.closeBrace]
  /// Kinds of the containers open so far, to tell which `close` tags end parents.
  private var openKinds: [MustacheTag.Kind] = []

  private var lineStart = 0
  private var lineTokens: [LineToken] = []
  /// Whether the current line has text other than indentation, or an interpolating tag.
  private var lineHasContent = false
  private var lineHasTag = false

  /// Parses a whole template into its node tree.
  static func parse(_ source: MustacheSource) throws(MustacheError) -> [MustacheNode] {
    var parser = MustacheParser(source: source)
    return try parser.run()
  }

  private init(source: MustacheSource) {
    self.source = source
    self.bytes = source.bytes
    self.builder = MustacheTreeBuilder(source: source)
  }

  private mutating func run() throws(MustacheError) -> [MustacheNode] {
    var position = 0
    while position < bytes.count {
      guard let tagStart = find(openDelimiter, from: position) else {
        try addText(position..<bytes.count)
        break
      }
      try addText(position..<tagStart)
      position = try scanTag(at: tagStart)
    }
    try endLine(lineEnd: bytes.count)
    return try builder.finish()
  }

  // MARK: - Text and lines

  /// Adds literal text, ending a line at every newline in it.
  private mutating func addText(_ range: Range<Int>) throws(MustacheError) {
    var segmentStart = range.lowerBound
    var index = range.lowerBound
    while index < range.upperBound {
      if bytes[index] == MustacheByte.newline {
        noteText(segmentStart..<(index + 1))
        try endLine(lineEnd: index + 1)
        lineStart = index + 1
        segmentStart = index + 1
      }
      index += 1
    }
    if segmentStart < range.upperBound {
      noteText(segmentStart..<range.upperBound)
    }
  }

  /// Records a piece of one line's text and whether it holds more than indentation.
  private mutating func noteText(_ range: Range<Int>) {
    lineTokens.append(.text(range))
    guard !lineHasContent else { return }
    var contentEnd = range.upperBound
    if contentEnd > range.lowerBound, bytes[contentEnd - 1] == MustacheByte.newline {
      contentEnd -= 1
      if contentEnd > range.lowerBound, bytes[contentEnd - 1] == MustacheByte.carriageReturn {
        contentEnd -= 1
      }
    }
    for index in range.lowerBound..<contentEnd where !MustacheByte.isIndentation(bytes[index]) {
      lineHasContent = true
      return
    }
  }

  /// Hands the finished line to the builder, dropping it whole when it is standalone.
  private mutating func endLine(lineEnd: Int) throws(MustacheError) {
    defer {
      lineTokens.removeAll(keepingCapacity: true)
      lineHasContent = false
      lineHasTag = false
    }
    guard !lineTokens.isEmpty else { return }
    if let indentationEnd = standaloneTagStart() {
      let indentation = source.text(lineStart..<indentationEnd)
      for case .tag(var tag) in lineTokens {
        tag.standalone = true
        tag.lineEnd = lineEnd
        tag.lineIndentation = indentation
        try builder.add(tag)
      }
      return
    }
    builder.addLineStart()
    for token in lineTokens {
      switch token {
      case .text(let range):
        builder.addText(source.text(range))
      case .tag(let tag):
        try builder.add(tag)
      }
    }
  }

  /// The offset of the line's first tag when the line is standalone, else nil.
  private func standaloneTagStart() -> Int? {
    guard !lineHasContent else { return nil }
    var firstTagStart: Int?
    var parentTags = 0
    var otherTags = 0
    for case .tag(let tag) in lineTokens {
      if firstTagStart == nil { firstTagStart = tag.start }
      if tag.kind == .parent || (tag.kind == .close && tag.closesParent) {
        parentTags += 1
      } else {
        otherTags += 1
      }
    }
    guard otherTags == 1 || (otherTags == 0 && parentTags > 0) else { return nil }
    return firstTagStart
  }

  // MARK: - Tags

  /// Reads the tag whose opening delimiter is at `start`; returns the offset just past it.
  private mutating func scanTag(at start: Int) throws(MustacheError) -> Int {
    let contentStart = start + openDelimiter.count
    var kind = MustacheTag.Kind.variable
    var nameStart = contentStart + 1
    var closer = closeDelimiter
    if contentStart < bytes.count {
      switch bytes[contentStart] {
      case MustacheByte.hash: kind = .section
      case MustacheByte.caret: kind = .invertedSection
      case MustacheByte.slash: kind = .close
      case MustacheByte.exclamation: kind = .comment
      case MustacheByte.greaterThan: kind = .partial
      case MustacheByte.lessThan: kind = .parent
      case MustacheByte.dollar: kind = .block
      case MustacheByte.ampersand: kind = .unescaped
      case MustacheByte.openBrace:
        kind = .unescaped
        closer = [MustacheByte.closeBrace] + closeDelimiter
      case MustacheByte.equals:
        kind = .setDelimiters
        closer = [MustacheByte.equals] + closeDelimiter
      default:
        nameStart = contentStart
      }
    }
    guard let closerStart = find(closer, from: min(nameStart, bytes.count)) else {
      throw syntaxError("unclosed tag, expected '\(String(decoding: closer, as: UTF8.self))'", at: start)
    }
    let end = closerStart + closer.count

    var name = ""
    switch kind {
    case .comment:
      break
    case .setDelimiters:
      try setDelimiters(from: nameStart..<closerStart, tagStart: start)
    default:
      name = try tagName(in: nameStart..<closerStart, tagStart: start)
    }

    var closesParent = false
    if kind.opensContainer {
      openKinds.append(kind)
    } else if kind == .close {
      closesParent = openKinds.popLast() == .parent
    }
    let tag = MustacheTag(
      kind: kind, name: name, start: start, end: end, lineStart: lineStart,
      precededByIndentationOnly: !lineHasContent && !lineHasTag, closesParent: closesParent)
    lineTokens.append(.tag(tag))
    lineHasTag = true
    if kind.interpolates { lineHasContent = true }
    return end
  }

  /// The trimmed content of a tag, which must be a non-empty run of non-whitespace bytes.
  private func tagName(in range: Range<Int>, tagStart: Int) throws(MustacheError) -> String {
    var lower = range.lowerBound
    var upper = range.upperBound
    while lower < upper, MustacheByte.isWhitespace(bytes[lower]) { lower += 1 }
    while upper > lower, MustacheByte.isWhitespace(bytes[upper - 1]) { upper -= 1 }
    guard lower < upper else {
      throw syntaxError("tag has no name", at: tagStart)
    }
    let name = source.text(lower..<upper)
    if bytes[lower..<upper].contains(where: MustacheByte.isWhitespace) {
      throw syntaxError("tag name '\(name)' contains whitespace", at: tagStart)
    }
    return name
  }

  /// Applies `{{=open close=}}`: two whitespace-separated delimiters.
  private mutating func setDelimiters(
    from range: Range<Int>, tagStart: Int
  ) throws(MustacheError) {
    var parts: [[UInt8]] = []
    var index = range.lowerBound
    while index < range.upperBound {
      while index < range.upperBound, MustacheByte.isWhitespace(bytes[index]) { index += 1 }
      let partStart = index
      while index < range.upperBound, !MustacheByte.isWhitespace(bytes[index]) { index += 1 }
      if partStart < index { parts.append(Array(bytes[partStart..<index])) }
    }
    guard parts.count == 2 else {
      throw syntaxError(
        "set delimiter tag needs two delimiters separated by whitespace", at: tagStart)
    }
    guard parts.allSatisfy({ $0.count <= Self.maximumDelimiterLength }) else {
      throw syntaxError(
        "delimiters may be at most \(Self.maximumDelimiterLength) bytes long", at: tagStart)
    }
    openDelimiter = parts[0]
    closeDelimiter = parts[1]
  }

  /// The offset of the next occurrence of `needle` at or after `start`, or nil.
  private func find(_ needle: [UInt8], from start: Int) -> Int? {
    guard let first = needle.first, bytes.count >= needle.count else { return nil }
    let lastStart = bytes.count - needle.count
    var index = start
    while index <= lastStart {
      if bytes[index] == first {
        var matched = 1
        while matched < needle.count, bytes[index + matched] == needle[matched] { matched += 1 }
        if matched == needle.count { return index }
      }
      index += 1
    }
    return nil
  }

  private func syntaxError(_ message: String, at offset: Int) -> MustacheError {
    MustacheError(.syntax, message, in: source, at: offset)
  }
}
