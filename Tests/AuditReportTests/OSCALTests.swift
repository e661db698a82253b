import AuditModel
import Digest
import Foundation
import Testing

@testable import AuditReport

/// Builds the fixture's OSCAL document and helps walk it.
enum OSCALFixture {
  static func document(
    catalogs: [FrameworkCatalog]? = nil, inputs: [PackInput] = NarrativeFixture.inputs,
    outputs: [String: [UInt8]] = NarrativeFixture.outputs
  ) throws -> JSONValue {
    OSCALWriter.assessmentResults(
      catalogs: try catalogs ?? FrameworkCatalogs.all(), assessment: NarrativeFixture.assessment,
      inventory: NarrativeFixture.inventory, inputs: inputs, outputs: outputs,
      settings: NarrativeFixture.settings)
  }

  /// The document parsed back with Foundation, for navigation in tests.
  static func parsed(_ value: JSONValue) throws -> [String: Any] {
    let object = try JSONSerialization.jsonObject(with: Data(value.serialised().utf8))
    let root = try #require(object as? [String: Any])
    return try #require(root["assessment-results"] as? [String: Any])
  }

  /// Every value of a `uuid` key anywhere in the tree, in document order.
  static func uuids(in value: Any) -> [String] {
    if let object = value as? [String: Any] {
      var found: [String] = []
      if let uuid = object["uuid"] as? String { found.append(uuid) }
      for key in object.keys.sorted() where key != "uuid" { found += uuids(in: object[key]!) }
      return found
    }
    if let array = value as? [Any] { return array.flatMap(uuids(in:)) }
    return []
  }

  static func props(_ object: [String: Any]) -> [[String: Any]] {
    object["props"] as? [[String: Any]] ?? []
  }

  static func prop(_ object: [String: Any], _ name: String) -> String? {
    props(object).first { $0["name"] as? String == name }?["value"] as? String
  }
}

/// Where the package and the shared schema are, from this file's path.
enum OSCALPaths {
  /// The package root: the nearest folder above this file holding Package.swift (symlinks resolved).
  static let packageRoot: URL? = {
    var folder = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent()
    while folder.path != "/" {
      if FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path) {
        return folder
      }
      folder.deleteLastPathComponent()
    }
    return nil
  }()

  /// `../shared/oscal/oscal_assessment-results_schema.json` beside the package root.
  static let schema: URL? = packageRoot.map {
    $0.deletingLastPathComponent().appendingPathComponent("shared/oscal/oscal_assessment-results_schema.json")
  }

  static var schemaExists: Bool {
    schema.map { FileManager.default.fileExists(atPath: $0.path) } ?? false
  }

  static let script: URL? = packageRoot?.appendingPathComponent("Tests/AuditReportTests/oscal-validate.sh")
}

/// Runs `oscal-validate.sh` (which sets up `<package root>/.venv` with check-jsonschema and
/// compliance-trestle from PyPI on first use).
enum OSCALValidator {
  struct Run {
    var status: Int32
    var output: String
  }

