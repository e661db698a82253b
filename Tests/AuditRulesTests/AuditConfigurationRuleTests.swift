import AuditModel
import Testing

@testable import AuditRules

/// AUDIT_DISABLED, UAL_INGESTION_DISABLED, AUDIT_BYPASS_ENABLED, MAILBOX_AUDIT_ACTIONS_MISSING and
/// AUDIT_LOG_INCOMPLETE.
@Suite struct AuditConfigurationRuleTests {
  static let defaults = [
    "Update", "MoveToDeletedItems", "SoftDelete", "HardDelete", "SendAs", "SendOnBehalf", "Create",
    "UpdateFolderPermissions", "UpdateInboxRules", "ApplyRecord",
  ]

  @Test func organisationAuditingDisabled() {
    var tenant = inventory([])
    tenant.auditConfig.auditDisabled = true
    tenant.auditConfig.auditDisabledSource = SourceLocation(file: "org-config.json", path: "[0]")
    let found = findings(AuditDisabledRule.self, in: tenant)
    #expect(found.map(\.brief) == ["AUDIT_DISABLED - - -"])
    #expect(found.map(\.requirement) == ["EXT-08.4"])
    #expect(found.first?.evidence == [SourceLocation(file: "org-config.json", path: "[0]")])
    tenant.auditConfig.auditDisabled = false
    #expect(findings(AuditDisabledRule.self, in: tenant).isEmpty)
  }

  @Test func ingestionOff() {
    var tenant = inventory([])
    tenant.auditConfig.unifiedAuditLogIngestionEnabled = false
    #expect(findings(UALIngestionDisabledRule.self, in: tenant).map(\.code) == ["UAL_INGESTION_DISABLED"])
    tenant.auditConfig.unifiedAuditLogIngestionEnabled = nil
    #expect(findings(UALIngestionDisabledRule.self, in: tenant).isEmpty)
  }

  @Test func oneBypassFindingPerAccount() {
    var tenant = inventory([], principals: [person("svc-backup@contoso.com", "Backup Service")])
    tenant.auditConfig.bypassedAccounts = [
      ("Backup Service", SourceLocation(file: "audit-bypass.csv", line: 2)),
      ("svc-backup@contoso.com", SourceLocation(file: "audit-bypass.csv", line: 3)),
      ("svc-archive", SourceLocation(file: "audit-bypass.csv", line: 4)),
    ]
    let found = findings(AuditBypassEnabledRule.self, in: tenant)
    #expect(
      found.map(\.brief) == [
        "AUDIT_BYPASS_ENABLED - svc-backup@contoso.com -", "AUDIT_BYPASS_ENABLED - svc-archive -",
      ])
  }

  @Test func auditActionsMissingOnUserAndSharedMailboxesOnly() {
    var tenant = inventory([])
    let withoutSendAs = Self.defaults.filter { $0 != "SendAs" }
    let withoutFolderPermissions = Self.defaults.filter { $0 != "UpdateFolderPermissions" }
    tenant.mailboxes = [
      "diego@contoso.com": Mailbox(
        id: "diego@contoso.com", displayName: "Diego", recipientTypeDetails: "UserMailbox",
        auditDelegate: withoutSendAs,
        auditAdmin: Self.defaults, location: SourceLocation(file: "mailboxes.xml", path: "/Objs/Obj[7]")),
      "info@contoso.com": Mailbox(
        id: "info@contoso.com", displayName: "Info", recipientTypeDetails: "SharedMailbox",
        auditDelegate: withoutFolderPermissions, auditAdmin: ["Update", "sendas"]),
      "room@contoso.com": Mailbox(
        id: "room@contoso.com", displayName: "Room", recipientTypeDetails: "RoomMailbox", auditDelegate: [],
        auditAdmin: []),
      "ok@contoso.com": Mailbox(
        id: "ok@contoso.com", displayName: "OK", recipientTypeDetails: "UserMailbox",
        auditDelegate: Self.defaults,
        auditAdmin: Self.defaults),
      "unknown@contoso.com": Mailbox(
        id: "unknown@contoso.com", displayName: "?", recipientTypeDetails: "UserMailbox"),
    ]
    let found = findings(MailboxAuditActionsMissingRule.self, in: tenant)
    #expect(
      found.map(\.brief) == [
        "MAILBOX_AUDIT_ACTIONS_MISSING diego@contoso.com - AuditDelegate",
        "MAILBOX_AUDIT_ACTIONS_MISSING info@contoso.com - AuditDelegate, AuditAdmin",
      ])
    #expect(
      found.map(\.message) == [
        "diego@contoso.com (UserMailbox): AuditDelegate lacks SendAs",
        "info@contoso.com (SharedMailbox): AuditDelegate lacks UpdateFolderPermissions; "
          + "AuditAdmin lacks SendOnBehalf, UpdateFolderPermissions",
      ])
    #expect(MailboxAuditActionsMissingRule.unassessedMailboxes(tenant) == 1)
  }

  @Test(arguments: [
    ("2026-09-01T07:14:32Z", "2026-11-29T18:02:47Z", false, [String]()),
    ("2026-09-02T00:00:01Z", "2026-11-29T18:02:47Z", false, ["its earliest record is 2026-09-02T00:00:01Z"]),
    ("2026-09-01T07:14:32Z", "2026-11-28T23:59:59Z", false, ["its latest record is 2026-11-28T23:59:59Z"]),
    ("2026-09-01T07:14:32Z", "2026-11-29T18:02:47Z", true, ["truncated"]),
  ])
  func auditLogCoverage(earliest: String, latest: String, truncated: Bool, problems: [String]) {
    var tenant = inventory([], kinds: [.auditLog])
    tenant.auditLogCoverage = AuditLogCoverage(
      earliest: day(earliest), latest: day(latest), rows: 19, uniqueRecords: 18, possiblyTruncated: truncated)
    let found = findings(AuditLogIncompleteRule.self, in: tenant)
    #expect(found.map(\.code) == (problems.isEmpty ? [] : ["AUDIT_LOG_INCOMPLETE"]))
    for problem in problems { #expect(found.first?.message.contains(problem) == true) }
    #expect(found.first?.evidence ?? [] == (problems.isEmpty ? [] : [SourceLocation(file: "audit-log.csv")]))
  }

  @Test func emptyAuditLogIsIncompleteAndAbsentLogIsNotJudged() {
    var tenant = inventory([], kinds: [.auditLog])
    #expect(findings(AuditLogIncompleteRule.self, in: tenant).isEmpty)
    tenant.auditLogCoverage = AuditLogCoverage(
      earliest: nil, latest: nil, rows: 0, uniqueRecords: 0, possiblyTruncated: false)
    #expect(
      findings(AuditLogIncompleteRule.self, in: tenant).first?.message.hasSuffix("it holds no records")
        == true)
  }
}
