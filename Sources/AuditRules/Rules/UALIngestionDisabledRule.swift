import AuditModel

/// UAL_INGESTION_DISABLED: unified audit log ingestion is off, so delegation changes are not logged.
enum UALIngestionDisabledRule: Rule {
  static let code = FindingCode.ualIngestionDisabled

  static func findings(in context: EvaluationContext) -> [Finding] {
    let config = context.inventory.auditConfig
    guard config.unifiedAuditLogIngestionEnabled == false else { return [] }
    return [
      finding(
        mailbox: nil, trustee: nil, right: nil,
        message:
          "unified audit log ingestion is off (Get-AdminAuditLogConfig UnifiedAuditLogIngestionEnabled "
          + "False): permission changes are not recorded in the audit log",
        evidence: config.ingestionSource.map { [$0] } ?? [])
    ]
  }
}
