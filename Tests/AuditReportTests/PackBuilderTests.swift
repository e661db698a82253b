import AuditModel
import Digest
import Foundation
import Testing

@testable import AuditReport

enum PackFixture {
  /// Grants in key order, with trustees that are equal only canonically (`é` composed and
  /// decomposed), folder roles beside mailbox rights, and values that need escaping.
  static let grants: [Grant] = {
    let keys = [
      Grant.Key(mailbox: "a@contoso.com", trustee: "zoe@contoso.com", right: .fullAccess),
      Grant.Key(mailbox: "a@contoso.com", trustee: "ren\u{E9}@contoso.com", right: .sendAs),
      Grant.Key(
        mailbox: "b@contoso.com", trustee: "bob@contoso.com", right: Right("Editor"), folder: "\\Calendar"),
      Grant.Key(mailbox: "b@contoso.com", trustee: "bob@contoso.com", right: .fullAccess),
      Grant.Key(mailbox: "b@contoso.com", trustee: "rene\u{301}@contoso.com", right: .fullAccess),
      Grant.Key(mailbox: "c@contoso.com", trustee: "=cmd|' /C calc'!A0", right: .sendOnBehalf),
      Grant.Key(mailbox: "c@contoso.com", trustee: "zoe@contoso.com", right: Right("Reviewer"), folder: ""),
      Grant.Key(
        mailbox: "c@contoso.com", trustee: "zoe@contoso.com", right: Right("Reviewer"), folder: "\\Inbox"),
      Grant.Key(mailbox: "\"quoted\", mailbox", trustee: "bob@contoso.com", right: .sendAs),
    ].sorted()
    return keys.enumerated().map { index, key in
      Grant(
        key: key, mailboxDisplayName: "Mailbox \u{2028}\(index)", trusteeDisplayName: "Trustee\t\(index)",
        trusteeKind: .user, isInherited: index % 2 == 0,
        sources: [
          SourceLocation(file: "exports/mailbox-permissions.csv", line: index + 2),
          SourceLocation(file: "exports/folders.json", path: "[\(index)]"),
        ])
    }
  }()

  static var inventory: Inventory {
    var inventory = NarrativeFixture.inventory
    inventory.grants = grants
    return inventory
  }

  static func builder(overrides: [String: [UInt8]] = [:]) throws -> PackBuilder {
    PackBuilder(
      inventory: inventory, assessment: NarrativeFixture.assessment, catalogs: try FrameworkCatalogs.all(),
      inputs: NarrativeFixture.inputs, settings: NarrativeFixture.settings, templateOverrides: overrides)
  }

  /// The order `data/by-trustee.csv` had before: a stable sort by the whole tuple.
  static func referenceByTrusteeOrder(_ grants: [Grant]) -> [Int] {
    grants.indices.sorted {
      let lhs = grants[$0].key
      let rhs = grants[$1].key
      return (lhs.trustee, lhs.mailbox, lhs.right.name, lhs.folder ?? "")
        < (rhs.trustee, rhs.mailbox, rhs.right.name, rhs.folder ?? "")
    }
  }
}

@Suite struct PackBuilderTests {
  @Test func buildsTheSameBytesEveryTime() throws {
    let first = try PackFixture.builder().build()
    for _ in 0..<3 {
      #expect(try PackFixture.builder().build() == first)
    }
  }

