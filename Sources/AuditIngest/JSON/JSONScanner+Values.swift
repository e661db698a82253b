/// Values: an iterative parser with an explicit stack of open containers and a depth limit.
extension JSONScanner {
  /// Parses the value at the cursor (whitespace already skipped).
  ///
  /// Objects become `.object` with fields in document order; a repeated key (ignoring ASCII
  /// case) keeps the position of its first occurrence and the last value, and is reported as a
  /// `JSONIssue`. The innermost open container lives in a local; its parents wait in `frames`,
  /// so deep input cannot overflow the call stack.
  ///
  /// - Parameter depth: containers already open around this value (counted against `maxDepth`).
  /// - Complexity: O(n) in the bytes of the value.
  mutating func parseValue(depth: Int) throws(JSONSyntaxError) -> FieldValue {
    if !frames.isEmpty { frames.removeAll(keepingCapacity: true) }
    var current = JSONContainerFrame(isObject: false, start: -1)
    var open = 0
    var value: FieldValue
    parsing: while true {
      guard offset < bytes.count else {
        throw JSONSyntaxError(.truncated, "unexpected end of file where a value was expected", offset: offset)
      }
      switch bytes[offset] {
      case JSONByte.quote:
        value = try readStringValue()
      case JSONByte.openBrace, JSONByte.openBracket:
        let isObject = bytes[offset] == JSONByte.openBrace
        if depth + open >= Self.maxDepth {
          throw JSONSyntaxError(.tooDeep, "nesting deeper than \(Self.maxDepth) levels", offset: offset)
        }
        let start = offset
        offset += 1
        skipWhitespace()
        if offset < bytes.count && bytes[offset] == (isObject ? JSONByte.closeBrace : JSONByte.closeBracket) {
          offset += 1
          value = isObject ? .object([]) : .list([])
        } else {
          if open > 0 { frames.append(current) }
          current = JSONContainerFrame(isObject: isObject, start: start)
          open += 1
          if isObject {
            if open == 1 && recordFieldHint > 0 { current.fields.reserveCapacity(recordFieldHint) }
            try readMemberKey(into: &current, depth: open - 1)
          }
          continue parsing
        }
      case JSONByte.lowercaseT, JSONByte.lowercaseF, JSONByte.lowercaseN:
        value = try readLiteral()
      case JSONByte.minus, JSONByte.zero...JSONByte.nine:
        value = try readNumber()
      default:
        throw unexpectedByte("where a value was expected")
      }

      // A value is complete: hand it to the innermost open container, closing containers as
      // their closing bracket arrives.
      while open > 0 {
        skipWhitespace()
        if current.isObject {
          addField(value, to: &current)
          guard offset < bytes.count else {
            throw JSONSyntaxError(.truncated, "unexpected end of file inside an object", offset: offset)
          }
          let byte = bytes[offset]
          if byte == JSONByte.comma {
            offset += 1
            skipWhitespace()
            try readMemberKey(into: &current, depth: open - 1)
            continue parsing
          }
          guard byte == JSONByte.closeBrace else {
            throw unexpectedByte("after an object member; expected ',' or '}'")
          }
          offset += 1
          if current.needsDuplicateScan { removeDuplicateFields(&current.fields, objectStart: current.start) }
          if open == 1 { recordFieldHint = current.fields.count }
          value = .object(current.fields)
        } else {
          current.items.append(value)
          guard offset < bytes.count else {
            throw JSONSyntaxError(.truncated, "unexpected end of file inside an array", offset: offset)
          }
          let byte = bytes[offset]
          if byte == JSONByte.comma {
            offset += 1
            skipWhitespace()
            continue parsing
          }
          guard byte == JSONByte.closeBracket else {
            throw unexpectedByte("after an array element; expected ',' or ']'")
          }
          offset += 1
          value = .list(current.items)
        }
        open -= 1
        if open > 0 { current = frames.removeLast() }
      }
      return value
    }
  }

  /// Reads `"key"` and the colon after it into `frame`; the cursor ends on the value.
  @inline(__always)
  private mutating func readMemberKey(into frame: inout JSONContainerFrame, depth: Int)
    throws(JSONSyntaxError)
  {
    guard offset < bytes.count else {
      throw JSONSyntaxError(.truncated, "unexpected end of file inside an object", offset: offset)
    }
    guard bytes[offset] == JSONByte.quote else {
      if bytes[offset] == JSONByte.closeBrace {
        throw JSONSyntaxError(.invalidSyntax, "trailing comma before '}'", offset: offset)
      }
      throw unexpectedByte("where an object key was expected")
    }
    let keyOffset = offset
    let key = try readKey(after: frame.lastKeyEntry, depth: depth)
    frame.key = key.string
    frame.keyFoldID = key.foldID
    frame.keyOffset = keyOffset
    frame.lastKeyEntry = key.entry >= 0 ? key.entry : JSONKeyInterner.unknown
    skipWhitespace()
    guard offset < bytes.count else {
      throw JSONSyntaxError(.truncated, "unexpected end of file inside an object", offset: offset)
    }
    guard bytes[offset] == JSONByte.colon else {
      throw unexpectedByte("after an object key; expected ':'")
    }
    offset += 1
    skipWhitespace()
  }

  /// Appends the member just parsed, or overwrites an earlier member with the same key.
  @inline(__always)
  private mutating func addField(_ value: FieldValue, to frame: inout JSONContainerFrame) {
    let foldID = frame.keyFoldID
    if foldID >= 0 {
      let bit = UInt64(1) << UInt64(foldID & 63)
      if frame.keyMask & bit != 0 {
        let key = frame.key
        if let earlier = frame.fields.firstIndex(where: { $0.name.caseInsensitiveEquals(key) }) {
          frame.fields[earlier] = Field(key, value)
          issues.append(JSONIssue(kind: .duplicateKey(key), offset: frame.keyOffset))
          return
        }
      }
      frame.keyMask |= bit
    } else {
      frame.needsDuplicateScan = true
    }
    frame.fields.append(Field(frame.key, value))
  }

  /// Folds repeated keys left by keys that were not interned: last value, first position.
  ///
  /// Linear in the number of fields (an index by ASCII-folded name), so that an object with a
  /// million distinct keys costs a million lookups, not a trillion comparisons.
  private mutating func removeDuplicateFields(_ fields: inout [Field], objectStart: Int) {
    var kept: [Field] = []
    kept.reserveCapacity(fields.count)
    var positions: [String: Int] = [:]
    positions.reserveCapacity(fields.count)
    for field in fields {
      let folded = Self.asciiFolded(field.name)
      if let earlier = positions[folded] {
        kept[earlier] = field
        // The key's own offset is gone here; report at the object instead.
        issues.append(JSONIssue(kind: .duplicateKey(field.name), offset: objectStart))
      } else {
        positions[folded] = kept.count
        kept.append(field)
      }
    }
    fields = kept
  }

  /// The name with ASCII capitals lowered: equal for names `caseInsensitiveEquals` calls equal.
  private static func asciiFolded(_ name: String) -> String {
    guard name.utf8.contains(where: { $0 >= 65 && $0 <= 90 }) else { return name }
    return String(decoding: name.utf8.map { $0 >= 65 && $0 <= 90 ? $0 | 0x20 : $0 }, as: UTF8.self)
  }
}
