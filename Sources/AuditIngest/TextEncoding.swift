/// The text encoding of an input file, detected from its byte order mark and content.
public enum TextEncoding: String, Sendable, Hashable {
  case utf8 = "utf-8"
  case utf8BOM = "utf-8-bom"
  case utf16LE = "utf-16le"
  case utf16BE = "utf-16be"
  case ascii

  /// Detects the encoding and returns the text as UTF-8 bytes without a BOM.
  ///
  /// UTF-16 is transcoded (unpaired surrogates become U+FFFD and are reported through
  /// `hadInvalidSequences`); UTF-8 is returned as is and validated later, field by field.
  public static func decode(_ bytes: [UInt8]) -> (encoding: TextEncoding, utf8: [UInt8], hadInvalidSequences: Bool) {
    if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF {
      return (.utf8BOM, Array(bytes[3...]), false)
    }
    if bytes.count >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE {
      let (utf8, invalid) = transcodeUTF16(bytes, from: 2, bigEndian: false)
      return (.utf16LE, utf8, invalid)
    }
    if bytes.count >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF {
      let (utf8, invalid) = transcodeUTF16(bytes, from: 2, bigEndian: true)
      return (.utf16BE, utf8, invalid)
    }
    let isASCII = bytes.withUnsafeBufferPointer { buffer in
      buffer.allSatisfy { $0 < 0x80 }
    }
    return (isASCII ? .ascii : .utf8, bytes, false)
  }

  /// Transcodes UTF-16 code units starting at `start` to UTF-8.
  static func transcodeUTF16(_ bytes: [UInt8], from start: Int, bigEndian: Bool) -> ([UInt8], Bool) {
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count / 2 + 16)
    var invalid = false
    bytes.withUnsafeBufferPointer { buffer in
      var i = start
      func unit(_ at: Int) -> UInt32 {
        bigEndian
          ? UInt32(buffer[at]) << 8 | UInt32(buffer[at + 1])
          : UInt32(buffer[at + 1]) << 8 | UInt32(buffer[at])
      }
      while i + 1 < buffer.count {
        var scalar = unit(i)
        i += 2
        if scalar >= 0xD800 && scalar <= 0xDBFF {
          if i + 1 < buffer.count {
            let low = unit(i)
            if low >= 0xDC00 && low <= 0xDFFF {
              scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
              i += 2
            } else {
              scalar = 0xFFFD
              invalid = true
            }
          } else {
            scalar = 0xFFFD
            invalid = true
          }
        } else if scalar >= 0xDC00 && scalar <= 0xDFFF {
          scalar = 0xFFFD
          invalid = true
        }
        appendUTF8(scalar, to: &out)
      }
      if i < buffer.count { invalid = true }
    }
    return (out, invalid)
  }

  static func appendUTF8(_ scalar: UInt32, to out: inout [UInt8]) {
    switch scalar {
    case 0..<0x80:
      out.append(UInt8(scalar))
    case 0x80..<0x800:
      out.append(UInt8(0xC0 | (scalar >> 6)))
      out.append(UInt8(0x80 | (scalar & 0x3F)))
    case 0x800..<0x10000:
      out.append(UInt8(0xE0 | (scalar >> 12)))
      out.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
      out.append(UInt8(0x80 | (scalar & 0x3F)))
    default:
      out.append(UInt8(0xF0 | (scalar >> 18)))
      out.append(UInt8(0x80 | ((scalar >> 12) & 0x3F)))
      out.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
      out.append(UInt8(0x80 | (scalar & 0x3F)))
    }
  }
}
