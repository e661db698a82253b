/// A small JSON parser for one value held in memory: AuditData cells and the policy file.
///
/// Byte-level recursive descent with a depth limit; strings are validated as UTF-8 and decoded
/// with every escape (`\uXXXX` surrogate pairs included; a lone surrogate becomes U+FFFD); numbers
/// stay text so nothing is rounded; object fields keep their order and duplicates.
enum AuditDataJSON {
  /// Why a text is not JSON: the byte offset where parsing stopped and what was wrong there.
  struct SyntaxError: Error, Sendable, Hashable {
    var offset: Int
    var message: String
  }

  static let maximumDepth = 256

  /// The value of a JSON text, or nil when it is not valid JSON.
  static func parse(_ text: String) -> FieldValue? {
    try? parseDetailed(Array(text.utf8)).get()
  }

  /// The value of a JSON text, or where and why it is not valid JSON.
  static func parseDetailed(_ bytes: [UInt8]) -> Result<FieldValue, SyntaxError> {
    bytes.withUnsafeBufferPointer { buffer in
      var parser = Parser(bytes: buffer)
      do throws(SyntaxError) {
        parser.skipSpace()
        let value = try parser.value(depth: 0)
        parser.skipSpace()
        guard parser.offset == buffer.count else { throw parser.error("unexpected text after the value") }
        return .success(value)
      } catch {
        return .failure(error)
      }
    }
  }

  /// `line:column` (1-based) of a byte offset, for diagnostics.
  static func lineAndColumn(of offset: Int, in bytes: [UInt8]) -> (line: Int, column: Int) {
    var line = 1
    var column = 1
    for byte in bytes.prefix(offset) {
      if byte == 0x0A {
        line += 1
        column = 1
      } else if byte & 0xC0 != 0x80 {
        column += 1
      }
    }
    return (line, column)
  }

  private struct Parser {
    let bytes: UnsafeBufferPointer<UInt8>
    var offset = 0

    init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    func error(_ message: String) -> SyntaxError { SyntaxError(offset: offset, message: message) }

    mutating func skipSpace() {
      while offset < bytes.count {
        switch bytes[offset] {
        case 0x20, 0x09, 0x0A, 0x0D: offset += 1
        default: return
        }
      }
    }

    mutating func value(depth: Int) throws(SyntaxError) -> FieldValue {
      guard depth < AuditDataJSON.maximumDepth else { throw error("nesting deeper than 256 levels") }
      guard offset < bytes.count else { throw error("unexpected end of text") }
      switch bytes[offset] {
      case UInt8(ascii: "{"): return try object(depth: depth)
      case UInt8(ascii: "["): return try array(depth: depth)
      case UInt8(ascii: "\""): return .string(try string())
      case UInt8(ascii: "t"): try literal("true"); return .bool(true)
      case UInt8(ascii: "f"): try literal("false"); return .bool(false)
      case UInt8(ascii: "n"): try literal("null"); return .null
      case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try number())
      default: throw error("unexpected character")
      }
    }

    mutating func literal(_ word: StaticString) throws(SyntaxError) {
      let count = word.utf8CodeUnitCount
      guard offset + count <= bytes.count else { throw error("unexpected end of text") }
      for i in 0..<count where bytes[offset + i] != word.utf8Start[i] {
        throw error("unexpected character")
      }
      offset += count
    }

    mutating func object(depth: Int) throws(SyntaxError) -> FieldValue {
      offset += 1
      var fields: [Field] = []
      skipSpace()
      if offset < bytes.count && bytes[offset] == UInt8(ascii: "}") {
        offset += 1
        return .object(fields)
      }
      while true {
        skipSpace()
        guard offset < bytes.count, bytes[offset] == UInt8(ascii: "\"") else {
          throw error("expected a key string")
        }
        let key = try string()
        skipSpace()
        guard offset < bytes.count, bytes[offset] == UInt8(ascii: ":") else { throw error("expected ':'") }
        offset += 1
        skipSpace()
        fields.append(Field(key, try value(depth: depth + 1)))
        skipSpace()
        guard offset < bytes.count else { throw error("unexpected end of text") }
        if bytes[offset] == UInt8(ascii: ",") {
          offset += 1
        } else if bytes[offset] == UInt8(ascii: "}") {
          offset += 1
          return .object(fields)
        } else {
          throw error("expected ',' or '}'")
        }
      }
    }

