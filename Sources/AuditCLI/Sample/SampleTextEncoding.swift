/// The byte encodings PowerShell writes files in (FORMATS.md §2.2, §10.1).
enum SampleTextEncoding: Sendable, Hashable {
  /// UTF-8 with a byte order mark (5.1 `-Encoding UTF8`, PS 7 `-Encoding utf8BOM`).
  case utf8BOM
  /// UTF-8 without a byte order mark (PS 7 default).
  case utf8
  /// UTF-16 little-endian with a byte order mark (5.1 `Out-File`, `>`, Export-Clixml).
  case utf16LE
  /// ASCII, non-ASCII characters replaced by `?` (5.1 Export-Csv default).
  case ascii

  /// The text's bytes in this encoding.
  func bytes(_ text: String) -> [UInt8] {
    switch self {
    case .utf8BOM: return [0xEF, 0xBB, 0xBF] + Array(text.utf8)
    case .utf8: return Array(text.utf8)
    case .utf16LE:
      let units = Array(text.utf16)
      return [UInt8](unsafeUninitializedCapacity: 2 + units.count * 2) { buffer, count in
        buffer[0] = 0xFF
        buffer[1] = 0xFE
        units.withUnsafeBufferPointer { source in
          for index in 0..<source.count {
            buffer[2 + 2 * index] = UInt8(truncatingIfNeeded: source[index])
            buffer[3 + 2 * index] = UInt8(truncatingIfNeeded: source[index] >> 8)
          }
        }
        count = 2 + units.count * 2
      }
    case .ascii:
      return text.unicodeScalars.map { $0.isASCII ? UInt8($0.value) : UInt8(ascii: "?") }
    }
  }

  /// How README.md names it.
  var label: String {
    switch self {
    case .utf8BOM: "UTF-8 with BOM"
    case .utf8: "UTF-8 without BOM"
    case .utf16LE: "UTF-16LE with BOM"
    case .ascii: "ASCII"
    }
  }
}
