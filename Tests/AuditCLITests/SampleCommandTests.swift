import AuditIngest
import AuditModel
import AuditRules
import Foundation
import Testing

@testable import AuditCLI

/// `delegation-audit sample`: the generated tenant evaluates to exactly its answer key (no
/// missed and no extra finding, same verdicts) in every format, the output is deterministic,
/// and bad arguments are usage errors.
@Suite struct SampleCommandTests {
  static let asOf: Int64 = 1_795_996_800

  /// Runs the command in process.
  static func run(_ arguments: [String]) -> (code: Int32, stdout: String, stderr: String) {
    let capture = Console.Capture()
    let code = CommandLineTool.main(arguments, console: capture.console())
    return (code, capture.stdout, capture.stderr)
  }

  static func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("da-sample-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  /// What the comparison looks at: the answer-key contract of PRODUCT.md §7 plus the folder.
  struct Row: Hashable, Comparable, CustomStringConvertible {
    var code: String
    var requirement: String
    var mailbox: String
    var trustee: String
    var right: String
    var folder: String
    var waived: Bool

    init(
      code: String, requirement: String, mailbox: String?, trustee: String?, right: String?, folder: String?,
      waived: Bool
    ) {
      self.code = code
      self.requirement = requirement
      self.mailbox = mailbox ?? ""
      self.trustee = trustee ?? ""
      self.right = right ?? ""
      // Audit events carry no folder through ingest (AuditEvent has no folder field), so a
      // CHANGE_UNAPPROVED finding about a folder event has none; the key keeps it for readers.
      self.folder = code == "CHANGE_UNAPPROVED" ? "" : folder ?? ""
      self.waived = waived
    }

    init(_ finding: Finding) {
      self.init(
        code: finding.code, requirement: finding.requirement, mailbox: finding.mailbox,
        trustee: finding.trustee,
        right: finding.right, folder: finding.folder, waived: finding.waived)
    }

    static func < (lhs: Row, rhs: Row) -> Bool { lhs.description < rhs.description }

    var description: String {
      "\(code) [\(requirement)] mailbox=\(mailbox.isEmpty ? "-" : mailbox) trustee=\(trustee.isEmpty ? "-" : trustee) "
        + "right=\(right.isEmpty ? "-" : right)\(folder.isEmpty ? "" : " folder=\(folder)")\(waived ? " (waived)" : "")"
    }
  }

  /// answer-key.json, read back.
  struct Key {
    var findings: [(row: Row, needsBaseline: Bool, situation: String)]
    var verdicts: [String: String]
    var verdictsWithoutBaseline: [String: String]
    var counts: [String: Int]

    init(_ url: URL) throws {
      let object = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
      findings = (object["findings"] as! [[String: Any]]).map { item in
        let row = Row(
          code: item["code"] as! String, requirement: item["requirement"] as! String,
          mailbox: item["mailbox"] as? String, trustee: item["trustee"] as? String,
          right: item["right"] as? String,
          folder: item["folder"] as? String, waived: item["waived"] as! Bool)
        return (row, item["needsBaseline"] as! Bool, item["situation"] as! String)
      }
      verdicts = object["verdicts"] as! [String: String]
      verdictsWithoutBaseline = object["verdictsWithoutBaseline"] as! [String: String]
      counts = object["counts"] as! [String: Int]
    }
  }

  /// Missed and extra findings as readable lines, empty when the multisets are equal.
  static func difference(expected: [Row], situations: [Row: String], actual: [Finding]) -> String {
    var remaining: [Row: Int] = [:]
    for row in expected { remaining[row, default: 0] += 1 }
    var extra: [String] = []
    for finding in actual {
      let row = Row(finding)
      if let count = remaining[row], count > 0 {
        remaining[row] = count - 1
      } else {
        extra.append("  + \(row)\n      \(finding.message)")
      }
    }
    let missed = remaining.filter { $0.value > 0 }.keys.sorted().map {
      "  - \($0)\n      planted: \(situations[$0] ?? "")"
    }
    guard !missed.isEmpty || !extra.isEmpty else { return "" }
    return "missed (in the answer key, not found):\n\(missed.joined(separator: "\n"))\n"
      + "extra (found, not in the answer key):\n\(extra.sorted().joined(separator: "\n"))"
  }

  static func verdicts(_ results: [RequirementResult]) -> [String: String] {
    Dictionary(uniqueKeysWithValues: results.map { ($0.requirement.rawValue, $0.status.rawValue) })
  }

  /// Generates a tenant, evaluates it without and with the baseline, and compares both with the key.
  static func checkAgainstKey(
    seed: Int, format: String, mailboxes: Int, sourceLocation: Testing.SourceLocation = #_sourceLocation
  ) throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let out = folder.appendingPathComponent("tenant")
    let generated = run([
      "sample", "--out", out.path, "--seed", "\(seed)", "--format", format, "--mailboxes", "\(mailboxes)",
    ])
    try #require(generated.code == 0, "sample failed: \(generated.stderr)", sourceLocation: sourceLocation)
    let key = try Key(out.appendingPathComponent("answer-key.json"))
    var situations: [Row: String] = [:]
    for finding in key.findings { situations[finding.row] = finding.situation }
    let label = "seed \(seed), \(format), \(mailboxes) mailboxes"

    // First without the baseline: the key's findings that do not need it.
    let request = RunRequest(
      inputs: [out.appendingPathComponent("exports").path],
      register: out.appendingPathComponent("register.csv").path,
      policy: out.appendingPathComponent("policy.json").path, asOf: asOf)
    let output: RunOutput
    switch RunPipeline.build(request) {
    case .success(let value): output = value
    case .failure(let failure):
      Issue.record("run failed for \(label): \(failure.message)", sourceLocation: sourceLocation)
      return
    }
    #expect(
      output.ingest.inventory.diagnostics.filter { $0.level == .error }.isEmpty,
      "input errors for \(label): \(output.ingest.inventory.diagnostics)", sourceLocation: sourceLocation)
    let withoutBaseline = key.findings.filter { !$0.needsBaseline }.map(\.row)
    let missedOrExtra = difference(
      expected: withoutBaseline, situations: situations, actual: output.assessment.findings)
    #expect(
      missedOrExtra.isEmpty, "without baseline, \(label):\n\(missedOrExtra)", sourceLocation: sourceLocation)
    #expect(
      verdicts(output.assessment.results) == key.verdictsWithoutBaseline,
      "verdicts without baseline, \(label)",
      sourceLocation: sourceLocation)

    // Then as a user runs it, with `--baseline` pointing at the previous exports: every finding.
    var withBaseline = request
    withBaseline.baseline = out.appendingPathComponent("baseline").path
    let assessment: Assessment
    switch RunPipeline.build(withBaseline) {
    case .success(let value): assessment = value.assessment
    case .failure(let failure):
      Issue.record(
        "run with baseline failed for \(label): \(failure.message)", sourceLocation: sourceLocation)
      return
    }
    let all = difference(
      expected: key.findings.map(\.row), situations: situations, actual: assessment.findings)
    #expect(all.isEmpty, "with baseline, \(label):\n\(all)", sourceLocation: sourceLocation)
    #expect(
      verdicts(assessment.results) == key.verdicts, "verdicts with baseline, \(label)",
      sourceLocation: sourceLocation)
  }

  @Test(arguments: [1, 2, 3], ["csv", "json", "clixml", "mixed"])
  func evaluationFindsExactlyThePlantedIssues(seed: Int, format: String) throws {
    try Self.checkAgainstKey(seed: seed, format: format, mailboxes: 30 + 10 * seed)
  }

  @Test func thousandMailboxesMatchTheirKey() throws {
    try Self.checkAgainstKey(seed: 1, format: "mixed", mailboxes: 1000)
  }

  @Test func everyCodeIsPlanted() throws {
    let folder = try Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    var planted = Set<String>()
    for seed in 1...3 {
      let out = folder.appendingPathComponent("s\(seed)")
      #expect(Self.run(["sample", "--out", out.path, "--seed", "\(seed)", "--mailboxes", "20"]).code == 0)
      let key = try Key(out.appendingPathComponent("answer-key.json"))
      let absent = Set(key.counts.filter { $0.value == 0 }.keys)
      let variants: Set<String> = [
        "AUDIT_DISABLED", "UAL_INGESTION_DISABLED", "AUDIT_LOG_INCOMPLETE", "EXPORT_LOSSY",
      ]
      #expect(absent.isSubset(of: variants), "seed \(seed) lacks \(absent.subtracting(variants).sorted())")
      planted.formUnion(key.counts.filter { $0.value > 0 }.keys)
      #expect(key.findings.contains { $0.needsBaseline })
      #expect(key.findings.contains { $0.row.waived })
    }
    #expect(planted == Set(FindingCode.allCases.map(\.rawValue)))
  }

  @Test func sameArgumentsGiveIdenticalBytes() throws {
    let folder = try Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    func files(_ name: String, _ extra: [String]) throws -> [String: Data] {
      let out = folder.appendingPathComponent(name)
      let result = Self.run(["sample", "--out", out.path, "--mailboxes", "60"] + extra)
      try #require(result.code == 0, "\(result.stderr)")
      var found: [String: Data] = [:]
      let enumerator = FileManager.default.enumerator(at: out, includingPropertiesForKeys: nil)!
      for case let url as URL in enumerator where !url.hasDirectoryPath {
        found[String(url.path.dropFirst(out.path.count))] = try Data(contentsOf: url)
      }
      return found
    }
    for format in ["csv", "json", "clixml", "mixed"] {
      let first = try files("a-\(format)", ["--seed", "7", "--format", format])
      let second = try files("b-\(format)", ["--seed", "7", "--format", format])
      #expect(first.count >= 14)
      #expect(Set(first.keys) == Set(second.keys))
      for (path, bytes) in first { #expect(second[path] == bytes, "\(format): \(path) differs between runs") }
    }
    let other = try files("c", ["--seed", "8"])
    let seven = try files("d", ["--seed", "7"])
    #expect(other["/register.csv"] != seven["/register.csv"])
  }

  /// The executable next to the test bundle, to compare a run in another process (Swift seeds
  /// its hashing per process, so an accidental dependence on dictionary order shows there).
  static var binary: URL {
    URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
      .appendingPathComponent("delegation-audit")
  }

  @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: binary.path), "run `swift build` first"))
  func anotherProcessWritesTheSameBytes() throws {
    let folder = try Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let arguments = ["sample", "--mailboxes", "120", "--seed", "11", "--format", "mixed"]
    let here = folder.appendingPathComponent("here")
    let there = folder.appendingPathComponent("there")
    #expect(Self.run(arguments + ["--out", here.path]).code == 0)
    let process = Process()
    process.executableURL = Self.binary
    process.arguments = arguments + ["--out", there.path]
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    let paths = try FileManager.default.subpathsOfDirectory(atPath: here.path).sorted()
    #expect(paths == (try FileManager.default.subpathsOfDirectory(atPath: there.path).sorted()))
    for path in paths where !path.hasSuffix("exports") && !path.hasSuffix("baseline") {
      let left = try? Data(contentsOf: here.appendingPathComponent(path))
      #expect(left == (try? Data(contentsOf: there.appendingPathComponent(path))), "\(path) differs")
    }
  }

  @Test func badArgumentsAreUsageErrors() throws {
    let folder = try Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let out = folder.appendingPathComponent("t").path
    let xml = Self.run(["sample", "--out", out, "--format", "xml"])
    #expect(xml.code == 64)
    #expect(xml.stderr.contains("--format 'xml' is not a format"))
    #expect(xml.stderr.contains("did you mean 'clixml'?"))
    let jsn = Self.run(["sample", "--out", out, "--format", "jsn"])
    #expect(jsn.code == 64 && jsn.stderr.contains("did you mean 'json'?"))
    for count in ["0", "19", "-5", "many", "300001"] {
      let result = Self.run(["sample", "--out", out, "--mailboxes", count])
      #expect(result.code == 64, "--mailboxes \(count)")
      #expect(result.stderr.contains("--mailboxes '\(count)' is not a whole number from 20 to 300000"))
    }
    #expect(Self.run(["sample", "--out", out, "--seed", "x"]).code == 64)
    #expect(Self.run(["sample", "--out", out, "--seed", "18446744073709551615"]).code == 64)
    #expect(Self.run(["sample", "--out", out, "--as-of", "yesterday"]).code == 64)
    #expect(Self.run(["sample", "--mailboxes", "50"]).stderr.contains("'sample' needs --out DIR"))
    #expect(Self.run(["sample", "extra", "--out", out]).code == 64)
    #expect(Self.run(["sample", "--out", out, "--formt", "csv"]).stderr.contains("did you mean '--format'?"))
    #expect(!FileManager.default.fileExists(atPath: out), "nothing is written on a usage error")
  }

  @Test("A folder with content is refused; --force replaces only a sample tenant, never anything else")
  func existingFolderNeedsForce() throws {
    let folder = try Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let notes = folder.appendingPathComponent("notes")
    try FileManager.default.createDirectory(at: notes, withIntermediateDirectories: true)
    try Data("keep me".utf8).write(to: notes.appendingPathComponent("notes.txt"))
    let refused = Self.run(["sample", "--out", notes.path])
    #expect(refused.code == 64)
    #expect(refused.stderr.contains("error: \(notes.path) exists and is not empty; refusing to replace it"))
    #expect(refused.stderr.contains("hint: choose a new --out folder, or empty this one first"))
    let forcedOverNotes = Self.run(["sample", "--out", notes.path, "--force", "--mailboxes", "20"])
    #expect(forcedOverNotes.code == 64)
    #expect(
      forcedOverNotes.stderr.contains(
        "error: \(notes.path) is not a sample tenant (no answer-key.json written by 'sample'); "
          + "refusing to replace it, with or without --force"))
    #expect(try FileManager.default.contentsOfDirectory(atPath: notes.path) == ["notes.txt"])

    // A tenant is replaced with --force, also by one of other options; without it, the hint says so.
    let tenant = folder.appendingPathComponent("tenant")
    #expect(Self.run(["sample", "--out", tenant.path, "--mailboxes", "30", "--format", "json"]).code == 0)
    let again = Self.run(["sample", "--out", tenant.path, "--mailboxes", "20", "--format", "csv"])
    #expect(again.code == 64)
    #expect(again.stderr.contains("hint: it holds a sample tenant: pass --force to replace it"))
    try Data("edited".utf8).write(to: tenant.appendingPathComponent("register.csv"))
    let forced = Self.run(["sample", "--out", tenant.path, "--force", "--mailboxes", "20", "--format", "csv"])
    #expect(forced.code == 0, "\(forced.stderr)")
    #expect(forced.stdout.contains("sample tenant written: \(tenant.path) (20 mailboxes, seed 1, format csv"))
    #expect(
      !FileManager.default.fileExists(atPath: tenant.appendingPathComponent("exports/mailboxes.json").path))
    for path in [
      "README.md", "answer-key.json", "register.csv", "policy.json", "exports/audit-log.csv",
      "baseline/mailboxes.csv",
    ] {
      #expect(FileManager.default.fileExists(atPath: tenant.appendingPathComponent(path).path), "\(path)")
    }
    #expect(
      try String(contentsOf: tenant.appendingPathComponent("register.csv"), encoding: .utf8) != "edited")
    let before = try Data(contentsOf: tenant.appendingPathComponent("register.csv"))

    // Something of the user's inside the tenant (a pack written there, a note) keeps it from being replaced.
    try FileManager.default.createDirectory(
      at: tenant.appendingPathComponent("pack"), withIntermediateDirectories: true)
    try Data("mine".utf8).write(to: tenant.appendingPathComponent("pack/index.html"))
    try Data("mine".utf8).write(to: tenant.appendingPathComponent("exports/notes.txt"))
    let kept = Self.run(["sample", "--out", tenant.path, "--force", "--mailboxes", "20", "--format", "csv"])
    #expect(kept.code == 64)
    #expect(
      kept.stderr.contains(
        "error: \(tenant.path) holds exports/notes.txt and 1 more, which 'sample' did not write; "
          + "refusing to replace the folder, with or without --force"))
    #expect(kept.stderr.contains("hint: move them out of the folder, or choose a new --out folder"))
    #expect(FileManager.default.fileExists(atPath: tenant.appendingPathComponent("pack/index.html").path))
    #expect(FileManager.default.fileExists(atPath: tenant.appendingPathComponent("exports/notes.txt").path))
    #expect(try Data(contentsOf: tenant.appendingPathComponent("register.csv")) == before)

    let empty = folder.appendingPathComponent("empty")
    try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
    #expect(Self.run(["sample", "--out", empty.path, "--mailboxes", "20"]).code == 0)
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == [
        "empty", "notes", "tenant",
      ])
  }

  @Test func defaultsAndHelp() throws {
    let folder = try Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let out = folder.appendingPathComponent("t")
    let result = Self.run(["sample", "--out", out.path])
    #expect(result.code == 0)
    #expect(result.stdout.contains("(50 mailboxes, seed 1, format mixed, as of 2026-11-30T00:00:00Z)"))
    let key =
      try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("answer-key.json")))
      as! [String: Any]
    #expect(key["schemaVersion"] as? Int == 1)
    #expect(key["asOf"] as? String == "2026-11-30T00:00:00Z")
    #expect(key["mailboxes"] as? Int == 50 && key["seed"] as? Int == 1 && key["format"] as? String == "mixed")
    let readme = try String(contentsOf: out.appendingPathComponent("README.md"), encoding: .utf8)
    #expect(readme.contains("delegation-audit run exports --register register.csv --policy policy.json"))
    let help = Self.run(["sample", "--help"])
    #expect(help.code == 0 && help.stdout.contains("--format FORMAT") && !help.stdout.contains("planned"))
  }
}
