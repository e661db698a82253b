import AuditModel
import Testing

@testable import AuditRules

/// CHANGE_UNAPPROVED, CHANGE_UNLOGGED and the change records.
@Suite struct ChangeReconciliationTests {
  let legal = "legal@contoso.com"
  let johanna = "johanna.lorenz@contoso.com"

  func event(
    _ id: String, _ time: String, _ operation: String, _ mailbox: String, _ trustee: String,
    _ rights: [Right],
    _ change: AuditEvent.Change = .added, line: Int = 2
  ) -> AuditEvent {
    AuditEvent(
      recordID: id, time: day(time), actor: "allan.deyoung@contoso.com", operation: operation,
      mailbox: mailbox,
      trustee: trustee, rights: rights, change: change,
      location: SourceLocation(file: "audit-log.csv", line: line))
  }

  func tenant(_ events: [AuditEvent], register: [RegisterEntry]? = []) -> Inventory {
    var tenant = inventory(
      [grant(legal, johanna, .fullAccess)], register: register,
      principals: [
        person(legal, "Legal Department", kind: .sharedMailbox), person(johanna, "Johanna Lorenz"),
        person("lee.gu@contoso.com", "Lee Gu"), person("megan.bowen@contoso.com", "Megan Bowen"),
      ], kinds: grantKinds + [.auditLog])
    tenant.events = events
    tenant.auditLogCoverage = AuditLogCoverage(
      earliest: day("2026-09-01"), latest: day("2026-11-29"), rows: events.count, uniqueRecords: events.count,
      possiblyTruncated: false)
    return tenant
  }

  @Test func sameDayApprovalMatches() {
    let add = event("r1", "2026-10-14T09:12:44Z", "Add-MailboxPermission", "legal", johanna, [.fullAccess])
    let found = findings(
      ChangeUnapprovedRule.self,
      in: tenant([add], register: [row(legal, johanna, .fullAccess, approvedOn: "2026-10-14")]))
    #expect(found.isEmpty)
  }

