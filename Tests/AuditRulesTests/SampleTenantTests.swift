import AuditModel
import Foundation
import Testing

@testable import AuditRules

/// The Contoso sample (SampleData/README.md, "What this tenant contains"): its inventory as ingest
/// normalises it, the real register.csv, the policy of policy.json, as of 2026-11-30. The rules
/// must give exactly the answer key: 37 findings, 36 unwaived, and the four verdicts.
@Suite struct SampleTenantTests {
  static let domain = "@contoso.com"
  static let users = [
    "ceo", "alex.wilber", "megan.bowen", "lynne.robbins", "adele.vance", "lee.gu", "diego.siciliani",
    "isaiah.langer", "johanna.lorenz", "joni.sherman", "lidia.holloway", "miriam.graham", "nestor.wilke",
    "pradeep.gupta", "grady.archie", "henrietta.mueller", "irvin.sayers", "christie.cline", "debra.berger",
    "allan.deyoung", "enrico.cattaneo", "emily.braun",
  ]
  static let shared = [
    "finance": "Finance Department", "hr": "Human Resources", "info": "Contoso Info",
    "support": "Customer Support",
    "legal": "Legal Department",
  ]
  static let rooms = ["boardroom": "Board Room", "training-room": "Training Room"]
  static let guest = "partner_fabrikam.com#ext#@contoso.onmicrosoft.com"
  static let sid = "S-1-5-21-2847693132-1743286579-3128460972-27614"
  static let delegateDefaults = [
    "Update", "MoveToDeletedItems", "SoftDelete", "HardDelete", "SendAs", "SendOnBehalf", "Create",
    "UpdateFolderPermissions", "UpdateInboxRules", "ApplyRecord",
  ]
  static let adminDefaults = delegateDefaults + ["UpdateCalendarDelegation"]

  static func id(_ alias: String) -> String { alias + domain }

  /// Users' recipient Name is the display name, except `ceo`, `isaiah.langer` and `emily.braun`.
  static func displayName(_ alias: String) -> String {
    if alias == "ceo" { return "Patti Fernandez" }
    return alias.split(separator: ".").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(
      separator: " ")
  }

