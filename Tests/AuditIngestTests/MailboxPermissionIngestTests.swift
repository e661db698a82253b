import AuditModel
import Foundation
import Testing

@testable import AuditIngest

/// The files read and the inventory built from them.
struct IngestOutcome {
  var files: [IngestedFile]
  var inventory: Inventory
}

/// Ingests named texts as files (in order) and builds the inventory.
func ingestTexts(_ files: [(String, String)]) -> IngestOutcome {
  var ingested: [IngestedFile] = []
  for (name, text) in files {
    ingested.append(
      FileIngestor.ingest(
        bytes: Array(text.utf8),
        input: InputFile(displayPath: name, url: URL(fileURLWithPath: "/nonexistent/" + name))))
  }
  return IngestOutcome(files: ingested, inventory: InventoryBuilder.build(ingested))
}

@Suite struct MailboxPermissionIngestTests {
  static let header =
    "\"Identity\",\"User\",\"AccessRights\",\"IsInherited\",\"Deny\",\"InheritanceType\"\r\n"

  @Test func exclusionRulesAndLedger() {
    let text =
      Self.header
      + "\"ceo\",\"NT AUTHORITY\\SELF\",\"FullAccess, ReadPermission\",\"False\",\"False\",\"All\"\r\n"
      + "\"ceo\",\"assistant@contoso.com\",\"FullAccess\",\"False\",\"False\",\"All\"\r\n"
      + "\"ceo\",\"NAMPRD03\\Administrator\",\"FullAccess\",\"True\",\"True\",\"All\"\r\n"
      + "\"ceo\",\"NT AUTHORITY\\SYSTEM\",\"FullAccess\",\"True\",\"False\",\"All\"\r\n"
      + "\"ceo\",\"bob@contoso.com\",\"FullAccess\",\"True\",\"False\",\"All\"\r\n"
      + "\"DiscoverySearchMailbox{D919BA05-46A6-415f-80AD-7E09334BB852}\",\"Discovery Management\",\"FullAccess\",\"False\",\"False\",\"All\"\r\n"
      + "\"finance\",\"x@contoso.com\",\"System.Collections.ArrayList\",\"False\",\"False\",\"All\"\r\n"
    let outcome = ingestTexts([("mp.csv", text)])
    let (files, inventory) = (outcome.files, outcome.inventory)
    #expect(files[0].kind == .mailboxPermission)
    let ledger = inventory.ledgers[0]
    #expect(ledger.recordsRead == 7)
    #expect(ledger.produced == 2)
    #expect(ledger.excluded == 4)
    #expect(ledger.rejected == 1)
    #expect(ledger.reconciles)
    #expect(
      inventory.excluded.map(\.rule) == [
        .selfPrincipal, .denyEntry, .inheritedSystemPrincipal, .systemMailbox,
      ])
    #expect(inventory.grants.map(\.key.trustee) == ["assistant@contoso.com", "bob@contoso.com"])
    let inherited = inventory.grants.first { $0.key.trustee == "bob@contoso.com" }
    #expect(inherited?.isInherited == true)
    #expect(inventory.lossyColumns.first?.column == "AccessRights")
    #expect(inventory.lossyColumns.first?.rows == 1)
  }

  @Test func orphanedSIDIsKept() {
    let text =
      Self.header + "\"hr\",\"S-1-5-21-111-222-333-1001\",\"FullAccess\",\"False\",\"False\",\"All\"\r\n"
    let inventory = ingestTexts([("mp.csv", text)]).inventory
    #expect(inventory.grants.first?.key.trustee == "S-1-5-21-111-222-333-1001")
    #expect(inventory.grants.first?.trusteeKind == .unresolvedSID)
  }

  @Test func duplicateRowsAcrossChunksCountOnce() {
    let row = "\"ceo\",\"assistant@contoso.com\",\"FullAccess\",\"False\",\"False\",\"All\"\r\n"
    let inventory = ingestTexts([("part1.csv", Self.header + row), ("part2.csv", Self.header + row)])
      .inventory
    #expect(inventory.grants.count == 1)
    let second = inventory.ledgers.first { $0.file == "part2.csv" }
    #expect(second?.excluded == 1)
    #expect(second?.produced == 0)
    #expect(second?.reconciles == true)
    #expect(inventory.excluded.first?.rule == .duplicateRow)
  }

  /// The pack's manifest states each file's ledger from the files a run read: after the inventory
  /// is built, those are the inventory's ledgers, duplicates and Deny overrides included, and the
  /// files no longer hold their rows.
  @Test func filesCarryTheInventorysLedgersAfterTheBuild() {
    let row = "\"ceo\",\"assistant@contoso.com\",\"FullAccess\",\"False\",\"False\",\"All\"\r\n"
    let deny = "\"cfo\",\"eve@contoso.com\",\"FullAccess\",\"False\",\"True\",\"All\"\r\n"
    let denied = "\"cfo\",\"eve@contoso.com\",\"FullAccess\",\"False\",\"False\",\"All\"\r\n"
    var files = [("part2.csv", Self.header + row + denied), ("part1.csv", Self.header + row + deny)].map {
      FileIngestor.ingest(
        bytes: Array($0.1.utf8),
        input: InputFile(displayPath: $0.0, url: URL(fileURLWithPath: "/nonexistent/" + $0.0)))
    }
    #expect(files.map(\.facts.ledger.produced) == [2, 1])
    let inventory = InventoryBuilder.build(releasingRowsOf: &files)
    #expect(files.map(\.input.displayPath) == ["part2.csv", "part1.csv"], "the files keep their order")
    #expect(files.map(\.facts.ledger).sorted() == inventory.ledgers)
    let second = files[0].facts.ledger
    #expect((second.produced, second.excluded) == (0, 2), "a duplicate row and a row a Deny overrides")
    #expect(files.allSatisfy { $0.facts.grants.isEmpty && $0.facts.excluded.isEmpty })
    #expect(inventory.excluded.count == 3)
  }

  @Test func remotingColumnsAnywhereAreIgnored() {
    let text =
      "\"PSComputerName\",\"RunspaceId\",\"PSShowComputerName\",\"AccessRights\",\"Deny\",\"User\",\"Identity\",\"IsInherited\"\r\n"
      + "\"outlook.office365.com\",\"6f717724\",\"False\",\"FullAccess\",\"False\",\"a@contoso.com\",\"ceo\",\"False\"\r\n"
    let outcome = ingestTexts([("mp.csv", text)])
    let (files, inventory) = (outcome.files, outcome.inventory)
    #expect(files[0].kind == .mailboxPermission)
    #expect(inventory.grants.count == 1)
  }
}

