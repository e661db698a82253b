import AuditModel
import Foundation
import Testing

@testable import AuditIngest

/// The shortcuts the ingest takes for speed give what the long way gives.
@Suite struct IngestFastPathTests {
  /// The Character-by-Character trim the fast path stands in for.
  static func slowTrim(_ text: Substring) -> Substring {
    var s = text
    while let c = s.first, c == " " || c == "\t" || c == "\r" || c == "\n" { s.removeFirst() }
    while let c = s.last, c == " " || c == "\t" || c == "\r" || c == "\n" { s.removeLast() }
    return s
  }

  static let texts = [
    "", " ", "a", " a ", "\tFullAccess\t", "x\r\n", "\r\nx", "ünïcode ", " \u{301}x", "x \u{301}",
    "NT AUTHORITY\\SELF", "  SMTP:Ann@Contoso.com ", "smtp:ann@contoso.com", "ANN@CONTOSO.COM",
    "İstanbul", "Åsa Öberg", "CN=Doe\\, Jane,OU=Users", "a\u{0}b",
  ]

  @Test(arguments: texts)
  func trimmingMatchesTheCharacterLoop(text: String) {
    #expect(Substring(text).trimmingSpaces() == Self.slowTrim(Substring(text)))
  }

  @Test(arguments: texts)
  func resolverKeyMatchesTrimStripLowercase(text: String) {
    let slow = WellKnownIdentities.stripSMTPPrefix(String(Self.slowTrim(Substring(text)))).lowercased()
    #expect(IdentityResolver.key(text) == slow)
  }

  @Test(arguments: ["True", "true", "False", "false", " TRUE ", "$true", "0", "1", "yes", "maybe", ""])
  func booleanShortcutsAgreeWithTheGeneralRule(text: String) {
    let general: Bool? =
      switch Substring(text).trimmingSpaces().lowercased() {
      case "true", "$true", "1", "yes": true
      case "false", "$false", "0", "no": false
      default: nil
      }
    #expect(BooleanParser.parse(text: text) == general)
  }

  @Test func cachedRightsEqualParsedRights() {
    var facts = FileFacts(
      ledger: FileLedger(file: "f.csv", kind: nil, serialisation: "csv", encoding: "utf-8"))
    for text in [
      "FullAccess, ReadPermission", "System.Object[]", "131073", "FullAccess, ReadPermission", "1",
    ] {
      for meaning in [AccessRightsParser.IntegerMeaning.mailboxRights, .recipientAccessRight] {
        #expect(
          facts.rights(.string(text), integers: meaning)
            == AccessRightsParser.parse(.string(text), integers: meaning))
      }
      #expect(facts.folderRoles(.string(text)) == FolderPermissionNormaliser.roles(.string(text)))
    }
    let list = FieldValue.list([.string("FullAccess"), .string("SendAs")])
    #expect(
      facts.rights(list, integers: .mailboxRights) == AccessRightsParser.parse(list, integers: .mailboxRights)
    )
  }

  @Test func aFullTextCacheStillGivesEveryValue() {
    var cache = TextCache<Int>()
    var made = 0
    for round in 0..<2 {
      for number in 0..<(TextCache<Int>.capacity + 10) {
        #expect(
          cache.value(for: String(number)) {
            made += 1; return Int($0)!
          } == number)
      }
      // The first round makes every value; the second only those past the capacity.
      #expect(made == (TextCache<Int>.capacity + 10) + round * 10)
    }
  }

  @Test func typeNameShortcutKeepsEveryTypeName() {
    for text in [
      "System.Object[]", " System.Collections.ArrayList", "Microsoft.Exchange.Data.MultiValuedProperty`1[x]",
      "Deserialized.System.Object[]", "@{Name=x}",
    ] {
      #expect(TypeNameCell.typeName(in: text) != nil, "\(text)")
    }
    for text in ["ann@contoso.com", "system.object[]", "FullAccess", "", "  "] {
      #expect(TypeNameCell.typeName(in: text) == nil, "\(text)")
    }
  }

  @Test func folderIdentitySplitsAtTheFirstColonBackslash() {
    #expect(FolderPermissionNormaliser.splitFolderIdentity("ann:\\Calendar") == ("ann", "\\Calendar"))
    #expect(
      FolderPermissionNormaliser.splitFolderIdentity(" ann :\\Kalender\\Sub:\\x ") == (
        "ann", "\\Kalender\\Sub:\\x"
      ))
    #expect(FolderPermissionNormaliser.splitFolderIdentity("Åsa:\\Inbox") == ("Åsa", "\\Inbox"))
    #expect(FolderPermissionNormaliser.splitFolderIdentity("ann:") == ("ann:", nil))
    #expect(FolderPermissionNormaliser.splitFolderIdentity("ann") == ("ann", nil))
  }

  @Test func systemMailboxInitialsDoNotHideAnyPrefix() {
    for name in [
      "DiscoverySearchMailbox{D919BA05}", "SystemMailbox{1f05a927}", "contoso.com/Users/HealthMailbox0a1",
      "Migration.8f3e7716", "federatedemail.4c1f", "QuarantineOrgShard", "ExchangePublishedCalendars",
    ] {
      #expect(WellKnownIdentities.isSystemMailbox(name), "\(name)")
    }
    for name in ["ann@contoso.com", "Discovery team", "", "/", "Sales/Systems"] {
      #expect(!WellKnownIdentities.isSystemMailbox(name), "\(name)")
    }
  }
}