  @Test func listedDigestsAreTheFilesDigests() throws {
    let files = try PackFixture.builder().build()
    let sums = String(decoding: try #require(files["SHA256SUMS"]), as: UTF8.self)
    let listed = sums.split(separator: "\n").map { $0.split(separator: " ", maxSplits: 1) }
    #expect(listed.count == files.count - 1)
    for line in listed {
      let path = String(line[1].dropFirst())
      #expect(String(line[0]) == SHA256.hex(try #require(files[path])), "\(path)")
    }
    let manifestBytes = try #require(files[PackWriter.manifestName])
    let manifest = try #require(try JSONSerialization.jsonObject(with: Data(manifestBytes)) as? [String: Any])
    let outputs = try #require(manifest["outputs"] as? [[String: Any]])
    #expect(outputs.count == files.count - 2)
    for output in outputs {
      let path = try #require(output["path"] as? String)
      #expect(output["sha256"] as? String == SHA256.hex(try #require(files[path])), "\(path)")
    }
  }

  @Test func narrativesAndOSCALMatchThoseBuiltWithoutDigests() throws {
    let builder = try PackFixture.builder()
    let files = try builder.build()
    let dataFiles = files.filter { $0.key.hasPrefix("data/") || $0.key == "register-template.csv" }
    let narratives = try NarrativeWriter.files(
      catalogs: builder.catalogs, assessment: builder.assessment, inventory: builder.inventory,
      inputs: builder.inputs, settings: builder.settings, templateOverrides: [:], outputs: dataFiles)
    #expect(!narratives.isEmpty)
    for (path, bytes) in narratives { #expect(files[path] == bytes, "\(path)") }
    let oscal = OSCALWriter.data(
      catalogs: builder.catalogs, assessment: builder.assessment, inventory: builder.inventory,
      inputs: builder.inputs, outputs: dataFiles, settings: builder.settings)
    #expect(files[OSCALWriter.path] == oscal)
  }

  @Test func largeJSONFilesAreTheirTreesBytes() throws {
    let builder = try PackFixture.builder()
    let files = AssessmentFiles(inventory: builder.inventory, assessment: builder.assessment)
    // Written element by element, as the whole trees would be.
    let grants = JSONValue.object([
      ("schemaVersion", .int(1)), ("control", .string("EXT-08")),
      ("asOf", .string(DateParser.iso(builder.settings.asOf))),
      ("grants", .array(PackFixture.grants.map(InventoryFiles.grantJSON))),
    ])
    #expect(
      InventoryFiles(inventory: builder.inventory, asOf: builder.settings.asOf).grantsJSON()
        == Array(ReferenceWriters.json(grants).utf8))
    let findings = JSONValue.object([
      ("schemaVersion", .int(1)), ("control", .string("EXT-08")),
      ("asOf", .string(DateParser.iso(builder.assessment.asOf))),
      ("findings", .array(builder.assessment.findings.map(AssessmentFiles.findingJSON))),
    ])
    #expect(files.findingsJSON() == Array(ReferenceWriters.json(findings).utf8))
    let changes = JSONValue.object([
      ("schemaVersion", .int(1)), ("control", .string("EXT-08")),
      ("changes", .array(builder.assessment.changes.map(AssessmentFiles.changeJSON))),
    ])
    #expect(files.changesJSON() == Array(ReferenceWriters.json(changes).utf8))
  }

  @Test func inventoryFilesBuiltAheadGiveTheSamePack() throws {
    var builder = try PackFixture.builder()
    let whole = try builder.build()
    builder.inventoryFiles = InventoryFiles(inventory: builder.inventory, asOf: builder.settings.asOf).build()
    #expect(
      builder.inventoryFiles?.files.map(\.path).sorted() == [
        "data/by-trustee.csv", "data/excluded.csv", "data/grants.csv", "data/grants.json",
        "data/rejected.csv",
      ])
    #expect(try builder.build() == whole)
  }

  @Test func byTrusteeOrderIsTheTupleOrder() {
    let grants = PackFixture.grants
    #expect(InventoryFiles.byTrusteeOrder(grants) == PackFixture.referenceByTrusteeOrder(grants))
    // Not in key order: the whole tuple is compared.
    let shuffled = [3, 0, 8, 5, 1, 7, 2, 6, 4].map { grants[$0] }
    #expect(InventoryFiles.byTrusteeOrder(shuffled) == PackFixture.referenceByTrusteeOrder(shuffled))
    #expect(InventoryFiles.byTrusteeOrder([]) == [])
  }

