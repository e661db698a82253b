import AuditModel
import Testing

@testable import AuditIngest

@Suite struct OrgConfigIngestTests {
  @Test(arguments: [("True", true), ("False", false), ("true", true), ("$false", false)])
  func auditDisabledFromCSV(text: String, value: Bool) {
    let csv =
      "\"Name\",\"DisplayName\",\"AuditDisabled\"\r\n\"contoso.onmicrosoft.com\",\"Contoso\",\"\(text)\"\r\n"
    let (files, inventory) = ingestCSV([("org-config.csv", csv)])
    #expect(files[0].kind == .orgConfig)
    #expect(inventory.auditConfig.auditDisabled == value)
    #expect(inventory.auditConfig.auditDisabledSource == SourceLocation(file: "org-config.csv", line: 2))
    #expect(inventory.auditConfig.unifiedAuditLogIngestionEnabled == nil)
    #expect(inventory.ledgers[0].produced == 1)
    expectReconciled(inventory)
  }

  @Test func ingestionFromTheAdminAuditLogConfig() {
    let org = "Name,AuditDisabled\ncontoso.onmicrosoft.com,False\n"
    let admin =
      "Name,UnifiedAuditLogIngestionEnabled,AdminAuditLogEnabled\nAdmin Audit Log Settings,False,True\n"
    let (_, inventory) = ingestCSV([("org.csv", org), ("admin.csv", admin)])
    #expect(inventory.auditConfig.auditDisabled == false)
    #expect(inventory.auditConfig.unifiedAuditLogIngestionEnabled == false)
    #expect(inventory.auditConfig.ingestionSource?.file == "admin.csv")
    #expect(inventory.auditConfig.bypassedAccounts == nil)
    expectReconciled(inventory)
  }

  @Test func structuredBooleansAndBadValues() {
    let file = "org.json"
    let good = ingestRecords(
      file, kind: .orgConfig,
      [record(file, 0, [("Name", .string("contoso")), ("AuditDisabled", .bool(true))])])
    let bad = ingestRecords(
      "other.json", kind: .orgConfig,
      [
        record("other.json", 0, [("AuditDisabled", .string("maybe"))]),
        record("other.json", 1, [("Name", .string("contoso"))]),
      ])
    let inventory = InventoryBuilder.build([good, bad])
    #expect(inventory.auditConfig.auditDisabled == true)
    #expect(
      inventory.rejected.map(\.reason) == [
        "AuditDisabled value 'maybe' is not True or False",
        "record has no AuditDisabled or UnifiedAuditLogIngestionEnabled value",
      ])
    expectReconciled(inventory)
  }

  @Test func conflictingFilesKeepTheWeakerAuditing() {
    let first = "Name,AuditDisabled\ncontoso,False\n"
    let second = "Name,AuditDisabled\ncontoso,True\n"
    let (_, inventory) = ingestCSV([("a.csv", first), ("b.csv", second)])
    #expect(inventory.auditConfig.auditDisabled == true)
    #expect(inventory.auditConfig.auditDisabledSource?.file == "b.csv")
    #expect(
      inventory.diagnostics.contains {
        $0.level == .warning && $0.message.hasPrefix("AuditDisabled is True here")
      })
  }
}

@Suite struct AuditBypassIngestTests {
  @Test func bypassRowsAreAllEvidence() {
    let csv =
      "\"Identity\",\"AuditBypassEnabled\"\r\n"
      + "\"svc-backup\",\"True\"\r\n"
      + "\"ceo\",\"False\"\r\n"
      + "\"alex.wilber\",\"perhaps\"\r\n"
    let mailboxes =
      "Name,Alias,PrimarySmtpAddress,RecipientTypeDetails\nceo,ceo,ceo@contoso.com,UserMailbox\n"
    let (files, inventory) = ingestCSV([("bypass.csv", csv), ("mailboxes.csv", mailboxes)])
    #expect(files[0].kind == .auditBypass)
    let ledger = inventory.ledgers.first { $0.file == "bypass.csv" }
    #expect(ledger?.produced == 2)
    #expect(ledger?.rejected == 1)
    #expect(inventory.auditConfig.bypassedAccounts?.map(\.account) == ["svc-backup"])
    #expect(
      inventory.auditConfig.bypassedAccounts?.first?.location == SourceLocation(file: "bypass.csv", line: 2))
    #expect(inventory.rejected.first?.reason == "AuditBypassEnabled value 'perhaps' is not True or False")
    expectReconciled(inventory)
  }

  @Test func aFileWithNoBypassIsAnEmptyList() {
    let csv = "Identity,AuditBypassEnabled\nceo,False\n"
    let (_, inventory) = ingestCSV([("bypass.csv", csv)])
    #expect(inventory.auditConfig.bypassedAccounts?.isEmpty == true)
    expectReconciled(inventory)
  }

  @Test func bypassedAccountsResolveToCanonicalIDs() {
    let csv = "Identity,AuditBypassEnabled\nAlex Wilber,True\n"
    let mailboxes =
      "Name,Alias,DisplayName,PrimarySmtpAddress,RecipientTypeDetails\n"
      + "Alex Wilber,alex.wilber,Alex Wilber,alex.wilber@contoso.com,UserMailbox\n"
    let (_, inventory) = ingestCSV([("bypass.csv", csv), ("mailboxes.csv", mailboxes)])
    #expect(inventory.auditConfig.bypassedAccounts?.map(\.account) == ["alex.wilber@contoso.com"])
  }
}