  static func run(_ arguments: [String]) throws -> Run {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/bash")
    process.arguments = [try #require(OSCALPaths.script).path] + arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Run(status: process.terminationStatus, output: String(decoding: data, as: UTF8.self))
  }

  /// True when the validators are installed or could be installed now. In CI (`CI` set) it is
  /// always true, so a failed setup fails the test instead of skipping it.
  static func isReady() -> Bool {
    guard OSCALPaths.schemaExists else { return true }  // the schema trait skips with its own message
    if ProcessInfo.processInfo.environment["CI"].map({ !$0.isEmpty && $0 != "false" }) == true { return true }
    return (try? run(["--setup"]).status) == 0
  }

  /// Writes `text` to a temporary file and validates it.
  static func validate(_ text: String, name: String) throws -> Run {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("oscal-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent(name)
    try Data(text.utf8).write(to: file)
    return try run([file.path, try #require(OSCALPaths.schema).path])
  }
}

@Suite struct OSCALStructureTests {
  @Test func namespaceAndVersion5UUIDsMatchRFC9562() {
    // RFC 9562 DNS namespace; Python: uuid.uuid5(uuid.NAMESPACE_DNS, "python.org").
    let dns = NameBasedUUID(
      bytes: [0x6b, 0xa7, 0xb8, 0x10, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8])
    #expect(
      NameBasedUUID(name: "python.org", namespace: dns).description == "886313e1-3b8a-5372-9b90-0c9aee199e5d")
    #expect(NameBasedUUID.urlNamespace.description == "6ba7b811-9dad-11d1-80b4-00c04fd430c8")
    // Our namespace is the v5 UUID of the namespace URI in the URL namespace.
    #expect(
      NameBasedUUID(name: OSCALWriter.namespaceURI, namespace: .urlNamespace) == NameBasedUUID.oscalNamespace)
    #expect(NameBasedUUID.oscalNamespace.description == "e1374d02-03ca-5640-ba9e-18f89095006c")
  }

  @Test func rootMetadataAndResult() throws {
    let ar = try OSCALFixture.parsed(try OSCALFixture.document())
    let metadata = try #require(ar["metadata"] as? [String: Any])
    #expect(metadata["oscal-version"] as? String == "1.2.1")
    #expect(metadata["last-modified"] as? String == "2026-09-30T00:00:00Z")
    #expect((metadata["version"] as? String)?.hasPrefix("2026-09-30-") == true)
    #expect(
      metadata["title"] as? String == "EXT-08 Audit Mailbox Delegation: assessment results (Contoso Ltd)")
    let parties = try #require(metadata["parties"] as? [[String: Any]])
    #expect(parties.first?["name"] as? String == "Contoso Ltd")
    #expect(parties.first?["type"] as? String == "organization")

    let results = try #require(ar["results"] as? [[String: Any]])
    #expect(results.count == 1)
    let result = results[0]
    #expect(result["start"] as? String == "2026-07-01T00:00:00Z")
    #expect(result["end"] as? String == "2026-09-30T23:59:59Z")
    let reviewed = try #require(result["reviewed-controls"] as? [String: Any])
    let selections = try #require(reviewed["control-selections"] as? [[String: Any]])
    let controls = try #require(selections.first?["include-controls"] as? [[String: Any]])
    #expect(controls.map { $0["control-id"] as? String } == ["ext-08"])
  }

  @Test func oneFindingPerRequirementWithItsStatus() throws {
    let ar = try OSCALFixture.parsed(try OSCALFixture.document())
    let result = try #require((ar["results"] as? [[String: Any]])?.first)
    let findings = try #require(result["findings"] as? [[String: Any]])
    let observations = try #require(result["observations"] as? [[String: Any]])
    #expect(findings.count == 4)
    #expect(observations.count == 5, "one per part and one on completeness")
    let completeness = observations[4]
    #expect(completeness["title"] as? String == "Completeness and accuracy of the inputs")
    #expect(OSCALFixture.prop(completeness, "records-read") == "22")
    #expect(OSCALFixture.prop(completeness, "files-reconciling") == "3 of 3")
    #expect((completeness["description"] as? String)?.contains("Exclusions: self-principal 2.") == true)
    let expected: [(String, String, String, String)] = [
      ("EXT-08.1", "not-satisfied", "fail", "not-satisfied"),
      ("EXT-08.2", "satisfied", "pass", "satisfied"),
      ("EXT-08.3", "not-satisfied", "other", "not-assessed"),
      ("EXT-08.4", "not-satisfied", "fail", "not-satisfied"),
    ]
    let observationIDs = Set(observations.compactMap { $0["uuid"] as? String })
    for (finding, (id, state, reason, status)) in zip(findings, expected) {
      let target = try #require(finding["target"] as? [String: Any])
      #expect(target["type"] as? String == "objective-id")
      #expect(target["target-id"] as? String == "ext-08_obj.\(id.suffix(1))")
      let objective = try #require(target["status"] as? [String: Any])
      #expect(objective["state"] as? String == state, "\(id)")
      #expect(objective["reason"] as? String == reason, "\(id)")
      #expect(OSCALFixture.prop(finding, "requirement-id") == id)
      #expect(OSCALFixture.prop(finding, "assessment-status") == status, "\(id)")
      #expect((finding["title"] as? String)?.hasPrefix(id + " ") == true)
      let related = try #require(finding["related-observations"] as? [[String: Any]])
      #expect(related.count == 2)
      #expect(related.allSatisfy { observationIDs.contains($0["observation-uuid"] as? String ?? "") })
    }
    let notAssessed = try #require((findings[2]["target"] as? [String: Any])?["status"] as? [String: Any])
    #expect(
      (notAssessed["remarks"] as? String)?.contains(
        "Missing evidence: register: delegation-audit register init") == true)
    #expect(OSCALFixture.prop(findings[0], "population") == "3")
    #expect(OSCALFixture.prop(findings[0], "exceptions") == "2")
    let codeCounts = OSCALFixture.props(findings[0]).filter { $0["name"] as? String == "exception-count" }
    #expect(
      codeCounts.map { "\($0["class"]!)=\($0["value"]!)" } == ["APPROVAL_EXPIRED=1", "SENDAS_UNDOCUMENTED=1"])
    let waived = OSCALFixture.props(findings[0]).filter { $0["name"] as? String == "waived-count" }
    #expect(waived.map { "\($0["class"]!)=\($0["value"]!)" } == ["SENDAS_UNDOCUMENTED=1"])
  }

  @Test func frameworkReferencesUseOurNamespace() throws {
    let soc2 = try #require(try FrameworkCatalogs.catalog(id: "soc2"))
    let cis = try #require(try FrameworkCatalogs.catalog(id: "cis-m365"))
    let ar = try OSCALFixture.parsed(try OSCALFixture.document(catalogs: [soc2, cis]))
    let findings = try #require((ar["results"] as? [[String: Any]])?.first?["findings"] as? [[String: Any]])
    for (index, requirement) in Requirement.allCases.sorted().enumerated() {
      let refs = OSCALFixture.props(findings[index]).filter { $0["name"] as? String == "framework-ref" }
      for catalog in [cis, soc2] {
        let expected = catalog.requirements.filter { candidate in
          candidate.status == .current
            && candidate.mappings.contains { $0.control.rawValue == requirement.rawValue }
        }.map(\.id)
        let found = refs.filter { $0["class"] as? String == catalog.id }.compactMap { $0["value"] as? String }
        #expect(found == expected, "\(requirement.rawValue) \(catalog.id)")
      }
      #expect(refs.allSatisfy { $0["ns"] as? String == OSCALWriter.namespaceURI })
    }
    let first = OSCALFixture.props(findings[0]).first {
      $0["name"] as? String == "framework-ref" && $0["value"] as? String == "CC6.3"
    }
    #expect(
      (first?["remarks"] as? String)?.hasPrefix("supports, strong: Every SendAs grant is an access grant")
        == true)
  }

  @Test func backMatterHashesEveryInputAndDataFile() throws {
    let ar = try OSCALFixture.parsed(try OSCALFixture.document())
    let resources = try #require((ar["back-matter"] as? [String: Any])?["resources"] as? [[String: Any]])
    #expect(resources.count == 1 + NarrativeFixture.inputs.count + NarrativeFixture.outputs.count)
    var hashes: [String: String] = [:]
    for resource in resources {
      guard let rlink = (resource["rlinks"] as? [[String: Any]])?.first else { continue }
      let hash = try #require((rlink["hashes"] as? [[String: Any]])?.first)
      #expect(hash["algorithm"] as? String == "SHA-256")
      hashes[rlink["href"] as! String] = hash["value"] as? String
    }
    #expect(hashes["exports/mailbox-permissions.csv"] == String(repeating: "a", count: 64))
    #expect(hashes["exports/folder%20permissions%3A%20calendar.xml"] == String(repeating: "d", count: 64))
    #expect(
      hashes["exports/%5Bx%5D%28javascript%3Aalert%281%29%29%3Cscript%3Ealert%281%29%3C/script%3E.csv"]
        == String(repeating: "b", count: 64))
    for (path, bytes) in NarrativeFixture.outputs {
      #expect(hashes["../" + path] == SHA256.hex(bytes), "\(path)")
    }
    // The input with the payload is Markdown-escaped where OSCAL reads Markdown.
    #expect(
      resources.contains {
        $0["title"] as? String == "exports/\\[x\\](javascript:alert(1))\\<script\\>alert(1)\\</script\\>.csv"
      })

    // Every #uuid link points at a resource of this document.
    let resourceIDs = Set(resources.compactMap { $0["uuid"] as? String })
    let importAP = try #require((ar["import-ap"] as? [String: Any])?["href"] as? String)
    #expect(importAP.hasPrefix("#") && resourceIDs.contains(String(importAP.dropFirst())))
    let observations = try #require(
      (ar["results"] as? [[String: Any]])?.first?["observations"] as? [[String: Any]])
    let links = observations.flatMap { ($0["relevant-evidence"] as? [[String: Any]]) ?? [] }
    #expect(!links.isEmpty)
    for link in links {
      let href = try #require(link["href"] as? String)
      #expect(href.hasPrefix("#") && resourceIDs.contains(String(href.dropFirst())), "\(href)")
    }
    // EXT-08.3's observation points at the mailbox-permission export, not at the audit log.
    let fullAccess = observations[2]["relevant-evidence"] as? [[String: Any]] ?? []
    let descriptions = fullAccess.compactMap { $0["description"] as? String }
    #expect(descriptions.contains { $0.hasPrefix("exports/mailbox-permissions.csv") })
    #expect(!descriptions.contains { $0.hasPrefix("exports/audit-log.csv") })
  }

  @Test func uuidsAreVersion5DistinctAndStable() throws {
    let first = try OSCALFixture.document()
    let second = try OSCALFixture.document(inputs: NarrativeFixture.inputs.reversed())
    #expect(first.serialised() == second.serialised(), "same input gives the same bytes")
    let uuids = OSCALFixture.uuids(in: try OSCALFixture.parsed(first))
    #expect(
      uuids.count >= 1 + 1 + 4 + 4 + 1 + 1 + NarrativeFixture.inputs.count + NarrativeFixture.outputs.count)
    #expect(Set(uuids).count == uuids.count, "every UUID is distinct")
    for uuid in uuids {
      let characters = Array(uuid)
      #expect(characters.count == 36, "\(uuid)")
      #expect(characters[14] == "5", "\(uuid) is version 5")
      #expect("89ab".contains(characters[19]), "\(uuid) has the RFC variant")
    }

    // A corrected rerun of the same assessment keeps per-subject UUIDs and changes the document's.
    var changed = NarrativeFixture.inputs
    changed[0].sha256 = String(repeating: "e", count: 64)
    let revised = try OSCALFixture.parsed(try OSCALFixture.document(inputs: changed))
    let original = try OSCALFixture.parsed(first)
    #expect(revised["uuid"] as? String != original["uuid"] as? String)
    let findingIDs = { (ar: [String: Any]) in
      ((ar["results"] as? [[String: Any]])?.first?["findings"] as? [[String: Any]])?.compactMap {
        $0["uuid"] as? String
      }
    }
    #expect(findingIDs(revised) == findingIDs(original))
  }

  @Test func stringsFitTheSchemaPatterns() throws {
    #expect(OSCALText.string("  a\n\tb  ") == "a b")
    #expect(OSCALText.string(" \n ") == "none")
    #expect(
      OSCALText.isToken("cis-m365") && OSCALText.isToken("SENDAS_UNDOCUMENTED") && OSCALText.isToken("_x"))
    #expect(!OSCALText.isToken("27001") && !OSCALText.isToken("a b") && !OSCALText.isToken(""))
    #expect(OSCALText.token("27001", prefix: "fw-") == "fw-27001")
    #expect(OSCALText.uriPath("a b/c:d/é.csv") == "a%20b/c%3Ad/%C3%A9.csv")
    // Markup lines never carry a newline, even from a multi-line organisation name.
    let settings = RunSettings(
      toolVersion: "0.1.0", asOf: NarrativeFixture.settings.asOf, organisation: "Contoso\n# Ltd", options: [])
    let value = OSCALWriter.assessmentResults(
      catalogs: [], assessment: NarrativeFixture.assessment, inventory: NarrativeFixture.inventory,
      inputs: [],
      outputs: [:], settings: settings)
    let metadata = try #require(try OSCALFixture.parsed(value)["metadata"] as? [String: Any])
    #expect(
      metadata["title"] as? String == "EXT-08 Audit Mailbox Delegation: assessment results (Contoso # Ltd)")
  }
}