@Suite struct CSVValueInternerTests {
  static func make(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
    String(validating: bytes, as: UTF8.self)
  }

  @Test func equalLongValuesShareOneString() {
    var interner = CSVValueInterner()
    let text = Array("alice.anderson@contoso.onmicrosoft.com".utf8)
    let first = text.withUnsafeBufferPointer { interner.string($0, make: Self.make) }
    let second = text.withUnsafeBufferPointer { interner.string($0, make: Self.make) }
    #expect(first == "alice.anderson@contoso.onmicrosoft.com" && second == first)
    #expect(
      first?.utf8.withContiguousStorageIfAvailable { $0.baseAddress }
        == second?.utf8.withContiguousStorageIfAvailable { $0.baseAddress })
  }

  @Test func differentValuesAndInvalidBytesAreNeverMixedUp() {
    var interner = CSVValueInterner()
    var seen: [String] = []
    for index in 0..<20_000 {
      let text = "mailbox-number-\(index)@contoso.com"
      let made = Array(text.utf8).withUnsafeBufferPointer { interner.string($0, make: Self.make) }
      #expect(made == text)
      seen.append(text)
    }
    let invalid: [UInt8] = Array("not valid utf-8 here: ".utf8) + [0xFF, 0xFE]
    #expect(invalid.withUnsafeBufferPointer { interner.string($0, make: Self.make) } == nil)
    #expect(invalid.withUnsafeBufferPointer { interner.string($0, make: Self.make) } == nil)
  }
}

@Suite struct GrantAccumulatorTests {
  static func principal(_ id: String) -> Principal { Principal(id: id, displayName: id, kind: .user) }

  static func raw(
    _ mailbox: String, _ trustee: String, _ right: Right, folder: String? = nil, inherited: Bool = false,
    line: Int
  ) -> RawGrant {
    RawGrant(
      mailbox: mailbox, trustee: trustee, trusteeSID: nil, right: right, folder: folder,
      isInherited: inherited,
      sharingFlags: [], location: SourceLocation(file: "f.csv", line: line))
  }