  @Test func aBrokenTemplateFailsTheBuildAsWhenBuiltInTurn() throws {
    let narrative = ["narrative.md.mustache": Array("{{#parts}} never closed".utf8)]
    let method = ["method.md.mustache": Array("{{#method}} never closed".utf8)]
    for (overrides, failing) in [
      (narrative, "narrative.md.mustache"), (method, "method.md.mustache"),
      // The narratives were built before the report: their error is the one reported.
      (narrative.merging(method) { $1 }, "narrative.md.mustache"),
    ] {
      let error = #expect(throws: MustacheError.self) {
        try PackFixture.builder(overrides: overrides).build()
      }
      #expect(error?.description.hasPrefix(failing) == true, "\(String(describing: error))")
    }
  }
}

@Suite struct PackFileWriteTests {
  static func scratch() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("da-write-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  @Test(arguments: [0, 1, 4096, 3 << 20])
  func writesEveryByte(size: Int) throws {
    let root = try Self.scratch()
    defer { try? FileManager.default.removeItem(at: root) }
    let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 8) }
    let path = root.appendingPathComponent("file").path
    #expect(PackWriter.writeNewFile(bytes, atPath: path) == nil)
    #expect(try readFileBytes(atPath: path) == bytes)
    let mode = try #require(
      try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)
    // 0644 less the umask: never executable, never writable by group or others.
    #expect(mode.intValue & 0o133 == 0)
    #expect(mode.intValue & 0o600 == 0o600)
  }

  @Test func neverReplacesOrFollows() throws {
    let root = try Self.scratch()
    defer { try? FileManager.default.removeItem(at: root) }
    let existing = root.appendingPathComponent("existing").path
    #expect(PackWriter.writeNewFile([0x41], atPath: existing) == nil)
    #expect(PackWriter.writeNewFile([0x42], atPath: existing) != nil)
    #expect(try Data(contentsOf: URL(fileURLWithPath: existing)) == Data([0x41]))
    let target = root.appendingPathComponent("target").path
    let link = root.appendingPathComponent("link").path
    try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
    #expect(PackWriter.writeNewFile([0x43], atPath: link) != nil)
    #expect(!FileManager.default.fileExists(atPath: target))
  }
}

@Suite struct ExclusionCountTests {
  @Test func countsEveryRuleAsADictionaryWould() {
    let rules: [ExclusionRule] = [
      .selfPrincipal, .selfPrincipal, .denyEntry, .selfPrincipal, .duplicateRow, .duplicateRow,
      .notDelegationEvent, .denyEntry,
    ]
    let rows = rules.enumerated().map { index, rule in
      ExcludedRow(
        location: SourceLocation(file: "f.csv", line: index + 2), rule: rule, mailbox: "m", trustee: "t",
        rights: "r")
    }
    var expected: [ExclusionRule: Int] = [:]
    for row in rows { expected[row.rule, default: 0] += 1 }
    // Two runs, as two files' ledgers give them.
    let excluded = ExcludedRows(joining: [Array(rows.prefix(3)), Array(rows.dropFirst(3))])
    #expect(excluded.countsByRule() == expected)
    #expect(ExcludedRows().countsByRule().isEmpty)
  }

  @Test func anInventoryKeepsItsCountsWhenItsRowsMoveOut() {
    var inventory = Inventory()
    inventory.excluded = ExcludedRows(joining: [
      [
        ExcludedRow(
          location: SourceLocation(file: "f.csv", line: 2), rule: .selfPrincipal, mailbox: "m", trustee: "t",
          rights: "r"),
        ExcludedRow(
          location: SourceLocation(file: "f.csv", line: 3), rule: .denyEntry, mailbox: "m", trustee: "t",
          rights: "r"),
      ]
    ])
    let counts = inventory.exclusionCounts
    let rows = inventory.moveExcludedRows()
    #expect(rows.count == 2 && inventory.excluded.isEmpty)
    #expect(inventory.exclusionCounts == counts && counts == [.selfPrincipal: 1, .denyEntry: 1])
    #expect(inventory.excludedCount == 2)
  }
}
