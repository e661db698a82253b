/// The bytes the JSON scanner matches, named so hot loops compare `UInt8`s, never `Character`s.
///
/// Computed properties fold to constants in optimised builds (swift-foundation's
/// `CodableUtilities.swift` names its bytes the same way).
enum JSONByte {
  static var quote: UInt8 { UInt8(ascii: "\"") }
  static var backslash: UInt8 { UInt8(ascii: "\\") }
  static var slash: UInt8 { UInt8(ascii: "/") }
  static var openBrace: UInt8 { UInt8(ascii: "{") }
  static var closeBrace: UInt8 { UInt8(ascii: "}") }
  static var openBracket: UInt8 { UInt8(ascii: "[") }
  static var closeBracket: UInt8 { UInt8(ascii: "]") }
  static var comma: UInt8 { UInt8(ascii: ",") }
  static var colon: UInt8 { UInt8(ascii: ":") }
  static var minus: UInt8 { UInt8(ascii: "-") }
  static var plus: UInt8 { UInt8(ascii: "+") }
  static var period: UInt8 { UInt8(ascii: ".") }
  static var zero: UInt8 { UInt8(ascii: "0") }
  static var nine: UInt8 { UInt8(ascii: "9") }
  static var space: UInt8 { UInt8(ascii: " ") }
  static var tab: UInt8 { UInt8(ascii: "\t") }
  static var newline: UInt8 { UInt8(ascii: "\n") }
  static var carriageReturn: UInt8 { UInt8(ascii: "\r") }
  static var lowercaseE: UInt8 { UInt8(ascii: "e") }
  static var uppercaseE: UInt8 { UInt8(ascii: "E") }
  static var lowercaseA: UInt8 { UInt8(ascii: "a") }
  static var lowercaseF: UInt8 { UInt8(ascii: "f") }
  static var uppercaseA: UInt8 { UInt8(ascii: "A") }
  static var uppercaseF: UInt8 { UInt8(ascii: "F") }
  static var uppercaseZ: UInt8 { UInt8(ascii: "Z") }
  static var lowercaseB: UInt8 { UInt8(ascii: "b") }
  static var lowercaseN: UInt8 { UInt8(ascii: "n") }
  static var lowercaseR: UInt8 { UInt8(ascii: "r") }
  static var lowercaseT: UInt8 { UInt8(ascii: "t") }
  static var lowercaseU: UInt8 { UInt8(ascii: "u") }
  static var backspace: UInt8 { 0x08 }
  static var formFeed: UInt8 { 0x0C }

  /// Whether the byte is JSON whitespace (space, tab, line feed, carriage return).
  @inline(__always)
  static func isWhitespace(_ byte: UInt8) -> Bool {
    byte == space || byte == newline || byte == carriageReturn || byte == tab
  }

  /// Whether the byte is an ASCII digit.
  @inline(__always)
  static func isDigit(_ byte: UInt8) -> Bool {
    byte &- zero < 10
  }

  /// The value of a hexadecimal digit, or nil.
  @inline(__always)
  static func hexValue(_ byte: UInt8) -> UInt32? {
    if byte &- zero < 10 { return UInt32(byte &- zero) }
    if byte &- lowercaseA < 6 { return UInt32(byte &- lowercaseA) + 10 }
    if byte &- uppercaseA < 6 { return UInt32(byte &- uppercaseA) + 10 }
    return nil
  }

  /// A short, printable description of a byte for error messages (`'x'`, `byte 0x00`).
  static func describe(_ byte: UInt8) -> String {
    if byte >= 0x21 && byte < 0x7F {
      return "'\(String(decoding: [byte], as: UTF8.self))'"
    }
    let hex = String(byte, radix: 16, uppercase: true)
    return "byte 0x" + (hex.count < 2 ? "0" + hex : hex)
  }
}
