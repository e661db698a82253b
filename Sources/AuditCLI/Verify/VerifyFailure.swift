/// Why a pack or its inputs could not be used at all: `verify` prints it on stderr and exits 2.
struct VerifyFailure: Error, Sendable, CustomStringConvertible {
  var message: String
  var hint: String?

  init(_ message: String, hint: String? = nil) {
    self.message = message
    self.hint = hint
  }

  var description: String { "error: \(message)" + (hint.map { "\n  hint: \($0)" } ?? "") }
}