@Suite(.serialized) struct OSCALSchemaTests {
  @Test(
    .enabled(
      if: OSCALPaths.schemaExists,
      "the OSCAL 1.2.1 schema is not at ../shared/oscal/ beside the package (shared research folder absent)"),
    .enabled(
      "python3 -m venv or pip install check-jsonschema compliance-trestle failed (offline?); see Tests/AuditReportTests/oscal-validate.sh",
      { OSCALValidator.isReady() })
  )
  func validatesAgainstTheNISTSchemaAndLoadsInTrestle() throws {
    let run = try OSCALValidator.validate(
      try OSCALFixture.document().serialised(), name: "assessment-results.json")
    #expect(run.status == 0, "\(run.output)")
    #expect(run.output.contains("ok -- validation done"), "\(run.output)")
    #expect(run.output.contains("loaded assessment-results"), "\(run.output)")
  }

  @Test(
    .enabled(
      if: OSCALPaths.schemaExists,
      "the OSCAL 1.2.1 schema is not at ../shared/oscal/ beside the package (shared research folder absent)"),
    .enabled(
      "python3 -m venv or pip install check-jsonschema compliance-trestle failed (offline?); see Tests/AuditReportTests/oscal-validate.sh",
      { OSCALValidator.isReady() })
  )
  func validatorRejectsAVersion1UUID() throws {
    let valid = try OSCALFixture.document().serialised()
    let ar = try OSCALFixture.parsed(try OSCALFixture.document())
    let uuid = try #require(ar["uuid"] as? String)
    var version1 = Array(uuid)
    version1[14] = "1"
    let broken = valid.replacingOccurrences(of: uuid, with: String(version1))
    let rejected = try OSCALValidator.validate(broken, name: "version1.json")
    #expect(rejected.status == 1, "\(rejected.output)")
    #expect(rejected.output.contains("does not match"), "\(rejected.output)")
    #expect(rejected.output.contains("trestle") && rejected.output.contains("rejected"), "\(rejected.output)")
  }
}
