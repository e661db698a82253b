import AuditModel
import Testing

@testable import AuditIngest

/// A JSON string literal.
private func json(_ text: String) -> String {
  "\"" + text.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"") + "\""
}

/// A CSV cell, always quoted.
private func cell(_ text: String) -> String {
  "\"" + text.replacing("\"", with: "\"\"") + "\""
}

/// Compact ExchangeAdmin AuditData, Parameters in the order given.
private func adminData(
  id: String, time: String?, operation: String, user: String = "admin@contoso.onmicrosoft.com",
  status: String = "True", objectID: String = "", parameters: [(String, String)]
) -> String {
  var fields: [String] = []
  if let time { fields.append("\"CreationTime\":\(json(time))") }
  fields += [
    "\"Id\":\(json(id))", "\"Operation\":\(json(operation))", "\"RecordType\":1",
    "\"ResultStatus\":\(json(status))",
    "\"UserType\":2", "\"Workload\":\"Exchange\"", "\"ObjectId\":\(json(objectID))",
    "\"UserId\":\(json(user))",
  ]
  let list = parameters.map { "{\"Name\":\(json($0.0)),\"Value\":\(json($0.1))}" }
  fields.append("\"Parameters\":[\(list.joined(separator: ","))]")
  return "{" + fields.joined(separator: ",") + "}"
}

private let exoPath =
  "NAMPR03A001.prod.outlook.com/Microsoft Exchange Hosted Organizations/contoso.onmicrosoft.com/"

private func events(_ inventory: Inventory) -> [String] {
  inventory.events.map {
    "\($0.change.rawValue) \($0.operation) \($0.mailbox) <- \($0.trustee) [\($0.rights.map(\.name).joined(separator: ","))]"
  }
}

