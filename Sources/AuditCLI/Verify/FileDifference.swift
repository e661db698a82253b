/// One file that is not as expected: changed content, or a problem told in words.
struct FileDifference: Sendable, Hashable {
  var path: String
  /// SHA-256 of the file as found (nil when absent or not hashed).
  var sha256: String?
  /// SHA-256 it should have (nil when the difference is not about a hash).
  var expectedSHA256: String?
  var size: Int?
  var expectedSize: Int?
  /// Words for what differs when hashes do not say it (`not a regular file`, `line 3 …`).
  var detail: String?

  /// The parenthesised explanation shown after the path.
  var explanation: String {
    var parts: [String] = []
    if let sha256, let expectedSHA256 {
      var hashes = "sha256 \(sha256) expected \(expectedSHA256)"
      if let size, let expectedSize, size != expectedSize {
        hashes += "; size \(size) expected \(expectedSize)"
      }
      parts.append(hashes)
    }
    if let detail { parts.append(detail) }
    return parts.joined(separator: "; ")
  }
}
