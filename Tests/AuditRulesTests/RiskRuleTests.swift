import AuditModel
import Testing

@testable import AuditRules

/// The risk codes: one finding per grant unless said otherwise; no verdict counts them.
@Suite struct RiskRuleTests {
  let hr = "hr@contoso.com"
  let support = "support@contoso.com"

  @Test func orphanedSID() {
    let sid = "S-1-5-21-2847693132-1743286579-3128460972-27614"
    let tenant = inventory([
      grant(hr, sid, .fullAccess, kind: .unresolvedSID), grant(hr, "a@contoso.com", .fullAccess),
    ])
    let found = findings(TrusteeUnresolvedSIDRule.self, in: tenant)
    #expect(found.map(\.brief) == ["TRUSTEE_UNRESOLVED_SID hr@contoso.com \(sid) FullAccess"])
    #expect(found.map(\.requirement) == ["risk"])
  }

  @Test func guestsAndForeignDomainsAreExternal() {
    let guest = "partner_fabrikam.com#ext#@contoso.onmicrosoft.com"
    let tenant = inventory([
      grant(support, guest, .fullAccess, kind: .guest),
      grant(support, "ann@fabrikam.com", .sendAs, kind: .unknown),
      grant(support, "bob@eu.contoso.com", .fullAccess),
      grant(support, "hybrid@contoso.com", .fullAccess, kind: .external),
      grant(support, "Default", Right("Reviewer"), folder: "\\Calendar", kind: .folderSpecial),
    ])
    let policy = Policy.with { $0.internalDomains = ["contoso.com", "contoso.onmicrosoft.com"] }
    let found = findings(TrusteeExternalRule.self, in: tenant, policy: policy)
    #expect(
      found.map(\.brief) == [
        "TRUSTEE_EXTERNAL support@contoso.com ann@fabrikam.com SendAs",
        "TRUSTEE_EXTERNAL support@contoso.com partner_fabrikam.com#ext#@contoso.onmicrosoft.com FullAccess",
      ])
    #expect(
      found.first?.message
        == "ann@fabrikam.com (an address in fabrikam.com, which is not an internal domain) holds SendAs on support@contoso.com"
    )
    // Without internal domains only guests and external recipients are judged.
    #expect(
      findings(TrusteeExternalRule.self, in: tenant).map(\.trustee) == [
        "hybrid@contoso.com", "partner_fabrikam.com#ext#@contoso.onmicrosoft.com",
      ])
  }

  @Test func disabledAccount() {
    var tenant = inventory([
      grant(hr, "left@contoso.com", .fullAccess), grant(hr, "here@contoso.com", .fullAccess),
    ])
    #expect(findings(TrusteeDisabledRule.self, in: tenant).isEmpty)
    tenant.accountEnabled = ["Left@contoso.com": false, "here@contoso.com": true]
    #expect(
      findings(TrusteeDisabledRule.self, in: tenant).map(\.brief) == [
        "TRUSTEE_DISABLED hr@contoso.com left@contoso.com FullAccess"
      ])
  }

  @Test func groupsAndPolicyBroadPrincipals() {
    let finance = "finance@contoso.com"
    let tenant = inventory(
      [
        grant(finance, "Finance Team", .fullAccess, kind: .unknown),
        grant(finance, "Finance Team", .sendAs, kind: .unknown),
        grant(finance, "all-staff@contoso.com", .sendOnBehalf, kind: .group),
        grant(finance, "lynne.robbins@contoso.com", .fullAccess),
        grant(finance, "all-staff@contoso.com", Right("Reviewer"), folder: "\\Calendar", kind: .group),
      ],
      principals: [
        Principal(id: "Finance Team", displayName: "Finance Team", kind: .unknown, aliases: ["financeteam"])
      ])
    let policy = Policy.with { $0.broadPrincipals = ["FINANCETEAM"] }
    let found = findings(TrusteeBroadGroupRule.self, in: tenant, policy: policy)
    #expect(
      found.map(\.brief) == [
        "TRUSTEE_BROAD_GROUP finance@contoso.com Finance Team FullAccess",
        "TRUSTEE_BROAD_GROUP finance@contoso.com Finance Team SendAs",
        "TRUSTEE_BROAD_GROUP finance@contoso.com all-staff@contoso.com SendOnBehalf",
      ])
    #expect(found.first?.message.contains("listed in the policy's broadPrincipals") == true)
  }

  @Test func fullAccessWithSendAsOncePerMailboxAndTrustee() {
    let tenant = inventory([
      grant("ceo@contoso.com", "alex.wilber@contoso.com", .fullAccess, line: 4),
      grant(
        "ceo@contoso.com", "alex.wilber@contoso.com", .sendAs, file: "recipient-permissions.json", line: 0),
      grant("ceo@contoso.com", "alex.wilber@contoso.com", .sendOnBehalf),
      grant("ceo@contoso.com", "megan.bowen@contoso.com", .sendAs),
    ])
    let found = findings(FullAccessWithSendAsRule.self, in: tenant)
    #expect(
      found.map(\.brief) == [
        "FULLACCESS_WITH_SENDAS ceo@contoso.com alex.wilber@contoso.com FullAccess+SendAs"
      ])
    #expect(found.first?.evidence.count == 2)
  }

  @Test func sensitiveMailboxDelegationPerGrant() {
    let tenant = inventory(
      [
        grant("ceo@contoso.com", "alex.wilber@contoso.com", .fullAccess),
        grant("ceo@contoso.com", "alex.wilber@contoso.com", .sendAs),
        grant(
          "ceo@contoso.com", "Default", Right("AvailabilityOnly"), folder: "\\Calendar", kind: .folderSpecial),
        grant("lee.gu@contoso.com", "alex.wilber@contoso.com", .fullAccess),
      ], principals: [person("ceo@contoso.com", "Patti Fernandez")])
    let policy = Policy.with { $0.sensitiveMailboxes = ["Patti Fernandez"] }
    #expect(
      findings(SensitiveMailboxDelegationRule.self, in: tenant, policy: policy).map(\.brief) == [
        "SENSITIVE_MAILBOX_DELEGATION ceo@contoso.com alex.wilber@contoso.com FullAccess",
        "SENSITIVE_MAILBOX_DELEGATION ceo@contoso.com alex.wilber@contoso.com SendAs",
      ])
  }

  @Test func explicitEscalationRightsOnly() {
    let tenant = inventory([
      grant(hr, "allan.deyoung@contoso.com", .changePermission),
      grant(hr, "allan.deyoung@contoso.com", .changeOwner),
      grant(hr, "ops@contoso.com", .changePermission, inherited: true),
      grant(hr, "ops@contoso.com", .deleteItem),
    ])
    #expect(
      findings(PermissionEscalationRightRule.self, in: tenant).map(\.brief) == [
        "PERMISSION_ESCALATION_RIGHT hr@contoso.com allan.deyoung@contoso.com ChangeOwner",
        "PERMISSION_ESCALATION_RIGHT hr@contoso.com allan.deyoung@contoso.com ChangePermission",
      ])
  }

  @Test(arguments: [
    ("Reviewer", true), ("LimitedDetails", true), ("Editor", true), ("AvailabilityOnly", false),
    ("None", false),
    ("Contributor", false), ("ReadItems, FolderVisible", true), ("CreateItems, FolderVisible", false),
  ])
  func folderBroadAccessByRole(role: String, reported: Bool) {
    let tenant = inventory([
      grant("ceo@contoso.com", "Default", Right(role), folder: "\\Calendar", kind: .folderSpecial)
    ])
    #expect(findings(FolderBroadAccessRule.self, in: tenant).count == (reported ? 1 : 0))
  }

  @Test func folderBroadAccessForSpecialUsersAndBroadGroups() {
    let tenant = inventory([
      grant("ceo@contoso.com", "Anonymous", Right("Reviewer"), folder: "\\Calendar", kind: .folderSpecial),
      grant(
        "ceo@contoso.com", "Default", Right("LimitedDetails"), folder: "\\Calendar", kind: .folderSpecial),
      grant("ceo@contoso.com", "everyone@contoso.com", Right("Editor"), folder: "\\Inbox", kind: .group),
      grant("ceo@contoso.com", "alex.wilber@contoso.com", Right("Editor"), folder: "\\Calendar"),
    ])
    let found = findings(FolderBroadAccessRule.self, in: tenant)
    #expect(
      found.map(\.brief) == [
        "FOLDER_BROAD_ACCESS ceo@contoso.com Anonymous Reviewer",
        "FOLDER_BROAD_ACCESS ceo@contoso.com Default LimitedDetails",
        "FOLDER_BROAD_ACCESS ceo@contoso.com everyone@contoso.com Editor",
      ])
    #expect(
      found[1].message
        == "Default (every user in the organisation) holds LimitedDetails, which shows item subjects and locations, "
        + "on \\Calendar of ceo@contoso.com")
    #expect(found.map(\.folder) == ["\\Calendar", "\\Calendar", "\\Inbox"])
  }

  @Test func inheritedFullAccessToNonSystemPrincipal() {
    let tenant = inventory([
      grant("nestor.wilke@contoso.com", "enrico.cattaneo@contoso.com", .fullAccess, inherited: true),
      grant("nestor.wilke@contoso.com", "NT AUTHORITY\\SYSTEM", .fullAccess, inherited: true, kind: .system),
      grant("nestor.wilke@contoso.com", "megan.bowen@contoso.com", .fullAccess),
    ])
    #expect(
      findings(InheritedFullAccessRule.self, in: tenant).map(\.brief) == [
        "INHERITED_FULLACCESS nestor.wilke@contoso.com enrico.cattaneo@contoso.com FullAccess"
      ])
  }

  @Test func lossyExportColumns() {
    var tenant = inventory([])
    tenant.lossyColumns = [
      LossyColumn(
        file: "mailboxes.csv", column: "GrantSendOnBehalfTo", kind: .mailbox, rows: 4,
        typeName: "System.Collections.ArrayList",
        firstLocation: SourceLocation(file: "mailboxes.csv", line: 3))
    ]
    let found = findings(ExportLossyRule.self, in: tenant)
    #expect(found.map(\.brief) == ["EXPORT_LOSSY - - -"])
    #expect(found.map(\.requirement) == ["input"])
    #expect(
      found.first?.message.hasPrefix(
        "column GrantSendOnBehalfTo of mailboxes.csv holds the type name System.Collections.ArrayList instead of values "
          + "in 4 rows; re-export with: Get-EXOMailbox") == true)
  }
}