    mutating func array(depth: Int) throws(SyntaxError) -> FieldValue {
      offset += 1
      var items: [FieldValue] = []
      skipSpace()
      if offset < bytes.count && bytes[offset] == UInt8(ascii: "]") {
        offset += 1
        return .list(items)
      }
      while true {
        skipSpace()
        items.append(try value(depth: depth + 1))
        skipSpace()
        guard offset < bytes.count else { throw error("unexpected end of text") }
        if bytes[offset] == UInt8(ascii: ",") {
          offset += 1
        } else if bytes[offset] == UInt8(ascii: "]") {
          offset += 1
          return .list(items)
        } else {
          throw error("expected ',' or ']'")
        }
      }
    }

    mutating func number() throws(SyntaxError) -> String {
      let start = offset
      func digits() -> Int {
        let first = offset
        while offset < bytes.count && bytes[offset] >= 0x30 && bytes[offset] <= 0x39 { offset += 1 }
        return offset - first
      }
      if bytes[offset] == UInt8(ascii: "-") { offset += 1 }
      guard digits() > 0 else { throw error("invalid number") }
      if offset < bytes.count && bytes[offset] == UInt8(ascii: ".") {
        offset += 1
        guard digits() > 0 else { throw error("invalid number") }
      }
      if offset < bytes.count && (bytes[offset] | 0x20) == UInt8(ascii: "e") {
        offset += 1
        if offset < bytes.count && (bytes[offset] == UInt8(ascii: "+") || bytes[offset] == UInt8(ascii: "-"))
        {
          offset += 1
        }
        guard digits() > 0 else { throw error("invalid number") }
      }
      return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<offset]), as: UTF8.self)
    }

    mutating func string() throws(SyntaxError) -> String {
      offset += 1
      let start = offset
      // Fast path: no escapes.
      while offset < bytes.count && bytes[offset] != UInt8(ascii: "\"") && bytes[offset] != UInt8(ascii: "\\")
      {
        guard bytes[offset] >= 0x20 else { throw error("control character in a string") }
        offset += 1
      }
      guard offset < bytes.count else { throw error("unterminated string") }
      var out = Array(UnsafeBufferPointer(rebasing: bytes[start..<offset]))
      while true {
        guard offset < bytes.count else { throw error("unterminated string") }
        let byte = bytes[offset]
        if byte == UInt8(ascii: "\"") {
          offset += 1
          break
        }
        guard byte >= 0x20 else { throw error("control character in a string") }
        guard byte == UInt8(ascii: "\\") else {
          out.append(byte)
          offset += 1
          continue
        }
        offset += 1
        guard offset < bytes.count else { throw error("unterminated string") }
        let escape = bytes[offset]
        offset += 1
        switch escape {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(escape)
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "u"):
          var scalar = try hex4()
          if scalar >= 0xD800 && scalar <= 0xDBFF {
            if offset + 1 < bytes.count && bytes[offset] == UInt8(ascii: "\\")
              && bytes[offset + 1] == UInt8(ascii: "u")
            {
              let save = offset
              offset += 2
              let low = try hex4()
              if low >= 0xDC00 && low <= 0xDFFF {
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
              } else {
                offset = save
                scalar = 0xFFFD
              }
            } else {
              scalar = 0xFFFD
            }
          } else if scalar >= 0xDC00 && scalar <= 0xDFFF {
            scalar = 0xFFFD
          }
          TextEncoding.appendUTF8(scalar, to: &out)
        default:
          offset -= 1
          throw error("invalid escape")
        }
      }
      guard let text = String(validating: out, as: UTF8.self) else {
        throw error("invalid utf-8 in a string")
      }
      return text
    }

    mutating func hex4() throws(SyntaxError) -> UInt32 {
      guard offset + 4 <= bytes.count else { throw error("invalid \\u escape") }
      var value: UInt32 = 0
      for _ in 0..<4 {
        let c = bytes[offset]
        let digit: UInt32
        switch c {
        case 0x30...0x39: digit = UInt32(c - 0x30)
        case 0x41...0x46: digit = UInt32(c - 0x41 + 10)
        case 0x61...0x66: digit = UInt32(c - 0x61 + 10)
        default: throw error("invalid \\u escape")
        }
        value = value << 4 | digit
        offset += 1
      }
      return value
    }
  }
}
