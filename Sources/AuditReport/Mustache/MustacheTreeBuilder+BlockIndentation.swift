/// Block re-indentation (the `~inheritance` spec): a block's indentation is removed where its
/// content is written and added back wherever that content is rendered.
///
/// - A block whose opening tag stands alone on its line is indented by the whitespace its content
///   lines share (or, when it has none, by the whitespace before its closing tag).
/// - A block whose opening tag starts its line after indentation is indented by that indentation
///   (capped by what its later lines share), and its first line continues the tag's line.
/// - Any other block adds no indentation.
extension MustacheTreeBuilder {
  /// The indentation of a block's content, as bytes of spaces and tabs.
  func blockIndentation(open: MustacheTag, close: MustacheTag) -> [UInt8] {
    let bytes = source.bytes
    let contentEnd = close.start
    if open.standalone {
      let lines = sharedIndentation(ofLinesIn: min(open.lineEnd, contentEnd)..<contentEnd)
      return lines.shared ?? lines.lastBlankLineIndentation
    }
    if open.precededByIndentationOnly {
      var shared = Array(bytes[open.lineStart..<open.start])
      var index = open.end
      while index < contentEnd, bytes[index] != MustacheByte.newline { index += 1 }
      if index < contentEnd {
        let later = sharedIndentation(ofLinesIn: (index + 1)..<contentEnd)
        if let laterShared = later.shared {
          shared = Self.commonPrefix(shared, laterShared[...])
        }
      }
      return shared
    }
    return []
  }

  /// The indentation shared by the non-blank lines in a byte range, and the indentation of the
  /// range's last line when that line is blank.
  private func sharedIndentation(
    ofLinesIn range: Range<Int>
  ) -> (shared: [UInt8]?, lastBlankLineIndentation: [UInt8]) {
    let bytes = source.bytes
    var shared: [UInt8]?
    var lineBegin = range.lowerBound
    while true {
      var index = lineBegin
      while index < range.upperBound, MustacheByte.isIndentation(bytes[index]) { index += 1 }
      let indentationEnd = index
      while index < range.upperBound, bytes[index] != MustacheByte.newline { index += 1 }
      let restLength = index - indentationEnd
      let blank =
        restLength == 0
        || (restLength == 1 && index < range.upperBound
          && bytes[indentationEnd] == MustacheByte.carriageReturn)
      if !blank {
        let indentation = bytes[lineBegin..<indentationEnd]
        shared = shared.map { Self.commonPrefix($0, indentation) } ?? Array(indentation)
      }
      guard index < range.upperBound else {
        let last = blank ? Array(bytes[lineBegin..<indentationEnd]) : []
        return (shared, last)
      }
      lineBegin = index + 1
    }
  }

  /// The longest common prefix of two byte strings.
  private static func commonPrefix(_ first: [UInt8], _ second: ArraySlice<UInt8>) -> [UInt8] {
    var length = 0
    var secondIndex = second.startIndex
    while length < first.count, secondIndex < second.endIndex,
      first[length] == second[secondIndex]
    {
      length += 1
      secondIndex += 1
    }
    return Array(first[..<length])
  }

  /// Removes a block's indentation from the lines of its content, and makes the indentation of
  /// nested partials, parents and blocks relative to it. Nested blocks' content was already made
  /// relative to their own indentation, so it is not touched again.
  static func removing(_ indentation: [UInt8], from nodes: [MustacheNode]) -> [MustacheNode] {
    guard !indentation.isEmpty else { return nodes }
    var result = nodes
    var atLineStart = false
    for index in result.indices {
      switch result[index] {
      case .lineStart:
        atLineStart = true
        continue
      case .text(let text) where atLineStart:
        result[index] = .text(dropping(indentation, from: text))
      case .section(let name, let inverted, let children):
        result[index] = .section(
          name, inverted: inverted, children: removing(indentation, from: children))
      case .partial(let name, let partialIndentation?, let offset):
        result[index] = .partial(
          name: name, indentation: dropping(indentation, from: partialIndentation), offset: offset)
      case .parent(let name, let parentIndentation?, let overrides, let offset):
        result[index] = .parent(
          name: name, indentation: dropping(indentation, from: parentIndentation),
          overrides: overrides, offset: offset)
      case .block(var block):
        block.indentation = dropping(indentation, from: block.indentation)
        result[index] = .block(block)
      default:
        break
      }
      atLineStart = false
    }
    return result
  }

  /// `text` without as much of `prefix` as it starts with.
  private static func dropping(_ prefix: [UInt8], from text: String) -> String {
    var matched = 0
    for byte in text.utf8 {
      guard matched < prefix.count, byte == prefix[matched] else { break }
      matched += 1
    }
    return matched == 0 ? text : String(decoding: text.utf8.dropFirst(matched), as: UTF8.self)
  }
}