@Suite struct AuditLogIngestTests {
  @Test func searchUnifiedAuditLogWithRemotingColumnsFirst() {
    let add = adminData(
      id: "11111111-0000-0000-0000-000000000001", time: "2025-03-12T07:31:34",
      operation: "Add-MailboxPermission",
      parameters: [
        ("DomainController", ""), ("AccessRights", "FullAccess"), ("User", "alex.wilber@contoso.com"),
        ("Identity", exoPath + "ceo"), ("InheritanceType", "All"), ("AutoMapping", "False"),
      ])
    let remove = adminData(
      id: "11111111-0000-0000-0000-000000000002", time: "2025-03-13T10:00:00",
      operation: "Remove-RecipientPermission",
      parameters: [
        ("Confirm", "False"), ("Trustee", "grady.archie@contoso.com"), ("AccessRights", "SendAs"),
        ("Identity", "finance"),
      ])
    let text =
      "#TYPE Deserialized.Microsoft.Exchange.Data.ApplicationLogic.UnifiedAuditLogEvent\r\n"
      + "\"PSComputerName\",\"RunspaceId\",\"PSShowComputerName\",\"RecordType\",\"CreationDate\",\"UserIds\",\"Operations\",\"AuditData\",\"ResultIndex\",\"ResultCount\",\"Identity\",\"IsValid\",\"ObjectState\"\r\n"
      + "\"outlook.office365.com\",\"6f71\",\"False\",\"ExchangeAdmin\",\"3/12/2025 8:31:34 AM\",\"admin@contoso.onmicrosoft.com\",\"Add-MailboxPermission\",\(cell(add)),\"1\",\"2\",\"11111111-0000-0000-0000-000000000001\",\"True\",\"Unchanged\"\r\n"
      + "\"outlook.office365.com\",\"6f71\",\"False\",\"ExchangeAdmin\",\"3/13/2025 11:00:00 AM\",\"admin@contoso.onmicrosoft.com\",\"Remove-RecipientPermission\",\(cell(remove)),\"2\",\"2\",\"11111111-0000-0000-0000-000000000002\",\"True\",\"Unchanged\"\r\n"
    let (files, inventory) = ingestCSV([("ual.csv", text)])
    #expect(files[0].kind == .auditLog)
    #expect(inventory.ledgers[0].produced == 2)
    expectReconciled(inventory)
    #expect(
      events(inventory) == [
        "added Add-MailboxPermission \(exoPath)ceo <- alex.wilber@contoso.com [FullAccess]",
        "removed Remove-RecipientPermission finance <- grady.archie@contoso.com [SendAs]",
      ])
    // AuditData CreationTime (UTC without Z) wins over the culture-formatted CreationDate.
    #expect(inventory.events.first?.time == DateParser.parse("2025-03-12T07:31:34Z"))
    #expect(inventory.events.first?.recordID == "11111111-0000-0000-0000-000000000001")
    #expect(inventory.events.first?.actor == "admin@contoso.onmicrosoft.com")
    #expect(inventory.auditLogCoverage?.possiblyTruncated == false)
    #expect(inventory.auditLogCoverage?.rows == 2)
  }

  @Test func exoV3ColumnsCultureDateFallbackAndResultCount() {
    let adPermission = adminData(
      id: "a-1", time: nil, operation: "Add-ADPermission",
      parameters: [("Identity", "CONTOSO\\ceo"), ("User", "CONTOSO\\alex"), ("ExtendedRights", "Send-As")])
    let folder = adminData(
      id: "a-2", time: "2025-03-14T09:00:00", operation: "Add-MailboxFolderPermission",
      parameters: [
        ("AccessRights", "Reviewer"), ("User", "megan.bowen@contoso.com"),
        ("Identity", "lee.gu@contoso.com:\\Kalender"),
      ])
    let text =
      "\"RecordType\",\"CreationDate\",\"UserIds\",\"Operations\",\"AuditData\",\"ResultIndex\",\"ResultCount\",\"Identity\",\"IsValid\",\"ObjectState\"\r\n"
      + "\"ExchangeAdmin\",\"3/12/2025 7:31:34 AM\",\"admin@contoso.com\",\"Add-ADPermission\",\(cell(adPermission)),\"1\",\"5000\",\"a-1\",\"True\",\"Unchanged\"\r\n"
      + "\"ExchangeAdmin\",\"3/14/2025 9:00:00 AM\",\"admin@contoso.com\",\"Add-MailboxFolderPermission\",\(cell(folder)),\"2\",\"5000\",\"a-2\",\"True\",\"Unchanged\"\r\n"
    let (files, inventory) = ingestCSV([("ual.csv", text)])
    expectReconciled(inventory)
    #expect(
      events(inventory) == [
        "added Add-ADPermission CONTOSO\\ceo <- CONTOSO\\alex [SendAs]",
        "added Add-MailboxFolderPermission lee.gu@contoso.com <- megan.bowen@contoso.com [Reviewer]",
      ])
    #expect(inventory.events.first?.time == DateParser.parse("2025-03-12T07:31:34Z"))
    #expect(files[0].facts.auditRecords.map(\.folder) == [nil, "\\Kalender"])
    // ResultCount 5000 but only 2 rows exported: pages are missing.
    #expect(inventory.auditLogCoverage?.possiblyTruncated == true)
  }

  @Test func classicPortalSetMailboxGrantSendOnBehalfTo() {
    let twoDelegates = adminData(
      id: "c-1", time: "2026-10-21T15:55:00", operation: "Set-Mailbox",
      parameters: [
        ("GrantSendOnBehalfTo", exoPath + "Irvin Sayers;" + exoPath + "29319eac-0a9c-4b29-a780-065b6404ffbd"),
        ("Identity", "megan.bowen@contoso.com"),
      ])
    let cleared = adminData(
      id: "c-2", time: "2026-10-22T08:00:00", operation: "Set-Mailbox",
      parameters: [("Identity", exoPath + "ceo"), ("GrantSendOnBehalfTo", "")])
    let retention = adminData(
      id: "c-3", time: "2026-10-20T08:00:00", operation: "Set-Mailbox",
      parameters: [("Identity", "finance@contoso.com"), ("RetentionPolicy", "Finance 7y")])
    let audit = adminData(
      id: "c-4", time: "2026-10-23T08:00:00", operation: "Set-Mailbox",
      parameters: [("Identity", "info@contoso.com"), ("AuditDelegate", "SendAs;SendOnBehalf")])
    let text =
      "CreationDate,UserIds,Operations,AuditData\r\n"
      + [twoDelegates, cleared, retention, audit].map {
        "2026-10-21T15:55:00.0000000Z,admin@contoso.com,Set-Mailbox,\(cell($0))\r\n"
      }.joined()
    let mailboxes =
      "Name,Alias,DisplayName,PrimarySmtpAddress,RecipientTypeDetails,ExternalDirectoryObjectId\n"
      + "ceo,ceo,Patti Fernandez,ceo@contoso.com,UserMailbox,\n"
      + "Irvin Sayers,irvin.sayers,Irvin Sayers,irvin.sayers@contoso.com,UserMailbox,\n"
      + "29319eac-0a9c-4b29-a780-065b6404ffbd,emily.braun,Emily Braun,emily.braun@contoso.com,UserMailbox,29319eac-0a9c-4b29-a780-065b6404ffbd\n"
      + "Megan Bowen,megan.bowen,Megan Bowen,megan.bowen@contoso.com,UserMailbox,\n"
    let (files, inventory) = ingestCSV([("audit.csv", text), ("mailboxes.csv", mailboxes)])
    #expect(files[0].kind == .auditLog)
    expectReconciled(inventory)
    #expect(
      events(inventory) == [
        "modified Set-Mailbox megan.bowen@contoso.com <- emily.braun@contoso.com [SendOnBehalf]",
        "modified Set-Mailbox megan.bowen@contoso.com <- irvin.sayers@contoso.com [SendOnBehalf]",
        "removed Set-Mailbox ceo@contoso.com <-  [SendOnBehalf]",
        "modified Set-Mailbox info@contoso.com <-  []",
      ])
    #expect(inventory.excluded.map(\.rule) == [.notDelegationEvent])
    #expect(inventory.excluded.first?.rights == "Set-Mailbox")
    let ledger = inventory.ledgers.first { $0.file == "audit.csv" }
    #expect(ledger?.produced == 3)
    #expect(ledger?.excluded == 1)
  }

  @Test func purviewExportDuplicatesFailuresNoiseAndBadJSON() {
    func row(_ id: String, _ time: String, _ operation: String, _ data: String) -> String {
      "\(id),\(time),ExchangeAdmin,\(operation),admin@contoso.com,\(cell(data)),,\r\n"
    }
    let grant = adminData(
      id: "p-1", time: "2026-10-14T09:12:44", operation: "Add-MailboxPermission",
      parameters: [
        ("Identity", exoPath + "legal"), ("User", "johanna.lorenz@contoso.com"),
        ("AccessRights", "FullAccess"),
      ])
    let inboxRule = adminData(
      id: "p-2", time: "2026-09-01T07:14:32", operation: "New-InboxRule",
      parameters: [("Name", "Newsletters")])
    let failed = adminData(
      id: "p-3", time: "2026-10-15T10:00:00", operation: "Add-RecipientPermission", status: "False",
      parameters: [("Identity", "info"), ("Trustee", "adele.vance@contoso.com"), ("AccessRights", "SendAs")])
    let noise = adminData(
      id: "p-4", time: "2026-09-14T03:12:00", operation: "Add-MailboxPermission",
      user: "NT AUTHORITY\\SYSTEM (Microsoft.Exchange.ServiceHost)",
      parameters: [
        ("DomainController", ""),
        ("Identity", exoPath + "DiscoverySearchMailbox{D919BA05-46A6-415f-80AD-7E09334BB852}"),
        ("User", exoPath + "Discovery Management"), ("AccessRights", "FullAccess"),
      ])
    let text =
      "RecordId,CreationDate,RecordType,Operation,UserId,AuditData,AssociatedAdminUnits,AssociatedAdminUnitsNames\r\n"
      + row("p-1", "2026-10-14T09:12:44.0000000Z", "Add-MailboxPermission", grant)
      + row("p-2", "2026-09-01T07:14:32.0000000Z", "New-InboxRule", inboxRule)
      + row("p-3", "2026-10-15T10:00:00.0000000Z", "Add-RecipientPermission", failed)
      + row("p-4", "2026-09-14T03:12:00.0000000Z", "Add-MailboxPermission", noise)
      + row("p-1", "2026-10-14T09:12:44.0000000Z", "Add-MailboxPermission", grant)
      + row("p-5", "2026-11-29T18:02:47.0000000Z", "Add-MailboxPermission", "{\"Id\":\"p-5\",\"Operation\":")
    let (files, inventory) = ingestCSV([("purview.csv", text)])
    #expect(files[0].kind == .auditLog)
    let ledger = inventory.ledgers[0]
    #expect((ledger.recordsRead, ledger.produced, ledger.excluded, ledger.rejected) == (6, 1, 4, 1))
    expectReconciled(inventory)
    #expect(
      events(inventory) == [
        "added Add-MailboxPermission \(exoPath)legal <- johanna.lorenz@contoso.com [FullAccess]"
      ])
    #expect(
      inventory.excluded.map(\.rule) == [
        .notDelegationEvent, .notDelegationEvent, .systemMailbox, .duplicateRow,
      ])
    #expect(inventory.excluded[1].rights.hasPrefix("failed"))
    #expect(inventory.excluded[1].trustee == "adele.vance@contoso.com")
    #expect(inventory.excluded[3].location.line == 6)
    #expect(inventory.rejected.first?.reason.hasPrefix("AuditData is not valid JSON") == true)
    // The window runs over every readable record, excluded ones included; the bad row has no say.
    let coverage = inventory.auditLogCoverage
    #expect(coverage?.earliest == DateParser.parse("2026-09-01T07:14:32Z"))
    #expect(coverage?.latest == DateParser.parse("2026-10-15T10:00:00Z"))
    #expect(coverage?.rows == 6)
    #expect(coverage?.uniqueRecords == 4)
    #expect(coverage?.possiblyTruncated == false)
  }

  @Test func managementAPIRecordsAreTheAuditDataItself() {
    let file = "api.jsonl"
    func parameters(_ pairs: [(String, String)]) -> FieldValue {
      .list(pairs.map { .object([Field("Name", .string($0.0)), Field("Value", .string($0.1))]) })
    }
    func folderItem(_ path: String, _ member: String, _ rights: String) -> FieldValue {
      .object([
        Field("Id", .string("LgAAAA")),
        Field(
          "ParentFolder",
          .object([
            Field("Id", .string("LgAAAB")), Field("Path", .string(path)), Field("MemberUpn", .string(member)),
            Field("MemberSid", .string("S-1-5-21-1-2-3-4")), Field("MemberRights", .string(rights)),
          ])),
      ])
    }
    let records = [
      record(
        file, 0,
        [
          ("CreationTime", .string("2026-11-05T17:26:00")), ("Id", .string("m-1")),
          ("Operation", .string("Add-MailboxPermission")),
          ("RecordType", .number("1")), ("ResultStatus", .string("True")),
          ("UserId", .string("allan.deyoung@contoso.com")),
          ("Workload", .string("Exchange")), ("ObjectId", .string(exoPath + "support")),
          (
            "Parameters",
            parameters([
              ("User", "partner_fabrikam.com#EXT#@contoso.onmicrosoft.com"),
              ("AccessRights", "FullAccess;ReadPermission"), ("Identity", "support@contoso.com"),
            ])
          ),
        ]),
      record(
        file, 1,
        [
          ("CreationTime", .string("2026-11-06T08:00:00")), ("Id", .string("m-2")),
          ("Operation", .string("AddFolderPermissions")),
          ("RecordType", .number("2")), ("ResultStatus", .string("Succeeded")),
          ("UserId", .string("lee.gu@contoso.com")),
          ("MailboxOwnerUPN", .string("lee.gu@contoso.com")),
          (
            "Item",
            folderItem(
              "\\Kalender", "megan.bowen@contoso.com", "ReadAny, Visible, FreeBusySimple, FreeBusyDetailed")
          ),
        ]),
      record(
        file, 2,
        [
          ("CreationTime", .string("2026-11-07T08:00:00")), ("Id", .string("m-3")),
          ("Operation", .string("ModifyFolderPermissions")),
          ("RecordType", .number("2")), ("ResultStatus", .string("Succeeded")),
          ("MailboxOwnerUPN", .string("lee.gu@contoso.com")),
          (
            "Item",
            folderItem(
              "\\Kalender", "megan.bowen@contoso.com",
              "ReadAny, Create, EditOwned, DeleteOwned, EditAny, DeleteAny, Visible")
          ),
        ]),
      record(
        file, 3,
        [
          ("CreationTime", .string("2026-11-08T08:00:00")), ("Id", .string("m-4")),
          ("Operation", .string("RemoveFolderPermissions")),
          ("RecordType", .number("2")), ("ResultStatus", .string("Succeeded")),
          ("MailboxOwnerUPN", .string("lee.gu@contoso.com")),
          ("Item", folderItem("\\Kalender", "Member@local", "None")),
        ]),
      record(
        file, 4,
        [
          ("CreationTime", .string("2026-11-09T08:00:00")), ("Id", .string("m-5")),
          ("Operation", .string("Set-MailboxAuditBypassAssociation")),
          ("ResultStatus", .string("True")),
          ("Parameters", parameters([("AuditBypassEnabled", "True"), ("Identity", "svc-backup")])),
        ]),
      record(
        file, 5,
        [
          ("CreationTime", .string("2026-11-10T08:00:00")), ("Id", .string("m-6")),
          ("Operation", .string("Set-OrganizationConfig")),
          ("ResultStatus", .string("True")), ("Parameters", parameters([("AuditDisabled", "True")])),
        ]),
      record(
        file, 6,
        [
          ("CreationTime", .string("2026-11-11T08:00:00")), ("Id", .string("m-7")),
          ("Operation", .string("Set-OrganizationConfig")),
          ("ResultStatus", .string("True")), ("Parameters", parameters([("FocusedInboxOn", "False")])),
        ]),
      record(
        file, 7,
        [
          ("CreationTime", .string("2026-11-12T08:00:00")), ("Id", .string("m-8")),
          ("Operation", .string("UpdateCalendarDelegation")),
          ("ResultStatus", .string("Failed")), ("MailboxOwnerUPN", .string("lee.gu@contoso.com")),
          ("Item", folderItem("\\Calendar", "megan.bowen@contoso.com", "Owner")),
        ]),
    ]
    #expect(KindDetector.detect(columns: records[0].fields.map(\.name), typeNames: [])?.kind == .auditLog)
    let inventory = InventoryBuilder.build([ingestRecords(file, kind: .auditLog, records)])
    expectReconciled(inventory)
    #expect(
      events(inventory) == [
        "added Add-MailboxPermission support@contoso.com <- partner_fabrikam.com#ext#@contoso.onmicrosoft.com [FullAccess,ReadPermission]",
        "added AddFolderPermissions lee.gu@contoso.com <- megan.bowen@contoso.com [Reviewer]",
        "modified ModifyFolderPermissions lee.gu@contoso.com <- megan.bowen@contoso.com [Editor]",
        "removed RemoveFolderPermissions lee.gu@contoso.com <- member@local [None]",
        "modified Set-MailboxAuditBypassAssociation  <- svc-backup []",
        "modified Set-OrganizationConfig  <-  []",
      ])
    #expect(inventory.events.first?.actor == "allan.deyoung@contoso.com")
    #expect(inventory.excluded.map(\.rule) == [.notDelegationEvent, .notDelegationEvent])
    #expect(inventory.excluded.last?.rights.hasPrefix("failed (ResultStatus Failed)") == true)
    #expect(inventory.auditLogCoverage?.uniqueRecords == 8)
  }

  @Test func duplicateRecordIDsAcrossFilesCountOnce() {
    let header =
      "RecordId,CreationDate,RecordType,Operation,UserId,AuditData,AssociatedAdminUnits,AssociatedAdminUnitsNames\r\n"
    let grant = adminData(
      id: "D-1", time: "2026-10-14T09:12:44", operation: "Add-RecipientPermission",
      parameters: [("Identity", "info"), ("Trustee", "adele.vance@contoso.com"), ("AccessRights", "SendAs")])
    let other = adminData(id: "D-2", time: "2026-10-15T09:00:00", operation: "New-InboxRule", parameters: [])
    let first =
      header + "D-1,,ExchangeAdmin,Add-RecipientPermission,a,\(cell(grant)),,\r\n"
      + "D-2,,ExchangeAdmin,New-InboxRule,a,\(cell(other)),,\r\n"
    let second =
      header + "d-1,,ExchangeAdmin,Add-RecipientPermission,a,\(cell(grant)),,\r\n"
      + "D-2,,ExchangeAdmin,New-InboxRule,a,\(cell(other)),,\r\n"
    let (_, inventory) = ingestCSV([("page1.csv", first), ("page2.csv", second)])
    expectReconciled(inventory)
    #expect(inventory.events.count == 1)
    let page2 = inventory.ledgers.first { $0.file == "page2.csv" }
    #expect(page2?.produced == 0)
    #expect(page2?.excluded == 2)
    let duplicates = inventory.excluded.filter { $0.location.file == "page2.csv" }
    #expect(duplicates.map(\.rule) == [.duplicateRow, .duplicateRow])
    #expect(duplicates.first?.trustee == "adele.vance@contoso.com")
    #expect(duplicates.last?.rights == "New-InboxRule")
    #expect(inventory.auditLogCoverage?.rows == 4)
    #expect(inventory.auditLogCoverage?.uniqueRecords == 2)
  }

  @Test func aFileOfExactlyFiftyThousandRowsIsPossiblyTruncated() {
    func log(rows: Int) -> String {
      var text = "CreationDate,UserIds,Operations,AuditData\n"
      text.reserveCapacity(rows * 64)
      for index in 0..<rows {
        text +=
          "2026-10-01T00:00:\(index % 60 < 10 ? "0" : "")\(index % 60)Z,a@contoso.com,New-InboxRule,{}\n"
      }
      return text
    }
    let (_, full) = ingestCSV([("cap.csv", log(rows: 50_000))])
    #expect(full.ledgers[0].recordsRead == 50_000)
    #expect(full.ledgers[0].excluded == 50_000)
    expectReconciled(full)
    #expect(full.auditLogCoverage?.possiblyTruncated == true)
    #expect(full.auditLogCoverage?.earliest == DateParser.parse("2026-10-01T00:00:00Z"))
    #expect(full.auditLogCoverage?.latest == DateParser.parse("2026-10-01T00:00:59Z"))
    let (_, short) = ingestCSV([("short.csv", log(rows: 3))])
    #expect(short.auditLogCoverage?.possiblyTruncated == false)
    #expect(short.auditLogCoverage?.uniqueRecords == 3)
  }

  @Test func recordsWithoutTimeOrOperationAreRejected() {
    let text =
      "CreationDate,UserIds,Operations,AuditData\n"
      + "yesterday,a@contoso.com,Add-MailboxPermission,\(cell("{\"Id\":\"x\"}"))\n"
      + "2026-10-01T00:00:00Z,a@contoso.com,,\(cell("{\"Id\":\"y\"}"))\n"
      + "2026-10-01T00:00:00Z,a@contoso.com,Set-Mailbox,\(cell("[1,2]"))\n"
      + "2026-10-01T00:00:00Z,a@contoso.com,Add-MailboxPermission,\(cell(adminData(id: "z", time: nil, operation: "Add-MailboxPermission", parameters: [("Identity", "ceo")])))\n"
    let (_, inventory) = ingestCSV([("bad.csv", text)])
    expectReconciled(inventory)
    #expect(
      inventory.rejected.map(\.reason) == [
        "record has no readable CreationTime (AuditData) or CreationDate",
        "record names no operation (AuditData Operation or the Operations column)",
        "AuditData is JSON but not an object",
        "Add-MailboxPermission record has no Identity or User parameter",
      ])
    #expect(inventory.auditLogCoverage?.uniqueRecords == 0)
  }

  @Test(arguments: [
    ("ReadAny, Visible", "Reviewer"), ("ReadAny, Visible, FreeBusySimple, FreeBusyDetailed", "Reviewer"),
    ("FreeBusySimple", "AvailabilityOnly"), ("FreeBusySimple, FreeBusyDetailed", "LimitedDetails"),
    ("1147", "Editor"), ("Reviewer", "Reviewer"), ("None", "None"), ("ReadAny, Create", "ReadAny, Create"),
  ])
  func memberRightsBecomeRoles(text: String, role: String) {
    #expect(AuditLogNormaliser.memberRights(.string(text)) == [Right(role)])
  }

  @Test func delegateListsSplitOnSemicolonsAndAddressCommas() {
    #expect(AuditLogNormaliser.splitDelegates("a@x.com;b@x.com") == ["a@x.com", "b@x.com"])
    #expect(AuditLogNormaliser.splitDelegates("a@x.com, b@x.com") == ["a@x.com", "b@x.com"])
    #expect(AuditLogNormaliser.splitDelegates("NotWorking, User") == ["NotWorking, User"])
    #expect(AuditLogNormaliser.splitDelegates(" ") == [])
  }
}

