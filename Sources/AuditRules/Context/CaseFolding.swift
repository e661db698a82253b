extension String {
  /// The string in lowercase, without allocating when it has no uppercase letter (canonical ids
  /// mostly are lowercase already; this runs millions of times on large inventories).
  var foldedCase: String {
    for byte in utf8 where byte >= 0x80 || (byte >= 0x41 && byte <= 0x5A) { return lowercased() }
    return self
  }

  /// True when the UTF-8 bytes of `needle` (ASCII) occur in the string.
  func containsBytes(_ needle: StaticString) -> Bool {
    let pattern = UnsafeBufferPointer(start: needle.utf8Start, count: needle.utf8CodeUnitCount)
    func search(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
      guard pattern.count <= bytes.count else { return false }
      for start in 0...(bytes.count - pattern.count) where bytes[start] == pattern[0] {
        if (1..<pattern.count).allSatisfy({ bytes[start + $0] == pattern[$0] }) { return true }
      }
      return false
    }
    if pattern.isEmpty { return true }
    if let found = utf8.withContiguousStorageIfAvailable(search) { return found }
    return Array(utf8).withUnsafeBufferPointer(search)
  }
}
