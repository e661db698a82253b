/// Turns byte offsets into 1-based line and column numbers, lazily and incrementally.
///
/// Records arrive in file order, so the tracker only counts the newlines between the previous
/// offset asked for and the next one; over a whole file that is one pass over the bytes, done
/// eight bytes at a time. Asking for an earlier offset counts backwards the same way.
/// Columns count UTF-8 bytes from the line start, as compilers do.
struct JSONLineTracker {
  private let bytes: UnsafeBufferPointer<UInt8>
  private var offset = 0
  private var line = 1
  private var lineStart = 0

  init(_ bytes: UnsafeBufferPointer<UInt8>) {
    self.bytes = bytes
  }

  /// The line and column of the byte at `target` (or of the end of the input).
  ///
  /// - Complexity: O(|target − previous target|), amortised O(1) per record read in order.
  mutating func position(of target: Int) -> (line: Int, column: Int) {
    let target = min(max(target, 0), bytes.count)
    if target >= offset {
      let newlines = JSONWordScan.newlineCount(in: bytes, from: offset, to: target)
      if newlines > 0 {
        line += newlines
        var back = target - 1
        while bytes[back] != JSONByte.newline { back -= 1 }
        lineStart = back + 1
      }
    } else {
      // Backwards (an error found after the point where reading resumes): uncount the lines.
      let newlines = JSONWordScan.newlineCount(in: bytes, from: target, to: offset)
      if newlines > 0 {
        line -= newlines
        var back = target
        while back > 0 && bytes[back - 1] != JSONByte.newline { back -= 1 }
        lineStart = back
      }
    }
    offset = target
    return (line, target - lineStart + 1)
  }
}
