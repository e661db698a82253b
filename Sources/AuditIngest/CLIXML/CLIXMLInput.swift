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

  /// Transcodes UTF-16 after its two-byte BOM to UTF-8, a few megabytes at a time, so that
  /// the transcoder's scratch space stays small.
  ///
  /// - Returns: The UTF-8 bytes and whether the input was invalid (unpaired surrogates,
  ///   replaced by U+FFFD, or an odd trailing byte, dropped).
  /// - Complexity: O(n).
  static func transcodeUTF16(_ bytes: UnsafeRawBufferPointer, bigEndian: Bool) -> ([UInt8], Bool) {
    var transcoder = UTF16Transcoder(bigEndian: bigEndian)
    // One UTF-8 byte per unit for ASCII, which CLIXML mostly is.
    transcoder.output.reserveCapacity(bytes.count / 2)
    var start = 2
    while start < bytes.count {
      let end = min(start + UTF16FileSource.chunkSize, bytes.count)
      transcoder.add(UnsafeRawBufferPointer(rebasing: bytes[start..<end]))
      start = end
    }
    transcoder.finish()
    return (transcoder.output, transcoder.invalid)
  }
}
