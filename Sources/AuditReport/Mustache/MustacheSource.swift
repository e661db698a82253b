/// A template's name and UTF-8 bytes, kept so errors can name a line and column.
struct MustacheSource: Sendable {
  /// The template or partial name errors report.
  let name: String
  /// The template text as UTF-8.
  let bytes: [UInt8]

  init(name: String, text: String) {
    self.name = name
    self.bytes = Array(text.utf8)
  }

  /// The 1-based line and column (in Unicode scalars) of a byte offset; computed only for errors.
  func lineAndColumn(ofByte offset: Int) -> (line: Int, column: Int) {
    let end = min(max(offset, 0), bytes.count)
    var line = 1
    var column = 1
    for index in 0..<end {
      let byte = bytes[index]
      if byte == MustacheByte.newline {
        line += 1
        column = 1
      } else if byte & 0b1100_0000 != 0b1000_0000 {
        // Count lead bytes only, so a multi-byte scalar is one column.
        column += 1
      }
    }
    return (line, column)
  }

  /// The text of a byte range; the parser only cuts at ASCII bytes, so the UTF-8 stays valid.
  func text(_ range: Range<Int>) -> String {
    String(decoding: bytes[range], as: UTF8.self)
  }
}

/// The ASCII bytes the Mustache scanner looks for.
enum MustacheByte {
  static let newline = UInt8(ascii: "\n")
  static let carriageReturn = UInt8(ascii: "\r")
  static let space = UInt8(ascii: " ")
  static let tab = UInt8(ascii: "\t")
  static let period = UInt8(ascii: ".")
  static let equals = UInt8(ascii: "=")
  static let openBrace = UInt8(ascii: "{")
  static let closeBrace = UInt8(ascii: "}")
  static let ampersand = UInt8(ascii: "&")
  static let hash = UInt8(ascii: "#")
  static let caret = UInt8(ascii: "^")
  static let slash = UInt8(ascii: "/")
  static let exclamation = UInt8(ascii: "!")
  static let greaterThan = UInt8(ascii: ">")
  static let lessThan = UInt8(ascii: "<")
  static let dollar = UInt8(ascii: "$")
  static let quote = UInt8(ascii: "\"")
  static let apostrophe = UInt8(ascii: "'")

  /// Space or tab: the only bytes that may indent a standalone tag.
  static func isIndentation(_ byte: UInt8) -> Bool {
    byte == space || byte == tab
  }

  /// Any whitespace a tag name may be padded with.
  static func isWhitespace(_ byte: UInt8) -> Bool {
    byte == space || byte == tab || byte == newline || byte == carriageReturn
  }
}
