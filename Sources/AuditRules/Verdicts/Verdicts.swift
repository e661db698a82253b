import AuditModel

/// The verdict on each EXT-08 requirement (PRODUCT.md §7): population, unwaived exceptions, and
/// what evidence is missing. Exceptions make a requirement not satisfied even when part of its
/// evidence is missing (a known failure stays a failure); with no exception, missing evidence
/// makes it not assessed; satisfied needs both complete evidence and no exception.
enum Verdicts {
  static func results(_ context: EvaluationContext, findings: [Finding]) -> [RequirementResult] {
    // One pass: unwaived findings per requirement and code, waived findings per requirement.
    var exceptions: [String: [String: Int]] = [:]
    var waived: [String: Int] = [:]
    for index in findings.indices {
      if findings[index].waived {
        waived[findings[index].requirement, default: 0] += 1
      } else {
        exceptions[findings[index].requirement, default: [:]][findings[index].code, default: 0] += 1
      }
    }
    return Requirement.allCases.map { requirement in
      let codes = exceptions[requirement.rawValue] ?? [:]
      let count = codes.values.reduce(0, +)
      let (population, missing) = evidence(for: requirement, context)
      let status: RequirementResult.Status =
        count > 0 ? .notSatisfied : missing.isEmpty ? .satisfied : .notAssessed
      let reason = Reasons.sentence(
        requirement, status: status, population: population, exceptions: codes,
        waived: waived[requirement.rawValue] ?? 0, missing: missing, context: context)
      return RequirementResult(
        requirement: requirement, status: status, population: population, exceptions: count, reason: reason,
        missingEvidence: missing.map(\.detail))
    }
  }

  /// The population (nil when its export is absent) and the missing evidence of a requirement.
  static func evidence(for requirement: Requirement, _ context: EvaluationContext) -> (
    Int?, [MissingEvidence]
  ) {
    let inventory = context.inventory
    let present = context.kindsPresent
    var missing: [MissingEvidence] = []
    func grantEvidence(_ right: String, _ what: String) -> Int? {
      if inventory.register == nil { missing.append(.register) }
      let kinds = Evidence.grantKinds(right: right, folder: "")
      let exported = kinds.contains(where: present.contains)
      if !exported, let kind = kinds.first { missing.append(.export(kind, what)) }
      missing += inventory.lossyColumns.filter { Evidence.isLossy($0, for: right, folder: "") }
        .map(MissingEvidence.lossy)
      return exported ? context.grants(of: right).count : nil
    }
    switch requirement {
    case .sendAsDocumented:
      return (grantEvidence(RightName.sendAs, "SendAs grants; on-premises: ad-permission"), missing)
    case .sendOnBehalfTracked:
      let population = grantEvidence(RightName.sendOnBehalf, "GrantSendOnBehalfTo")
      // A Get-Mailbox export without the column says nothing about delegates: unknown, not none.
      let unexported = inventory.mailboxes.values.count { !$0.sendOnBehalfExported }
      if unexported > 0 {
        missing.append(.column(.mailbox, "GrantSendOnBehalfTo", missingFor: unexported, "mailbox"))
      }
      return (population, missing)
    case .fullAccessReviewed:
      return (grantEvidence(RightName.fullAccess, "FullAccess grants"), missing)
    case .changesMonitored:
      return changeMonitoringEvidence(context)
    }
  }

  /// EXT-08.4: the population is the delegation events of the period; the evidence is the org and
  /// admin audit configuration, the bypass associations, the audit log and the mailbox audit actions.
  static func changeMonitoringEvidence(_ context: EvaluationContext) -> (Int?, [MissingEvidence]) {
    let inventory = context.inventory
    var missing: [MissingEvidence] = []
    let config = inventory.auditConfig
    switch (config.auditDisabled == nil, config.unifiedAuditLogIngestionEnabled == nil) {
    case (true, true):
      missing.append(.export(.orgConfig, "AuditDisabled and UnifiedAuditLogIngestionEnabled"))
    case (true, false):
      missing.append(.export(.orgConfig, "Get-OrganizationConfig AuditDisabled"))
    case (false, true):
      missing.append(.export(.orgConfig, "Get-AdminAuditLogConfig UnifiedAuditLogIngestionEnabled"))
    case (false, false):
      break
    }
    if config.bypassedAccounts == nil {
      missing.append(.export(.auditBypass, "AuditBypassEnabled per account"))
    }
    if inventory.auditLogCoverage == nil { missing.append(.export(.auditLog, "delegation change events")) }
    if !context.kindsPresent.contains(.mailbox) {
      missing.append(.export(.mailbox, "AuditDelegate and AuditAdmin"))
    } else {
      let unassessed = MailboxAuditActionsMissingRule.unassessedMailboxes(inventory)
      if unassessed > 0 {
        missing.append(
          .export(
            .mailbox,
            "AuditDelegate and AuditAdmin, not exported for \(Messages.count(unassessed, "user or shared mailbox", "user and shared mailboxes"))"
          ))
      }
    }
    let adding = context.events.count(where: \.needsApproval)
    if inventory.register == nil && adding > 0 { missing.append(.register) }
    let population = inventory.auditLogCoverage.map { _ in delegationEventCount(context) }
    return (population, missing)
  }

  /// Audit events in the period, each counted once whatever its number of rights.
  static func delegationEventCount(_ context: EvaluationContext) -> Int {
    Set(context.events.map(\.itemIndex)).count
  }
}
