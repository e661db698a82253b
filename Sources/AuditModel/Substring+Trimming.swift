extension Substring {
  /// The substring without leading and trailing spaces and tabs.
  public func trimmingSpaces() -> Substring {
    // Most values have nothing to trim: answer from the first and last byte, without Characters.
    let bytes = utf8
    guard let first = bytes.first, let last = bytes.last else { return self }
    if !Self.isTrimmedByte(first) && !Self.isTrimmedByte(last) { return self }
    var s = self
    while let c = s.first, c == " " || c == "\t" || c == "\r" || c == "\n" { s.removeFirst() }
    while let c = s.last, c == " " || c == "\t" || c == "\r" || c == "\n" { s.removeLast() }
    return s
  }

  @inline(__always)
  public static func isTrimmedByte(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A
  }
}
