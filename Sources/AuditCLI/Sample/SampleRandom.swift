/// A small deterministic random number generator (SplitMix64) seeded from `--seed`.
///
/// The generator never uses the system generator or the clock, and never calls the standard
/// library's `random(in:using:)` (whose algorithm is not promised to stay the same across Swift
/// versions): every draw is made here, so one seed gives the same tenant on every machine.
struct SampleRandom {
  private var state: UInt64

  init(seed: UInt64) {
    state = seed
  }

  /// The next 64 random bits.
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A number in `range` (the slight modulo bias does not matter for sample data).
  mutating func int(_ range: Range<Int>) -> Int {
    precondition(!range.isEmpty, "empty range")
    return range.lowerBound + Int(next() % UInt64(range.count))
  }

  /// A number in `range`, both ends included.
  mutating func int(_ range: ClosedRange<Int>) -> Int {
    int(range.lowerBound..<(range.upperBound + 1))
  }

  /// True with the given probability in percent.
  mutating func chance(_ percent: Int) -> Bool { int(0..<100) < percent }

  /// One element of a non-empty array.
  mutating func pick<Element>(_ elements: [Element]) -> Element {
    elements[int(0..<elements.count)]
  }

  /// The array in a random order (Fisher–Yates).
  mutating func shuffled<Element>(_ elements: [Element]) -> [Element] {
    var result = elements
    guard result.count > 1 else { return result }
    for index in stride(from: result.count - 1, to: 0, by: -1) {
      result.swapAt(index, int(0...index))
    }
    return result
  }

  /// `count` lowercase hexadecimal digits.
  mutating func hex(_ count: Int) -> String {
    let digits = Array("0123456789abcdef")
    var text = ""
    for _ in 0..<count { text.append(digits[int(0..<16)]) }
    return text
  }

  /// A version-4-shaped GUID, lowercase (`29319eac-0a9c-4b29-a780-065b6404ffbd`).
  mutating func guid() -> String {
    let variant = Array("89ab")[int(0..<4)]
    return "\(hex(8))-\(hex(4))-4\(hex(3))-\(variant)\(hex(3))-\(hex(12))"
  }
}
