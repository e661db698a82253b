import AuditModel
import Testing

@testable import AuditIngest

/// Reads records as one file of a kind, as the JSON and CLIXML readers would hand them over.
func ingestRecords(_ name: String, kind: InputKind, _ records: [Record]) -> IngestedFile {
  var facts = FileFacts(
    ledger: FileLedger(
      file: name, kind: kind, serialisation: "json", encoding: "utf-8", recordsRead: records.count))
  for record in records { FileIngestor.normalise(record, kind: kind, into: &facts) }
  return IngestedFile(
    input: InputFile(displayPath: name, url: .init(fileURLWithPath: "/nonexistent/\(name)")), sha256: "",
    size: 0,
    report: ReaderReport(serialisation: .json, encoding: .utf8), kind: kind, kindReason: nil, facts: facts)
}

/// A record at `file` (path `[index]`) from name/value pairs.
func record(_ file: String, _ index: Int, _ fields: [(String, FieldValue)]) -> Record {
  Record(fields: fields.map { Field($0.0, $0.1) }, location: SourceLocation(file: file, path: "[\(index)]"))
}

/// Every ledger of the inventory reconciles: read = produced + excluded + rejected.
func expectReconciled(_ inventory: Inventory, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
  for ledger in inventory.ledgers {
    #expect(ledger.reconciles, "\(ledger.file): \(ledger)", sourceLocation: sourceLocation)
  }
}

@Suite struct FolderPermissionIngestTests {
  static let header = "\"Identity\",\"FolderName\",\"User\",\"AccessRights\",\"SharingPermissionFlags\"\r\n"

