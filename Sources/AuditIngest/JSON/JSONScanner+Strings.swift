/// Strings and object keys: escapes, `\uXXXX` surrogate pairs, UTF-8 validation, key interning.
extension JSONScanner {
  /// Reads the string whose opening quote is at the cursor.
  ///
  /// Raw control characters inside the string are accepted (PowerShell writes some unescaped);
  /// invalid UTF-8 is repaired and reported as a `JSONIssue`.
  mutating func readString() throws(JSONSyntaxError) -> String {
    let open = offset
    var nonASCII = false
    let end = JSONWordScan.quoteOrBackslash(in: bytes, from: open + 1, nonASCII: &nonASCII)
    guard end < bytes.count else {
      throw JSONSyntaxError(.truncated, "unterminated string", offset: open)
    }
    if bytes[end] == JSONByte.backslash {
      return try readEscapedString(open: open, firstEscape: end, nonASCII: nonASCII)
    }
    offset = end + 1
    return makeString(from: open + 1, to: end, open: open, nonASCII: nonASCII)
  }

  /// Reads the string value whose opening quote is at the cursor, sharing repeated values.
  mutating func readStringValue() throws(JSONSyntaxError) -> FieldValue {
    let open = offset
    var nonASCII = false
    let end = JSONWordScan.quoteOrBackslash(in: bytes, from: open + 1, nonASCII: &nonASCII)
    guard end < bytes.count else {
      throw JSONSyntaxError(.truncated, "unterminated string", offset: open)
    }
    if bytes[end] == JSONByte.backslash {
      return .string(try readEscapedString(open: open, firstEscape: end, nonASCII: nonASCII))
    }
    offset = end + 1
    if !nonASCII && end - open - 1 <= JSONValueCache.maxLength {
      return stringValues.value(bytes, start: open + 1, end: end)
    }
    return .string(makeString(from: open + 1, to: end, open: open, nonASCII: nonASCII))
  }

  /// Reads the key whose opening quote is at the cursor, sharing strings for repeated keys.
  ///
  /// - Parameters:
  ///   - previous: the entry of the object's previous key, `JSONKeyInterner.objectStart` or
  ///     `JSONKeyInterner.unknown`; used to predict this key.
  ///   - depth: the object's depth, for predicting first keys.
  mutating func readKey(after previous: Int32, depth: Int) throws(JSONSyntaxError) -> JSONKeyInterner.Key {
    let open = offset
    let predicted = keys.prediction(after: previous, depth: depth)
    if predicted >= 0 && keys.matches(predicted, bytes, at: open + 1) {
      offset = open + 2 + keys.length(predicted)
      return keys.key(predicted)
    }
    var nonASCII = false
    let end = JSONWordScan.quoteOrBackslash(in: bytes, from: open + 1, nonASCII: &nonASCII)
    guard end < bytes.count else {
      throw JSONSyntaxError(.truncated, "unterminated string", offset: open)
    }
    guard bytes[end] == JSONByte.quote else {
      let string = try readEscapedString(open: open, firstEscape: end, nonASCII: nonASCII)
      return JSONKeyInterner.Key(string: string, foldID: -1, entry: -1)
    }
    offset = end + 1
    guard let key = keys.intern(bytes, start: open + 1, end: end) else {
      let string = makeString(from: open + 1, to: end, open: open, nonASCII: true)
      return JSONKeyInterner.Key(string: string, foldID: -1, entry: -1)
    }
    if key.entry >= 0 { keys.learn(key.entry, after: previous, depth: depth) }
    return key
  }

  /// Builds a string from raw bytes, repairing invalid UTF-8 and reporting it.
  ///
  /// ASCII bytes (the common case) skip validation: they are always valid UTF-8.
  @inline(__always)
  mutating func makeString(from start: Int, to end: Int, open: Int, nonASCII: Bool) -> String {
    let slice = UnsafeBufferPointer(rebasing: bytes[start..<end])
    if !nonASCII { return String(decoding: slice, as: UTF8.self) }
    if let string = String(validating: slice, as: UTF8.self) { return string }
    issues.append(JSONIssue(kind: .invalidUTF8, offset: open))
    return String(decoding: slice, as: UTF8.self)
  }

