import Foundation
import Testing

@testable import AuditReport

@Suite("Framework catalogs")
struct FrameworkCatalogTests {
  static let expectedIDs = [
    "cis-controls", "cis-m365", "cisa-scuba", "hipaa", "iso27001", "nist-800-53", "nist-csf", "pci-dss",
    "soc2",
  ]
  static let allControls = Set(FrameworkCatalog.Control.allCases.map(\.rawValue))

  // MARK: - Bundled content

  @Test func everyBundledCatalogDecodesSortedByID() throws {
    let catalogs = try FrameworkCatalogs.all()
    #expect(catalogs.map(\.id) == Self.expectedIDs)
    #expect(FrameworkCatalogs.bundledIDs == Self.expectedIDs)
  }

  @Test(arguments: expectedIDs)
  func catalogDecodesOnItsOwn(id: String) throws {
    let key = FrameworkCatalogs.fileKey(for: id)
    let bytes = try #require(BundledTemplates.files[key])
    let catalog = try FrameworkCatalogs.decode(bytes, file: key)
    #expect(catalog.id == id)
    #expect(try FrameworkCatalogs.catalog(id: id) == catalog)
  }

  @Test func idsAreUniqueAndMatchFileNames() throws {
    let catalogs = try FrameworkCatalogs.all()
    #expect(Set(catalogs.map(\.id)).count == catalogs.count)
    let fileIDs = Set(
      FrameworkCatalogs.catalogFiles(in: BundledTemplates.files).keys.map(
        FrameworkCatalogs.catalogID(forFileKey:)))
    #expect(Set(catalogs.map(\.id)) == fileIDs)
    for catalog in catalogs {
      #expect(BundledTemplates.files["frameworks/\(catalog.id).json"] != nil, "\(catalog.id)")
    }
  }

  @Test(arguments: expectedIDs)
  func catalogMetadataIsComplete(id: String) throws {
    let catalog = try #require(try FrameworkCatalogs.catalog(id: id))
    #expect(catalog.schemaVersion == 1)
    #expect(catalog.catalogVersion == "2026.12")
    #expect(catalog.mappingSource == .analyst)
    for text in [catalog.title, catalog.shortTitle, catalog.version, catalog.publisher, catalog.source] {
      #expect(!text.trimmingCharacters(in: .whitespaces).isEmpty)
    }
    #expect(catalog.licence.count > 20)
    #expect(catalog.notCovered.count > 40)
  }

