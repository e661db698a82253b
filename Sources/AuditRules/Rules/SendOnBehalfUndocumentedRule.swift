import AuditModel

/// SENDOB_UNDOCUMENTED: a SendOnBehalf delegate with no register row that names ApprovedBy and ApprovedOn.
enum SendOnBehalfUndocumentedRule: Rule {
  static let code = FindingCode.sendOnBehalfUndocumented

  static func findings(in context: EvaluationContext) -> [Finding] {
    context.grants(of: RightName.sendOnBehalf).compactMap { index in
      guard case .undocumented(let row)? = context.documentation(ofGrantAt: index) else { return nil }
      let grant = context.inventory.grants[index]
      return finding(about: grant, message(grant, row), evidence: row.map { [$0.entry.location] } ?? [])
    }
  }

  static func message(_ grant: Grant, _ row: RegisterIndex.Row?) -> String {
    let subject = "\(grant.key.trustee) is a SendOnBehalf delegate of \(grant.key.mailbox)"
    guard let row else { return "\(subject) with no register row" }
    return "\(subject), but its register row (\(row.entry.location)) lacks \(Messages.missingApproval(row))"
  }
}
