#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Shares one `String` among the cells of a file that hold the same bytes (a mailbox's Identity on
/// each of its rows, `NT AUTHORITY\SELF`, `FullAccess, ReadPermission`), so that a repeated value
/// is neither allocated again nor kept twice.
///
/// A direct-mapped table: each value hashes to one slot, and a slot keeps the last value seen
/// there. Values short enough to be stored inline in a `String` (15 UTF-8 bytes) are made
/// directly, since they cost no allocation.
struct CSVValueInterner {
  private static let slotCount = 1 << 12
  private static let inlineLimit = 15
  private var slots = [String?](repeating: nil, count: slotCount)

  /// The text of valid UTF-8 bytes, shared with an earlier equal cell when the table holds one.
  mutating func string(_ bytes: UnsafeBufferPointer<UInt8>, make: (UnsafeBufferPointer<UInt8>) -> String?)
    -> String?
  {
    guard bytes.count > Self.inlineLimit else { return make(bytes) }
    // FNV-1a over the bytes.
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
    let slot = Int(truncatingIfNeeded: hash ^ (hash >> 32)) & (Self.slotCount - 1)
    if let known = slots[slot], Self.equal(known, bytes) { return known }
    guard let made = make(bytes) else { return nil }
    slots[slot] = made
    return made
  }

  private static func equal(_ string: String, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    guard string.utf8.count == bytes.count else { return false }
    return string.utf8.withContiguousStorageIfAvailable { stored in
      memcmp(stored.baseAddress!, bytes.baseAddress!, bytes.count) == 0
    } ?? string.utf8.elementsEqual(bytes)
  }
}