  @Test func grantsComeOutInKeyOrderWithEveryRow() {
    var grants = GrantAccumulator(capacity: 0)
    let rows = [
      Self.raw("zed", "ann", .fullAccess, line: 1), Self.raw("amy", "bob", .sendAs, line: 2),
      Self.raw("amy", "bob", .fullAccess, line: 3), Self.raw("amy", "ann", .fullAccess, line: 4),
      Self.raw("amy", "bob", .fullAccess, inherited: true, line: 5),
      Self.raw("amy", "ann", Right("Editor"), folder: "\\Inbox", line: 6),
      Self.raw("amy", "ann", Right("Editor"), folder: "\\Calendar", line: 7),
      Self.raw("Émile", "ann", .fullAccess, line: 8), Self.raw("E\u{301}mile", "ann", .fullAccess, line: 9),
    ]
    for raw in rows {
      let key = grants.key(
        mailbox: grants.number(ofID: raw.mailbox), trustee: grants.number(ofID: raw.trustee),
        right: raw.right,
        folder: raw.folder)
      if !grants.addSource(raw, key: key) {
        grants.add(raw, key: key, mailbox: Self.principal(raw.mailbox), trustee: Self.principal(raw.trustee))
      }
    }
    let sorted = grants.sortedGrants()
    #expect(sorted.map(\.key) == sorted.map(\.key).sorted())
    #expect(sorted.count == 7)
    let merged = sorted.first { $0.key == Grant.Key(mailbox: "amy", trustee: "bob", right: .fullAccess) }
    #expect(merged?.sources.map(\.line) == [3, 5])
    #expect(merged?.isInherited == false)  // inherited only while every row is: line 3 is explicit
    // Canonically equivalent ids are one id, as a String-keyed dictionary makes them.
    #expect(sorted.filter { $0.key.mailbox == "Émile" }.first?.sources.map(\.line) == [8, 9])
    #expect(grants.principals.map(\.id).sorted() == ["amy", "ann", "bob", "zed", "Émile"].sorted())
  }

  @Test func noFolderSortsWithTheEmptyFolderAndBeforeIt() {
    #expect(GrantAccumulator.ranks(["b", "", "a", ""]) == [3, 0, 2, 0])
    var grants = GrantAccumulator(capacity: 0)
    for (line, folder) in [(1, "\\Inbox"), (2, ""), (3, nil)] as [(Int, String?)] {
      let raw = Self.raw("amy", "ann", Right("Editor"), folder: folder, line: line)
      let key = grants.key(
        mailbox: grants.number(ofID: "amy"), trustee: grants.number(ofID: "ann"), right: raw.right,
        folder: folder)
      grants.add(raw, key: key, mailbox: Self.principal("amy"), trustee: Self.principal("ann"))
    }
    #expect(grants.sortedGrants().map(\.key.folder) == [nil, "", "\\Inbox"])
  }
}

@Suite struct FileBytesTests {
  @Test func readsWholeFilesOfEverySize() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("filebytes-\(getpid())")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    for size in [0, 1, 65_535, 65_536, 1_000_003] {
      let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31) }
      let url = folder.appendingPathComponent("f\(size)")
      try Data(bytes).write(to: url)
      #expect(try FileBytes.read(path: url.path) == bytes)
    }
  }

  @Test func aMissingFileIsAnIngestError() {
    #expect(throws: IngestError.self) { try FileBytes.read(path: "/nonexistent/delegation-audit/file.csv") }
  }

  @Test func aUTF8BOMIsSkippedWithoutChangingTheRecords() {
    let text =
      "\"Identity\",\"User\",\"AccessRights\",\"IsInherited\",\"Deny\"\r\n\"ann\",\"bob@contoso.com\",\"FullAccess\",\"False\",\"False\"\r\n"
    let plain = FileIngestor.ingest(
      bytes: Array(text.utf8), input: InputFile(displayPath: "a.csv", url: URL(fileURLWithPath: "/x/a.csv")))
    let withBOM = FileIngestor.ingest(
      bytes: [0xEF, 0xBB, 0xBF] + Array(text.utf8),
      input: InputFile(displayPath: "a.csv", url: URL(fileURLWithPath: "/x/a.csv")))
    #expect(withBOM.report.encoding == .utf8BOM)
    #expect(withBOM.facts.grants == plain.facts.grants)
    #expect(withBOM.facts.grants.count == 1)
    #expect(withBOM.kind == .mailboxPermission)
  }
}
