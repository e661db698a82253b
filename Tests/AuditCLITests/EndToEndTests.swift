import AuditModel
import Foundation
import Testing

/// Runs the built `delegation-audit` binary on SampleData and checks the pack it writes.
@Suite struct EndToEndTests {
  static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  /// The executable next to the test bundle (`swift build` puts both in the same folder).
  static var binary: URL {
    URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
      .appendingPathComponent("delegation-audit")
  }

  static func runBinary(_ arguments: [String], environment: [String: String] = [:]) throws -> (
    Int32, String, String
  ) {
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    // Sanitizer settings pass through, so that `make test-sanitize` runs the binary the same way.
    let sanitizers = ProcessInfo.processInfo.environment.filter {
      [
        "ASAN_OPTIONS", "LSAN_OPTIONS", "UBSAN_OPTIONS", "TSAN_OPTIONS", "ASAN_SYMBOLIZER_PATH",
        "SWIFT_BACKTRACE",
      ].contains($0.key)
    }
    process.environment = environment.merging(sanitizers) { given, _ in given }
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    // Both pipes are drained at once: a child that fills one while the other is read would wait
    // forever (a sanitizer's report on stderr is easily longer than a pipe holds).
    let errorHandle = err.fileHandleForReading
    let (output, errors) = alongside({ errorHandle.readDataToEndOfFile() }) {
      out.fileHandleForReading.readDataToEndOfFile()
    }
    process.waitUntilExit()
    return (
      process.terminationStatus, String(decoding: output, as: UTF8.self),
      String(decoding: errors, as: UTF8.self)
    )
  }

