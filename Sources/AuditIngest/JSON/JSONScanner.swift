/// A cursor over UTF-8 JSON bytes: whitespace, literals and numbers, plus the state the string
/// and value parsers share.
///
/// The scanner never recurses (see `JSONScanner+Values.swift`) and never builds a `String` except
/// for a key or a kept value. Problems that do not break the syntax (duplicate keys, invalid
/// UTF-8, unpaired surrogate escapes) are collected in `issues` for the caller to report;
/// syntax errors are thrown as `JSONSyntaxError` with the byte offset only; the caller computes
/// line and column when it reports them.
///
/// - Warning: `bytes` must stay valid for the scanner's whole life; create the scanner inside
///   the `withUnsafeBufferPointer` closure that owns the bytes and never let it escape.
struct JSONScanner {
  /// Containers nested deeper than this are an error (no JSON PowerShell writes comes close).
  static let maxDepth = 512

  let bytes: UnsafeBufferPointer<UInt8>
  /// The next byte to read.
  var offset = 0
  var keys: JSONKeyInterner
  /// Repeated string values, shared across records.
  var stringValues: JSONValueCache
  /// Repeated numbers (enum values, flags), shared across records.
  var numberValues: JSONValueCache
  private let trueValue = FieldValue.bool(true)
  private let falseValue = FieldValue.bool(false)
  /// Non-fatal problems found since the caller last cleared the list.
  var issues: [JSONIssue] = []
  /// Field count of the last outermost object, used to reserve capacity for the next one.
  var recordFieldHint = 0
  /// Reused buffer for strings with escapes.
  var scratch: [UInt8] = []
  /// Open containers of the value being parsed, innermost last.
  var frames: [JSONContainerFrame] = []

  /// How much the scanner invests in sharing keys and values.
  enum Sharing {
    /// A whole export: large tables, paid back over thousands of records.
    case file
    /// One small text (an AuditData cell): a tiny key table and no value caches, cheap to set
    /// up per call.
    case text
  }

  init(_ bytes: UnsafeBufferPointer<UInt8>, sharing: Sharing = .file) {
    self.bytes = bytes
    switch sharing {
    case .file:
      keys = JSONKeyInterner()
      stringValues = JSONValueCache(slotBits: 12, makesNumbers: false)
      numberValues = JSONValueCache(slotBits: 10, makesNumbers: true)
    case .text:
      keys = JSONKeyInterner(capacity: 32)
      stringValues = JSONValueCache(slotBits: 0, makesNumbers: false)
      numberValues = JSONValueCache(slotBits: 0, makesNumbers: true)
    }
  }

  var isAtEnd: Bool { offset >= bytes.count }

  /// The byte at the cursor; only call when not at the end.
  var current: UInt8 { bytes[offset] }

  /// Moves the cursor past spaces, tabs and line breaks.
  ///
  /// Runs of spaces (Windows PowerShell indents values by up to dozens of them) are skipped
  /// eight at a time.
  @inline(__always)
  mutating func skipWhitespace() {
    var i = offset
    let count = bytes.count
    while i < count {
      let byte = bytes[i]
      if byte == JSONByte.space {
        if i + 8 <= count
          && UnsafeRawPointer(bytes.baseAddress.unsafelyUnwrapped + i).loadUnaligned(as: UInt64.self)
            == 0x2020_2020_2020_2020
        {
          i += 8
        } else {
          i += 1
        }
      } else if byte == JSONByte.newline || byte == JSONByte.carriageReturn || byte == JSONByte.tab {
        i += 1
      } else {
        break
      }
    }
    offset = i
  }

  /// Reads `true`, `false` or `null` at the cursor.
  mutating func readLiteral() throws(JSONSyntaxError) -> FieldValue {
    let start = offset
    let first = bytes[start]
    // Fast path: compare the four bytes after the first letter's position in one load.
    if start + 5 < bytes.count {
      let word = UInt32(
        littleEndian: UnsafeRawPointer(bytes.baseAddress.unsafelyUnwrapped + start).loadUnaligned(
          as: UInt32.self))
      let (value, length): (FieldValue?, Int) =
        switch word {
        case Self.trueWord: (trueValue, 4)
        case Self.nullWord: (.null, 4)
        case Self.falsWord where bytes[start + 4] == JSONByte.lowercaseE: (falseValue, 5)
        default: (nil, 0)
        }
      if let value, !isWordByte(bytes[start + length]) {
        offset = start + length
        return value
      }
    }
    let word: StaticString =
      first == JSONByte.lowercaseT ? "true" : first == JSONByte.lowercaseF ? "false" : "null"
    let length = word.utf8CodeUnitCount
    var k = 0
    while k < length {
      guard start + k < bytes.count else {
        throw JSONSyntaxError(.truncated, "unexpected end of file inside '\(word)'", offset: start)
      }
      if bytes[start + k] != word.utf8Start[k] {
        throw JSONSyntaxError(.invalidSyntax, "invalid literal \(token(at: start))", offset: start)
      }
      k += 1
    }
    offset = start + length
    if offset < bytes.count && isWordByte(bytes[offset]) {
      throw JSONSyntaxError(.invalidSyntax, "invalid literal \(token(at: start))", offset: start)
    }
    return first == JSONByte.lowercaseT ? trueValue : first == JSONByte.lowercaseF ? falseValue : .null
  }