  /// Reads the JSON loosely, so the allowed sets are checked literally and not only by the enums.
  @Test(arguments: expectedIDs)
  func mappingKeywordsComeFromTheAllowedSets(id: String) throws {
    let bytes = try #require(BundledTemplates.files[FrameworkCatalogs.fileKey(for: id)])
    let raw = try JSONDecoder().decode(LooseCatalog.self, from: Data(bytes))
    let relationships: Set = ["supports", "partially-supports", "equivalent", "related"]
    let strengths: Set = ["strong", "moderate", "weak"]
    let controls: Set = ["EXT-08.1", "EXT-08.2", "EXT-08.3", "EXT-08.4"]
    #expect(Self.allControls == controls)
    for requirement in raw.requirements {
      for mapping in requirement.mappings ?? [] {
        #expect(controls.contains(mapping.control), "\(id) \(requirement.id): \(mapping.control)")
        #expect(
          relationships.contains(mapping.relationship), "\(id) \(requirement.id): \(mapping.relationship)")
        #expect(strengths.contains(mapping.strength), "\(id) \(requirement.id): \(mapping.strength)")
      }
    }
  }

  @Test(arguments: ["soc2", "iso27001", "nist-800-53"])
  func coreFrameworksMapEveryPartOfEXT08(id: String) throws {
    let catalog = try #require(try FrameworkCatalogs.catalog(id: id))
    #expect(catalog.mappedControls == Set(FrameworkCatalog.Control.allCases))
    for control in FrameworkCatalog.Control.allCases {
      let primary = catalog.requirements(for: control).flatMap(\.mappings).filter {
        $0.control == control && $0.relationship == .supports && $0.strength == .strong
      }
      #expect(!primary.isEmpty, "\(id) has no primary requirement for \(control.rawValue)")
    }
  }

  /// A part with no strong `supports`/`equivalent` mapping is a gap the narrative must admit.
  @Test(arguments: expectedIDs)
  func partsWithoutPrimaryMappingAreNamedInNotCovered(id: String) throws {
    let catalog = try #require(try FrameworkCatalogs.catalog(id: id))
    for control in FrameworkCatalog.Control.allCases {
      let primary = catalog.requirements.flatMap(\.mappings).contains {
        $0.control == control && ($0.relationship == .supports || $0.relationship == .equivalent)
      }
      if !primary {
        #expect(
          catalog.notCovered.contains(control.rawValue), "\(id) notCovered should name \(control.rawValue)")
      }
    }
  }

  @Test func cisAndScubaStateTheirDelegationInventoryGap() throws {
    let cis = try #require(try FrameworkCatalogs.catalog(id: "cis-m365"))
    #expect(cis.notCovered.contains("no recommendation that inventories or reviews"))
    let scuba = try #require(try FrameworkCatalogs.catalog(id: "cisa-scuba"))
    #expect(scuba.notCovered.contains("no policy on inventorying or reviewing"))
  }

  @Test(arguments: expectedIDs)
  func requirementsHaveParaphrasedTitlesAndOneSentenceRationales(id: String) throws {
    let catalog = try #require(try FrameworkCatalogs.catalog(id: id))
    var seen = Set<String>()
    for requirement in catalog.requirements {
      #expect(seen.insert(requirement.id).inserted, "\(id): duplicate \(requirement.id)")
      let title = requirement.title.trimmingCharacters(in: .whitespaces)
      #expect(!title.isEmpty, "\(id) \(requirement.id)")
      #expect(title.count <= 160, "\(id) \(requirement.id): title is not short")
      // A paraphrase, not the owner's short name repeated.
      if let name = requirement.name {
        #expect(title.lowercased() != name.lowercased(), "\(id) \(requirement.id)")
      }
      for mapping in requirement.mappings {
        let rationale = mapping.rationale.trimmingCharacters(in: .whitespaces)
        #expect(!rationale.isEmpty, "\(id) \(requirement.id) \(mapping.control.rawValue)")
        #expect(
          rationale.hasSuffix("."), "\(id) \(requirement.id) \(mapping.control.rawValue): end with a period")
        #expect(
          !rationale.dropLast().contains(". "),
          "\(id) \(requirement.id) \(mapping.control.rawValue): one sentence")
      }
      if requirement.status == .current {
        #expect(!requirement.mappings.isEmpty, "\(id) \(requirement.id)")
      }
    }
  }

  @Test(arguments: expectedIDs)
  func movedRequirementsPointAtCurrentSuccessors(id: String) throws {
    let catalog = try #require(try FrameworkCatalogs.catalog(id: id))
    for requirement in catalog.requirements where requirement.status == .moved {
      let target = try #require(requirement.movedTo.flatMap(catalog.requirement(id:)))
      #expect(target.status == .current)
      #expect(
        target.previousIDs.contains { $0.id == requirement.id }, "\(target.id) should list \(requirement.id)")
      #expect(catalog.currentRequirement(for: requirement.id) == target)
    }
  }

  @Test func frameworkFactsAreRecorded() throws {
    let scuba = try #require(try FrameworkCatalogs.catalog(id: "cisa-scuba"))
    #expect(scuba.currentRequirement(for: "MS.EXO.17.1v1")?.id == "MS.SECURITYSUITE.5.1v1")
    #expect(scuba.currentRequirement(for: "MS.DEFENDER.6.3v1")?.id == "MS.SECURITYSUITE.5.2v1")
    #expect(scuba.requirement(id: "MS.EXO.13.1v1")?.attributes["criticality"] == "SHALL")

    let cis = try #require(try FrameworkCatalogs.catalog(id: "cis-m365"))
    #expect(cis.requirements.map(\.id) == ["1.2.2", "3.1.1", "6.1.1", "6.1.2", "6.1.3"])
    #expect(cis.currentRequirement(for: "6.1.4")?.id == "6.1.3")
    #expect(cis.requirement(id: "6.1.2")?.previousIDs.map(\.id) == ["6.1.2", "6.1.3"])
    #expect(cis.version.hasPrefix("v7.0.0"))

    let nist = try #require(try FrameworkCatalogs.catalog(id: "nist-800-53"))
    for requirement in nist.requirements {
      let oscal = try #require(requirement.oscalID, "\(requirement.id)")
      let expected = requirement.id.lowercased().replacingOccurrences(of: "(", with: ".")
        .replacingOccurrences(of: ")", with: "")
      #expect(oscal == expected)
    }
    #expect(
      Set(nist.requirements(for: .fullAccessReviewed).map(\.id)).isSuperset(of: ["AC-2", "AC-6", "AC-6(7)"]))

    let soc2 = try #require(try FrameworkCatalogs.catalog(id: "soc2"))
    #expect(soc2.requirements(for: .sendAsDocumented).map(\.id).contains("CC6.3"))
    #expect(soc2.requirements(for: .changesMonitored).map(\.id).contains("CC7.2"))

    let iso = try #require(try FrameworkCatalogs.catalog(id: "iso27001"))
    #expect(iso.requirements.allSatisfy { $0.id.hasPrefix("A.") && $0.name != nil })
  }

  @Test func defaultSelectionNamesBundledCatalogs() {
    #expect(FrameworkCatalogs.defaultSelection == ["soc2", "iso27001", "cis-m365"])
    #expect(Set(FrameworkCatalogs.defaultSelection).isSubset(of: Set(FrameworkCatalogs.bundledIDs)))
  }

  @Test func catalogRoundTripsThroughJSON() throws {
    for catalog in try FrameworkCatalogs.all() {
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.sortedKeys]
      let data = try encoder.encode(catalog)
      let again = try FrameworkCatalogs.decode(Array(data), file: "frameworks/\(catalog.id).json")
      #expect(again == catalog)
    }
  }

  // MARK: - Registration

  /// Every catalog on disk must be registered in `BundledTemplates.files`, byte for byte.
  @Test func everyCatalogFileOnDiskIsBundled() throws {
    let folder = URL(fileURLWithPath: #filePath)
      .deletingLastPathComponent()  // AuditReportTests
      .deletingLastPathComponent()  // Tests
      .deletingLastPathComponent()  // package root
      .appendingPathComponent("Templates/frameworks", isDirectory: true)
    let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
      .filter { !$0.hasPrefix(".") }.sorted()
    #expect(!names.isEmpty)
    for name in names {
      let key = "frameworks/\(name)"
      let bundled = BundledTemplates.files[key]
      #expect(bundled != nil, "\(key) is not in BundledTemplates.files")
      let onDisk = try Data(contentsOf: folder.appendingPathComponent(name))
      #expect(bundled == Array(onDisk), "\(key) differs from the bundled copy")
    }
    let registered = BundledTemplates.files.keys.filter { $0.hasPrefix("frameworks/") }
    #expect(Set(registered) == Set(names.map { "frameworks/\($0)" }))
  }

  // MARK: - Near misses

  @Test(arguments: [
    ("soc-2", "soc2"), ("SOC2", "soc2"), ("soc", "soc2"), ("SOC 2", "soc2"),
    ("iso", "iso27001"), ("ISO 27001", "iso27001"), ("iso27002", "iso27001"), ("27001", "iso27001"),
    ("cis-m356", "cis-m365"), ("cism365", "cis-m365"), ("cis-control", "cis-controls"),
    ("nist-cfs", "nist-csf"), ("csf", "nist-csf"), ("nist80053", "nist-800-53"), ("800-53", "nist-800-53"),
    ("hipa", "hipaa"), ("pci", "pci-dss"), ("pcidss", "pci-dss"), ("scuba", "cisa-scuba"),
  ])
  func nearestIDSuggestsTheIntendedCatalog(input: String, expected: String) {
    #expect(FrameworkCatalogs.nearestID(to: input) == expected)
  }

  @Test(arguments: ["", "-", "cis", "nist", "x", "gdpr", "fedramp", "completely-unrelated"])
  func nearestIDStaysQuietWhenNothingIsClose(input: String) {
    #expect(FrameworkCatalogs.nearestID(to: input) == nil)
  }

  @Test func nearestIDConsidersGivenIDs() {
    #expect(FrameworkCatalogs.nearestID(to: "gdrp", among: FrameworkCatalogs.bundledIDs + ["gdpr"]) == "gdpr")
  }

  @Test func editDistance() {
    func distance(_ a: String, _ b: String) -> Int {
      FrameworkCatalogs.editDistance(Array(a.unicodeScalars), Array(b.unicodeScalars))
    }
    #expect(distance("", "abc") == 3)
    #expect(distance("kitten", "sitting") == 3)
    #expect(distance("soc-2", "soc2") == 1)
    #expect(distance("same", "same") == 0)
  }

  // MARK: - Overrides and loading errors

  @Test func overrideReplacesBundledCatalog() throws {
    var catalog = try #require(try FrameworkCatalogs.catalog(id: "soc2"))
    catalog.catalogVersion = "local-1"
    let overrides = ["frameworks/soc2.json": try encode(catalog), "report.md.mustache": Array("x".utf8)]
    let all = try FrameworkCatalogs.all(overrides: overrides)
    #expect(all.map(\.id) == Self.expectedIDs)
    #expect(all.first { $0.id == "soc2" }?.catalogVersion == "local-1")
    #expect(try FrameworkCatalogs.catalog(id: "soc2", overrides: overrides)?.catalogVersion == "local-1")
    #expect(try FrameworkCatalogs.catalog(id: "soc2")?.catalogVersion == "2026.12")
  }

  @Test func overrideAddsCatalog() throws {
    let extra = FrameworkCatalog(
      id: "gdpr", title: "GDPR", version: "2016/679", catalogVersion: "local", publisher: "EU",
      source: "ours", licence: "public", notCovered: "no mailbox-level rules",
      requirements: [
        .init(
          id: "Art. 32(1)(b)", title: "Ongoing confidentiality of processing",
          mappings: [
            .init(
              control: .fullAccessReviewed, relationship: .supports, strength: .strong,
              rationale: "Review keeps mailbox access confidential.")
          ])
      ])
    let all = try FrameworkCatalogs.all(overrides: ["frameworks/gdpr.json": try encode(extra)])
    #expect(all.map(\.id).contains("gdpr"))
    #expect(all.map(\.id) == all.map(\.id).sorted())
    #expect(
      try FrameworkCatalogs.catalog(id: "GDPR", overrides: ["frameworks/gdpr.json": try encode(extra)])
        == extra)
  }

  @Test func unknownOrInvalidIDGivesNil() throws {
    #expect(try FrameworkCatalogs.catalog(id: "nope") == nil)
    #expect(try FrameworkCatalogs.catalog(id: "../soc2") == nil)
    #expect(try FrameworkCatalogs.catalog(id: "SOC2")?.id == "soc2")
  }

  @Test func badJSONNamesTheFile() throws {
    let error = try loadError(["frameworks/soc2.json": Array("{ \"id\": \"soc2\", ".utf8)])
    #expect(error.code == .invalidJSON)
    #expect(error.file == "frameworks/soc2.json")
    #expect(
      error.description
        == "frameworks/soc2.json:1:17: error: not valid JSON: unexpected end of file inside an object")

    let missingComma = try bundledText("soc2").replacingOccurrences(
      of: "\"id\": \"soc2\",", with: "\"id\": \"soc2\"")
    let located = try loadError(["frameworks/soc2.json": Array(missingComma.utf8)])
    #expect(located.line == 4 && located.column == 3)
    #expect(located.message == "not valid JSON: unexpected '\"', expected ',' or '}'")

    #expect(
      try loadError(["frameworks/soc2.json": [0xFF, 0x7B]]).message
        == "not valid JSON: the file is not UTF-8 text")
    #expect(
      try loadError(["frameworks/soc2.json": Array("[]".utf8)]).message
        == "expected an object but found an array instead")
  }

  @Test func syntaxCheckerAcceptsWellFormedJSON() throws {
    for id in Self.expectedIDs {
      let bytes = try #require(BundledTemplates.files[FrameworkCatalogs.fileKey(for: id)])
      #expect(CatalogJSONSyntax.firstProblem(in: bytes) == nil, "\(id)")
    }
    let valid = #"{"a": [1, -2.5e+3, 0, true, false, null, "x\"\u00e9\n"], "b": {}, "c": []}"#
    #expect(CatalogJSONSyntax.firstProblem(in: Array(valid.utf8)) == nil)
    #expect(
      CatalogJSONSyntax.firstProblem(in: Array("{\"a\": [1, 2,]}".utf8))?.message
        == "trailing comma before ']'")
    #expect(CatalogJSONSyntax.firstProblem(in: Array("{\"a\": 01}".utf8)) != nil)
    #expect(
      CatalogJSONSyntax.firstProblem(in: Array("{\"a\": \"x".utf8))?.message == "string is never closed")
  }

  @Test func unknownRelationshipNamesFileFieldAndAllowedValues() throws {
    let text = try bundledText("soc2").replacingOccurrences(
      of: "\"relationship\": \"related\"", with: "\"relationship\": \"implements\"")
    let error = try loadError(["frameworks/soc2.json": Array(text.utf8)])
    #expect(error.code == .invalidField)
    #expect(error.file == "frameworks/soc2.json")
    #expect(error.path == "requirements[0] (\"CC2.1\").mappings[0].relationship")
    #expect(error.message.contains("unknown relationship \"implements\""))
    #expect(error.message.contains("partially-supports"))
  }

  @Test func unknownStrengthAndControlAreRejected() throws {
    let strength = try bundledText("iso27001").replacingOccurrences(
      of: "\"strength\": \"weak\"", with: "\"strength\": \"low\"")
    #expect(
      try loadError(["frameworks/iso27001.json": Array(strength.utf8)]).message.contains(
        "unknown strength \"low\""))
    let control = try bundledText("iso27001").replacingOccurrences(
      of: "\"control\": \"EXT-08.3\"", with: "\"control\": \"EXT-08.5\"")
    #expect(
      try loadError(["frameworks/iso27001.json": Array(control.utf8)]).message.contains(
        "unknown control \"EXT-08.5\""))
  }

  @Test func unknownFieldIsRejectedButDollarKeysAreComments() throws {
    let typo = try bundledText("hipaa").replacingOccurrences(
      of: "\"auditorExpectation\"", with: "\"auditorExpectations\"")
    let error = try loadError(["frameworks/hipaa.json": Array(typo.utf8)])
    #expect(error.message.contains("unknown field \"auditorExpectations\""))
    #expect(error.path?.hasPrefix("requirements[0] (\"164.308(a)(1)(ii)(D)\")") == true)

    let commented = try bundledText("hipaa").replacingOccurrences(
      of: "\"schemaVersion\": 1,", with: "\"schemaVersion\": 1, \"$comment\": \"local copy\",")
    #expect(
      try FrameworkCatalogs.catalog(id: "hipaa", overrides: ["frameworks/hipaa.json": Array(commented.utf8)])?
        .id == "hipaa")
  }

  @Test func missingFieldIsNamed() throws {
    let text = try bundledText("pci-dss").replacingOccurrences(
      of: "\"notCovered\":", with: "\"$notCovered\":")
    let error = try loadError(["frameworks/pci-dss.json": Array(text.utf8)])
    #expect(error.message == "missing required field \"notCovered\"")
  }

  @Test func idMustMatchFileName() throws {
    let error = try loadError(["frameworks/soc-2.json": Array(try bundledText("soc2").utf8)])
    #expect(error.code == .invalidCatalog)
    #expect(error.file == "frameworks/soc-2.json")
    #expect(error.message.contains("does not match the file name"))
  }

  @Test func newerSchemaVersionIsRefused() throws {
    let text = try bundledText("soc2").replacingOccurrences(
      of: "\"schemaVersion\": 1,", with: "\"schemaVersion\": 2, \"newField\": true,")
    let error = try loadError(["frameworks/soc2.json": Array(text.utf8)])
    #expect(error.code == .unsupportedSchemaVersion)
  }

  @Test func semanticRulesAreEnforced() throws {
    var catalog = try #require(try FrameworkCatalogs.catalog(id: "cisa-scuba"))
    let index = try #require(catalog.requirements.firstIndex { $0.status == .moved })

    var moved = catalog
    moved.requirements[index].movedTo = "MS.NOWHERE.1.1v1"
    #expect(
      try loadError(["frameworks/cisa-scuba.json": try encode(moved)]).message.contains(
        "is not a current requirement"))

    var mapped = catalog
    mapped.requirements[index].mappings = [
      .init(control: .changesMonitored, relationship: .related, strength: .weak, rationale: "x.")
    ]
    #expect(
      try loadError(["frameworks/cisa-scuba.json": try encode(mapped)]).message.contains(
        "carries no mappings"))

    var duplicate = catalog
    duplicate.requirements.append(duplicate.requirements[0])
    #expect(
      try loadError(["frameworks/cisa-scuba.json": try encode(duplicate)]).message.contains(
        "duplicate requirement id"))

    var unlabelled = catalog
    unlabelled.requirements[0].attributes["colour"] = "red"
    #expect(
      try loadError(["frameworks/cisa-scuba.json": try encode(unlabelled)]).message.contains("no label"))

    catalog.requirements[0].mappings[0].rationale = "  "
    let blank = try loadError(["frameworks/cisa-scuba.json": try encode(catalog)])
    #expect(blank.message == "rationale must not be empty")
    #expect(blank.path == "requirements[0] (\"MS.EXO.13.1v1\").mappings[0].rationale")
  }

  // MARK: - Helpers

  private func bundledText(_ id: String) throws -> String {
    let bytes = try #require(BundledTemplates.files[FrameworkCatalogs.fileKey(for: id)])
    return try #require(String(validating: bytes, as: UTF8.self))
  }

  private func encode(_ catalog: FrameworkCatalog) throws -> [UInt8] {
    Array(try JSONEncoder().encode(catalog))
  }

  private func loadError(
    _ overrides: [String: [UInt8]], sourceLocation: Testing.SourceLocation = #_sourceLocation
  ) throws -> FrameworkCatalogError {
    do {
      _ = try FrameworkCatalogs.all(overrides: overrides)
    } catch let error as FrameworkCatalogError {
      return error
    }
    Issue.record("expected a FrameworkCatalogError", sourceLocation: sourceLocation)
    throw CancellationError()
  }
}

/// Catalog JSON read without the strict model, to check keyword values literally.
private struct LooseCatalog: Decodable {
  struct Requirement: Decodable {
    var id: String
    var mappings: [Mapping]?
  }
  struct Mapping: Decodable {
    var control: String
    var relationship: String
    var strength: String
  }
  var requirements: [Requirement]
}
