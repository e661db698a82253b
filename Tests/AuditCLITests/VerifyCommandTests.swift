import Digest
import Foundation
import Testing

@testable import AuditCLI

/// `verify` in process: integrity against the manifest and SHA256SUMS, and re-performance from
/// inputs found by SHA-256 under other names and folders.
@Suite struct VerifyCommandTests {
  static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
  static let sample = packageRoot.appendingPathComponent("SampleData/contoso")
  static let exports = sample.appendingPathComponent("exports")

  /// What one in-process invocation gave.
  struct Outcome {
    var code: Int32
    var stdout: String
    var stderr: String
  }

  static func sha256(_ data: Data) -> String { SHA256.hex(Array(data)) }

  /// Appends `text` to the file at `url`.
  static func append(_ text: String, to url: URL) throws {
    let handle = try FileHandle(forWritingTo: url)
    defer { try? handle.close() }
    try handle.seekToEnd()
    try handle.write(contentsOf: Data(text.utf8))
  }

  static func tool(_ arguments: [String]) -> Outcome {
    let capture = Console.Capture()
    let code = CommandLineTool.main(arguments, console: capture.console())
    return Outcome(code: code, stdout: capture.stdout, stderr: capture.stderr)
  }

  /// A fresh temporary folder, removed by the caller.
  static func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("da-verify-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  /// Runs `run` on the sample tenant with its register and policy, writing the pack to `pack`.
  static func makeSamplePack(_ pack: URL) throws {
    let outcome = tool([
      "run", exports.path, "--register", sample.appendingPathComponent("register.csv").path,
      "--policy", sample.appendingPathComponent("policy.json").path, "--out", pack.path,
      "--as-of", "2026-11-30", "--org", "Contoso", "--period-start", "2026-09-01", "--quiet",
    ])
    try #require(outcome.code == 0, "run failed: \(outcome.stderr)")
  }

  /// The sample inputs copied under other names and another folder layout.
  static func relocatedSampleInputs(in folder: URL) throws -> URL {
    let manager = FileManager.default
    let root = folder.appendingPathComponent("evidence")
    let nested = root.appendingPathComponent("2026/november/raw")
    try manager.createDirectory(at: nested, withIntermediateDirectories: true)
    for name in try manager.contentsOfDirectory(atPath: exports.path).sorted() {
      try manager.copyItem(
        at: exports.appendingPathComponent(name),
        to: nested.appendingPathComponent("copy-of-" + name + ".bin"))
    }
    try manager.copyItem(
      at: sample.appendingPathComponent("register.csv"), to: root.appendingPathComponent("approvals-2026.csv")
    )
    try manager.copyItem(
      at: sample.appendingPathComponent("policy.json"), to: root.appendingPathComponent("p.json"))
    return root
  }

  @Test func intactPackVerifies() throws {
    let folder = try Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let pack = folder.appendingPathComponent("pack")
    try Self.makeSamplePack(pack)
    let outcome = Self.tool(["verify", pack.path])
    #expect(outcome.code == 0)
    #expect(outcome.stdout.hasSuffix("verdict: intact\n"))
    #expect(!outcome.stdout.contains("changed:") && !outcome.stdout.contains("missing:"))
    #expect(outcome.stderr.isEmpty)
  }

  /// A tampering of the pack and the line `verify` must print for it.
  struct Tampering: Sendable, CustomTestStringConvertible {
    var name: String
    var apply: @Sendable (URL) throws -> Void
    var expectedLine: String
    var testDescription: String { name }
  }

  static let tamperings: [Tampering] = [
    Tampering(
      name: "modified",
      apply: { try VerifyCommandTests.append("edited\n", to: $0.appendingPathComponent("data/grants.csv")) },
      expectedLine: "changed: data/grants.csv (sha256 "),
    Tampering(
      name: "deleted",
      apply: { try FileManager.default.removeItem(at: $0.appendingPathComponent("report.md")) },
      expectedLine: "missing: report.md\n"),
    Tampering(
      name: "added", apply: { try Data("x".utf8).write(to: $0.appendingPathComponent("data/notes.csv")) },
      expectedLine: "extra: data/notes.csv"),
    Tampering(
      name: "checksums edited",
      apply: {
        let url = $0.appendingPathComponent("SHA256SUMS")
        let text = try String(contentsOf: url, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "  report.md\n", with: "  report.txt\n").utf8).write(to: url)
      },
      expectedLine: "changed: SHA256SUMS (lists report.txt, which manifest.json does not)"),
    Tampering(
      name: "manifest edited",
      apply: {
        let url = $0.appendingPathComponent("manifest.json")
        let text = try String(contentsOf: url, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "\"Contoso\"", with: "\"Fabrikam\"").utf8).write(to: url)
      },
      expectedLine: "changed: manifest.json (sha256 "),
  ]

  @Test(arguments: tamperings) func tamperingIsReported(_ tampering: Tampering) throws {
    let folder = try Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let pack = folder.appendingPathComponent("pack")
    try Self.makeSamplePack(pack)
    try tampering.apply(pack)
    let outcome = Self.tool(["verify", pack.path])
    #expect(outcome.code == 1)
    #expect(outcome.stdout.contains("\n" + tampering.expectedLine), "\(outcome.stdout)")
    #expect(outcome.stdout.contains("verdict: NOT intact ("))
  }

  @Test func changedFileNamesBothHashes() throws {
    let folder = try Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let pack = folder.appendingPathComponent("pack")
    try Self.makeSamplePack(pack)
    let url = pack.appendingPathComponent("data/grants.csv")
    let original = try Data(contentsOf: url)
    var edited = original
    edited[edited.count - 3] ^= 0x01
    try edited.write(to: url)
    let outcome = Self.tool(["verify", pack.path])
    let expected =
      "changed: data/grants.csv (sha256 \(Self.sha256(edited)) expected \(Self.sha256(original)))\n"
    #expect(outcome.stdout.contains(expected), "\(outcome.stdout)")
  }

  @Test func folderWithoutManifestIsNotAPack() throws {
    let folder = try Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try Data("a,b\n".utf8).write(to: folder.appendingPathComponent("data.csv"))
    let outcome = Self.tool(["verify", folder.path])
    #expect(outcome.code == 2)
    #expect(outcome.stderr.contains("is not an evidence pack: it has no manifest.json"))
    #expect(outcome.stdout.isEmpty)
  }

  @Test(arguments: ["{", "{\"schemaVersion\": 1}", "[]"]) func invalidManifestIsNotAPack(_ text: String)
    throws
  {
    let folder = try Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try Data(text.utf8).write(to: folder.appendingPathComponent("manifest.json"))
    let outcome = Self.tool(["verify", folder.path])
    #expect(outcome.code == 2)
    #expect(outcome.stderr.contains("is not an evidence pack: manifest.json"), "\(outcome.stderr)")
  }

  @Test func manifestPathOutsideThePackIsRefused() throws {
    let folder = try Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let pack = folder.appendingPathComponent("pack")
    try Self.makeSamplePack(pack)
    let url = pack.appendingPathComponent("manifest.json")
    let text = try String(contentsOf: url, encoding: .utf8)
    try Data(
      text.replacingOccurrences(of: "\"path\": \"report.md\"", with: "\"path\": \"../report.md\"").utf8
    )
    .write(to: url)
    let outcome = Self.tool(["verify", pack.path])
    #expect(outcome.code == 2)
    #expect(outcome.stderr.contains("output path '../report.md' is not a relative path inside the pack"))
  }

  @Test func reperformsFromRenamedAndMovedInputs() throws {
    let folder = try Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let pack = folder.appendingPathComponent("pack")
    try Self.makeSamplePack(pack)
    let packFiles =
      try String(contentsOf: pack.appendingPathComponent("SHA256SUMS"), encoding: .utf8)
      .split(separator: "\n").count + 1
    let inputs = try Self.relocatedSampleInputs(in: folder)
    let outcome = Self.tool(["verify", pack.path, "--inputs", inputs.path])
    #expect(outcome.code == 0, "\(outcome.stdout)\(outcome.stderr)")
    #expect(outcome.stdout.contains("inputs: 8 of 8 recorded inputs found by SHA-256 among 8 files\n"))
    #expect(outcome.stdout.contains("\nreproduced: \(packFiles) files byte-identical\n"), "\(outcome.stdout)")
    #expect(outcome.stdout.hasSuffix("verdict: intact; reproduced\n"))
    #expect(outcome.stderr.isEmpty)
  }

  @Test func inputsGivenAsSeveralFilesAndFolders() throws {
    let folder = try Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let pack = folder.appendingPathComponent("pack")
    try Self.makeSamplePack(pack)
    let outcome = Self.tool([
      "verify", pack.path, "--inputs", Self.exports.path,
      "--inputs=" + Self.sample.appendingPathComponent("register.csv").path,
      "--inputs", Self.sample.appendingPathComponent("policy.json").path,
    ])
    #expect(outcome.code == 0, "\(outcome.stdout)\(outcome.stderr)")
    #expect(outcome.stdout.hasSuffix("verdict: intact; reproduced\n"))
  }

  @Test func alteredInputIsReportedMissing() throws {
    let folder = try Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let pack = folder.appendingPathComponent("pack")
    try Self.makeSamplePack(pack)
    let inputs = try Self.relocatedSampleInputs(in: folder)
    let altered = inputs.appendingPathComponent("2026/november/raw/copy-of-org-config.json.bin")
    let original = try Data(contentsOf: Self.exports.appendingPathComponent("org-config.json"))
    try Self.append("\n", to: altered)
    let outcome = Self.tool(["verify", pack.path, "--inputs", inputs.path])
    #expect(outcome.code == 1)
    #expect(
      outcome.stdout.contains(
        "input missing: org-config.json (role exports, sha256 \(Self.sha256(original)), \(original.count) bytes)\n"
      ),
      "\(outcome.stdout)")
    #expect(outcome.stdout.contains("inputs: 7 of 8 recorded inputs found"))
    #expect(outcome.stdout.hasSuffix("verdict: intact; NOT reproduced (1 input not found)\n"))
    #expect(!outcome.stdout.contains("reproduced:"))
  }

  @Test func reperformReportsAnOutputThatDiffers() throws {
    let folder = try Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let pack = folder.appendingPathComponent("pack")
    try Self.makeSamplePack(pack)
    try Self.append("edited\n", to: pack.appendingPathComponent("data/findings.csv"))
    let inputs = try Self.relocatedSampleInputs(in: folder)
    let outcome = Self.tool(["verify", pack.path, "--inputs", inputs.path])
    #expect(outcome.code == 1)
    #expect(outcome.stdout.contains("\ndiffers: data/findings.csv (sha256 "), "\(outcome.stdout)")
    #expect(outcome.stdout.contains("not reproduced: 1 of "))
    #expect(outcome.stdout.hasSuffix("verdict: NOT intact (1 changed); NOT reproduced (1 file differs)\n"))
  }

  @Test func sameInputsTwiceGiveIdenticalPacksAndIdenticalVerification() throws {
    let folder = try Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let packA = folder.appendingPathComponent("a")
    let packB = folder.appendingPathComponent("b")
    try Self.makeSamplePack(packA)
    try Self.makeSamplePack(packB)
    let sums = try [packA, packB].map { try Data(contentsOf: $0.appendingPathComponent("SHA256SUMS")) }
    #expect(sums[0] == sums[1])
    let inputs = try Self.relocatedSampleInputs(in: folder)
    let first = Self.tool(["verify", packA.path, "--inputs", inputs.path, "--json"])
    let second = Self.tool(["verify", packA.path, "--inputs", inputs.path, "--json"])
    #expect(first.code == 0 && second.code == 0)
    #expect(first.stdout == second.stdout)
    #expect(Self.tool(["verify", packB.path, "--inputs", inputs.path]).code == 0)
  }

  @Test func smallInlineExportsWithNestedAndSkippedNames() throws {
    let folder = try Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let manager = FileManager.default
    let header = "\"Identity\",\"User\",\"AccessRights\",\"IsInherited\",\"Deny\",\"InheritanceType\"\n"
    let east = folder.appendingPathComponent("east/perms")
    let west = folder.appendingPathComponent("west")
    try manager.createDirectory(at: east, withIntermediateDirectories: true)
    try manager.createDirectory(at: west, withIntermediateDirectories: true)
    try Data((header + "\"ceo\",\"alex@contoso.com\",\"FullAccess\",\"False\",\"False\",\"All\"\n").utf8)
      .write(to: east.appendingPathComponent("permissions.csv"))
    try Data((header + "\"cfo\",\"nestor@contoso.com\",\"FullAccess\",\"False\",\"False\",\"All\"\n").utf8)
      .write(to: west.appendingPathComponent("permissions.csv"))
    let skipped = west.appendingPathComponent("extra-permissions.txt")
    try Data((header + "\"hr\",\"megan@contoso.com\",\"FullAccess\",\"False\",\"False\",\"All\"\n").utf8)
      .write(to: skipped)
    let pack = folder.appendingPathComponent("pack")
    let run = Self.tool([
      "run", folder.appendingPathComponent("east").path, west.path, "--out", pack.path,
      "--as-of",
      "2026-11-30", "--quiet",
    ])
    try #require(run.code == 0, "\(run.stderr)")
    let manifest = try String(contentsOf: pack.appendingPathComponent("manifest.json"), encoding: .utf8)
    #expect(manifest.contains("\"path\": \"perms/permissions.csv\""))
    #expect(manifest.contains("\"path\": \"permissions.csv\""))
    #expect(manifest.contains("\"path\": \"extra-permissions.txt\""))
    // Every input in one flat folder under other names: the nested path and the `.txt` export
    // are staged back as the original run saw them.
    let moved = folder.appendingPathComponent("moved")
    try manager.createDirectory(at: moved, withIntermediateDirectories: true)
    try manager.copyItem(
      at: east.appendingPathComponent("permissions.csv"), to: moved.appendingPathComponent("a.csv"))
    try manager.copyItem(at: skipped, to: moved.appendingPathComponent("b.csv"))
    try manager.copyItem(
      at: west.appendingPathComponent("permissions.csv"), to: moved.appendingPathComponent("c.csv"))
    try Data((header + "\"ceo\",\"decoy@contoso.com\",\"FullAccess\",\"False\",\"False\",\"All\"\n").utf8)
      .write(to: moved.appendingPathComponent("decoy.csv"))
    let outcome = Self.tool(["verify", pack.path, "--inputs", moved.path])
    #expect(outcome.code == 0, "\(outcome.stdout)\(outcome.stderr)")
    #expect(outcome.stdout.contains("inputs: 3 of 3 recorded inputs found by SHA-256 among 4 files\n"))
    #expect(outcome.stdout.hasSuffix("verdict: intact; reproduced\n"))
  }

  @Test func runWithABaselinePackIsReperformed() throws {
    let folder = try Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let previous = folder.appendingPathComponent("previous")
    try Self.makeSamplePack(previous)
    let pack = folder.appendingPathComponent("pack")
    let run = Self.tool([
      "run", Self.exports.path, "--register", Self.sample.appendingPathComponent("register.csv").path,
      "--baseline", previous.path, "--out", pack.path, "--as-of", "2026-12-31", "--quiet",
      "--frameworks", "soc2,hipaa",
    ])
    try #require(run.code == 0, "run failed: \(run.stderr)")
    let manifest = try String(contentsOf: pack.appendingPathComponent("manifest.json"), encoding: .utf8)
    #expect(manifest.contains("\"role\": \"baseline\""))
    // The previous pack's manifest and grants are found by hash among the inputs given.
    let outcome = Self.tool(["verify", pack.path, "--inputs", Self.sample.path, "--inputs", previous.path])
    #expect(outcome.code == 0, "\(outcome.stdout)\(outcome.stderr)")
    #expect(outcome.stdout.hasSuffix("verdict: intact; reproduced\n"), "\(outcome.stdout)")
  }

  @Test func missingInputsFolderIsUnusable() throws {
    let folder = try Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let pack = folder.appendingPathComponent("pack")
    try Self.makeSamplePack(pack)
    let outcome = Self.tool(["verify", pack.path, "--inputs", folder.appendingPathComponent("nope").path])
    #expect(outcome.code == 2)
    #expect(outcome.stderr.contains("error: --inputs: no such file or folder: "))
  }

  @Test func jsonSummaryHasTheDocumentedShape() throws {
    let folder = try Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let pack = folder.appendingPathComponent("pack")
    try Self.makeSamplePack(pack)
    try FileManager.default.removeItem(at: pack.appendingPathComponent("report.md"))
    try Data("x".utf8).write(to: pack.appendingPathComponent("extra.txt"))

    let plain = Self.tool(["verify", pack.path, "--json"])
    #expect(plain.code == 1)
    let summary = try #require(
      try JSONSerialization.jsonObject(with: Data(plain.stdout.utf8)) as? [String: Any])
    #expect(summary["schemaVersion"] as? Int == 1)
    #expect(summary["pack"] as? String == pack.path)
    #expect(summary["intact"] as? Bool == false)
    #expect((summary["changed"] as? [Any])?.isEmpty == true)
    #expect(summary["missing"] as? [String] == ["report.md"])
    #expect(summary["extra"] as? [String] == ["extra.txt"])
    #expect(summary["reproduced"] is NSNull)
    #expect((summary["inputsMissing"] as? [Any])?.isEmpty == true)
    #expect((summary["differing"] as? [Any])?.isEmpty == true)

    let inputs = try Self.relocatedSampleInputs(in: folder)
    try FileManager.default.removeItem(at: inputs.appendingPathComponent("p.json"))
    let reperformed = Self.tool(["verify", pack.path, "--inputs", inputs.path, "--json"])
    let withInputs = try #require(
      try JSONSerialization.jsonObject(with: Data(reperformed.stdout.utf8)) as? [String: Any])
    #expect(withInputs["reproduced"] as? Bool == false)
    let missing = try #require(withInputs["inputsMissing"] as? [[String: Any]])
    #expect(missing.count == 1)
    #expect(missing.first?["role"] as? String == "policy")
    #expect(missing.first?["path"] as? String == "policy.json")
  }

  @Test func helpDocumentsTheExitCodes() {
    let outcome = Self.tool(["verify", "--help"])
    #expect(outcome.code == 0)
    #expect(outcome.stdout.contains("Exit codes: 0 pack intact"))
    #expect(outcome.stdout.contains("1 differences found"))
    #expect(outcome.stdout.contains("2 unusable"))
    #expect(outcome.stdout.contains("64 usage error"))
    #expect(Self.tool(["verify"]).code == 64)
    #expect(Self.tool(["verify", "a", "b"]).code == 64)
  }
}