@Suite struct IdentityResolverTests {
  @Test func resolvesEveryFormAndReportsAmbiguity() {
    var resolver = IdentityResolver()
    resolver.add(
      Principal(
        id: "alex.wilber@contoso.com", displayName: "Alex Wilber", kind: .user,
        aliases: ["alexw", "Alex Wilber", "CN=Alex Wilber,OU=Users,DC=contoso,DC=com", "b7f5-guid"]))
    resolver.add(Principal(id: "alex.w@contoso.com", displayName: "Alex W", kind: .user, aliases: ["Alex"]))
    resolver.add(Principal(id: "alex2@contoso.com", displayName: "Alex 2", kind: .user, aliases: ["Alex"]))
    for form in [
      "ALEXW", "SMTP:Alex.Wilber@contoso.com", "Alex Wilber", "b7f5-guid",
      "NAMPR03A001.prod.outlook.com/Microsoft Exchange Hosted Organizations/contoso.onmicrosoft.com/Alex Wilber",
      "CONTOSO\\alexw",
    ] {
      #expect(resolver.resolve(form) == .resolved(resolver.principals["alex.wilber@contoso.com"]!), "\(form)")
    }
    #expect(resolver.resolve("Alex") == .ambiguous(candidates: ["alex.w@contoso.com", "alex2@contoso.com"]))
    #expect(resolver.resolve("nobody") == .unresolved)
  }
}

@Suite struct KindDetectorTests {
  @Test(arguments: [
    (["Identity", "User", "AccessRights", "IsInherited", "Deny"], InputKind.mailboxPermission),
    (["Identity", "Trustee", "AccessControlType", "AccessRights"], .recipientPermission),
    (["Identity", "User", "ExtendedRights", "Deny"], .adPermission),
    (["Name", "Alias", "RecipientTypeDetails", "GrantSendOnBehalfTo"], .mailbox),
    (["Identity", "FolderName", "User", "AccessRights"], .folderPermission),
    (["Name", "AuditDisabled"], .orgConfig),
    (["Identity", "AuditBypassEnabled"], .auditBypass),
    (["RecordId", "CreationDate", "RecordType", "Operation", "UserId", "AuditData"], .auditLog),
    (["UserPrincipalName", "DisplayName", "AccountDisabled"], .directory),
    (["Mailbox", "Trustee", "Right", "ApprovedBy", "ApprovedOn"], .register),
  ])
  func detectsFromColumns(columns: [String], kind: InputKind) {
    #expect(KindDetector.detect(columns: columns, typeNames: [])?.kind == kind)
  }

  @Test func unknownColumns() {
    #expect(KindDetector.detect(columns: ["Foo", "Bar"], typeNames: []) == nil)
  }
}

/// `ingestTexts` as a tuple, for destructuring in tests.
func ingestCSV(_ files: [(String, String)]) -> ([IngestedFile], Inventory) {
  let outcome = ingestTexts(files)
  return (outcome.files, outcome.inventory)
}
