/// Byte-level helpers the output writers share: appending text and integers to a `[UInt8]`
/// without building intermediate strings.
enum OutputBytes {
  /// Calls `body` with the UTF-8 bytes of `text`, in place when the string stores them contiguously.
  @inline(__always)
  static func withUTF8<Result>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
    if let result = text.utf8.withContiguousStorageIfAvailable(body) { return result }
    // Not stored as contiguous UTF-8 (a bridged string): work on a copy of its bytes.
    return Array(text.utf8).withUnsafeBufferPointer(body)
  }

  /// Appends the UTF-8 of a literal the writer itself produces (`null`, `[]`, …).
  @inline(__always)
  static func append(_ text: StaticString, to out: inout [UInt8]) {
    text.withUTF8Buffer { out.append(contentsOf: $0) }
  }

  /// Appends an integer in decimal, spelled as `String(n)` spells it.
  static func appendDecimal(_ n: Int64, to out: inout [UInt8]) {
    if n < 0 { out.append(UInt8(ascii: "-")) }
    var magnitude = n.magnitude
    // 24 bytes of scratch; UInt64.max has 20 digits.
    var scratch: (UInt64, UInt64, UInt64) = (0, 0, 0)
    withUnsafeMutableBytes(of: &scratch) { buffer in
      var index = buffer.count
      repeat {
        index -= 1
        buffer[index] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: magnitude % 10)
        magnitude /= 10
      } while magnitude > 0
      out.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[index...]))
    }
  }
}
