#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Strings from CLIXML text, with PowerShell's `_xHHHH_` escapes decoded.
///
/// PowerShell's serializer (`InternalSerializer.EncodeString`) writes characters that XML
/// cannot carry (U+0000–U+001F, U+007F–U+009F, each half of a surrogate pair) as `_xHHHH_`,
/// and escapes a literal `_x` as `_x005F_x`, in string values, `ToString`, type names and
/// property names. The reader reverses it the way `XmlConvert.DecodeName` does.
enum CLIXMLText {
  private static let underscore = UInt8(ascii: "_")
  private static let lowerX = UInt8(ascii: "x")
  private static let upperX = UInt8(ascii: "X")

  /// Makes a string from UTF-8 bytes, decoding `_xHHHH_` and `_xHHHHHHHH_` escapes.
  ///
  /// - Complexity: O(n); strings without `_x` are made without a second pass.
  static func string(_ bytes: UnsafeRawBufferPointer) -> String {
    let utf8 = bytes.bindMemory(to: UInt8.self)
    guard mayContainEscape(utf8) else { return String(decoding: utf8, as: UTF8.self) }
    return decode(utf8)
  }

  /// Whether `_x` or `_X` occurs in the bytes (an escape is at least 7 bytes long).
  private static func mayContainEscape(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    guard bytes.count >= 7, var cursor = bytes.baseAddress else { return false }
    let end = cursor + bytes.count - 1
    while cursor < end {
      guard let found = memchr(cursor, Int32(underscore), end - cursor) else { return false }
      let next = UnsafePointer(found.assumingMemoryBound(to: UInt8.self)) + 1
      if next.pointee == lowerX || next.pointee == upperX { return true }
      cursor = next
    }
    return false
  }

  /// Decodes the escapes; unpaired surrogates become U+FFFD.
  private static func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
    var output: [UInt8] = []
    output.reserveCapacity(bytes.count)
    var pendingHighSurrogate: UInt32?
    var index = 0
    while index < bytes.count {
      if let (scalar, length) = escape(in: bytes, at: index) {
        index += length
        if let high = pendingHighSurrogate {
          pendingHighSurrogate = nil
          if (0xDC00...0xDFFF).contains(scalar) {
            appendUTF8(0x10000 + ((high - 0xD800) << 10) + (scalar - 0xDC00), to: &output)
            continue
          }
          appendUTF8(0xFFFD, to: &output)
        }
        if (0xD800...0xDBFF).contains(scalar) {
          pendingHighSurrogate = scalar
        } else if (0xDC00...0xDFFF).contains(scalar) || scalar > 0x10FFFF {
          appendUTF8(0xFFFD, to: &output)
        } else {
          appendUTF8(scalar, to: &output)
        }
        continue
      }
      if pendingHighSurrogate != nil {
        pendingHighSurrogate = nil
        appendUTF8(0xFFFD, to: &output)
      }
      output.append(bytes[index])
      index += 1
    }
    if pendingHighSurrogate != nil { appendUTF8(0xFFFD, to: &output) }
    return String(decoding: output, as: UTF8.self)
  }

  /// The escape starting at `index` (`_xHHHH_` or `_xHHHHHHHH_`) and its length in bytes.
  private static func escape(in bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (UInt32, Int)? {
    guard bytes[index] == underscore, index + 6 < bytes.count else { return nil }
    let x = bytes[index + 1]
    guard x == lowerX || x == upperX else { return nil }
    for digits in [4, 8] {
      let end = index + 2 + digits
      guard end < bytes.count, bytes[end] == underscore else { continue }
      var value: UInt32 = 0
      var valid = true
      for position in (index + 2)..<end {
        guard let digit = hexValue(bytes[position]) else {
          valid = false
          break
        }
        value = value << 4 | digit
      }
      if valid { return (value, digits + 3) }
    }
    return nil
  }

  private static func hexValue(_ byte: UInt8) -> UInt32? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
    case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
    case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
    default: nil
    }
  }

  private static func appendUTF8(_ scalar: UInt32, to output: inout [UInt8]) {
    TextEncoding.appendUTF8(scalar, to: &output)
  }
}
