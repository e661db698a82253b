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

  static func runBinary(_ arguments: [String], environment: [String: String] = [:]) throws -> (Int32, String, String) {
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    process.environment = environment
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return (process.terminationStatus, stdout, stderr)
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
    #expect(grantRows.contains { $0.contains("allan.deyoung@contoso.com") && $0.contains(",ChangePermission,") })
    let grantBytes = try Data(contentsOf: pack.appendingPathComponent("data/grants.csv"))
    #expect(Array(grantBytes.prefix(10)) == [0xEF, 0xBB, 0xBF] + Array("Mailbox".utf8))
    let excluded = try String(contentsOf: pack.appendingPathComponent("data/excluded.csv"), encoding: .utf8)
    let rules = excluded.split(separator: "\r\n").dropFirst().filter { $0.hasPrefix("mailbox-permissions.csv,") }
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
    #expect(report.contains("| mailbox-permissions.csv | mailbox-permission | csv | utf-8-bom | 131 | 19 | 112 | 0 | yes |"))
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
      let (code, _, _) = try Self.runBinary(["run", exports, "--out", pack, "--quiet"], environment: ["SOURCE_DATE_EPOCH": "1795996800"])
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
    let (code, _, stderr) = try Self.runBinary(["run", exports, "--out", folder.path, "--as-of", "2026-11-30"])
    #expect(code == 64)
    #expect(stderr.contains("is not an evidence pack; refusing to replace it"))
    #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("notes.txt").path))
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
    #expect(rows.first?.hasSuffix("Mailbox,Trustee,Right,Folder,ApprovedBy,ApprovedOn,Ticket,Justification,ExpiresOn,LastReviewedOn,ReviewedBy,ReviewOutcome") == true)
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
}
