import AuditModel

/// EXPORT_LOSSY: a column whose cells hold a .NET type name instead of values; one per file × column.
enum ExportLossyRule: Rule {
  static let code = FindingCode.exportLossy

  static func findings(in context: EvaluationContext) -> [Finding] {
    context.inventory.lossyColumns.map { column in
      finding(
        mailbox: nil, trustee: nil, right: nil,
        message:
          "column \(column.column) of \(column.file) holds the type name \(column.typeName) instead of values "
          + "in \(Messages.count(column.rows, "row")); re-export with: \(column.reexportCommand)",
        evidence: [column.firstLocation])
    }
  }
}
