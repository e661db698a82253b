import AuditModel
import Testing

@testable import AuditRules

/// The verdicts: satisfied, not satisfied, not assessed with the missing export named, populations.
@Suite struct VerdictTests {
  let ceo = "ceo@contoso.com"

  /// A tenant where every requirement can be assessed and nothing is wrong.
  func cleanTenant() -> Inventory {
    let actions = ["SendAs", "SendOnBehalf", "UpdateFolderPermissions"]
    var tenant = inventory(
      [
        grant(ceo, "alex.wilber@contoso.com", .sendAs), grant(ceo, "alex.wilber@contoso.com", .sendOnBehalf),
        grant(ceo, "megan.bowen@contoso.com", .fullAccess),
      ],
      register: [
        row(ceo, "alex.wilber@contoso.com", .sendAs), row(ceo, "alex.wilber@contoso.com", .sendOnBehalf),
        row(
          ceo, "megan.bowen@contoso.com", .fullAccess, reviewed: "2026-11-01", reviewedBy: ceo, outcome: .keep
        ),
      ], kinds: grantKinds + [.orgConfig, .auditBypass, .auditLog])
    tenant.mailboxes[ceo] = Mailbox(
      id: ceo, displayName: "CEO", recipientTypeDetails: "UserMailbox", auditDelegate: actions,
      auditAdmin: actions)
    tenant.auditConfig.auditDisabled = false
    tenant.auditConfig.unifiedAuditLogIngestionEnabled = true
    tenant.auditConfig.bypassedAccounts = []
    tenant.auditLogCoverage = AuditLogCoverage(
      earliest: day("2026-09-01T07:00:00Z"), latest: day("2026-11-29T18:00:00Z"), rows: 10, uniqueRecords: 10,
      possiblyTruncated: false)
    return tenant
  }

  func statuses(_ assessment: Assessment) -> [String] {
    assessment.results.map {
      "\($0.requirement.rawValue) \($0.status.rawValue) \($0.population.map(String.init) ?? "-") \($0.exceptions)"
    }
  }