  @Test func approvalTheDayAfterDoesNotMatch() {
    let add = event(
      "r2", "2026-11-02T12:09:00Z", "Add-MailboxPermission", legal, johanna, [.fullAccess], line: 9)
    let found = findings(
      ChangeUnapprovedRule.self,
      in: tenant([add], register: [row(legal, johanna, .fullAccess, approvedOn: "2026-11-03", line: 16)]))
    #expect(
      found.map(\.brief) == ["CHANGE_UNAPPROVED legal@contoso.com johanna.lorenz@contoso.com FullAccess"])
    #expect(found.map(\.requirement) == ["EXT-08.4"])
    #expect(
      found.map(\.message) == [
        "johanna.lorenz@contoso.com was given FullAccess on legal@contoso.com by allan.deyoung@contoso.com on "
          + "2026-11-02T12:09:00Z (Add-MailboxPermission, record r2) before its approval, dated 2026-11-03 "
          + "(register.csv:16)"
      ])
    #expect(
      found.first?.evidence == [
        SourceLocation(file: "audit-log.csv", line: 9), SourceLocation(file: "register.csv", line: 16),
      ])
  }

  @Test func rowWithoutApproverOrExpiredBeforeTheEventDoesNotApprove() {
    let add = event("r3", "2026-10-14T09:12:44Z", "Add-MailboxPermission", legal, johanna, [.fullAccess])
    let noApprover = tenant(
      [add], register: [row(legal, johanna, .fullAccess, approvedBy: nil, approvedOn: "2026-01-01")])
    let lapsed = tenant(
      [add], register: [row(legal, johanna, .fullAccess, approvedOn: "2025-01-01", expires: "2026-06-30")])
    #expect(findings(ChangeUnapprovedRule.self, in: noApprover).map(\.code) == ["CHANGE_UNAPPROVED"])
    #expect(findings(ChangeUnapprovedRule.self, in: lapsed).map(\.code) == ["CHANGE_UNAPPROVED"])
  }

  @Test func eventIdentitiesResolveThroughPathsAndFolders() {
    let path = "NAMPR03A001.prod.outlook.com/Microsoft Exchange Hosted Organizations/contoso.onmicrosoft.com/"
    let events = [
      event(
        "r4", "2026-11-19T09:27:00Z", "Set-Mailbox", "lee.gu@contoso.com", path + "Megan Bowen",
        [.sendOnBehalf]),
      event(
        "r5", "2026-11-05T17:26:00Z", "Add-MailboxFolderPermission", "lee.gu@contoso.com:\\Calendar",
        "megan.bowen@contoso.com", [Right("Reviewer")]),
    ]
    let found = findings(
      ChangeUnapprovedRule.self,
      in: tenant(events, register: [row("Lee Gu", "megan.bowen", .sendOnBehalf, approvedOn: "2026-11-18")]))
    #expect(found.map(\.brief) == ["CHANGE_UNAPPROVED lee.gu@contoso.com megan.bowen@contoso.com Reviewer"])
    #expect(found.first?.folder == "\\Calendar")
  }

  @Test func removalsOutOfPeriodAndDuplicatesGiveNoFinding() {
    let events = [
      event(
        "r6", "2026-10-03T13:47:00Z", "Remove-MailboxPermission", "support@contoso.com",
        "nestor.wilke@contoso.com", [.fullAccess], .removed),
      event("r7", "2026-08-15T10:00:00Z", "Add-MailboxPermission", legal, johanna, [.fullAccess]),
      event("r8", "2026-10-14T09:12:44Z", "Add-MailboxPermission", legal, johanna, [.fullAccess], line: 6),
      event("r8", "2026-10-14T09:12:44Z", "Add-MailboxPermission", legal, johanna, [.fullAccess], line: 12),
    ]
    let found = findings(ChangeUnapprovedRule.self, in: tenant(events))
    #expect(found.map(\.code) == ["CHANGE_UNAPPROVED"])
    #expect(found.first?.evidence == [SourceLocation(file: "audit-log.csv", line: 6)])
  }

  @Test func changeRecordsCarryTheReconciliation() {
    let events = [
      event(
        "a", "2026-10-14T09:12:44Z", "Add-MailboxPermission", legal, johanna, [.fullAccess, .readPermission]),
      event(
        "b", "2026-10-20T10:00:00Z", "Add-RecipientPermission", legal, "megan.bowen@contoso.com", [.sendAs]),
      event(
        "c", "2026-10-21T10:00:00Z", "Remove-MailboxPermission", legal, "lee.gu@contoso.com", [.fullAccess],
        .removed),
      event("d", "2026-10-22T10:00:00Z", "Set-Mailbox", legal, "lee.gu@contoso.com", []),
    ]
    let assessment = Evaluator.evaluate(
      tenant(events, register: [row(legal, johanna, .fullAccess, approvedOn: "2026-10-14")]),
      policy: Policy(),
      asOf: now)
    #expect(
      assessment.changes.map { "\($0.recordID ?? "-") \($0.right) \($0.reconciliation)" } == [
        "a FullAccess approved", "a ReadPermission not-applicable", "b SendAs unapproved",
        "c FullAccess removal",
        "d  not-applicable",
      ])
    #expect(assessment.changes.allSatisfy { $0.source == .auditLog })
    #expect(assessment.changes.first?.evidence.last == SourceLocation(file: "register.csv", line: 2))
  }

  @Test func withoutRegisterEventsAreNotReconciled() {
    let add = event("r9", "2026-10-14T09:12:44Z", "Add-MailboxPermission", legal, johanna, [.fullAccess])
    let context = EvaluationContext(inventory: tenant([add], register: nil), asOf: now)
    #expect(context.events.map(\.reconciliation) == ["not-applicable"])
    #expect(ChangeUnapprovedRule.findings(in: context).isEmpty)
  }

  @Test func grantsAddedSinceTheBaselineNeedAnEvent() {
    let baseline = inventory([grant(legal, "christie.cline@contoso.com", .fullAccess)])
    let add = event("r10", "2026-10-14T09:12:44Z", "Add-MailboxPermission", legal, johanna, [.fullAccess])
    var current = tenant([add])
    current.grants = [
      grant(legal, johanna, .fullAccess), grant(legal, "lee.gu@contoso.com", .sendAs),
    ].sorted()
    let found = findings(ChangeUnloggedRule.self, in: current, baseline: baseline)
    #expect(found.map(\.brief) == ["CHANGE_UNLOGGED legal@contoso.com lee.gu@contoso.com SendAs"])
    let changes = Evaluator.evaluate(current, policy: Policy(), asOf: now, baseline: baseline).changes
      .filter { $0.source == .snapshot }
    #expect(
      changes.map { "\($0.change) \($0.trustee) \($0.reconciliation)" } == [
        "removed christie.cline@contoso.com unlogged", "added johanna.lorenz@contoso.com logged",
        "added lee.gu@contoso.com unlogged",
      ])
    #expect(findings(ChangeUnloggedRule.self, in: current).isEmpty)
  }

  @Test func baselineWithoutAnExportIsNotAWaveOfNewGrants() {
    let baseline = inventory([], kinds: [.mailboxPermission])
    var current = tenant([])
    current.grants = [grant(legal, "lee.gu@contoso.com", .sendAs)]
    #expect(findings(ChangeUnloggedRule.self, in: current, baseline: baseline).isEmpty)
  }

  @Test func withoutAuditLogSnapshotChangesAreNotJudged() {
    let baseline = inventory([])
    let current = inventory([grant(legal, johanna, .fullAccess)])
    #expect(findings(ChangeUnloggedRule.self, in: current, baseline: baseline).isEmpty)
    let context = EvaluationContext(inventory: current, asOf: now, baseline: baseline)
    #expect(context.snapshotChanges?.map(\.reconciliation) == ["not-applicable"])
  }
}
