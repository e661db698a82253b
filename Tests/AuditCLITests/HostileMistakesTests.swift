import Foundation
import Testing

@testable import AuditCLI

// Mistakes people make, each answered by a message that says what to do: no recognisable export,
// the wrong cmdlet's output, a Get-Mailbox export without GrantSendOnBehalfTo, a lossy export,
// register rows with an unknown right, a date in the wrong format or an identity that matches two
// people, an unknown framework id, a badly written --as-of, a pack given where exports were
// expected and exports given where a pack was expected, and --out pointing at the inputs.

/// A scratch folder of small files for one test, and `delegation-audit` run in process.
struct MistakeScratch {
  let root: URL

  /// What one command printed and returned.
  struct Outcome {
    var code: Int32
    var stdout: String
    var stderr: String
  }

  static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
  static let sampleExports = packageRoot.appendingPathComponent("SampleData/contoso/exports").path

  init() throws {
    root = FileManager.default.temporaryDirectory.appendingPathComponent("da-mistake-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
  }

  func remove() { try? FileManager.default.removeItem(at: root) }

  func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

  @discardableResult
  func write(_ text: String, _ relative: String) throws -> String {
    let url = root.appendingPathComponent(relative)
    try FileManager.default.createDirectory(
      at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(text.utf8).write(to: url)
    return url.path
  }

  /// Copies the sample tenant's exports to `relative` and returns its path.
  func sampleExports(_ relative: String = "exports") throws -> String {
    let target = root.appendingPathComponent(relative)
    try FileManager.default.copyItem(at: URL(fileURLWithPath: Self.sampleExports), to: target)
    return target.path
  }

  func run(_ arguments: [String]) -> Outcome {
    let capture = Console.Capture()
    let code = CommandLineTool.main(arguments, console: capture.console())
    return Outcome(code: code, stdout: capture.stdout, stderr: capture.stderr)
  }

  func exists(_ relative: String) -> Bool { FileManager.default.fileExists(atPath: path(relative)) }

  func results(_ pack: String) throws -> [[String: Any]] {
    let data = try Data(contentsOf: URL(fileURLWithPath: pack).appendingPathComponent("data/results.json"))
    let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
    return object?["requirements"] as? [[String: Any]] ?? []
  }
}

let registerHeader =
  "Mailbox,Trustee,Right,Folder,ApprovedBy,ApprovedOn,Ticket,Justification,ExpiresOn,LastReviewedOn,ReviewedBy,ReviewOutcome\r\n"

@Suite("Hostile mistakes: each common mistake gets a message that says what to do")
struct HostileMistakesTests {
  @Test("A folder with no recognisable export: nothing is written, and inspect and the recipe are named")
  func noRecognisableExport() throws {
    let scratch = try MistakeScratch()
    defer { scratch.remove() }
    try scratch.write("Name,Colour\r\nana,blue\r\n", "in/people.csv")
    try scratch.write("# notes", "in/README.md")
    let outcome = scratch.run([
      "run", scratch.path("in"), "--out", scratch.path("pack"), "--as-of", "2026-11-30",
    ])
    #expect(outcome.code == 2)
    #expect(outcome.stderr.contains("people.csv: warning: not a recognised export (columns: Name, Colour)"))
    #expect(
      outcome.stderr.contains("error: no recognisable export among the 1 input file(s); nothing was written"))
    #expect(
      outcome.stderr.contains("hint: see the README's export recipe, or run 'delegation-audit inspect'"))
    #expect(!scratch.exists("pack"))
  }

  static let wrongCmdlets: [(name: String, csv: String, cmdlet: String, instead: String)] = [
    (
      "Get-MailboxStatistics", "DisplayName,ItemCount,TotalItemSize,LastLogonTime\r\nCEO,12,1.2 GB,\r\n",
      "Get-MailboxStatistics output", "mailbox-permission"
    ),
    (
      "Get-MailboxFolderStatistics",
      "Name,FolderPath,ItemsInFolder,FolderSize\r\nCalendar,/Calendar,3,1 KB\r\n",
      "Get-MailboxFolderStatistics output", "folder-permission"
    ),
    (
      "Get-CASMailbox", "Identity,OWAEnabled,ActiveSyncEnabled\r\nceo,True,False\r\n",
      "Get-CASMailbox output",
      "mailbox"
    ),
    (
      "Get-InboxRule", "Name,RuleIdentity,MailboxOwnerId,ForwardTo\r\nfwd,1,ceo,x@y.com\r\n",
      "Get-InboxRule output",
      "mailbox-permission"
    ),
    (
      "Get-MessageTrace",
      "Received,SenderAddress,RecipientAddress,Subject,MessageTraceId\r\n2026-11-01,a@b,c@d,hi,1\r\n",
      "Get-MessageTrace output", "audit-log"
    ),
    (
      "Search-MailboxAuditLog",
      "Operation,LogonType,LastAccessed,MailboxOwnerUPN\r\nSendAs,Delegate,2026-11-01,ceo\r\n",
      "Search-MailboxAuditLog output", "audit-log"
    ),
  ]

