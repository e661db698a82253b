/// An object or array that is open while the scanner parses its members.
struct JSONContainerFrame {
  var isObject: Bool
  /// Offset of the opening `{` or `[`.
  var start: Int
  var items: [FieldValue] = []
  var fields: [Field] = []
  /// The key whose value is being parsed (objects only).
  var key = ""
  var keyFoldID: Int32 = -1
  var keyOffset = 0
  /// The interner entry of the previous key, to predict the next one.
  var lastKeyEntry = JSONKeyInterner.objectStart
  /// One bit per fold id seen in this object (fold id modulo 64): a cheap duplicate filter.
  var keyMask: UInt64 = 0
  /// Set when a key was not interned, so duplicates must be searched for when the object closes.
  var needsDuplicateScan = false

  init(isObject: Bool, start: Int) {
    self.isObject = isObject
    self.start = start
  }
}
