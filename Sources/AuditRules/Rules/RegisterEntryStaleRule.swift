import AuditModel

/// REGISTER_ENTRY_STALE: a register row (outcome keep or none) whose grant no longer exists.
///
/// Judged only for rights whose export was read and is not lossy: without the export, a missing
/// grant is unknown, not absent. A row whose mailbox or trustee is ambiguous documents nothing
/// and is stale, with the ambiguity named.
enum RegisterEntryStaleRule: Rule {
  static let code = FindingCode.registerEntryStale

  static func findings(in context: EvaluationContext) -> [Finding] {
    guard let register = context.register else { return [] }
    return register.rows.compactMap { row in
      guard row.entry.reviewOutcome != .remove else { return nil }
      let right = RightName.normalised(row.entry.right.name)
      let folder = RightName.folder(row.entry.folder)
      guard context.grantEvidenceComplete(right: right, folder: folder) else { return nil }
      if let key = row.key, context.grant(key) != nil { return nil }
      let kinds = Evidence.grantKinds(right: right, folder: folder).map(\.rawValue).joined(separator: " or ")
      var message =
        "register row \(row.entry.location) documents \(row.trustee)'s \(row.entry.right) on \(row.mailbox)"
        + (row.entry.folder.map { " (\($0))" } ?? "") + ", but no such grant is in the \(kinds) export"
      if !row.notes.isEmpty { message += "; \(row.notes.joined(separator: "; "))" }
      return finding(
        mailbox: row.mailbox, trustee: row.trustee, right: row.entry.right.name, folder: row.entry.folder,
        message: message, evidence: [row.entry.location])
    }
  }
}
