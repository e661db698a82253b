import AuditModel

/// CHANGE_UNLOGGED: a grant present now but not in the baseline, with no audit event adding it.
/// Judged only when both a baseline and an audit log were supplied.
enum ChangeUnloggedRule: Rule {
  static let code = FindingCode.changeUnlogged

  static func findings(in context: EvaluationContext) -> [Finding] {
    (context.snapshotChanges ?? []).compactMap { change in
      guard change.change == .added, change.logged == false else { return nil }
      let grant = change.grant
      return finding(
        about: grant,
        "\(grant.key.trustee) holds \(grant.key.right) on \(grant.key.mailbox)"
          + (grant.key.folder.map { " (\($0))" } ?? "")
          + ", which the baseline did not show, and no audit-log event records the grant")
    }
  }
}
