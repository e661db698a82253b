internal import CXMLBridge

extension CLIXMLEvent {
  /// Shared boolean values: `FieldValue` boxes its payloads, and exports hold many booleans.
  private static let trueValue = FieldValue.bool(true)
  private static let falseValue = FieldValue.bool(false)

  /// The value of a primitive leaf (FORMATS.md §2.4), or nil for a leaf with a structural
  /// role (`T`, `TNRef`, `ToString`, `Ref`).
  ///
  /// Strings, GUIDs, URIs, versions, dates (as written), durations, chars (PowerShell writes
  /// their code), base64 bytes and secure strings give `.string`; `B` gives `.bool`; numbers
  /// keep their text; `Nil` is `.null`. An element CLIXML does not define gives its text.
  var primitiveValue: FieldValue? {
    switch tag {
    case .s, .c, .g, .uri, .version, .dt, .ts, .ba, .ss, .xd, .sbk, .other:
      return .string(CLIXMLText.string(textBytes))
    case .b:
      switch Self.boolean(textBytes) {
      case true?: return Self.trueValue
      case false?: return Self.falseValue
      case nil: return .string(CLIXMLText.string(textBytes))
      }
    case .i16, .i32, .i64, .u16, .u32, .u64, .by, .sb, .db, .sg, .d:
      return .number(String(decoding: textBytes, as: UTF8.self))
    case .null:
      return .null
    case .objs, .obj, .tn, .props, .ms, .lst, .ie, .dct, .stk, .que, .en,
      .t, .tnRef, .toString, .ref:
      return nil
    }
  }

  /// Whether the element is a primitive value (`primitiveValue` is not nil).
  var isPrimitive: Bool {
    switch tag {
    case .objs, .obj, .tn, .props, .ms, .lst, .ie, .dct, .stk, .que, .en, .t, .tnRef, .toString, .ref:
      false
    default:
      true
    }
  }

  /// `true`/`false` as XML Schema spells them (also `1`/`0`, any case); nil otherwise.
  private static func boolean(_ bytes: UnsafeRawBufferPointer) -> Bool? {
    if bytes.count == 1 {
      if bytes[0] == UInt8(ascii: "1") { return true }
      if bytes[0] == UInt8(ascii: "0") { return false }
      return nil
    }
    if matches(bytes, "true") { return true }
    if matches(bytes, "false") { return false }
    return nil
  }

  /// ASCII case-insensitive comparison of bytes with a lowercase word.
  private static func matches(_ bytes: UnsafeRawBufferPointer, _ word: StaticString) -> Bool {
    guard bytes.count == word.utf8CodeUnitCount else { return false }
    let expected = UnsafeRawBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
    for index in 0..<bytes.count where bytes[index] | 0x20 != expected[index] {
      return false
    }
    return true
  }
}
