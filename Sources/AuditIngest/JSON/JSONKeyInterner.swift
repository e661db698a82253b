/// Shares one `String` per distinct object key, so the property names that repeat in every
/// record are validated and allocated once per file, and mostly not even scanned.
///
/// Two levels:
/// - **Prediction.** Records of one export list the same keys in the same order, so the
///   interner remembers which key followed each key last time (and which key opened the last
///   object at each depth). The scanner first checks whether the bytes after the opening quote
///   are exactly the predicted key and a closing quote: one short compare, no hashing.
/// - **Lookup.** Otherwise the key's raw (unescaped) bytes are hashed with FNV-1a and looked up
///   in an open-addressed table (linear probing) of at most `capacity` keys (a quarter of the
///   slots: `fileCapacity` when reading a file, fewer for one small text); later new keys are
///   returned without being stored, so a file of random keys cannot grow the table without bound.
///
/// Each stored key also gets a *fold id*: keys that are equal ignoring ASCII case share it.
/// Objects use it for a cheap duplicate-key check (PowerShell property names are
/// case-insensitive, so `User` and `user` collide).
struct JSONKeyInterner {
  /// A key as the scanner needs it.
  struct Key {
    var string: String
    /// Shared by keys equal ignoring ASCII case; -1 when the key is not stored.
    var foldID: Int32
    /// The stored entry, -1 when the key is not stored (escaped, invalid or table full).
    var entry: Int32
  }

  /// `previous` value meaning "this is the object's first key".
  static let objectStart: Int32 = -1
  /// `previous` value meaning "the previous key is not stored; predict nothing".
  static let unknown: Int32 = -2

  /// Keys stored at most when reading a file.
  static let fileCapacity = 512
  private static let predictedDepths = 16

  /// Keys stored at most; a quarter of the slot count keeps probes short.
  let capacity: Int
  private let slotMask: Int

  /// FNV-1a 64-bit offset basis, the start value of `hash`.
  static let hashSeed: UInt64 = 0xcbf2_9ce4_8422_2325
  /// FNV-1a 64-bit prime.
  static let hashPrime: UInt64 = 0x0000_0100_0000_01b3

  private var slots: [Int32]
  private var hashes: [UInt64] = []
  private var starts: [Int] = []
  private var lengths: [Int] = []
  private var strings: [String] = []
  private var foldIDs: [Int32] = []
  private var successors: [Int32] = []
  private var firstKeys = [Int32](repeating: -1, count: JSONKeyInterner.predictedDepths)
  private var storage: [UInt8] = []
  /// Case-folded hash of each stored key, to find the fold id of a new key.
  private var foldedHashes: [UInt64] = []
  private var foldIDCount: Int32 = 0

  /// An interner that stores up to `capacity` keys (rounded up to a power of two).
  init(capacity: Int = JSONKeyInterner.fileCapacity) {
    var slotCount = 16
    while slotCount < capacity * 4 { slotCount <<= 1 }
    self.capacity = slotCount / 4
    slotMask = slotCount - 1
    slots = [Int32](repeating: -1, count: slotCount)
    let expected = min(self.capacity, 64)
    hashes.reserveCapacity(expected)
    starts.reserveCapacity(expected)
    lengths.reserveCapacity(expected)
    strings.reserveCapacity(expected)
    foldIDs.reserveCapacity(expected)
    successors.reserveCapacity(expected)
    foldedHashes.reserveCapacity(expected)
    storage.reserveCapacity(expected * 16)
  }

  /// Adds one byte to an FNV-1a hash.
  @inline(__always)
  static func hash(_ hash: UInt64, _ byte: UInt8) -> UInt64 {
    (hash ^ UInt64(byte)) &* hashPrime
  }

  /// The stored key expected after `previous` in an object at `depth`, if any.
  @inline(__always)
  func prediction(after previous: Int32, depth: Int) -> Int32 {
    if previous >= 0 { return successors[Int(previous)] }
    if previous == Self.objectStart && depth < Self.predictedDepths { return firstKeys[depth] }
    return -1
  }