  @Test func rolesSpecialUsersAndLocalisedFolders() {
    let text =
      Self.header
      + "\"ceo:\\Calendar\",\"Calendar\",\"Default\",\"AvailabilityOnly\",\"None\"\r\n"
      + "\"ceo:\\Calendar\",\"Calendar\",\"Anonymous\",\"None\",\"None\"\r\n"
      + "\"ceo:\\Calendar\",\"Calendar\",\"Alex Wilber\",\"Editor\",\"Delegate, CanViewPrivateItems\"\r\n"
      + "\"lee.gu@contoso.com:\\Kalender\",\"Kalender\",\"megan.bowen@contoso.com\",\"Reviewer\",\"\"\r\n"
      + "\"lee.gu@contoso.com:\\Kalender\",\"Kalender\",\"Diego Siciliani\",\"None\",\"\"\r\n"
      + "\"lee.gu@contoso.com:\\Posteingang\",\"Posteingang\",\"Anonymous\",\"{ReadItems, FolderVisible}\",\"\"\r\n"
      + "\"ceo:\\Inbox\",\"Inbox\",\"x@contoso.com\",\"System.Collections.ArrayList\",\"\"\r\n"
    let (files, inventory) = ingestCSV([("folders.csv", text)])
    #expect(files[0].kind == .folderPermission)
    let ledger = inventory.ledgers[0]
    #expect((ledger.recordsRead, ledger.produced, ledger.excluded, ledger.rejected) == (7, 4, 2, 1))
    expectReconciled(inventory)
    #expect(inventory.excluded.map(\.rule) == [.folderSpecialNone, .noDelegatedRight])
    #expect(inventory.rejected.first?.reason.contains("lossy") == true)
    #expect(inventory.lossyColumns.map(\.column) == ["AccessRights"])

    let keys = inventory.grants.map {
      "\($0.key.mailbox)|\($0.key.trustee)|\($0.key.right)|\($0.key.folder ?? "")"
    }
    #expect(
      keys == [
        "ceo|Alex Wilber|Editor|\\Calendar", "ceo|Default|AvailabilityOnly|\\Calendar",
        "lee.gu@contoso.com|Anonymous|Reviewer|\\Posteingang",
        "lee.gu@contoso.com|megan.bowen@contoso.com|Reviewer|\\Kalender",
      ])
    let byTrustee = Dictionary(uniqueKeysWithValues: inventory.grants.map { ($0.key.trustee, $0) })
    #expect(byTrustee["Default"]?.trusteeKind == .folderSpecial)
    #expect(byTrustee["Anonymous"]?.trusteeKind == .folderSpecial)
    #expect(byTrustee["Alex Wilber"]?.sharingFlags == ["Delegate", "CanViewPrivateItems"])
    #expect(byTrustee["Default"]?.sharingFlags == [])
  }

  @Test func identitiesResolveThroughTheMailboxExport() {
    let mailboxes =
      "Name,Alias,DisplayName,PrimarySmtpAddress,RecipientTypeDetails\n"
      + "ceo,ceo,Patti Fernandez,ceo@contoso.com,UserMailbox\n"
      + "Alex Wilber,alex.wilber,Alex Wilber,alex.wilber@contoso.com,UserMailbox\n"
    let folders = Self.header + "\"ceo:\\Calendar\",\"Calendar\",\"Alex Wilber\",\"Editor\",\"Delegate\"\r\n"
    let (_, inventory) = ingestCSV([("mailboxes.csv", mailboxes), ("folders.csv", folders)])
    #expect(inventory.grants.count == 1)
    #expect(
      inventory.grants.first?.key
        == Grant.Key(
          mailbox: "ceo@contoso.com", trustee: "alex.wilber@contoso.com", right: Right("Editor"),
          folder: "\\Calendar"))
    #expect(inventory.grants.first?.trusteeKind == .user)
    expectReconciled(inventory)
  }

  @Test func structuredUsersAndIntegerRoles() {
    let file = "folders.json"
    let records = [
      record(
        file, 0,
        [
          ("Identity", .string("ceo@contoso.com:\\Calendar")),
          ("User", .object([Field("UserType", .number("0")), Field("DisplayName", .string("Default"))])),
          ("AccessRights", .list([.number("1025")])),
        ]),
      record(
        file, 1,
        [
          ("Identity", .object([Field("ToString", .string("ceo@contoso.com:\\Calendar"))])),
          (
            "User",
            .object([
              Field("UserType", .enumeration(name: "Internal", value: 2)),
              Field("DisplayName", .string("Alex Wilber")),
              Field(
                "RecipientPrincipal",
                .string("/o=ExchangeLabs/ou=Exchange Administrative Group/cn=Recipients/cn=alex")),
            ])
          ),
          ("AccessRights", .list([.enumeration(name: "Editor", value: 1147)])),
          ("SharingPermissionFlags", .enumeration(name: "Delegate, CanViewPrivateItems", value: 3)),
        ]),
      record(
        file, 2,
        [
          ("Identity", .string("ceo@contoso.com:\\Calendar")),
          ("User", .object([Field("UserType", .number("1"))])), ("AccessRights", .list([.string("None")])),
        ]),
      record(
        file, 3,
        [("FolderName", .string("Calendar")), ("User", .string("x")), ("AccessRights", .string("Owner"))]),
    ]
    let inventory = InventoryBuilder.build([ingestRecords(file, kind: .folderPermission, records)])
    #expect(inventory.grants.map(\.key.right.name) == ["Editor", "Reviewer"])
    #expect(inventory.grants.map(\.key.trustee) == ["Alex Wilber", "Default"])
    #expect(inventory.grants.first?.sharingFlags == ["Delegate", "CanViewPrivateItems"])
    #expect(inventory.excluded.map(\.rule) == [.folderSpecialNone])
    #expect(inventory.rejected.map(\.reason) == ["row has no Identity value (mailbox:\\folder)"])
    expectReconciled(inventory)
  }

  @Test func systemMailboxFoldersAreExcluded() {
    let text =
      Self.header
      + "\"DiscoverySearchMailbox{D919BA05-46A6-415f-80AD-7E09334BB852}:\\Calendar\",\"Calendar\",\"Default\",\"Reviewer\",\"\"\r\n"
    let (_, inventory) = ingestCSV([("folders.csv", text)])
    #expect(inventory.grants.isEmpty)
    #expect(inventory.excluded.map(\.rule) == [.systemMailbox])
    expectReconciled(inventory)
  }

  @Test(
    arguments: [
      ("alias:\\Calendar", "alias", "\\Calendar"), ("user@x.com:\\Kalender", "user@x.com", "\\Kalender"),
      ("user@x.com:\\Posteingang\\Sub", "user@x.com", "\\Posteingang\\Sub"), ("alias", "alias", nil),
    ] as [(String, String, String?)])
  func folderIdentities(identity: String, mailbox: String, folder: String?) {
    let split = FolderPermissionNormaliser.splitFolderIdentity(identity)
    #expect(split.mailbox == mailbox)
    #expect(split.folder == folder)
  }
}
