/// The data a Mustache template renders: a JSON-like tree of strings, numbers, lists and objects.
///
/// Truthiness, used by sections and inverted sections: `null`, `false`, the empty list, the empty
/// string and the number zero are falsey; everything else, including every object, is truthy.
public enum MustacheValue: Sendable, Hashable {
  case string(String)
  case bool(Bool)
  /// A number; integral values render without a fractional part (`85`, not `85.0`).
  case number(Double)
  case list([MustacheValue])
  case object([String: MustacheValue])
  case null

  /// Whether a section renders its content for this value (and an inverted section does not).
  public var isTruthy: Bool {
    switch self {
    case .string(let text): !text.isEmpty
    case .bool(let flag): flag
    case .number(let number): number != 0 && !number.isNaN
    case .list(let items): !items.isEmpty
    case .object: true
    case .null: false
    }
  }

  /// The text an interpolation tag writes for this value, before escaping.
  ///
  /// Lists render their items' texts joined by ", "; objects and `null` render as nothing.
  public var interpolationText: String {
    switch self {
    case .string(let text): text
    case .bool(let flag): flag ? "true" : "false"
    case .number(let number): Self.format(number)
    case .list(let items): items.map(\.interpolationText).joined(separator: ", ")
    case .object, .null: ""
    }
  }

  /// The value stored under `key` when this is an object, else nil.
  public subscript(key: String) -> MustacheValue? {
    guard case .object(let fields) = self else { return nil }
    return fields[key]
  }

  /// Formats a number the way templates show it: integers without `.0`, others shortest round-trip.
  static func format(_ number: Double) -> String {
    // 2^53: every integral Double below it converts to Int64 exactly.
    if number.rounded(.towardZero) == number, abs(number) < 9_007_199_254_740_992 {
      return String(Int64(number))
    }
    return number.description
  }
}

extension MustacheValue: ExpressibleByStringLiteral {
  public init(stringLiteral value: String) {
    self = .string(value)
  }
}

extension MustacheValue: ExpressibleByBooleanLiteral {
  public init(booleanLiteral value: Bool) {
    self = .bool(value)
  }
}

extension MustacheValue: ExpressibleByIntegerLiteral {
  public init(integerLiteral value: Int) {
    self = .number(Double(value))
  }
}

extension MustacheValue: ExpressibleByFloatLiteral {
  public init(floatLiteral value: Double) {
    self = .number(value)
  }
}

extension MustacheValue: ExpressibleByArrayLiteral {
  public init(arrayLiteral elements: MustacheValue...) {
    self = .list(elements)
  }
}

extension MustacheValue: ExpressibleByDictionaryLiteral {
  /// An object from key-value pairs; when a key repeats, the last value wins.
  public init(dictionaryLiteral elements: (String, MustacheValue)...) {
    self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
  }
}

extension MustacheValue: ExpressibleByNilLiteral {
  public init(nilLiteral: ()) {
    self = .null
  }
}

extension MustacheValue {
  /// A string value, or `null` when the string is absent.
  public init(_ text: String?) {
    self = text.map(MustacheValue.string) ?? .null
  }

  /// A number value from any integer type.
  public init(_ integer: some BinaryInteger) {
    self = .number(Double(integer))
  }

  /// A list of values built from any sequence of values.
  public init(_ items: some Sequence<MustacheValue>) {
    self = .list(Array(items))
  }
}
