import AuditModel
import AuditReport

/// A grant snapshot to compare against: a previous evidence pack, or exports read afresh.
struct BaselineSnapshot: Sendable {
  /// Where the snapshot came from.
  enum Source: String, Sendable {
    /// A previous evidence pack: grants from `data/grants.json`, as-of from `manifest.json`.
    case pack
    /// Raw exports, ingested like `run`'s inputs.
    case exports
  }

  /// The path as the user gave it (for messages only; never written into a pack).
  var path: String
  var source: Source
  /// Grants (sorted by key), the kinds of export the snapshot was built from (`ledgers`) and, for
  /// exports, principals and diagnostics.
  var inventory: Inventory
  /// The evaluation instant of the pack; nil for exports, whose as-of is unknown.
  var asOf: Int64?
  /// False when the snapshot does not record folder sharing flags (packs written without them),
  /// so that a flag difference against it is unknown rather than a change.
  var sharingFlagsKnown: Bool
  /// The files read, as the manifest lists them (role `baseline`, paths relative to `path`).
  var inputs: [PackInput]
}