  /// Remembers that `next` followed `previous` in an object at `depth`.
  @inline(__always)
  mutating func learn(_ next: Int32, after previous: Int32, depth: Int) {
    if previous >= 0 {
      successors[Int(previous)] = next
    } else if previous == Self.objectStart && depth < Self.predictedDepths {
      firstKeys[depth] = next
    }
  }

  /// Whether `bytes[start...]` holds exactly the stored key `entry` followed by a quote.
  @inline(__always)
  func matches(_ entry: Int32, _ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Bool {
    let index = Int(entry)
    let length = lengths[index]
    guard start + length < bytes.count && bytes[start + length] == JSONByte.quote else { return false }
    return storedBytes(index, equal: bytes, start: start, length: length)
  }

  /// The key stored as `entry`.
  @inline(__always)
  func key(_ entry: Int32) -> Key {
    Key(string: strings[Int(entry)], foldID: foldIDs[Int(entry)], entry: entry)
  }

  /// The byte length of the key stored as `entry`.
  @inline(__always)
  func length(_ entry: Int32) -> Int { lengths[Int(entry)] }

  /// The key for the raw bytes `bytes[start..<end]` (no escapes), stored if there is room.
  ///
  /// - Returns: nil when the bytes are not valid UTF-8.
  /// - Complexity: O(length).
  mutating func intern(_ bytes: UnsafeBufferPointer<UInt8>, start: Int, end: Int) -> Key? {
    let length = end - start
    var hash = Self.hashSeed
    var high: UInt8 = 0
    for i in start..<end {
      hash = Self.hash(hash, bytes[i])
      high |= bytes[i]
    }
    let mask = slotMask
    var slot = Int(truncatingIfNeeded: (hash &* 0x9E37_79B9_7F4A_7C15) >> 40) & mask
    while true {
      let entry = slots[slot]
      if entry < 0 { break }
      let index = Int(entry)
      if hashes[index] == hash && lengths[index] == length
        && storedBytes(index, equal: bytes, start: start, length: length)
      {
        return key(entry)
      }
      slot = (slot + 1) & mask
    }
    let keyBytes = UnsafeBufferPointer(rebasing: bytes[start..<end])
    let string: String
    if high < 0x80 {
      string = String(decoding: keyBytes, as: UTF8.self)
    } else {
      guard let valid = String(validating: keyBytes, as: UTF8.self) else { return nil }
      string = valid
    }
    guard strings.count < capacity else { return Key(string: string, foldID: -1, entry: -1) }
    let foldID = foldID(for: keyBytes)
    let entry = Int32(strings.count)
    slots[slot] = entry
    hashes.append(hash)
    starts.append(storage.count)
    lengths.append(length)
    strings.append(string)
    foldIDs.append(foldID)
    successors.append(-1)
    storage.append(contentsOf: keyBytes)
    return Key(string: string, foldID: foldID, entry: entry)
  }

  @inline(__always)
  private func storedBytes(
    _ index: Int, equal bytes: UnsafeBufferPointer<UInt8>, start: Int, length: Int
  ) -> Bool {
    let from = starts[index]
    return storage.withUnsafeBufferPointer { stored in
      var k = 0
      while k + 8 <= length {
        let a = UnsafeRawPointer(stored.baseAddress.unsafelyUnwrapped + from + k).loadUnaligned(
          as: UInt64.self)
        let b = UnsafeRawPointer(bytes.baseAddress.unsafelyUnwrapped + start + k).loadUnaligned(
          as: UInt64.self)
        if a != b { return false }
        k += 8
      }
      while k < length {
        if stored[from + k] != bytes[start + k] { return false }
        k += 1
      }
      return true
    }
  }

  /// The id shared by all keys equal to these bytes ignoring ASCII case.
  private mutating func foldID(for keyBytes: UnsafeBufferPointer<UInt8>) -> Int32 {
    var folded = Self.hashSeed
    for byte in keyBytes {
      let lower = byte &- JSONByte.uppercaseA < 26 ? byte | 0x20 : byte
      folded = Self.hash(folded, lower)
    }
    if let index = foldedHashes.firstIndex(of: folded) {
      foldedHashes.append(folded)
      return foldIDs[index]
    }
    foldedHashes.append(folded)
    foldIDCount += 1
    return foldIDCount - 1
  }
}
