/// A problem that does not stop parsing, found at a byte offset.
struct JSONIssue: Sendable, Hashable {
  enum Kind: Sendable, Hashable {
    /// A key repeated in one object (ignoring ASCII case); the last value was kept.
    case duplicateKey(String)
    /// A string or key that is not valid UTF-8; it was repaired with U+FFFD.
    case invalidUTF8
    /// A `\uD800`–`\uDFFF` escape without its partner; it was replaced with U+FFFD.
    case unpairedSurrogate
  }

  var kind: Kind
  var offset: Int
}
