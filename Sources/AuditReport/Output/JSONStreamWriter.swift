/// Writes JSON piece by piece in exactly the layout of ``JSONValue/serialisedBytes()``, so a large
/// document (a grant per element) never exists as one tree: each element is a small value,
/// written and dropped.
///
/// Open containers with ``beginObject()`` / ``beginArray()`` and close them with ``end()``; inside
/// an object give each member with ``member(_:_:)``, or ``key(_:)`` followed by a container or
/// ``value(_:)``; inside an array give each element with ``value(_:)`` or a container.
struct JSONStreamWriter {
  private var bytes: [UInt8] = []
  /// The open containers, innermost last: members or elements written so far.
  private var open: [(isObject: Bool, count: Int)] = []
  /// A member's key is written and its value comes next.
  private var afterKey = false

  init(reservingCapacity capacity: Int = 0) {
    bytes.reserveCapacity(capacity)
  }

  mutating func beginObject() {
    startValue()
    bytes.append(JSONBytes.openBrace)
    open.append((true, 0))
  }

  mutating func beginArray() {
    startValue()
    bytes.append(JSONBytes.openBracket)
    open.append((false, 0))
  }

  /// Closes the innermost container; an empty one is `{}` or `[]`.
  mutating func end() {
    precondition(!afterKey, "a key without a value")
    let closed = open.removeLast()
    if closed.count > 0 {
      bytes.append(JSONBytes.newline)
      JSONBytes.appendIndent(2 * open.count, to: &bytes)
    }
    bytes.append(closed.isObject ? JSONBytes.closeBrace : JSONBytes.closeBracket)
  }

  /// Writes a member's key; its value follows.
  mutating func key(_ key: String) {
    precondition(open.last?.isObject == true && !afterKey, "a key outside an object")
    startItem()
    JSONBytes.appendString(key, to: &bytes)
    bytes.append(JSONBytes.colon)
    bytes.append(JSONBytes.space)
    afterKey = true
  }

  mutating func member(_ key: String, _ value: JSONValue) {
    self.key(key)
    self.value(value)
  }

  /// Writes a whole value: an array element, a member's value, or the document.
  mutating func value(_ value: JSONValue) {
    startValue()
    value.write(to: &bytes, indent: 2 * open.count)
  }

  /// The document's bytes, ending in a newline; every container must be closed.
  consuming func finish() -> [UInt8] {
    precondition(open.isEmpty && !afterKey, "an open container")
    bytes.append(JSONBytes.newline)
    return bytes
  }

  /// Before a value: after its key in an object, else as the next element of an array.
  private mutating func startValue() {
    if afterKey {
      afterKey = false
      return
    }
    precondition(open.last?.isObject != true, "an object member without a key")
    if !open.isEmpty { startItem() }
  }

  /// The separator and indentation before the next member or element of the innermost container.
  private mutating func startItem() {
    let index = open.count - 1
    bytes.append(open[index].count == 0 ? JSONBytes.newline : JSONBytes.comma)
    if open[index].count > 0 { bytes.append(JSONBytes.newline) }
    open[index].count += 1
    JSONBytes.appendIndent(2 * open.count, to: &bytes)
  }
}