  /// Reads the rest of a string that contains an escape, decoding into `scratch`.
  private mutating func readEscapedString(
    open: Int, firstEscape: Int, nonASCII: Bool
  ) throws(JSONSyntaxError) -> String {
    var nonASCII = nonASCII
    scratch.removeAll(keepingCapacity: true)
    var runStart = open + 1
    var i = firstEscape
    let count = bytes.count
    while true {
      // `i` is on a quote or a backslash; copy the run of plain bytes before it.
      scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<i]))
      if bytes[i] == JSONByte.quote {
        offset = i + 1
        if !nonASCII { return String(decoding: scratch, as: UTF8.self) }
        if let string = String(validating: scratch, as: UTF8.self) { return string }
        issues.append(JSONIssue(kind: .invalidUTF8, offset: open))
        return String(decoding: scratch, as: UTF8.self)
      }
      guard i + 1 < count else { break }
      let escaped = bytes[i + 1]
      switch escaped {
      case JSONByte.quote, JSONByte.backslash, JSONByte.slash: scratch.append(escaped)
      case JSONByte.lowercaseB: scratch.append(JSONByte.backspace)
      case JSONByte.lowercaseF: scratch.append(JSONByte.formFeed)
      case JSONByte.lowercaseN: scratch.append(JSONByte.newline)
      case JSONByte.lowercaseR: scratch.append(JSONByte.carriageReturn)
      case JSONByte.lowercaseT: scratch.append(JSONByte.tab)
      case JSONByte.lowercaseU:
        i = try readUnicodeEscape(at: i) - 2
      default:
        throw JSONSyntaxError(
          .invalidSyntax, "invalid escape sequence '\\\(escapedText(escaped))' in a string", offset: i)
      }
      runStart = i + 2
      i = JSONWordScan.quoteOrBackslash(in: bytes, from: runStart, nonASCII: &nonASCII)
      if i >= count { break }
    }
    throw JSONSyntaxError(.truncated, "unterminated string", offset: open)
  }

  /// Decodes `\uXXXX` (and a following low surrogate) at `i` into `scratch`.
  ///
  /// - Returns: the offset after the escape(s).
  private mutating func readUnicodeEscape(at i: Int) throws(JSONSyntaxError) -> Int {
    let unit = try hexQuad(at: i + 2, escape: i)
    var next = i + 6
    var scalar = unit
    if unit >= 0xD800 && unit <= 0xDBFF {
      if next + 6 <= bytes.count && bytes[next] == JSONByte.backslash
        && bytes[next + 1] == JSONByte.lowercaseU,
        let low = try? hexQuad(at: next + 2, escape: next), low >= 0xDC00 && low <= 0xDFFF
      {
        scalar = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
        next += 6
      } else {
        scalar = 0xFFFD
        issues.append(JSONIssue(kind: .unpairedSurrogate, offset: i))
      }
    } else if unit >= 0xDC00 && unit <= 0xDFFF {
      scalar = 0xFFFD
      issues.append(JSONIssue(kind: .unpairedSurrogate, offset: i))
    }
    TextEncoding.appendUTF8(scalar, to: &scratch)
    return next
  }

  /// The value of four hex digits at `at`, for the `\u` escape that starts at `escape`.
  private func hexQuad(at start: Int, escape: Int) throws(JSONSyntaxError) -> UInt32 {
    var value: UInt32 = 0
    for k in 0..<4 {
      guard start + k < bytes.count else {
        throw JSONSyntaxError(.truncated, "unterminated string", offset: escape)
      }
      guard let digit = JSONByte.hexValue(bytes[start + k]) else {
        throw JSONSyntaxError(.invalidSyntax, "invalid \\u escape in a string", offset: escape)
      }
      value = value << 4 | digit
    }
    return value
  }

  private func escapedText(_ byte: UInt8) -> String {
    byte >= 0x21 && byte < 0x7F ? String(decoding: [byte], as: UTF8.self) : JSONByte.describe(byte)
  }
}