@Suite struct AuditDataJSONTests {
  @Test func valuesKeepTheirShape() {
    let value = AuditDataJSON.parse(
      #"{"a": [1, -2.5e3, true, false, null], "b": {"c": "x"}, "a": "dup"}"#)
    #expect(
      value
        == .object([
          Field("a", .list([.number("1"), .number("-2.5e3"), .bool(true), .bool(false), .null])),
          Field("b", .object([Field("c", .string("x"))])), Field("a", .string("dup")),
        ]))
  }

  @Test func stringEscapes() {
    #expect(AuditDataJSON.parse(#""a\"b\\c\/d\n\t\u00e9\u20AC""#) == .string("a\"b\\c/d\n\té€"))
    #expect(AuditDataJSON.parse(#""\ud83d\ude00""#) == .string("😀"))
    #expect(AuditDataJSON.parse(#""\ud83d x""#) == .string("\u{FFFD} x"))
    #expect(AuditDataJSON.parse(#""\ude00""#) == .string("\u{FFFD}"))
    #expect(AuditDataJSON.parse("\"NT AUTHORITY\\\\SYSTEM\"") == .string("NT AUTHORITY\\SYSTEM"))
  }

  @Test(arguments: [
    "", "{", "[1,]", "{\"a\" 1}", "01x", "\"\\x\"", "\"\\u12\"", "tru", "{} {}", "\"a\u{01}\"", "-", "1.",
    "[1 2]",
  ])
  func invalidTexts(text: String) {
    #expect(AuditDataJSON.parse(text) == nil)
  }

  @Test func depthLimit() {
    let deep = String(repeating: "[", count: 257) + String(repeating: "]", count: 257)
    let ok = String(repeating: "[", count: 256) + String(repeating: "]", count: 256)
    #expect(AuditDataJSON.parse(deep) == nil)
    #expect(AuditDataJSON.parse(ok) != nil)
    if case .failure(let error) = AuditDataJSON.parseDetailed(Array(deep.utf8)) {
      #expect(error.message == "nesting deeper than 256 levels")
    }
  }

  @Test func invalidUTF8IsAnError() {
    #expect((try? AuditDataJSON.parseDetailed([0x22, 0xFF, 0x22]).get()) == nil)
  }

  @Test func errorPositions() {
    let text = Array("{\n  \"a\": tru\n}".utf8)
    guard case .failure(let error) = AuditDataJSON.parseDetailed(text) else {
      Issue.record("expected a syntax error")
      return
    }
    #expect(AuditDataJSON.lineAndColumn(of: error.offset, in: text) == (2, 8))
  }
}
