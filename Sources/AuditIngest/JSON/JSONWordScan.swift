/// Eight-bytes-at-a-time (SWAR) searches used by the scanner's hottest loops.
///
/// Each function reads unaligned 64-bit words and finds matching bytes with the classic
/// "has zero byte" bit trick; callers finish the last few bytes one at a time. The lowest set
/// bit of a match mask is exact on little-endian machines (borrows only corrupt higher bytes);
/// on big-endian machines the word loops are skipped.
enum JSONWordScan {
  private static let ones: UInt64 = 0x0101_0101_0101_0101
  private static let highBits: UInt64 = 0x8080_8080_8080_8080
  private static let lowBits: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
  private static let quotes: UInt64 = ones &* UInt64(JSONByte.quote)
  private static let backslashes: UInt64 = ones &* UInt64(JSONByte.backslash)
  private static let newlines: UInt64 = ones &* UInt64(JSONByte.newline)

  #if _endian(little)
    private static let usesWords = true
  #else
    private static let usesWords = false
  #endif

  @inline(__always)
  private static func load(_ bytes: UnsafeBufferPointer<UInt8>, _ i: Int) -> UInt64 {
    UnsafeRawPointer(bytes.baseAddress.unsafelyUnwrapped + i).loadUnaligned(as: UInt64.self)
  }

  /// Marks (with the lane's high bit) bytes that are zero; exact only up to the first zero lane.
  @inline(__always)
  private static func zeroLanes(_ word: UInt64) -> UInt64 {
    (word &- ones) & ~word & highBits
  }

  /// The index of the first `"` or `\` at or after `start`, or `bytes.count` when none.
  ///
  /// - Parameter nonASCII: set when a byte ≥ 0x80 lies between `start` and the result.
  @inline(__always)
  static func quoteOrBackslash(
    in bytes: UnsafeBufferPointer<UInt8>, from start: Int, nonASCII: inout Bool
  ) -> Int {
    var i = start
    let count = bytes.count
    var high: UInt64 = 0
    if usesWords {
      while i + 8 <= count {
        let word = load(bytes, i)
        let hits = zeroLanes(word ^ quotes) | zeroLanes(word ^ backslashes)
        if hits != 0 {
          let lane = hits.trailingZeroBitCount >> 3
          // Keep only the lanes before the hit.
          high |= word & ((UInt64(1) << UInt64(lane << 3)) &- 1)
          if high & highBits != 0 { nonASCII = true }
          return i + lane
        }
        high |= word
        i += 8
      }
    }
    if high & highBits != 0 { nonASCII = true }
    while i < count {
      let byte = bytes[i]
      if byte == JSONByte.quote || byte == JSONByte.backslash { return i }
      if byte >= 0x80 { nonASCII = true }
      i += 1
    }
    return count
  }

  /// The number of line feeds in `bytes[start..<end]`.
  static func newlineCount(in bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Int {
    var i = start
    var total = 0
    if usesWords {
      while i + 8 <= end {
        // Per-lane counters (each lane counts to at most 255) summed every 255 words.
        var lanes: UInt64 = 0
        var words = 0
        while words < 255 && i + 8 <= end {
          let word = load(bytes, i) ^ newlines
          // Exact zero-lane test: a lane is zero iff adding 0x7F to its low 7 bits and OR-ing
          // the lane itself leaves the high bit clear.
          let nonZero = ((word & lowBits) &+ lowBits) | word
          lanes &+= (~nonZero & highBits) >> 7
          i += 8
          words += 1
        }
        // Sum the eight byte lanes in 16-bit lanes (at most 8 × 255 fits).
        let pairs = (lanes & 0x00FF_00FF_00FF_00FF) &+ ((lanes >> 8) & 0x00FF_00FF_00FF_00FF)
        total += Int((pairs &* 0x0001_0001_0001_0001) >> 48)
      }
    }
    while i < end {
      if bytes[i] == JSONByte.newline { total += 1 }
      i += 1
    }
    return total
  }
}
