/// Reuses the `FieldValue`s of values that repeat across records (principal names, server
/// names, enum numbers, `Unchanged`), so each distinct value is allocated once, not per record.
///
/// A `.string`/`.number` longer than 15 bytes keeps its text in a heap buffer; sharing the
/// buffer turns a malloc, a copy and a later free into one retain, and keeps a large export's
/// records small in memory.
///
/// A direct-mapped cache: the slot comes from a hash of the length and up to three 8-byte words
/// of the value, and a hit is confirmed by comparing every byte, so a collision only costs a
/// miss (the slot is then overwritten). Only plain ASCII text (no escapes) up to `maxLength`
/// bytes is cached; longer values rarely repeat.
struct JSONValueCache {
  static let maxLength = 64
  private let slotBits: Int
  private let makesNumbers: Bool

  private var values: [FieldValue]
  private var lengths: [Int]
  private var storage: [UInt8]

  /// A cache of `.number` values (`makesNumbers`) or `.string` values, with 2^`slotBits` slots;
  /// 0 bits makes a cache that stores nothing (for one-off texts, where nothing repeats).
  init(slotBits: Int, makesNumbers: Bool) {
    self.slotBits = slotBits
    self.makesNumbers = makesNumbers
    let slotCount = slotBits == 0 ? 0 : 1 << slotBits
    values = [FieldValue](repeating: .null, count: slotCount)
    lengths = [Int](repeating: -1, count: slotCount)
    storage = [UInt8](repeating: 0, count: slotCount * Self.maxLength)
  }

  /// The value for the ASCII bytes `bytes[start..<end]`, shared with earlier equal values.
  ///
  /// - Precondition: the bytes are ASCII, hold no escapes, and `end − start ≤ maxLength`.
  @inline(__always)
  mutating func value(_ bytes: UnsafeBufferPointer<UInt8>, start: Int, end: Int) -> FieldValue {
    let length = end - start
    let base = bytes.baseAddress.unsafelyUnwrapped + start
    guard slotBits > 0 else {
      let text = String(decoding: UnsafeBufferPointer(start: base, count: length), as: UTF8.self)
      return makesNumbers ? .number(text) : .string(text)
    }
    let raw = UnsafeRawPointer(base)
    var hash = UInt64(length) &* 0xC2B2_AE3D_27D4_EB4F
    if length >= 8 {
      let first = raw.loadUnaligned(as: UInt64.self)
      let last = raw.loadUnaligned(fromByteOffset: length - 8, as: UInt64.self)
      let middle = raw.loadUnaligned(fromByteOffset: (length >> 1) - 4, as: UInt64.self)
      hash = (hash ^ first) &* 0x9E37_79B9_7F4A_7C15
      hash = (hash ^ last) &* 0x1656_67B1_9E37_79F9
      hash = (hash ^ middle) &* 0x9E37_79B9_7F4A_7C15
    } else {
      var word: UInt64 = 0
      for k in 0..<length { word = word << 8 | UInt64(base[k]) }
      hash = (hash ^ word) &* 0x9E37_79B9_7F4A_7C15
    }
    let slot = Int(truncatingIfNeeded: hash >> UInt64(64 - slotBits))
    let from = slot * Self.maxLength
    if lengths[slot] == length {
      let same = storage.withUnsafeBufferPointer { stored in
        let cached = stored.baseAddress.unsafelyUnwrapped + from
        var k = 0
        while k + 8 <= length {
          if UnsafeRawPointer(cached).loadUnaligned(fromByteOffset: k, as: UInt64.self)
            != raw.loadUnaligned(fromByteOffset: k, as: UInt64.self)
          {
            return false
          }
          k += 8
        }
        while k < length {
          if cached[k] != base[k] { return false }
          k += 1
        }
        return true
      }
      if same { return values[slot] }
    }
    let text = String(decoding: UnsafeBufferPointer(start: base, count: length), as: UTF8.self)
    let value: FieldValue = makesNumbers ? .number(text) : .string(text)
    values[slot] = value
    lengths[slot] = length
    storage.withUnsafeMutableBufferPointer { stored in
      (stored.baseAddress.unsafelyUnwrapped + from).update(from: base, count: length)
    }
    return value
  }
}
