import AuditModel
import Testing

@testable import AuditRules

/// SENDAS_UNDOCUMENTED, SENDOB_UNDOCUMENTED and APPROVAL_EXPIRED: one documentation finding per grant.
@Suite struct DocumentationRuleTests {
  let ceo = "ceo@contoso.com"
  let alex = "alex.wilber@contoso.com"

  @Test func sendAsWithoutRegisterRow() {
    let tenant = inventory([grant(ceo, alex, .sendAs)], register: [])
    let found = findings(SendAsUndocumentedRule.self, in: tenant)
    #expect(found.map(\.brief) == ["SENDAS_UNDOCUMENTED ceo@contoso.com alex.wilber@contoso.com SendAs"])
    #expect(found.map(\.requirement) == ["EXT-08.1"])
    #expect(found.map(\.severity) == [.high])
    #expect(
      found.map(\.message) == ["alex.wilber@contoso.com holds SendAs on ceo@contoso.com with no register row"]
    )
  }

  @Test func documentedSendAsGivesNoFinding() {
    let tenant = inventory([grant(ceo, alex, .sendAs)], register: [row(ceo, alex, .sendAs)])
    #expect(findings(SendAsUndocumentedRule.self, in: tenant).isEmpty)
    #expect(findings(ApprovalExpiredRule.self, in: tenant).isEmpty)
  }

  @Test func noRegisterMeansNoDocumentationFindings() {
    let tenant = inventory([grant(ceo, alex, .sendAs), grant(ceo, alex, .sendOnBehalf)])
    #expect(findings(SendAsUndocumentedRule.self, in: tenant).isEmpty)
    #expect(findings(SendOnBehalfUndocumentedRule.self, in: tenant).isEmpty)
  }

  @Test(
    arguments: [
      (String?.none, String?("2026-01-05"), "ApprovedBy"), ("ceo@contoso.com", nil, "ApprovedOn"),
      ("  ", nil, "ApprovedBy and ApprovedOn"),
    ] as [(String?, String?, String)])
  func rowLackingApprovalCountsAsUndocumented(approvedBy: String?, approvedOn: String?, lacks: String) {
    let tenant = inventory(
      [grant(ceo, alex, .sendAs)],
      register: [row(ceo, alex, .sendAs, approvedBy: approvedBy, approvedOn: approvedOn, line: 7)])
    let found = findings(SendAsUndocumentedRule.self, in: tenant)
    #expect(found.map(\.code) == ["SENDAS_UNDOCUMENTED"])
    #expect(
      found.map(\.message) == [
        "alex.wilber@contoso.com holds SendAs on ceo@contoso.com, but its register row (register.csv:7) lacks \(lacks)"
      ])
    #expect(found.first?.evidence.last == SourceLocation(file: "register.csv", line: 7))
  }

  @Test func sendOnBehalfWithoutRegisterRow() {
    let tenant = inventory(
      [grant("megan.bowen@contoso.com", "emily.braun@contoso.com", .sendOnBehalf)], register: [])
    let found = findings(SendOnBehalfUndocumentedRule.self, in: tenant)
    #expect(
      found.map(\.brief) == [
        "SENDOB_UNDOCUMENTED megan.bowen@contoso.com emily.braun@contoso.com SendOnBehalf"
      ])
    #expect(found.map(\.requirement) == ["EXT-08.2"])
  }

  @Test func expiredApprovalReplacesUndocumented() {
    let support = "support@contoso.com"
    let joni = "joni.sherman@contoso.com"
    let tenant = inventory(
      [grant(support, joni, .sendAs), grant(support, alex, .sendOnBehalf)],
      register: [
        row(support, joni, .sendAs, expires: "2026-10-31"),
        row(support, alex, .sendOnBehalf, expires: "2026-11-29"),
      ])
    let expired = findings(ApprovalExpiredRule.self, in: tenant)
    #expect(
      expired.map(\.brief) == [
        "APPROVAL_EXPIRED support@contoso.com joni.sherman@contoso.com SendAs",
        "APPROVAL_EXPIRED support@contoso.com alex.wilber@contoso.com SendOnBehalf",
      ])
    #expect(expired.map(\.requirement) == ["EXT-08.1", "EXT-08.2"])
    #expect(expired.first?.message.contains("expired on 2026-10-31") == true)
    #expect(findings(SendAsUndocumentedRule.self, in: tenant).isEmpty)
    #expect(findings(SendOnBehalfUndocumentedRule.self, in: tenant).isEmpty)
  }

  @Test func approvalValidThroughItsExpiryDay() {
    let tenant = inventory(
      [grant(ceo, alex, .sendAs)], register: [row(ceo, alex, .sendAs, expires: "2026-11-30")])
    #expect(findings(ApprovalExpiredRule.self, in: tenant).isEmpty)
    #expect(
      findings(ApprovalExpiredRule.self, in: tenant, asOf: day("2026-12-01")).map(\.code) == [
        "APPROVAL_EXPIRED"
      ])
  }

  @Test func aCurrentRowOutweighsAnExpiredOne() {
    let tenant = inventory(
      [grant(ceo, alex, .sendAs)],
      register: [row(ceo, alex, .sendAs, expires: "2025-12-31", line: 2), row(ceo, alex, .sendAs, line: 3)])
    #expect(findings(ApprovalExpiredRule.self, in: tenant).isEmpty)
  }

  @Test func registerNamesIdentitiesByAliasAndDisplayName() {
    let tenant = inventory(
      [
        grant(ceo, alex, .sendOnBehalf),
        grant("finance@contoso.com", "diego.siciliani@contoso.com", .sendOnBehalf),
      ],
      register: [
        row("ceo", "Alex Wilber", .sendOnBehalf),
        row("Finance Department", "diego.siciliani", .sendOnBehalf),
      ],
      principals: [
        person(ceo, "Patti Fernandez"), person(alex, "Alex Wilber"),
        person("finance@contoso.com", "Finance Department", kind: .sharedMailbox),
        person("diego.siciliani@contoso.com", "Diego Siciliani"),
      ])
    #expect(findings(SendOnBehalfUndocumentedRule.self, in: tenant).isEmpty)
  }

  @Test func registerMatchingIsCaseInsensitive() {
    let tenant = inventory(
      [grant(ceo, alex, .sendAs)],
      register: [row("CEO@Contoso.com", "SMTP:Alex.Wilber@CONTOSO.com", Right("sendas"))])
    #expect(findings(SendAsUndocumentedRule.self, in: tenant).isEmpty)
  }

  @Test func ambiguousRegisterIdentityDocumentsNothing() {
    let tenant = inventory(
      [grant(ceo, alex, .sendAs)], register: [row(ceo, "Alex", .sendAs)],
      principals: [
        person(alex, "Alex Wilber", aliases: ["Alex"]),
        person("alex.smith@contoso.com", "Alex Smith", aliases: ["Alex"]),
      ])
    #expect(findings(SendAsUndocumentedRule.self, in: tenant).map(\.code) == ["SENDAS_UNDOCUMENTED"])
    let stale = findings(RegisterEntryStaleRule.self, in: tenant)
    #expect(stale.map(\.code) == ["REGISTER_ENTRY_STALE"])
    #expect(
      stale.first?.message.hasSuffix(
        "trustee 'Alex' is ambiguous (matches alex.smith@contoso.com, alex.wilber@contoso.com)") == true)
  }
}
