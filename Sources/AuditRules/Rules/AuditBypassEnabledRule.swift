import AuditModel

/// AUDIT_BYPASS_ENABLED: an account has AuditBypassEnabled True; one finding per account.
enum AuditBypassEnabledRule: Rule {
  static let code = FindingCode.auditBypassEnabled

  static func findings(in context: EvaluationContext) -> [Finding] {
    var seen = Set<String>()
    return (context.inventory.auditConfig.bypassedAccounts ?? []).compactMap { bypass in
      let account = context.identities.canonicalID(bypass.account)
      guard seen.insert(account.lowercased()).inserted else { return nil }
      return finding(
        mailbox: nil, trustee: account, right: nil,
        message: "\(account) has AuditBypassEnabled True: nothing it does in any mailbox is audited",
        evidence: [bypass.location])
    }
  }
}