  static func sampleInventory() throws -> Inventory {
    var inventory = Inventory()
    func add(_ alias: String, _ display: String, _ type: String, kind: Principal.Kind, name: String) {
      let id = id(alias)
      inventory.principals[id] = Principal(
        id: id, displayName: display, kind: kind, aliases: [alias, name, id])
      let delegate =
        switch alias {
        case "info":
          delegateDefaults.filter {
            !["UpdateFolderPermissions", "UpdateInboxRules", "ApplyRecord"].contains($0)
          }
        case "diego.siciliani", "training-room":
          delegateDefaults.filter { !["SendAs", "UpdateInboxRules", "ApplyRecord"].contains($0) }
        default: delegateDefaults
        }
      inventory.mailboxes[id] = Mailbox(
        id: id, displayName: display, recipientTypeDetails: type, auditEnabled: true, auditOwner: ["Update"],
        auditDelegate: delegate, auditAdmin: adminDefaults,
        location: SourceLocation(file: "mailboxes.xml", path: "/Objs/Obj"))
    }
    for alias in users {
      let name =
        alias == "emily.braun"
        ? "29319eac-0a9c-4b29-a780-065b6404ffbd"
        : ["ceo", "isaiah.langer"].contains(alias) ? alias : displayName(alias)
      add(alias, displayName(alias), "UserMailbox", kind: .user, name: name)
    }
    for (alias, display) in shared { add(alias, display, "SharedMailbox", kind: .sharedMailbox, name: alias) }
    for (alias, display) in rooms { add(alias, display, "RoomMailbox", kind: .sharedMailbox, name: alias) }
    inventory.principals["Finance Team"] = Principal(
      id: "Finance Team", displayName: "Finance Team", kind: .unknown)
    inventory.principals[guest] = Principal(
      id: guest, displayName: "partner_fabrikam.com#EXT#@contoso.onmicrosoft.com", kind: .guest)
    inventory.principals[sid] = Principal(id: sid, displayName: sid, kind: .unresolvedSID)

    func mp(
      _ line: Int, _ mailbox: String, _ trustee: String, _ right: Right = .fullAccess, inherited: Bool = false
    )
      -> Grant
    {
      let trusteeID =
        trustee.contains("@") || trustee.hasPrefix("S-1-") || trustee == "Finance Team"
        ? trustee : id(trustee)
      let kind = inventory.principals[trusteeID]?.kind ?? .unknown
      return grant(
        id(mailbox), trusteeID, right, inherited: inherited, kind: kind, file: "mailbox-permissions.csv",
        line: line)
    }
    func sendAs(_ index: Int, _ mailbox: String, _ trustee: String) -> Grant {
      var grant = mp(0, mailbox, trustee, .sendAs)
      grant.sources = [SourceLocation(file: "recipient-permissions.json", path: "[\(index)]")]
      return grant
    }
    func sendOnBehalf(_ mailbox: String, _ trustee: String) -> Grant {
      var grant = mp(0, mailbox, trustee, .sendOnBehalf)
      grant.sources = [SourceLocation(file: "mailboxes.xml", path: "/Objs/Obj")]
      return grant
    }
    inventory.grants = [
      mp(4, "ceo", "alex.wilber"), mp(25, "finance", "Finance Team"), mp(26, "finance", "lynne.robbins"),
      mp(27, "finance", "diego.siciliani"), mp(28, "finance", "grady.archie"),
      mp(33, "hr", "henrietta.mueller"),
      mp(34, "hr", "irvin.sayers"), mp(35, "hr", sid), mp(36, "hr", "allan.deyoung", .changePermission),
      mp(57, "support", "isaiah.langer"), mp(58, "support", "joni.sherman"), mp(59, "support", guest),
      mp(61, "lidia.holloway", "miriam.graham"), mp(68, "nestor.wilke", "enrico.cattaneo", inherited: true),
      mp(82, "info", "debra.berger"), mp(83, "info", "pradeep.gupta"), mp(89, "legal", "christie.cline"),
      mp(90, "legal", "johanna.lorenz"), mp(113, "boardroom", "megan.bowen"),
      sendAs(1, "ceo", "alex.wilber"), sendAs(6, "finance", "Finance Team"),
      sendAs(11, "hr", "henrietta.mueller"),
      sendAs(16, "support", "joni.sherman"), sendAs(17, "support", "isaiah.langer"),
      sendAs(22, "info", "debra.berger"),
      sendAs(23, "info", "adele.vance"), sendAs(29, "legal", "christie.cline"),
      sendOnBehalf("ceo", "alex.wilber"), sendOnBehalf("megan.bowen", "emily.braun"),
      sendOnBehalf("finance", "diego.siciliani"), sendOnBehalf("lee.gu", "irvin.sayers"),
    ].sorted()

    let path = "/Microsoft Exchange Hosted Organizations/contoso.onmicrosoft.com/"
    func event(
      _ line: Int, _ time: String, _ operation: String, _ mailbox: String, _ trustee: String, _ right: Right,
      _ change: AuditEvent.Change = .added
    ) -> AuditEvent {
      AuditEvent(
        recordID: "record-\(line)", time: day(time), actor: "allan.deyoung@contoso.com", operation: operation,
        mailbox: mailbox, trustee: trustee, rights: [right], change: change,
        location: SourceLocation(file: "audit-log.csv", line: line))
    }
    inventory.events = [
      event(
        19, "2026-09-05T10:26:00Z", "Remove-RecipientPermission", "finance", "grady.archie@contoso.com",
        .sendAs, .removed),
      event(
        18, "2026-09-08T09:41:00Z", "Add-MailboxPermission", "lidia.holloway@contoso.com",
        "miriam.graham@contoso.com", .fullAccess),
      event(
        17, "2026-09-10T16:22:00Z", "Add-MailboxPermission",
        "NAMPR03A001.prod.outlook.com" + path + "boardroom", "megan.bowen@contoso.com", .fullAccess),
      event(
        15, "2026-09-22T11:30:00Z", "Add-RecipientPermission", "hr@contoso.com",
        "henrietta.mueller@contoso.com", .sendAs),
      event(
        13, "2026-10-03T13:47:00Z", "Remove-MailboxPermission", "support@contoso.com",
        "nestor.wilke@contoso.com", .fullAccess, .removed),
      event(
        12, "2026-10-14T09:12:44Z", "Add-MailboxPermission", "NAMPR03A001.prod.outlook.com" + path + "legal",
        "johanna.lorenz@contoso.com", .fullAccess),
      event(
        11, "2026-10-21T15:55:00Z", "Set-Mailbox", "megan.bowen@contoso.com",
        "NAMPR03A001.prod.outlook.com" + path + "29319eac-0a9c-4b29-a780-065b6404ffbd", .sendOnBehalf),
      event(
        9, "2026-11-02T12:09:00Z", "Add-MailboxPermission", "support@contoso.com",
        "partner_fabrikam.com#EXT#@contoso.onmicrosoft.com", .fullAccess),
      event(
        8, "2026-11-05T17:26:00Z", "Add-MailboxFolderPermission", "lee.gu@contoso.com:\\Calendar",
        "megan.bowen@contoso.com", Right("Reviewer")),
      event(
        5, "2026-11-12T14:37:00Z", "Add-RecipientPermission", "NAMPR03A001.prod.outlook.com" + path + "info",
        "adele.vance@contoso.com", .sendAs),
      event(
        4, "2026-11-19T09:27:00Z", "Set-Mailbox", "lee.gu@contoso.com",
        "NAMPR03A001.prod.outlook.com" + path + "Irvin Sayers", .sendOnBehalf),
    ]
    // Line 6 repeats record 12 (overlapping result pages).
    var repeated = inventory.events[5]
    repeated.location = SourceLocation(file: "audit-log.csv", line: 6)
    inventory.events.append(repeated)
    inventory.auditLogCoverage = AuditLogCoverage(
      earliest: day("2026-09-01T07:14:32Z"), latest: day("2026-11-29T18:02:47Z"), rows: 19, uniqueRecords: 18,
      possiblyTruncated: false)
    inventory.auditConfig.auditDisabled = false
    inventory.auditConfig.unifiedAuditLogIngestionEnabled = true
    inventory.ledgers = [.mailboxPermission, .recipientPermission, .mailbox, .orgConfig, .auditLog].map(
      ledger)
    inventory.register = try register()
    return inventory
  }

