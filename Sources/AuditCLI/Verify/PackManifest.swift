/// The parts of a pack's `manifest.json` that `verify` checks and re-performs from.
///
/// Mirrors what `PackBuilder.manifest(outputs:)` writes; fields `verify` does not need (row
/// reconciliation, encoding) are left out, so a newer manifest with added fields still reads.
struct PackManifest: Decodable, Sendable {
  /// The tool that wrote the pack.
  struct Tool: Decodable, Sendable {
    var name: String
    var version: String
  }

  /// An input file as the original run read it.
  struct Input: Decodable, Sendable, Hashable {
    /// `exports`, `register`, `policy` (and `baseline` once runs accept one).
    var role: String
    /// Relative to the argument the file came from (the file name when the argument was the file).
    var path: String
    var sha256: String
    var size: Int
    var kind: String?
  }

  /// A file of the pack other than `manifest.json` and `SHA256SUMS`.
  struct Output: Decodable, Sendable, Hashable {
    var path: String
    var sha256: String
    var size: Int
  }

  var schemaVersion: Int
  var tool: Tool
  var asOf: String
  var organisation: String?
  /// Options of the run as recorded (`as-of`, `period-start`, `period-end`, `org`, `kind`).
  var options: [String: String]
  var inputs: [Input]
  var outputs: [Output]

  /// The file that marks a folder as a pack.
  static let fileName = "manifest.json"
  /// The `sha256sum -c` file that also covers `manifest.json`.
  static let checksumsName = "SHA256SUMS"
}
