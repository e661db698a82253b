import AuditModel

/// AUDIT_DISABLED: the organisation's `AuditDisabled` is True, so no mailbox audit records are written.
enum AuditDisabledRule: Rule {
  static let code = FindingCode.auditDisabled

  static func findings(in context: EvaluationContext) -> [Finding] {
    let config = context.inventory.auditConfig
    guard config.auditDisabled == true else { return [] }
    return [
      finding(
        mailbox: nil, trustee: nil, right: nil,
        message: "organisation mailbox auditing is off (Get-OrganizationConfig AuditDisabled True): "
          + "no mailbox records delegate or admin actions",
        evidence: config.auditDisabledSource.map { [$0] } ?? [])
    ]
  }
}