  @Test func everythingSatisfied() {
    let assessment = Evaluator.evaluate(cleanTenant(), policy: Policy(), asOf: now)
    #expect(assessment.findings.isEmpty)
    #expect(
      statuses(assessment) == [
        "EXT-08.1 satisfied 1 0", "EXT-08.2 satisfied 1 0", "EXT-08.3 satisfied 1 0",
        "EXT-08.4 satisfied 0 0",
      ])
    #expect(
      assessment.results[0].reason
        == "The one effective SendAs grant has a register row with ApprovedBy and ApprovedOn, not expired at 2026-11-30."
    )
    #expect(assessment.results.allSatisfy { $0.missingEvidence.isEmpty })
    #expect(assessment.periodStart == day("2026-09-01"))
    #expect(assessment.periodEnd == now)
  }

  @Test func exceptionsMakeARequirementNotSatisfied() {
    var tenant = cleanTenant()
    tenant.register = []
    let assessment = Evaluator.evaluate(tenant, policy: Policy(), asOf: now)
    #expect(
      statuses(assessment) == [
        "EXT-08.1 not-satisfied 1 1", "EXT-08.2 not-satisfied 1 1", "EXT-08.3 not-satisfied 1 1",
        "EXT-08.4 satisfied 0 0",
      ])
    #expect(
      assessment.results[0].reason == "1 exception (SENDAS_UNDOCUMENTED 1) among 1 effective SendAs grant.")
  }

  @Test func noRegisterMeansNotAssessedWithPopulationsCounted() {
    var tenant = cleanTenant()
    tenant.register = nil
    let assessment = Evaluator.evaluate(tenant, policy: Policy(), asOf: now)
    #expect(
      statuses(assessment) == [
        "EXT-08.1 not-assessed 1 0", "EXT-08.2 not-assessed 1 0", "EXT-08.3 not-assessed 1 0",
        "EXT-08.4 satisfied 0 0",
      ])
    #expect(
      assessment.results[2].reason
        == "Not assessed without the approved-delegation register; 1 effective FullAccess grant counted.")
    #expect(
      assessment.results[2].missingEvidence == [
        "register (approved-delegation register, --register): delegation-audit register init exports/ --out register.csv (then fill approvals and reviews)"
      ])
  }

  @Test func missingGrantExportIsNamedWithItsPowerShell() {
    var tenant = cleanTenant()
    tenant.ledgers = tenant.ledgers.filter { $0.kind != .recipientPermission }
    tenant.grants = tenant.grants.filter { $0.key.right != .sendAs }
    let result = Evaluator.evaluate(tenant, policy: Policy(), asOf: now).results[0]
    #expect(result.status == .notAssessed)
    #expect(result.population == nil)
    #expect(
      result.missingEvidence == [
        "recipient-permission export (SendAs grants; on-premises: ad-permission): \(InputKind.recipientPermission.exportCommand)"
      ])
    #expect(result.reason == "Not assessed without the recipient-permission export.")
  }

  @Test func adPermissionExportAlsoCountsForSendAs() {
    var tenant = cleanTenant()
    tenant.ledgers = tenant.ledgers.filter { $0.kind != .recipientPermission } + [ledger(.adPermission)]
    #expect(Evaluator.evaluate(tenant, policy: Policy(), asOf: now).results[0].status == .satisfied)
  }

  @Test(arguments: [
    (InputKind.mailboxPermission, "AccessRights", 2), (.recipientPermission, "AccessRights", 0),
    (.mailbox, "GrantSendOnBehalfTo", 1), (.mailbox, "EmailAddresses", -1),
  ])
  func lossyColumnMakesItsRequirementNotAssessed(kind: InputKind, column: String, requirement: Int) {
    var tenant = cleanTenant()
    tenant.lossyColumns = [
      LossyColumn(
        file: "x.csv", column: column, kind: kind, rows: 5, typeName: "System.Object[]",
        firstLocation: SourceLocation(file: "x.csv", line: 2))
    ]
    let results = Evaluator.evaluate(tenant, policy: Policy(), asOf: now).results
    for (index, result) in results.enumerated().prefix(3) {
      #expect(result.status == (index == requirement ? .notAssessed : .satisfied))
    }
    if requirement >= 0 {
      #expect(
        results[requirement].missingEvidence.first?.hasPrefix(
          "x.csv column \(column) holds System.Object[] in 5 rows") == true)
    }
  }

  @Test(arguments: [
    ("org-config", "the org-config export"), ("audit-bypass", "the audit-bypass export"),
    ("audit-log", "the audit-log export"), ("mailbox", "the mailbox export"),
  ])
  func changeMonitoringNeedsEachPieceOfEvidence(missing: String, name: String) {
    var tenant = cleanTenant()
    switch missing {
    case "org-config": tenant.auditConfig.auditDisabled = nil
    case "audit-bypass": tenant.auditConfig.bypassedAccounts = nil
    case "audit-log": tenant.auditLogCoverage = nil
    default: tenant.mailboxes[ceo]?.auditAdmin = nil
    }
    let result = Evaluator.evaluate(tenant, policy: Policy(), asOf: now).results[3]
    #expect(result.status == .notAssessed)
    #expect(result.reason.hasPrefix("Not assessed without \(name)"))
    #expect(result.missingEvidence.count == 1)
    #expect(result.missingEvidence.first?.hasPrefix("\(missing) export") == true)
  }

  @Test func knownFailuresOutrankMissingEvidence() {
    var tenant = cleanTenant()
    tenant.auditConfig.bypassedAccounts = nil
    tenant.mailboxes[ceo]?.auditDelegate = ["SendAs"]
    let result = Evaluator.evaluate(tenant, policy: Policy(), asOf: now).results[3]
    #expect(result.status == .notSatisfied)
    #expect(result.exceptions == 1)
    #expect(
      result.reason
        == "1 exception (MAILBOX_AUDIT_ACTIONS_MISSING 1) across the audit configuration and 0 delegation events in the "
        + "period; not fully assessed without the audit-bypass export; no baseline was given, so grants added since a "
        + "previous snapshot were not checked.")
    #expect(result.missingEvidence.count == 1)
  }

  @Test func riskAndInputFindingsAreNotExceptions() {
    var tenant = cleanTenant()
    tenant.grants.append(grant(ceo, "S-1-5-21-1", .changePermission, kind: .unresolvedSID))
    tenant.grants.sort()
    let assessment = Evaluator.evaluate(tenant, policy: Policy(), asOf: now)
    #expect(assessment.findings.map(\.code) == ["PERMISSION_ESCALATION_RIGHT", "TRUSTEE_UNRESOLVED_SID"])
    #expect(assessment.results.allSatisfy { $0.status == .satisfied })
  }

  @Test func findingsAreSortedAndNumbered() {
    var tenant = cleanTenant()
    tenant.register = []
    let findings = Evaluator.evaluate(tenant, policy: Policy(), asOf: now).findings
    #expect(findings.map(\.id) == ["F-0001", "F-0002", "F-0003"])
    #expect(
      findings.map(\.code) == ["SENDAS_UNDOCUMENTED", "SENDOB_UNDOCUMENTED", "FULLACCESS_NOT_REVIEWED"])
    #expect(Evaluator.identifier(12345) == "F-12345")
  }

  @Test func periodDefaultsAndOverrides() {
    let assessment = Evaluator.evaluate(
      cleanTenant(), policy: Policy.with { $0.reviewPeriodDays = 30 }, asOf: now, periodEnd: day("2026-11-29")
    )
    #expect(assessment.periodStart == day("2026-10-31"))
    #expect(assessment.periodEnd == day("2026-11-29"))
    let explicit = Evaluator.evaluate(
      cleanTenant(), policy: Policy(), asOf: now, periodStart: day("2026-06-01"))
    #expect(explicit.periodStart == day("2026-06-01"))
    #expect(explicit.findings.map(\.code) == ["AUDIT_LOG_INCOMPLETE"])
  }
}