  /// register.csv as written (PRODUCT.md §6), read with a minimal CSV split.
  static func register() throws -> [RegisterEntry] {
    let root = "/" + #filePath.split(separator: "/").dropLast(3).joined(separator: "/")
    let text = try String(contentsOfFile: root + "/SampleData/contoso/register.csv", encoding: .utf8)
    return text.split(separator: "\n").dropFirst().enumerated().map { offset, line in
      var fields: [String] = []
      var field = ""
      var quoted = false
      for character in line {
        if character == "\"" {
          quoted.toggle()
        } else if character == "," && !quoted {
          fields.append(field)
          field = ""
        } else {
          field.append(character)
        }
      }
      fields.append(field)
      func text(_ index: Int) -> String? { fields[index].isEmpty ? nil : fields[index] }
      return RegisterEntry(
        mailbox: fields[0], trustee: fields[1], right: Right(fields[2]), folder: text(3), approvedBy: text(4),
        approvedOn: text(5).map(day), ticket: text(6), justification: text(7), expiresOn: text(8).map(day),
        lastReviewedOn: text(9).map(day), reviewedBy: text(10),
        reviewOutcome: text(11).flatMap(RegisterEntry.ReviewOutcome.init),
        location: SourceLocation(file: "register.csv", line: offset + 2))
    }
  }

  static let policy = Policy.with {
    $0.reviewPeriodDays = 90
    $0.sensitiveMailboxes = ["ceo@contoso.com", "legal@contoso.com"]
    $0.broadPrincipals = ["Finance Team"]
    $0.internalDomains = ["contoso.com", "contoso.onmicrosoft.com"]
    $0.waivers = [
      Policy.Waiver(
        code: "TRUSTEE_EXTERNAL", mailbox: "support@contoso.com",
        trustee: "partner_fabrikam.com#EXT#@contoso.onmicrosoft.com",
        reason: "Fabrikam runs tier-1 support under contract MSA-2026-014; access ends with the contract",
        expires: day("2027-03-31"))
    ]
  }

