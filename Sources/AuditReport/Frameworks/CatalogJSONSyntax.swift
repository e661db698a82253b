/// Finds where a JSON text first breaks the grammar, for an error message with line and column.
///
/// Foundation's decoder only says "the given data was not valid JSON"; someone editing a catalog
/// override needs to know where. Used only after decoding has failed, so it favours clarity over
/// speed. Columns count bytes from 1.
struct CatalogJSONSyntax {
  struct Problem: Equatable {
    var line: Int
    var column: Int
    /// Lowercase, no trailing period.
    var message: String
  }

  /// The first syntax problem in `bytes`, or nil when they are well-formed JSON.
  static func firstProblem(in bytes: [UInt8]) -> Problem? {
    var scanner = CatalogJSONSyntax(bytes: bytes)
    do {
      scanner.skipWhitespace()
      try scanner.value(depth: 0)
      scanner.skipWhitespace()
      if scanner.offset < bytes.count { throw scanner.problem("unexpected text after the top-level value") }
      return nil
    } catch {
      return error as? Problem
    }
  }

  private let bytes: [UInt8]
  private var offset = 0

  private init(bytes: [UInt8]) { self.bytes = bytes }

  private static let maximumDepth = 256

  private mutating func value(depth: Int) throws {
    guard depth < Self.maximumDepth else { throw problem("nesting deeper than \(Self.maximumDepth) levels") }
    guard let byte = peek() else { throw problem("unexpected end of file, expected a value") }
    switch byte {
    case UInt8(ascii: "{"): try object(depth: depth)
    case UInt8(ascii: "["): try array(depth: depth)
    case UInt8(ascii: "\""): try string()
    case UInt8(ascii: "t"): try literal("true")
    case UInt8(ascii: "f"): try literal("false")
    case UInt8(ascii: "n"): try literal("null")
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try number()
    default: throw problem("unexpected \(describe(byte)), expected a value")
    }
  }

  private mutating func object(depth: Int) throws {
    offset += 1
    skipWhitespace()
    if peek() == UInt8(ascii: "}") {
      offset += 1
      return
    }
    while true {
      guard let byte = peek() else { throw problem("unexpected end of file inside an object") }
      guard byte == UInt8(ascii: "\"") else {
        throw problem("unexpected \(describe(byte)), expected a quoted field name")
      }
      try string()
      skipWhitespace()
      try expect(UInt8(ascii: ":"), "after a field name")
      skipWhitespace()
      try value(depth: depth + 1)
      skipWhitespace()
      guard let next = peek() else { throw problem("unexpected end of file, expected ',' or '}'") }
      offset += 1
      if next == UInt8(ascii: "}") { return }
      guard next == UInt8(ascii: ",") else {
        offset -= 1
        throw problem("unexpected \(describe(next)), expected ',' or '}'")
      }
      skipWhitespace()
      if peek() == UInt8(ascii: "}") { throw problem("trailing comma before '}'") }
    }
  }

  private mutating func array(depth: Int) throws {
    offset += 1
    skipWhitespace()
    if peek() == UInt8(ascii: "]") {
      offset += 1
      return
    }
    while true {
      try value(depth: depth + 1)
      skipWhitespace()
      guard let next = peek() else { throw problem("unexpected end of file, expected ',' or ']'") }
      offset += 1
      if next == UInt8(ascii: "]") { return }
      guard next == UInt8(ascii: ",") else {
        offset -= 1
        throw problem("unexpected \(describe(next)), expected ',' or ']'")
      }
      skipWhitespace()
      if peek() == UInt8(ascii: "]") { throw problem("trailing comma before ']'") }
    }
  }

  private mutating func string() throws {
    let start = offset
    offset += 1
    while let byte = peek() {
      switch byte {
      case UInt8(ascii: "\""):
        offset += 1
        return
      case UInt8(ascii: "\\"):
        offset += 1
        guard let escaped = peek() else { break }
        switch escaped {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
          UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
          offset += 1
        case UInt8(ascii: "u"):
          offset += 1
          for _ in 0..<4 {
            guard let hex = peek(), isHexDigit(hex) else {
              throw problem("\\u must be followed by four hex digits")
            }
            offset += 1
          }
        default:
          throw problem("invalid escape \\\(Character(Unicode.Scalar(escaped)))")
        }
      case 0..<0x20:
        throw problem("control character inside a string (use \\n or \\t)")
      default:
        offset += 1
      }
    }
    offset = start
    throw problem("string is never closed")
  }

  private mutating func number() throws {
    if peek() == UInt8(ascii: "-") { offset += 1 }
    guard let first = peek(), isDigit(first) else { throw problem("expected a digit") }
    offset += 1
    if first != UInt8(ascii: "0") { skipDigits() }
    if peek() == UInt8(ascii: ".") {
      offset += 1
      guard let digit = peek(), isDigit(digit) else { throw problem("expected a digit after '.'") }
      skipDigits()
    }
    if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
      offset += 1
      if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") { offset += 1 }
      guard let digit = peek(), isDigit(digit) else { throw problem("expected a digit in the exponent") }
      skipDigits()
    }
  }

  private mutating func literal(_ word: String) throws {
    for expected in word.utf8 {
      guard peek() == expected else { throw problem("invalid literal, expected \(word)") }
      offset += 1
    }
  }

  private mutating func expect(_ byte: UInt8, _ context: String) throws {
    guard let found = peek() else {
      throw problem("unexpected end of file, expected '\(Character(Unicode.Scalar(byte)))'")
    }
    guard found == byte else {
      throw problem("unexpected \(describe(found)), expected '\(Character(Unicode.Scalar(byte)))' \(context)")
    }
    offset += 1
  }

  private mutating func skipWhitespace() {
    while let byte = peek(),
      byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
        || byte == UInt8(ascii: "\t")
    {
      offset += 1
    }
  }

  private mutating func skipDigits() {
    while let byte = peek(), isDigit(byte) { offset += 1 }
  }

  private func peek() -> UInt8? { offset < bytes.count ? bytes[offset] : nil }

  private func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }

  private func isHexDigit(_ byte: UInt8) -> Bool {
    isDigit(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
      || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(byte)
  }

  private func describe(_ byte: UInt8) -> String {
    (0x21..<0x7F).contains(byte)
      ? "'\(Character(Unicode.Scalar(byte)))'" : "byte 0x\(String(byte, radix: 16))"
  }

  /// A problem at the current offset, with 1-based line and byte column.
  private func problem(_ message: String) -> Problem {
    var line = 1
    var lineStart = 0
    for index in 0..<min(offset, bytes.count) where bytes[index] == UInt8(ascii: "\n") {
      line += 1
      lineStart = index + 1
    }
    return Problem(line: line, column: offset - lineStart + 1, message: message)
  }
}

extension CatalogJSONSyntax.Problem: Error {}
