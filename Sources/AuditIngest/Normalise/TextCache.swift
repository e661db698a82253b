/// What one file's repeated texts turned into (`FullAccess, ReadPermission` on most rows, the
/// same audit action list on most mailboxes), so that each distinct text is worked out once.
///
/// It stops growing at `capacity` entries, so that a file of distinct values costs no more than
/// working each one out.
struct TextCache<Value: Sendable>: Sendable {
  static var capacity: Int { 4096 }
  private var values: [String: Value] = [:]

  /// The value remembered for `text`, if any.
  subscript(text: String) -> Value? { values[text] }

  /// Remembers `value` for `text`, while there is room.
  mutating func remember(_ value: Value, for text: String) {
    if values.count < Self.capacity { values[text] = value }
  }

  /// The value for `text`: remembered, else made and remembered.
  mutating func value(for text: String, make: (String) -> Value) -> Value {
    if let known = values[text] { return known }
    let made = make(text)
    remember(made, for: text)
    return made
  }
}

/// The answer about the text asked about last, for texts that repeat row after row (a mailbox's
/// identity on each of its permission rows).
struct LastTextAnswer: Sendable {
  private var text: String?
  private var answer = false

  /// `question(text)`, asked again only when `text` differs from the previous one.
  mutating func answer(for text: String, _ question: (String) -> Bool) -> Bool {
    if let previous = self.text, previous == text { return answer }
    answer = question(text)
    self.text = text
    return answer
  }
}