  @Test func answerKey() throws {
    let assessment = Evaluator.evaluate(
      try Self.sampleInventory(), policy: Self.policy, asOf: day("2026-11-30"))
    var totals: [String: Int] = [:]
    for finding in assessment.findings { totals[finding.code, default: 0] += 1 }
    #expect(
      totals == [
        "SENDAS_UNDOCUMENTED": 2, "SENDOB_UNDOCUMENTED": 1, "APPROVAL_EXPIRED": 1,
        "FULLACCESS_NOT_REVIEWED": 4,
        "FULLACCESS_REVIEW_OVERDUE": 1, "REVIEW_BY_TRUSTEE": 1, "REVIEW_REMOVAL_NOT_DONE": 1,
        "REGISTER_ENTRY_STALE": 1,
        "MAILBOX_AUDIT_ACTIONS_MISSING": 2, "CHANGE_UNAPPROVED": 4, "TRUSTEE_UNRESOLVED_SID": 1,
        "TRUSTEE_EXTERNAL": 1,
        "TRUSTEE_BROAD_GROUP": 2, "FULLACCESS_WITH_SENDAS": 7, "SENSITIVE_MAILBOX_DELEGATION": 6,
        "PERMISSION_ESCALATION_RIGHT": 1, "INHERITED_FULLACCESS": 1,
      ])
    #expect(assessment.findings.count == 37)
    #expect(
      assessment.findings.filter(\.waived).map(\.brief) == [
        "TRUSTEE_EXTERNAL support@contoso.com partner_fabrikam.com#ext#@contoso.onmicrosoft.com FullAccess"
      ])
    #expect(
      assessment.findings.filter { $0.requirement.hasPrefix("EXT") }.map(\.brief) == [
        "APPROVAL_EXPIRED support@contoso.com joni.sherman@contoso.com SendAs",
        "SENDAS_UNDOCUMENTED info@contoso.com adele.vance@contoso.com SendAs",
        "SENDAS_UNDOCUMENTED support@contoso.com isaiah.langer@contoso.com SendAs",
        "SENDOB_UNDOCUMENTED megan.bowen@contoso.com emily.braun@contoso.com SendOnBehalf",
        "FULLACCESS_NOT_REVIEWED finance@contoso.com grady.archie@contoso.com FullAccess",
        "FULLACCESS_NOT_REVIEWED hr@contoso.com S-1-5-21-2847693132-1743286579-3128460972-27614 FullAccess",
        "FULLACCESS_NOT_REVIEWED legal@contoso.com johanna.lorenz@contoso.com FullAccess",
        "FULLACCESS_NOT_REVIEWED nestor.wilke@contoso.com enrico.cattaneo@contoso.com FullAccess",
        "FULLACCESS_REVIEW_OVERDUE hr@contoso.com irvin.sayers@contoso.com FullAccess",
        "REGISTER_ENTRY_STALE support@contoso.com nestor.wilke@contoso.com FullAccess",
        "REVIEW_BY_TRUSTEE finance@contoso.com lynne.robbins@contoso.com FullAccess",
        "REVIEW_REMOVAL_NOT_DONE info@contoso.com pradeep.gupta@contoso.com FullAccess",
        "CHANGE_UNAPPROVED info@contoso.com adele.vance@contoso.com SendAs",
        "CHANGE_UNAPPROVED lee.gu@contoso.com megan.bowen@contoso.com Reviewer",
        "CHANGE_UNAPPROVED megan.bowen@contoso.com emily.braun@contoso.com SendOnBehalf",
        "CHANGE_UNAPPROVED support@contoso.com partner_fabrikam.com#ext#@contoso.onmicrosoft.com FullAccess",
        "MAILBOX_AUDIT_ACTIONS_MISSING diego.siciliani@contoso.com - AuditDelegate",
        "MAILBOX_AUDIT_ACTIONS_MISSING info@contoso.com - AuditDelegate",
      ])
    #expect(
      assessment.results.map {
        "\($0.requirement.rawValue) \($0.status.rawValue) \($0.population.map(String.init) ?? "-") \($0.exceptions)"
      } == [
        "EXT-08.1 not-satisfied 8 3", "EXT-08.2 not-satisfied 4 1", "EXT-08.3 not-satisfied 18 8",
        "EXT-08.4 not-satisfied 11 6",
      ])
    #expect(assessment.results[3].missingEvidence.map { $0.prefix(20) } == ["audit-bypass export "])
    #expect(
      assessment.changes.map(\.reconciliation) == [
        "removal", "approved", "approved", "approved", "removal", "approved", "unapproved", "unapproved",
        "unapproved", "unapproved", "approved",
      ])
  }
}
