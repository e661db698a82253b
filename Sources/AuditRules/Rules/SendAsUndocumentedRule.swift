import AuditModel

/// SENDAS_UNDOCUMENTED: a SendAs grant with no register row that names ApprovedBy and ApprovedOn.
enum SendAsUndocumentedRule: Rule {
  static let code = FindingCode.sendAsUndocumented

  static func findings(in context: EvaluationContext) -> [Finding] {
    context.grants(of: RightName.sendAs).compactMap { index in
      guard case .undocumented(let row)? = context.documentation(ofGrantAt: index) else { return nil }
      let grant = context.inventory.grants[index]
      return finding(about: grant, message(grant, row), evidence: row.map { [$0.entry.location] } ?? [])
    }
  }

  static func message(_ grant: Grant, _ row: RegisterIndex.Row?) -> String {
    let subject = "\(grant.key.trustee) holds SendAs on \(grant.key.mailbox)"
    guard let row else { return "\(subject) with no register row" }
    return "\(subject), but its register row (\(row.entry.location)) lacks \(Messages.missingApproval(row))"
  }
}
