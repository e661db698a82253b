import AuditModel

/// The text encoding of an input file, detected from its byte order mark and content.
public enum TextEncoding: String, Sendable, Hashable {
  case utf8 = "utf-8"
  case utf8BOM = "utf-8-bom"
  case utf16LE = "utf-16le"
  case utf16BE = "utf-16be"
  case ascii
  /// The western ANSI code page that Windows PowerShell 5.1 writes with `-Encoding Default`
  /// (FORMATS.md §10.1): chosen when the bytes have no BOM and are not UTF-8 anywhere.
  case windows1252 = "windows-1252"

  /// Detects the encoding and returns the text as UTF-8 bytes without a BOM.
  ///
  /// UTF-16 is transcoded (unpaired surrogates become U+FFFD and are reported through
  /// `hadInvalidSequences`); UTF-8 is returned as is and validated later, field by field.
  /// Bytes without a BOM that hold no valid multi-byte UTF-8 sequence but some non-UTF-8 bytes
  /// are an ANSI export and are transcoded from Windows-1252; a UTF-8 file with a few broken
  /// sequences stays UTF-8, so that only the rows that hold them are rejected.
  public static func decode(_ bytes: [UInt8]) -> (
    encoding: TextEncoding, utf8: [UInt8], hadInvalidSequences: Bool
  ) {
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
    switch classify(bytes) {
    case .ascii: return (.ascii, bytes, false)
    case .utf8: return (.utf8, bytes, false)
    case .singleByte: return (.windows1252, transcodeWindows1252(bytes), false)
    }
  }

  /// The first character that is not a space, tab or line break, as its ASCII byte, read through
  /// a byte order mark (UTF-8 or UTF-16) without decoding the rest; a non-ASCII character is
  /// 0xFF; nil when there is none.
  public static func firstCharacter(of bytes: [UInt8]) -> UInt8? {
    func significant(_ unit: UInt32) -> Bool { unit != 0x20 && unit != 0x09 && unit != 0x0A && unit != 0x0D }
    let utf16: Bool? =
      bytes.count >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE
      ? false : bytes.count >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF ? true : nil
    if let bigEndian = utf16 {
      var index = 2
      while index + 1 < bytes.count {
        let (high, low) = bigEndian ? (bytes[index], bytes[index + 1]) : (bytes[index + 1], bytes[index])
        let unit = UInt32(high) << 8 | UInt32(low)
        if significant(unit) { return unit < 0x80 ? UInt8(unit) : 0xFF }
        index += 2
      }
      return nil
    }
    let start = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
    for byte in bytes[start...] where significant(UInt32(byte)) { return byte < 0x80 ? byte : 0xFF }
    return nil
  }

  /// The warning for a file read as Windows-1252, for the readers to report.
  public static func legacyCodePageDiagnostic(file: String) -> Diagnostic {
    Diagnostic(
      .warning, at: SourceLocation(file: file),
      "the file is not utf-8 and has no byte order mark; it was read as windows-1252 (ansi)",
      hint:
        "-Encoding Default in Windows PowerShell 5.1 writes the ANSI code page;"
        + " if names look wrong, re-export with -Encoding UTF8")
  }

  /// What bytes without a BOM hold.
  enum Content {
    case ascii
    /// UTF-8, possibly with a few invalid sequences.
    case utf8
    /// A single-byte code page: no valid multi-byte UTF-8 sequence, some bytes that are not UTF-8.
    case singleByte
  }

  static func classify(_ bytes: [UInt8]) -> Content {
    bytes.withUnsafeBufferPointer { buffer in
      var sawMultibyte = false
      var sawInvalid = false
      var i = 0
      let count = buffer.count
      while i < count {
        let lead = buffer[i]
        if lead < 0x80 {
          i += 1
          continue
        }
        let length = utf8SequenceLength(buffer, at: i)
        if length > 0 {
          sawMultibyte = true
          i += length
        } else {
          sawInvalid = true
          i += 1
        }
      }
      if !sawMultibyte && !sawInvalid { return .ascii }
      return sawInvalid && !sawMultibyte ? .singleByte : .utf8
    }
  }

  /// The length of the well-formed UTF-8 sequence starting at `i` (Unicode table 3-7), or 0.
  static func utf8SequenceLength(_ buffer: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
    let lead = buffer[i]
    func continuation(_ offset: Int, _ range: ClosedRange<UInt8> = 0x80...0xBF) -> Bool {
      i + offset < buffer.count && range.contains(buffer[i + offset])
    }
    switch lead {
    case 0xC2...0xDF:
      return continuation(1) ? 2 : 0
    case 0xE0:
      return continuation(1, 0xA0...0xBF) && continuation(2) ? 3 : 0
    case 0xE1...0xEC, 0xEE...0xEF:
      return continuation(1) && continuation(2) ? 3 : 0
    case 0xED:
      return continuation(1, 0x80...0x9F) && continuation(2) ? 3 : 0
    case 0xF0:
      return continuation(1, 0x90...0xBF) && continuation(2) && continuation(3) ? 4 : 0
    case 0xF1...0xF3:
      return continuation(1) && continuation(2) && continuation(3) ? 4 : 0
    case 0xF4:
      return continuation(1, 0x80...0x8F) && continuation(2) && continuation(3) ? 4 : 0
    default:
      return 0
    }
  }

  /// Windows-1252 0x80–0x9F; the five undefined bytes keep their C1 code point, as Windows does.
  static let windows1252High: [UInt32] = [
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
    0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
  ]

  /// Transcodes Windows-1252 bytes to UTF-8.
  static func transcodeWindows1252(_ bytes: [UInt8]) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count + bytes.count / 8)
    for byte in bytes {
      switch byte {
      case 0..<0x80: out.append(byte)
      case 0x80..<0xA0: appendUTF8(windows1252High[Int(byte - 0x80)], to: &out)
      default: appendUTF8(UInt32(byte), to: &out)
      }
    }
    return out
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