  /// `true`, `null` and `fals` as little-endian 32-bit words.
  private static let trueWord: UInt32 = 0x6575_7274
  private static let nullWord: UInt32 = 0x6c6c_756e
  private static let falsWord: UInt32 = 0x736c_6166

  /// Reads a number at the cursor as `.number` with its text exactly as written.
  ///
  /// Follows the JSON grammar `-?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?`.
  mutating func readNumber() throws(JSONSyntaxError) -> FieldValue {
    let start = offset
    let count = bytes.count
    var i = start
    if bytes[i] == JSONByte.minus { i += 1 }
    guard i < count else { throw numberError(start, truncated: true) }
    if bytes[i] == JSONByte.zero {
      i += 1
    } else if JSONByte.isDigit(bytes[i]) {
      while i < count && JSONByte.isDigit(bytes[i]) { i += 1 }
    } else {
      throw numberError(start, truncated: false)
    }
    if i < count && bytes[i] == JSONByte.period {
      i += 1
      guard i < count else { throw numberError(start, truncated: true) }
      guard JSONByte.isDigit(bytes[i]) else { throw numberError(start, truncated: false) }
      while i < count && JSONByte.isDigit(bytes[i]) { i += 1 }
    }
    if i < count && (bytes[i] == JSONByte.lowercaseE || bytes[i] == JSONByte.uppercaseE) {
      i += 1
      if i < count && (bytes[i] == JSONByte.plus || bytes[i] == JSONByte.minus) { i += 1 }
      guard i < count else { throw numberError(start, truncated: true) }
      guard JSONByte.isDigit(bytes[i]) else { throw numberError(start, truncated: false) }
      while i < count && JSONByte.isDigit(bytes[i]) { i += 1 }
    }
    if i < count && isWordByte(bytes[i]) { throw numberError(start, truncated: false) }
    offset = i
    if i - start <= JSONValueCache.maxLength {
      return numberValues.value(bytes, start: start, end: i)
    }
    return .number(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self))
  }

  private func numberError(_ start: Int, truncated: Bool) -> JSONSyntaxError {
    truncated
      ? JSONSyntaxError(.truncated, "unexpected end of file inside a number", offset: start)
      : JSONSyntaxError(.invalidSyntax, "invalid number \(token(at: start))", offset: start)
  }

  /// Whether a byte continues a bare word (a literal or number run on into letters or digits).
  private func isWordByte(_ byte: UInt8) -> Bool {
    (byte | 0x20) &- JSONByte.lowercaseA < 26 || JSONByte.isDigit(byte) || byte == JSONByte.period
      || byte == JSONByte.minus || byte == JSONByte.plus || byte >= 0x80
  }

  /// The bare word starting at `start`, quoted and cut to 20 bytes, for error messages.
  func token(at start: Int) -> String {
    var end = start
    while end < bytes.count && end - start < 20 {
      let byte = bytes[end]
      if JSONByte.isWhitespace(byte) || byte == JSONByte.comma || byte == JSONByte.closeBrace
        || byte == JSONByte.closeBracket || byte == JSONByte.colon || byte == JSONByte.quote
      {
        break
      }
      end += 1
    }
    if end == start { return end < bytes.count ? JSONByte.describe(bytes[end]) : "at end of file" }
    return "'" + String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self) + "'"
  }

  /// The error for a byte that cannot start a value.
  func unexpectedByte(_ context: String) -> JSONSyntaxError {
    guard offset < bytes.count else {
      return JSONSyntaxError(.truncated, "unexpected end of file \(context)", offset: offset)
    }
    return JSONSyntaxError(
      .invalidSyntax, "unexpected \(JSONByte.describe(bytes[offset])) \(context)", offset: offset)
  }
}
