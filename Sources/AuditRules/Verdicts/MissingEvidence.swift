import AuditModel

/// One piece of evidence a requirement lacks: a short name for the reason sentence and the full
/// line for `RequirementResult.missingEvidence` (what is missing and the PowerShell that produces it).
struct MissingEvidence: Sendable, Hashable {
  var name: String
  var detail: String

  /// An export that was not supplied.
  static func export(_ kind: InputKind, _ what: String) -> MissingEvidence {
    MissingEvidence(name: "the \(kind.rawValue) export", detail: Evidence.missing(kind, what))
  }

  /// A column an export lacks for some of its objects (`GrantSendOnBehalfTo` of Get-Mailbox).
  static func column(
    _ kind: InputKind, _ column: String, missingFor count: Int, _ objects: String
  ) -> MissingEvidence {
    MissingEvidence(
      name: "the \(column) column of the \(kind.rawValue) export",
      detail: Evidence.missing(kind, "\(column), not exported for \(Messages.count(count, objects))"))
  }

  /// The register, which `register init` starts.
  static let register = MissingEvidence(
    name: "the approved-delegation register",
    detail: "register (approved-delegation register, --register): \(InputKind.register.exportCommand)")

  /// A column that lost its values; re-exporting keeps them.
  static func lossy(_ column: LossyColumn) -> MissingEvidence {
    MissingEvidence(
      name: "the values of column \(column.column) in \(column.file)",
      detail:
        "\(column.file) column \(column.column) holds \(column.typeName) in \(Messages.count(column.rows, "row")) "
        + "instead of values; re-export: \(column.reexportCommand)")
  }
}
