/// A baseline or diff snapshot that cannot be used (exit code 2): names the path and what to do.
struct BaselineError: Error, Sendable, CustomStringConvertible {
  /// The path the problem is about, as given or inside the snapshot.
  var path: String
  /// Lowercase, no trailing period.
  var message: String
  var hint: String?

  var description: String {
    "error: \(path): \(message)" + (hint.map { "\n  hint: \($0)" } ?? "")
  }
}
