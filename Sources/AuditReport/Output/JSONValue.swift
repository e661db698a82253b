/// A JSON value with ordered object keys, serialised deterministically (two-space indent, LF).
public indirect enum JSONValue: Sendable, Hashable {
  case null
  case bool(Bool)
  case int(Int64)
  case string(String)
  case array([JSONValue])
  case object([(String, JSONValue)])

  public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
    lhs.serialised() == rhs.serialised()
  }

  public func hash(into hasher: inout Hasher) { hasher.combine(serialised()) }

  /// The value as pretty-printed JSON text ending in a newline.
  public func serialised() -> String {
    String(decoding: serialisedBytes(), as: UTF8.self)
  }

  /// The UTF-8 bytes of ``serialised()``, written directly (the form the pack stores).
  public func serialisedBytes() -> [UInt8] {
    var out: [UInt8] = []
    write(to: &out, indent: 0)
    out.append(JSONBytes.newline)
    return out
  }

  /// Appends the value at `indent` spaces of nesting (the first line is not indented).
  func write(to out: inout [UInt8], indent: Int) {
    switch self {
    case .null: OutputBytes.append("null", to: &out)
    case .bool(let b): OutputBytes.append(b ? "true" : "false", to: &out)
    case .int(let n): OutputBytes.appendDecimal(n, to: &out)
    case .string(let s): JSONBytes.appendString(s, to: &out)
    case .array(let items):
      if items.isEmpty {
        OutputBytes.append("[]", to: &out)
        return
      }
      out.append(JSONBytes.openBracket)
      out.append(JSONBytes.newline)
      for (index, item) in items.enumerated() {
        JSONBytes.appendIndent(indent + 2, to: &out)
        item.write(to: &out, indent: indent + 2)
        if index != items.count - 1 { out.append(JSONBytes.comma) }
        out.append(JSONBytes.newline)
      }
      JSONBytes.appendIndent(indent, to: &out)
      out.append(JSONBytes.closeBracket)
    case .object(let members):
      if members.isEmpty {
        OutputBytes.append("{}", to: &out)
        return
      }
      out.append(JSONBytes.openBrace)
      out.append(JSONBytes.newline)
      for (index, (key, value)) in members.enumerated() {
        JSONBytes.appendIndent(indent + 2, to: &out)
        JSONBytes.appendString(key, to: &out)
        out.append(JSONBytes.colon)
        out.append(JSONBytes.space)
        value.write(to: &out, indent: indent + 2)
        if index != members.count - 1 { out.append(JSONBytes.comma) }
        out.append(JSONBytes.newline)
      }
      JSONBytes.appendIndent(indent, to: &out)
      out.append(JSONBytes.closeBrace)
    }
  }
}

/// The byte-level pieces of JSON output: string literals, integers, indentation.
///
/// A string literal keeps its value exactly, with only JSON's mandatory escapes (`"`, `\`,
/// controls below U+0020: `\n`, `\r`, `\t`, else `\u00xx` in lowercase hex) and U+2028/U+2029
/// (`\u2028`, `\u2029`), which JavaScript treats as line ends; every other byte is copied as is.
enum JSONBytes {
  static let newline: UInt8 = 0x0A
  static let space: UInt8 = 0x20
  static let quote: UInt8 = 0x22
  static let comma: UInt8 = 0x2C
  static let colon: UInt8 = 0x3A
  static let backslash: UInt8 = 0x5C
  static let openBracket: UInt8 = 0x5B
  static let closeBracket: UInt8 = 0x5D
  static let openBrace: UInt8 = 0x7B
  static let closeBrace: UInt8 = 0x7D
  /// The lead byte of U+2028 and U+2029 (`E2 80 A8`, `E2 80 A9`).
  static let lineSeparatorLead: UInt8 = 0xE2

  /// Spaces enough for any indentation that occurs; deeper nesting appends them in pieces.
  static let spaces = [UInt8](repeating: 0x20, count: 128)
  static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

  /// Appends `count` spaces.
  static func appendIndent(_ count: Int, to out: inout [UInt8]) {
    var remaining = count
    while remaining > 0 {
      let piece = min(remaining, spaces.count)
      out.append(contentsOf: spaces[0..<piece])
      remaining -= piece
    }
  }

  /// Appends `s` as a quoted, escaped JSON string literal.
  static func appendString(_ s: String, to out: inout [UInt8]) {
    out.append(quote)
    OutputBytes.withUTF8(s) { appendEscaped($0, to: &out) }
    out.append(quote)
  }

  /// Appends valid UTF-8 with JSON's escapes, copying each run of bytes that needs none at once.
  static func appendEscaped(_ utf8: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
    let count = utf8.count
    var runStart = 0
    var index = 0
    while index < count {
      let byte = utf8[index]
      if byte >= 0x20 && byte != quote && byte != backslash && byte != lineSeparatorLead {
        index += 1
        continue
      }
      var width = 1
      if byte == lineSeparatorLead {
        guard index + 2 < count, utf8[index + 1] == 0x80, utf8[index + 2] == 0xA8 || utf8[index + 2] == 0xA9
        else {
          index += 1
          continue
        }
        width = 3
      }
      if runStart < index { out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index])) }
      out.append(backslash)
      switch byte {
      case quote: out.append(quote)
      case backslash: out.append(backslash)
      case 0x0A: out.append(UInt8(ascii: "n"))
      case 0x0D: out.append(UInt8(ascii: "r"))
      case 0x09: out.append(UInt8(ascii: "t"))
      case lineSeparatorLead:
        // U+2028 → \u2028, U+2029 → \u2029.
        OutputBytes.append("u202", to: &out)
        out.append(utf8[index + 2] == 0xA8 ? UInt8(ascii: "8") : UInt8(ascii: "9"))
      default:
        OutputBytes.append("u00", to: &out)
        out.append(hexDigits[Int(byte >> 4)])
        out.append(hexDigits[Int(byte & 0xF)])
      }
      index += width
      runStart = index
    }
    if runStart < count { out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<count])) }
  }
}