  static func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("da-e2e-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: binary.path), "run `swift build` first"))
  func sampleTenantGivesAPack() throws {
    let folder = try Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let pack = folder.appendingPathComponent("pack")
    let exports = Self.packageRoot.appendingPathComponent("SampleData/contoso/exports").path
    let (code, stdout, _) = try Self.runBinary(["run", exports, "--out", pack.path, "--as-of", "2026-11-30"])
    #expect(code == 0)
    #expect(stdout.contains("evidence pack written: \(pack.path)/index.html"))
    for file in [
      "index.html", "report.md", "manifest.json", "SHA256SUMS", "data/grants.csv", "data/grants.json",
      "data/by-trustee.csv", "data/excluded.csv", "data/rejected.csv",
    ] {
      #expect(FileManager.default.fileExists(atPath: pack.appendingPathComponent(file).path), "\(file)")
    }
    // Facts from SampleData/README.md: 131 rows; 2 system mailbox, 29 SELF, 21 Deny, 60 inherited
    // system; 19 grant rows giving 18 FullAccess grants and 1 ChangePermission.
    let grants = try String(contentsOf: pack.appendingPathComponent("data/grants.csv"), encoding: .utf8)
    let grantRows = grants.split(separator: "\r\n").dropFirst()
    #expect(grantRows.filter { $0.contains(",FullAccess,") }.count == 18)
    #expect(
      grantRows.contains { $0.contains("allan.deyoung@contoso.com") && $0.contains(",ChangePermission,") })
    let grantBytes = try Data(contentsOf: pack.appendingPathComponent("data/grants.csv"))
    #expect(Array(grantBytes.prefix(10)) == [0xEF, 0xBB, 0xBF] + Array("Mailbox".utf8))
    let excluded = try String(contentsOf: pack.appendingPathComponent("data/excluded.csv"), encoding: .utf8)
    let rules = excluded.split(separator: "\r\n").dropFirst().filter {
      $0.hasPrefix("mailbox-permissions.csv,")
    }
    .map { $0.split(separator: ",", omittingEmptySubsequences: false)[3] }
    #expect(rules.filter { $0 == "system-mailbox" }.count == 2)
    #expect(rules.filter { $0 == "self-principal" }.count == 29)
    #expect(rules.filter { $0 == "deny-entry" }.count == 21)
    #expect(rules.filter { $0 == "inherited-system-principal" }.count == 60)
    let manifest = try String(contentsOf: pack.appendingPathComponent("manifest.json"), encoding: .utf8)
    #expect(manifest.contains("\"path\": \"mailbox-permissions.csv\""))
    #expect(manifest.contains("\"read\": 131"))
    #expect(!manifest.contains(Self.packageRoot.path))
    let report = try String(contentsOf: pack.appendingPathComponent("report.md"), encoding: .utf8)
    #expect(report.contains("## Inputs and completeness"))
    #expect(
      report.contains(
        "| mailbox-permissions.csv | mailbox-permission | csv | utf-8-bom | 131 | 19 | 112 | 0 | yes |"))
    let html = try String(contentsOf: pack.appendingPathComponent("index.html"), encoding: .utf8)
    #expect(html.contains("<html lang=\"en\">"))
    #expect(!html.contains("http://") && !html.contains("https://") && !html.contains("<script"))
  }

  @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: binary.path), "run `swift build` first"))
  func sameInputsSameAsOfGiveAByteIdenticalPack() throws {
    let folder = try Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let exports = Self.packageRoot.appendingPathComponent("SampleData/contoso/exports").path
    var sums: [String] = []
    for name in ["a", "b"] {
      let pack = folder.appendingPathComponent(name).path
      let (code, _, _) = try Self.runBinary(
        ["run", exports, "--out", pack, "--quiet"], environment: ["SOURCE_DATE_EPOCH": "1795996800"])
      #expect(code == 0)
      sums.append(try String(contentsOfFile: pack + "/SHA256SUMS", encoding: .utf8))
    }
    #expect(sums[0] == sums[1])
    #expect(sums[0].contains("  index.html\n"))
  }

  @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: binary.path), "run `swift build` first"))
  func existingFolderThatIsNotAPackIsRefused() throws {
    let folder = try Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try Data("keep me".utf8).write(to: folder.appendingPathComponent("notes.txt"))
    let exports = Self.packageRoot.appendingPathComponent("SampleData/contoso/exports").path
    for force in [[], ["--force"]] {
      let (code, _, stderr) = try Self.runBinary(
        ["run", exports, "--out", folder.path, "--as-of", "2026-11-30"] + force)
      #expect(code == 64)
      #expect(
        stderr.contains(
          "is not an evidence pack (it has no manifest.json and SHA256SUMS); refusing to replace it"))
      #expect(stderr.contains("hint: choose a new --out folder, or empty this one first"))
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["notes.txt"])
  }

  @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: binary.path), "run `swift build` first"))
  func registerInitWritesEveryCurrentGrant() throws {
    let folder = try Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let register = folder.appendingPathComponent("register.csv").path
    let exports = Self.packageRoot.appendingPathComponent("SampleData/contoso/exports").path
    let (code, stdout, _) = try Self.runBinary(["register", "init", exports, "--out", register])
    #expect(code == 0)
    #expect(stdout.contains("register with "))
    let text = try String(contentsOfFile: register, encoding: .utf8)
    let rows = text.split(separator: "\r\n")
    #expect(
      rows.first?.hasSuffix(
        "Mailbox,Trustee,Right,Folder,ApprovedBy,ApprovedOn,Ticket,Justification,ExpiresOn,LastReviewedOn,ReviewedBy,ReviewOutcome"
      ) == true)
    #expect(rows.contains { $0.hasPrefix("ceo@contoso.com,alex.wilber@contoso.com,SendAs,") })
    #expect(!rows.contains { $0.contains(",ChangePermission,") })
    // A second run refuses to overwrite the register.
    let (again, _, stderr) = try Self.runBinary(["register", "init", exports, "--out", register])
    #expect(again == 64)
    #expect(stderr.contains("refusing to overwrite"))
  }

  @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: binary.path), "run `swift build` first"))
  func firstRunWithoutRegisterIsNotAssessedAndShipsATemplate() throws {
    let folder = try Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let pack = folder.appendingPathComponent("pack")
    let exports = Self.packageRoot.appendingPathComponent("SampleData/contoso/exports").path
    let (code, stdout, _) = try Self.runBinary(["run", exports, "--out", pack.path, "--as-of", "2026-11-30"])
    #expect(code == 0)
    #expect(stdout.contains("EXT-08.1  not-assessed"))
    #expect(FileManager.default.fileExists(atPath: pack.appendingPathComponent("register-template.csv").path))
    let results = try String(contentsOf: pack.appendingPathComponent("data/results.json"), encoding: .utf8)
    #expect(results.contains("\"status\": \"not-assessed\""))
    #expect(!results.contains("\"status\": \"satisfied\""))
  }

  @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: binary.path), "run `swift build` first"))
  func sampleTenantFindingsMatchItsAnswerKey() throws {
    let folder = try Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let pack = folder.appendingPathComponent("pack")
    let sample = Self.packageRoot.appendingPathComponent("SampleData/contoso")
    let (code, stdout, _) = try Self.runBinary([
      "run", sample.appendingPathComponent("exports").path, "--register",
      sample.appendingPathComponent("register.csv").path,
      "--policy", sample.appendingPathComponent("policy.json").path, "--out", pack.path, "--as-of",
      "2026-11-30T00:00:00Z",
      "--fail-on", "high",
    ])
    #expect(code == 1, "high findings are present, so --fail-on high exits 1")
    #expect(stdout.contains("37 findings (1 waived)"))
    let data = try Data(contentsOf: pack.appendingPathComponent("data/findings.json"))
    let json = try JSONSerialization.jsonObject(with: data) as? [String: Any]
    let findings = json?["findings"] as? [[String: Any]] ?? []
    var counts: [String: Int] = [:]
    for finding in findings { counts[finding["code"] as? String ?? "", default: 0] += 1 }
    // SampleData/README.md, "Totals by code".
    let expected = [
      "FULLACCESS_WITH_SENDAS": 7, "SENSITIVE_MAILBOX_DELEGATION": 6, "FULLACCESS_NOT_REVIEWED": 4,
      "CHANGE_UNAPPROVED": 4, "SENDAS_UNDOCUMENTED": 2, "TRUSTEE_BROAD_GROUP": 2,
      "MAILBOX_AUDIT_ACTIONS_MISSING": 2,
      "APPROVAL_EXPIRED": 1, "FULLACCESS_REVIEW_OVERDUE": 1, "REVIEW_BY_TRUSTEE": 1,
      "REVIEW_REMOVAL_NOT_DONE": 1,
      "REGISTER_ENTRY_STALE": 1, "TRUSTEE_UNRESOLVED_SID": 1, "TRUSTEE_EXTERNAL": 1,
      "PERMISSION_ESCALATION_RIGHT": 1,
      "INHERITED_FULLACCESS": 1, "SENDOB_UNDOCUMENTED": 1,
    ]
    #expect(counts == expected)
    let waived = findings.filter { $0["waived"] as? Bool == true }.map { $0["code"] as? String }
    #expect(waived == ["TRUSTEE_EXTERNAL"])
    let manifest = try String(contentsOf: pack.appendingPathComponent("manifest.json"), encoding: .utf8)
    #expect(!manifest.contains("\"reconciles\": false"))
    #expect(manifest.contains("\"role\": \"register\""))
    #expect(manifest.contains("\"role\": \"policy\""))
    #expect(
      !FileManager.default.fileExists(atPath: pack.appendingPathComponent("register-template.csv").path))
  }

  /// Runs a helper script beside this file; returns its exit status and output.
  static func runScript(_ name: String, _ arguments: [String]) throws -> (Int32, String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/bash")
    process.arguments =
      [URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(name).path]
      + arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return (process.terminationStatus, output)
  }

  @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: binary.path), "run `swift build` first"))
  func packHTMLPassesTheNuHTMLChecker() throws {
    let (setup, setupOutput) = try Self.runScript("html-validate.sh", ["--setup"])
    if setup == 3 && ProcessInfo.processInfo.environment["CI"] == nil {
      print("skipped: the Nu HTML checker could not be installed here: \(setupOutput)")
      return
    }
    #expect(setup == 0, "\(setupOutput)")
    let folder = try Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let pack = folder.appendingPathComponent("pack")
    let sample = Self.packageRoot.appendingPathComponent("SampleData/contoso")
    let (code, _, _) = try Self.runBinary([
      "run", sample.appendingPathComponent("exports").path, "--register",
      sample.appendingPathComponent("register.csv").path,
      "--policy", sample.appendingPathComponent("policy.json").path, "--out", pack.path, "--as-of",
      "2026-11-30",
      "--frameworks", "soc2,iso27001,cis-m365,nist-800-53",
    ])
    #expect(code == 0)
    let narratives = try FileManager.default.contentsOfDirectory(
      atPath: pack.appendingPathComponent("narratives").path
    )
    .filter { $0.hasSuffix(".html") }.sorted()
    #expect(narratives == ["cis-m365.html", "iso27001.html", "nist-800-53.html", "soc2.html"])
    let pages =
      [pack.appendingPathComponent("index.html").path]
      + narratives.map { pack.appendingPathComponent("narratives/\($0)").path }
    let (status, output) = try Self.runScript("html-validate.sh", pages)
    #expect(status == 0, "\(output)")
    let schema = Self.packageRoot.deletingLastPathComponent().appendingPathComponent(
      "shared/oscal/oscal_assessment-results_schema.json")
    if FileManager.default.fileExists(atPath: schema.path) {
      let (oscal, oscalOutput) = try Self.runScript(
        "../AuditReportTests/oscal-validate.sh",
        [pack.appendingPathComponent("oscal/assessment-results.json").path, schema.path])
      #expect(oscal == 0, "\(oscalOutput)")
    } else {
      print("skipped: OSCAL schema not found at \(schema.path)")
    }
  }

  @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: binary.path), "run `swift build` first"))
  func zipOfThePackIsDeterministic() throws {
    let folder = try Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let exports = Self.packageRoot.appendingPathComponent("SampleData/contoso/exports").path
    var zips: [Data] = []
    for name in ["a", "b"] {
      let pack = folder.appendingPathComponent(name).appendingPathComponent("pack").path
      let (code, _, _) = try Self.runBinary([
        "run", exports, "--out", pack, "--as-of", "2026-11-30", "--zip", "--quiet",
      ])
      #expect(code == 0)
      zips.append(try Data(contentsOf: URL(fileURLWithPath: pack + ".zip")))
    }
    #expect(zips[0].prefix(2) == Data("PK".utf8))
    #expect(zips[0] == zips[1])
  }
}
