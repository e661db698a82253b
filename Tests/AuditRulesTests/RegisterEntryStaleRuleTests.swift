import AuditModel
import Testing

@testable import AuditRules

/// REGISTER_ENTRY_STALE: a keep (or undecided) register row whose grant no longer exists.
@Suite struct RegisterEntryStaleRuleTests {
  let support = "support@contoso.com"

  @Test func keptRowWithoutGrantIsStale() {
    let tenant = inventory(
      [grant(support, "isaiah.langer@contoso.com", .fullAccess)],
      register: [
        row(support, "isaiah.langer@contoso.com", .fullAccess, line: 2),
        row(
          support, "nestor.wilke@contoso.com", .fullAccess, reviewed: "2026-09-10",
          reviewedBy: "x@contoso.com", outcome: .keep, line: 3),
        row(support, "gone@contoso.com", .sendAs, line: 4),
        row(support, "left@contoso.com", .fullAccess, outcome: .remove, line: 5),
      ])
    let found = findings(RegisterEntryStaleRule.self, in: tenant)
    #expect(
      found.map(\.brief) == [
        "REGISTER_ENTRY_STALE support@contoso.com nestor.wilke@contoso.com FullAccess",
        "REGISTER_ENTRY_STALE support@contoso.com gone@contoso.com SendAs",
      ])
    #expect(found.map(\.requirement) == ["EXT-08.3", "EXT-08.1"])
    #expect(
      found.first?.message
        == "register row register.csv:3 documents nestor.wilke@contoso.com's FullAccess on support@contoso.com, "
        + "but no such grant is in the mailbox-permission export")
  }

  @Test func notJudgedWithoutTheExportThatWouldShowTheGrant() {
    let tenant = inventory(
      [], register: [row(support, "a@contoso.com", .sendAs), row(support, "b@contoso.com", .sendOnBehalf)],
      kinds: [.mailboxPermission])
    #expect(findings(RegisterEntryStaleRule.self, in: tenant).isEmpty)
  }

  @Test func notJudgedWhenTheRightsColumnIsLossy() {
    var tenant = inventory([], register: [row(support, "a@contoso.com", .fullAccess)])
    tenant.lossyColumns = [
      LossyColumn(
        file: "mailbox-permission.csv", column: "AccessRights", kind: .mailboxPermission, rows: 3,
        typeName: "System.Object[]", firstLocation: SourceLocation(file: "mailbox-permission.csv", line: 2))
    ]
    #expect(findings(RegisterEntryStaleRule.self, in: tenant).isEmpty)
  }

  @Test func folderRowsMatchWithOrWithoutFolder() {
    let tenant = inventory(
      [grant(support, "a@contoso.com", Right("Reviewer"), folder: "\\Calendar")],
      register: [
        row(support, "a@contoso.com", Right("Reviewer"), folder: "support@contoso.com:\\Calendar", line: 2),
        row(support, "a@contoso.com", Right("reviewer"), line: 3),
        row(support, "a@contoso.com", Right("Editor"), folder: "Calendar", line: 4),
      ])
    let found = findings(RegisterEntryStaleRule.self, in: tenant)
    #expect(found.map(\.brief) == ["REGISTER_ENTRY_STALE support@contoso.com a@contoso.com Editor"])
    #expect(found.map(\.requirement) == ["risk"])
  }
}
