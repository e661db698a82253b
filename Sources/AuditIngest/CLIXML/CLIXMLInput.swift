/// A CLIXML file's bytes as libxml2 is given them: UTF-8 without a byte order mark.
///
/// Windows PowerShell 5.1 writes Export-Clixml as UTF-16LE with a BOM, PowerShell 7 as UTF-8
/// without one, and `-Encoding UTF8` in 5.1 as UTF-8 with one. UTF-8 is handed over in place;
/// UTF-16 is transcoded here (libxml2's own converters report errors through its global
/// handlers, which the bridge never uses).
struct CLIXMLInput {
  /// The encoding the bytes were in.
  var encoding: TextEncoding
  /// UTF-16 input held unpaired surrogates (replaced by U+FFFD) or an odd trailing byte.
  var hadInvalidUTF16 = false

  /// Detects the encoding and calls `body` with the input and its UTF-8 bytes.
  ///
  /// - Warning: The buffer passed to `body` is valid only during the call.
  static func withUTF8<Result>(
    _ bytes: UnsafeRawBufferPointer,
    _ body: (CLIXMLInput, UnsafeRawBufferPointer) -> Result
  ) -> Result {
    let count = bytes.count
    if count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF {
      return body(CLIXMLInput(encoding: .utf8BOM), UnsafeRawBufferPointer(rebasing: bytes[3...]))
    }
    if count >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)) {
      let bigEndian = bytes[0] == 0xFE
      let (utf8, invalid) = transcodeUTF16(bytes, bigEndian: bigEndian)
      let input = CLIXMLInput(encoding: bigEndian ? .utf16BE : .utf16LE, hadInvalidUTF16: invalid)
      return utf8.withUnsafeBytes { body(input, $0) }
    }
    return body(CLIXMLInput(encoding: isASCII(bytes) ? .ascii : .utf8), bytes)
  }

  /// Whether every byte is below 0x80, checked eight bytes at a time.
  static func isASCII(_ bytes: UnsafeRawBufferPointer) -> Bool {
    var index = 0
    let count = bytes.count
    var accumulated: UInt64 = 0
    while index + 64 <= count {
      for lane in stride(from: index, to: index + 64, by: 8) {
        accumulated |= bytes.loadUnaligned(fromByteOffset: lane, as: UInt64.self)
      }
      if accumulated & 0x8080_8080_8080_8080 != 0 { return false }
      index += 64
    }
    while index < count {
      if bytes[index] >= 0x80 { return false }
      index += 1
    }
    return true
  }

  /// Transcodes UTF-16 after its two-byte BOM to UTF-8.
  ///
  /// Two passes (measure, then write) keep the output at its exact size: a 500 MB UTF-16
  /// export must not cost a 750 MB worst-case buffer.
  ///
  /// - Returns: The UTF-8 bytes and whether the input was invalid (unpaired surrogates,
  ///   replaced by U+FFFD, or an odd trailing byte, dropped).
  /// - Complexity: O(n).
  static func transcodeUTF16(_ bytes: UnsafeRawBufferPointer, bigEndian: Bool) -> ([UInt8], Bool) {
    var length = 0
    var invalid = forEachScalar(in: bytes, bigEndian: bigEndian) { scalar in
      length += scalar < 0x80 ? 1 : scalar < 0x800 ? 2 : scalar < 0x10000 ? 3 : 4
    }
    invalid = invalid || (bytes.count - 2) % 2 != 0
    let output = [UInt8](unsafeUninitializedCapacity: length) { out, initialized in
      var written = 0
      _ = forEachScalar(in: bytes, bigEndian: bigEndian) { scalar in
        written += encode(scalar, into: out, at: written)
      }
      initialized = written
    }
    return (output, invalid)
  }

  /// Calls `body` with each scalar of UTF-16 after a BOM; returns whether any was invalid.
  @inline(__always)
  private static func forEachScalar(
    in bytes: UnsafeRawBufferPointer, bigEndian: Bool, _ body: (UInt32) -> Void
  ) -> Bool {
    let units = (bytes.count - 2) / 2
    var invalid = false
    @inline(__always) func unit(_ index: Int) -> UInt32 {
      let offset = 2 + index * 2
      let first = UInt32(bytes[offset])
      let second = UInt32(bytes[offset + 1])
      return bigEndian ? first << 8 | second : second << 8 | first
    }
    var index = 0
    while index < units {
      var scalar = unit(index)
      index += 1
      if scalar >= 0xD800 && scalar <= 0xDFFF {
        if scalar <= 0xDBFF && index < units && (0xDC00...0xDFFF).contains(unit(index)) {
          scalar = 0x10000 + ((scalar - 0xD800) << 10) + (unit(index) - 0xDC00)
          index += 1
        } else {
          scalar = 0xFFFD
          invalid = true
        }
      }
      body(scalar)
    }
    return invalid
  }

  /// Writes one scalar as UTF-8 at `offset`; returns the number of bytes written.
  @inline(__always)
  static func encode(_ scalar: UInt32, into out: UnsafeMutableBufferPointer<UInt8>, at offset: Int)
    -> Int
  {
    switch scalar {
    case 0..<0x80:
      out[offset] = UInt8(truncatingIfNeeded: scalar)
      return 1
    case 0x80..<0x800:
      out[offset] = UInt8(truncatingIfNeeded: 0xC0 | (scalar >> 6))
      out[offset + 1] = UInt8(truncatingIfNeeded: 0x80 | (scalar & 0x3F))
      return 2
    case 0x800..<0x10000:
      out[offset] = UInt8(truncatingIfNeeded: 0xE0 | (scalar >> 12))
      out[offset + 1] = UInt8(truncatingIfNeeded: 0x80 | ((scalar >> 6) & 0x3F))
      out[offset + 2] = UInt8(truncatingIfNeeded: 0x80 | (scalar & 0x3F))
      return 3
    default:
      out[offset] = UInt8(truncatingIfNeeded: 0xF0 | (scalar >> 18))
      out[offset + 1] = UInt8(truncatingIfNeeded: 0x80 | ((scalar >> 12) & 0x3F))
      out[offset + 2] = UInt8(truncatingIfNeeded: 0x80 | ((scalar >> 6) & 0x3F))
      out[offset + 3] = UInt8(truncatingIfNeeded: 0x80 | (scalar & 0x3F))
      return 4
    }
  }
}