  @Test(
    "The wrong cmdlet's output is named, with the export to make instead", arguments: wrongCmdlets.map(\.name)
  )
  func wrongCmdlet(name: String) throws {
    let scratch = try MistakeScratch()
    defer { scratch.remove() }
    let lookalike = try #require(Self.wrongCmdlets.first { $0.name == name })
    let file = try scratch.write(lookalike.csv, "export.csv")
    let outcome = scratch.run(["run", file, "--out", scratch.path("pack"), "--as-of", "2026-11-30"])
    #expect(outcome.code == 2)
    #expect(outcome.stderr.contains("export.csv: warning: this looks like \(lookalike.cmdlet)"))
    #expect(outcome.stderr.contains("which holds no mailbox delegation"))
    #expect(outcome.stderr.contains("hint: make the \(lookalike.instead) export instead: "))
  }

  @Test("A Get-Mailbox export without GrantSendOnBehalfTo leaves EXT-08.2 not assessed, with the command")
  func mailboxExportWithoutSendOnBehalf() throws {
    let scratch = try MistakeScratch()
    defer { scratch.remove() }
    try scratch.write(
      "Name,Alias,DisplayName,PrimarySmtpAddress,RecipientTypeDetails\r\nceo,ceo,CEO,ceo@contoso.com,UserMailbox\r\n",
      "exports/mailboxes.csv")
    try scratch.write(
      "Identity,User,AccessRights,IsInherited,Deny\r\nceo@contoso.com,ana@contoso.com,FullAccess,False,False\r\n",
      "exports/mailbox-permissions.csv")
    let register = try scratch.write(
      registerHeader
        + "ceo@contoso.com,ana@contoso.com,FullAccess,,cfo@contoso.com,2026-01-15,,,,2026-11-01,cfo@contoso.com,keep\r\n",
      "register.csv")
    let pack = scratch.path("pack")
    let outcome = scratch.run([
      "run", scratch.path("exports"), "--register", register, "--out", pack, "--as-of", "2026-11-30",
    ])
    #expect(outcome.code == 0, "\(outcome.stderr)")
    #expect(
      outcome.stderr.contains("mailboxes.csv: warning: the mailbox export has no GrantSendOnBehalfTo column"))
    #expect(
      outcome.stderr.contains(
        "hint: re-export: Get-EXOMailbox -ResultSize Unlimited -Properties GrantSendOnBehalfTo"))
    #expect(
      outcome.stdout.contains(
        "EXT-08.2  not-assessed  Not assessed without the GrantSendOnBehalfTo column of the mailbox export"))
    let result = try #require(try scratch.results(pack).first { $0["id"] as? String == "EXT-08.2" })
    #expect(result["status"] as? String == "not-assessed")
    let missing = result["missingEvidence"] as? [String] ?? []
    #expect(
      missing.contains {
        $0.contains("GrantSendOnBehalfTo, not exported for 1 mailbox") && $0.contains("Get-EXOMailbox")
      })
  }

  @Test(
    "A lossy export names the file, column and rows, the command that keeps the values, and the verdict waits"
  )
  func lossyExport() throws {
    let scratch = try MistakeScratch()
    defer { scratch.remove() }
    try scratch.write(
      "Identity,User,AccessRights,IsInherited,Deny\r\n"
        + "ceo@contoso.com,ana@contoso.com,System.Collections.ArrayList,False,False\r\n"
        + "cfo@contoso.com,bo@contoso.com,System.Collections.ArrayList,False,False\r\n",
      "exports/mailbox-permissions.csv")
    let register = try scratch.write(
      registerHeader
        + "ceo@contoso.com,ana@contoso.com,FullAccess,,cfo@contoso.com,2026-01-15,,,,2026-11-01,cfo@contoso.com,keep\r\n",
      "register.csv")
    let pack = scratch.path("pack")
    let outcome = scratch.run([
      "run", scratch.path("exports"), "--register", register, "--out", pack, "--as-of", "2026-11-30",
    ])
    #expect(
      outcome.stderr.contains(
        "mailbox-permissions.csv:2: warning: column AccessRights holds the type name System.Collections.ArrayList in 2 rows; the export lost these values"
      ))
    #expect(
      outcome.stderr.contains("hint: re-export: Get-EXOMailbox -ResultSize Unlimited | Get-MailboxPermission")
    )
    let result = try #require(try scratch.results(pack).first { $0["id"] as? String == "EXT-08.3" })
    #expect(result["status"] as? String != "satisfied")
    #expect(
      (result["missingEvidence"] as? [String] ?? []).contains { $0.contains("re-export: Get-EXOMailbox") })
  }

  @Test("A register right that does not exist is rejected with its line and the near miss")
  func registerUnknownRight() throws {
    let scratch = try MistakeScratch()
    defer { scratch.remove() }
    let exports = try scratch.sampleExports()
    let register = try scratch.write(
      registerHeader
        + "ceo@contoso.com,alex.wilber@contoso.com,FulAccess,,cfo@contoso.com,2026-01-15,,,,,,\r\n"
        + "ceo@contoso.com,alex.wilber@contoso.com,SendAs,,cfo@contoso.com,2026-01-15,,,,,,\r\n",
      "register.csv")
    let outcome = scratch.run([
      "run", exports, "--register", register, "--out", scratch.path("pack"), "--as-of", "2026-11-30",
    ])
    #expect(outcome.code == 0)
    #expect(
      outcome.stderr.contains(
        "register.csv:2: error: Right 'FulAccess' is not one of FullAccess, SendAs, SendOnBehalf"))
    #expect(outcome.stderr.contains("hint: did you mean 'FullAccess'?"))
  }

  @Test("A register date in the wrong format is rejected with its line and the format to use")
  func registerDateFormat() throws {
    let scratch = try MistakeScratch()
    defer { scratch.remove() }
    let exports = try scratch.sampleExports()
    let register = try scratch.write(
      registerHeader + "ceo@contoso.com,alex.wilber@contoso.com,SendAs,,cfo@contoso.com,30/09/2026,,,,,,\r\n",
      "register.csv")
    let outcome = scratch.run([
      "run", exports, "--register", register, "--out", scratch.path("pack"), "--as-of", "2026-11-30",
    ])
    // The only row is unusable, so no pack is written.
    #expect(outcome.code == 2)
    #expect(
      outcome.stderr.contains(
        "register.csv:2: error: ApprovedOn '30/09/2026' is not an ISO 8601 date (YYYY-MM-DD)"))
    #expect(outcome.stderr.contains("hint: write dates as 2026-09-30"))
    #expect(outcome.stderr.contains("error: no row of the register could be read; nothing was written"))
    #expect(!scratch.exists("pack"))
  }

  @Test("A register identity that matches two people is reported at its row with what to do")
  func registerAmbiguousIdentity() throws {
    let scratch = try MistakeScratch()
    defer { scratch.remove() }
    try scratch.write(
      "Name,Alias,DisplayName,PrimarySmtpAddress,RecipientTypeDetails,GrantSendOnBehalfTo\r\n"
        + "ceo,ceo,CEO,ceo@contoso.com,UserMailbox,\r\n"
        + "alex.smith,alexs,Alex,alex.smith@contoso.com,UserMailbox,\r\n"
        + "alex.wilber,alexw,Alex,alex.wilber@contoso.com,UserMailbox,\r\n",
      "exports/mailboxes.csv")
    try scratch.write(
      "Identity,User,AccessRights,IsInherited,Deny\r\nceo@contoso.com,alex.wilber@contoso.com,FullAccess,False,False\r\n",
      "exports/mailbox-permissions.csv")
    let register = try scratch.write(
      registerHeader
        + "ceo@contoso.com,Alex,FullAccess,,cfo@contoso.com,2026-01-15,,,,2026-11-01,cfo@contoso.com,keep\r\n",
      "register.csv")
    let pack = scratch.path("pack")
    let outcome = scratch.run([
      "run", scratch.path("exports"), "--register", register, "--out", pack, "--as-of", "2026-11-30",
    ])
    #expect(outcome.code == 0)
    #expect(
      outcome.stderr.contains(
        "register.csv:2: warning: identity 'Alex' matches 2 principals: alex.smith@contoso.com, alex.wilber@contoso.com"
      ))
    #expect(outcome.stderr.contains("use a unique UPN"))
    // The row documents nothing: the grant stays unreviewed and the row is reported stale.
    let findings = try String(contentsOfFile: pack + "/data/findings.csv", encoding: .utf8)
    #expect(findings.contains("FULLACCESS_NOT_REVIEWED"))
    #expect(
      findings.contains(
        "trustee 'Alex' is ambiguous (matches alex.smith@contoso.com, alex.wilber@contoso.com)"))
  }

  @Test("An unknown framework id is a usage error with the near miss and the known ids")
  func unknownFramework() throws {
    let scratch = try MistakeScratch()
    defer { scratch.remove() }
    let near = scratch.run([
      "run", MistakeScratch.sampleExports, "--out", scratch.path("p"), "--frameworks", "soc2,iso2700",
    ])
    #expect(near.code == 64)
    #expect(near.stderr.contains("error: unknown framework id 'iso2700'"))
    #expect(near.stderr.contains("hint: did you mean 'iso27001'?"))
    let far = scratch.run([
      "run", MistakeScratch.sampleExports, "--out", scratch.path("p"), "--frameworks", "pci-dss-9",
    ])
    #expect(far.code == 64)
    #expect(far.stderr.contains("error: unknown framework id 'pci-dss-9'"))
    #expect(far.stderr.contains("known ids:") || far.stderr.contains("did you mean"))
    #expect(!scratch.exists("p"))
  }

  @Test(
    "--as-of in the wrong format is a usage error showing the format",
    arguments: ["30/11/2026", "2026-13-01", "2026-02-30", "yesterday", "2026-11-30T25:00:00Z", ""])
  func asOfFormat(value: String) throws {
    let scratch = try MistakeScratch()
    defer { scratch.remove() }
    let outcome = scratch.run([
      "run", MistakeScratch.sampleExports, "--out", scratch.path("p"), "--as-of", value,
    ])
    #expect(outcome.code == 64)
    #expect(outcome.stderr.contains("error: --as-of '\(value)' is not an ISO 8601 date"))
    #expect(outcome.stderr.contains("hint: write it as 2026-11-30"))
    #expect(!scratch.exists("p"))
  }

  @Test("A pack given where exports were expected: say so, and name --baseline and verify")
  func packGivenAsExports() throws {
    let scratch = try MistakeScratch()
    defer { scratch.remove() }
    let pack = scratch.path("pack")
    #expect(
      scratch.run(["run", MistakeScratch.sampleExports, "--out", pack, "--as-of", "2026-11-30", "--quiet"])
        .code == 0)
    let outcome = scratch.run(["run", pack, "--out", scratch.path("pack2"), "--as-of", "2026-11-30"])
    #expect(outcome.code == 2)
    #expect(outcome.stderr.contains("error: \(pack) is an evidence pack, not exports; nothing was written"))
    #expect(
      outcome.stderr.contains(
        "hint: pass the original exports; to compare with this pack use --baseline \(pack)"))
    #expect(outcome.stderr.contains("'delegation-audit verify \(pack)'"))
    #expect(!scratch.exists("pack2"))
    // The same pack left inside an exports folder.
    let exports = try scratch.sampleExports("exports")
    try FileManager.default.copyItem(atPath: pack, toPath: exports + "/2026-11")
    let nested = scratch.run(["run", exports, "--out", scratch.path("pack3"), "--as-of", "2026-11-30"])
    #expect(nested.code == 2)
    #expect(nested.stderr.contains("error: \(exports)/2026-11 is an evidence pack, not exports"))
    #expect(nested.stderr.contains("hint: move the pack out of the exports folder"))
  }

  @Test("Exports given where a pack was expected: verify asks 'did you mean run?'")
  func exportsGivenToVerify() throws {
    let scratch = try MistakeScratch()
    defer { scratch.remove() }
    for target in [MistakeScratch.sampleExports, MistakeScratch.sampleExports + "/mailbox-permissions.csv"] {
      let outcome = scratch.run(["verify", target])
      #expect(outcome.code == 2)
      #expect(outcome.stderr.contains("error: \(target) is not an evidence pack"))
      #expect(outcome.stderr.contains("; it holds exports"))
      #expect(outcome.stderr.contains("hint: did you mean 'delegation-audit run \(target) --out PACK'?"))
    }
    // A folder of something else keeps the plain message.
    try scratch.write("x", "other/notes.bin")
    let other = scratch.run(["verify", scratch.path("other")])
    #expect(other.code == 2)
    #expect(!other.stderr.contains("did you mean"))
  }

  @Test(
    "--out on the inputs, inside an input folder, or over the current folder is refused; nothing is touched")
  func outOnTheInputs() throws {
    let scratch = try MistakeScratch()
    defer { scratch.remove() }
    let exports = try scratch.sampleExports()
    let before = try FileManager.default.contentsOfDirectory(atPath: exports).sorted()
    let same = scratch.run(["run", exports, "--out", exports, "--force", "--as-of", "2026-11-30"])
    #expect(same.code == 64)
    #expect(
      same.stderr.contains(
        "error: --out \(exports) holds the input \(exports); refusing to write the pack there"))
    let above = scratch.run(["run", exports, "--out", scratch.root.path, "--force", "--as-of", "2026-11-30"])
    #expect(above.code == 64)
    #expect(above.stderr.contains("holds the input"))
    let inside = scratch.run(["run", exports, "--out", exports + "/pack", "--as-of", "2026-11-30"])
    #expect(inside.code == 64)
    #expect(
      inside.stderr.contains(
        "is inside the input folder \(exports); the next run would read the pack as exports"))
    let register = try scratch.write(registerHeader, "old-pack/register.csv")
    let registerInPack = scratch.run([
      "run", exports, "--register", register, "--out", scratch.path("old-pack"), "--force", "--as-of",
      "2026-11-30",
    ])
    #expect(registerInPack.code == 64)
    #expect(registerInPack.stderr.contains("holds the input \(register)"))
    #expect(try FileManager.default.contentsOfDirectory(atPath: exports).sorted() == before)
    #expect(scratch.exists("old-pack/register.csv"))
  }

  @Test("run --out on a folder that is not a pack is refused with or without --force; nothing is touched")
  func outOnAForeignFolder() throws {
    let scratch = try MistakeScratch()
    defer { scratch.remove() }
    try scratch.write("mine", "documents/thesis.txt")
    let out = scratch.path("documents")
    for force in [[], ["--force"]] {
      let outcome = scratch.run(
        ["run", MistakeScratch.sampleExports, "--out", out, "--as-of", "2026-11-30"] + force)
      #expect(outcome.code == 64, "\(force)")
      #expect(
        outcome.stderr
          == "error: \(out) exists and is not an evidence pack (it has no manifest.json and SHA256SUMS); "
          + "refusing to replace it, with or without --force\n  hint: choose a new --out folder, or empty this one first\n"
      )
      #expect(outcome.stdout.isEmpty)
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: out) == ["thesis.txt"])
    #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.root.path) == ["documents"])
  }

  @Test("run replaces its own pack; a pack whose files were edited only with --force")
  func rerunOverAnEditedPack() throws {
    let scratch = try MistakeScratch()
    defer { scratch.remove() }
    let out = scratch.path("pack")
    let arguments = ["run", MistakeScratch.sampleExports, "--out", out, "--as-of", "2026-11-30", "--quiet"]
    #expect(scratch.run(arguments).code == 0)
    #expect(scratch.run(arguments).code == 0, "an intact pack is replaced without --force")
    try scratch.write("auditor's note", "pack/notes.txt")
    let refused = scratch.run(arguments)
    #expect(refused.code == 64)
    #expect(
      refused.stderr.contains(
        "error: \(out) is an evidence pack whose files changed since it was written (notes.txt was added); "
          + "refusing to replace it"))
    #expect(
      refused.stderr.contains(
        "hint: choose a new --out folder, or pass --force to replace the pack and discard those changes"))
    #expect(scratch.exists("pack/notes.txt"))
    let forced = scratch.run(arguments + ["--force"])
    #expect(forced.code == 0, "\(forced.stderr)")
    #expect(!scratch.exists("pack/notes.txt"))
    #expect(scratch.exists("pack/SHA256SUMS"))
  }

  /// Checked on the placement rule itself: a failing test must not get to clear these folders.
  @Test("--force never replaces the current folder, one of its parents, the home folder or the root")
  func forceNeverReplacesWhereTheUserIs() throws {
    let scratch = try MistakeScratch()
    defer { scratch.remove() }
    let inputs: [String] = []
    let current = FileManager.default.currentDirectoryPath
    for out in [
      current, URL(fileURLWithPath: current).deletingLastPathComponent().path, "/", scratch.root.path,
    ] {
      let problem = OutputPlacement.problem(out: out, inputs: inputs, force: true, home: scratch.root.path)
      #expect(problem?.message.hasPrefix("--force would replace \(out)") == true, "\(out)")
      #expect(OutputPlacement.problem(out: out, inputs: inputs, force: false, home: scratch.root.path) == nil)
    }
    #expect(OutputPlacement.problem(out: scratch.path("pack"), inputs: inputs, force: true, home: nil) == nil)
  }
}
