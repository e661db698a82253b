/// Byte-level matching of identity text against lowercase ASCII literals, with no allocation and
/// no Foundation string search. Each helper gives what its `lowercased()` form gives; text that is
/// not all ASCII takes that form itself, so results never differ.
extension String {
  /// Calls `body` with the UTF-8 bytes when they are contiguous and all ASCII; nil otherwise.
  @inline(__always)
  func withASCIIBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R? {
    let result: R?? = utf8.withContiguousStorageIfAvailable { bytes in
      for byte in bytes where byte >= 0x80 { return nil }
      return body(bytes)
    }
    return result ?? nil
  }

  /// `lowercased() == lower`, for a lowercase ASCII `lower`.
  func lowercasedEquals(_ lower: String) -> Bool {
    withASCIIBytes { ASCIIMatching.equals($0, lower) } ?? (lowercased() == lower)
  }

  /// `lowercased().hasPrefix(lower)`, for a lowercase ASCII `lower`.
  func lowercasedHasPrefix(_ lower: String) -> Bool {
    withASCIIBytes { ASCIIMatching.hasPrefix($0, lower) } ?? lowercased().hasPrefix(lower)
  }

  /// `lowercased().hasSuffix(lower)`, for a lowercase ASCII `lower`.
  func lowercasedHasSuffix(_ lower: String) -> Bool {
    withASCIIBytes { bytes in
      bytes.count >= lower.utf8.count
        && ASCIIMatching.hasPrefix(bytes, from: bytes.count - lower.utf8.count, lower)
    } ?? lowercased().hasSuffix(lower)
  }

  /// `lowercased().contains(lower)`, for a lowercase ASCII `lower`.
  func lowercasedContains(_ lower: String) -> Bool {
    withASCIIBytes { ASCIIMatching.contains($0, lower) } ?? lowercased().contains(lower)
  }
}

/// The byte loops behind the `String` helpers.
enum ASCIIMatching {
  @inline(__always)
  static func folded(_ byte: UInt8) -> UInt8 {
    byte &- 65 < 26 ? byte | 0x20 : byte
  }

  static func equals(_ bytes: UnsafeBufferPointer<UInt8>, _ lower: String) -> Bool {
    guard bytes.count == lower.utf8.count else { return false }
    return hasPrefix(bytes, lower)
  }

  static func hasPrefix(_ bytes: UnsafeBufferPointer<UInt8>, _ lower: String) -> Bool {
    hasPrefix(UnsafeBufferPointer(rebasing: bytes[...]), from: 0, lower)
  }

  static func hasPrefix(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, _ lower: String) -> Bool {
    var index = start
    for expected in lower.utf8 {
      guard index < bytes.count, folded(bytes[index]) == expected else { return false }
      index += 1
    }
    return true
  }

  static func contains(_ bytes: UnsafeBufferPointer<UInt8>, _ lower: String) -> Bool {
    let count = lower.utf8.count
    if count == 0 { return true }
    if count > bytes.count { return false }
    for start in 0...(bytes.count - count) where hasPrefix(bytes, from: start, lower) { return true }
    return false
  }

  /// The bounds of the last non-empty segment between `separator` bytes (what
  /// `split(separator:).last` gives); nil when every byte is the separator.
  static func lastSegment(_ bytes: UnsafeBufferPointer<UInt8>, separator: UInt8) -> Range<Int>? {
    var end = bytes.count
    while end > 0 && bytes[end - 1] == separator { end -= 1 }
    if end == 0 { return nil }
    var start = end
    while start > 0 && bytes[start - 1] != separator { start -= 1 }
    return start..<end
  }

  /// The lowercased text of some ASCII bytes.
  static func lowercasedString(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
    String(unsafeUninitializedCapacity: range.count) { buffer in
      for (offset, index) in range.enumerated() { buffer[offset] = folded(bytes[index]) }
      return range.count
    }
  }
}
