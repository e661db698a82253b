import AuditModel
import Foundation
import Testing

@testable import AuditCLI

@Suite struct ArgumentParserTests {
  @Test func bothOptionSpellingsAndDoubleDash() throws {
    let parsed = try ArgumentParser.parse(
      ["exports", "--out=pack", "--as-of", "2026-11-30", "--quiet", "--", "--odd-file"], for: CommandTable.run
    )
    #expect(parsed.value("out") == "pack")
    #expect(parsed.value("as-of") == "2026-11-30")
    #expect(parsed.has("quiet"))
    #expect(parsed.positionals == ["exports", "--odd-file"])
  }

  @Test func unknownOptionSuggestsTheNearMiss() {
    #expect(throws: UsageError.self) { try ArgumentParser.parse(["x", "--ot", "p"], for: CommandTable.run) }
    do {
      _ = try ArgumentParser.parse(["x", "--regster", "r.csv"], for: CommandTable.run)
    } catch {
      #expect(error.message == "unknown option '--regster' for 'run'")
      #expect(error.hint == "did you mean '--register'?")
    }
  }

  @Test func missingValueAndFlagWithValue() {
    #expect(throws: UsageError.self) { try ArgumentParser.parse(["x", "--out"], for: CommandTable.run) }
    #expect(throws: UsageError.self) {
      try ArgumentParser.parse(["x", "--quiet=yes"], for: CommandTable.run)
    }
  }

  @Test func positionalCountIsChecked() {
    #expect(throws: UsageError.self) { try ArgumentParser.parse(["--out", "p"], for: CommandTable.run) }
    #expect(throws: UsageError.self) { try ArgumentParser.parse(["a", "b"], for: CommandTable.help) }
  }

  @Test func nearMiss() {
    #expect(NearMiss.suggest("inspet", among: CommandTable.all.map(\.name)) == "inspect")
    #expect(NearMiss.suggest("verfy", among: CommandTable.all.map(\.name)) == "verify")
    #expect(NearMiss.suggest("zzzzzz", among: CommandTable.all.map(\.name)) == nil)
  }
}

@Suite struct CommandLineToolTests {
  func run(_ arguments: [String], environment: [String: String] = [:]) -> (Int32, Console.Capture) {
    let capture = Console.Capture()
    let code = CommandLineTool.main(arguments, console: capture.console(environment: environment))
    return (code, capture)
  }

  @Test func versionAndHelp() {
    let (code, capture) = run(["--version"])
    #expect(code == 0)
    #expect(capture.stdout == "delegation-audit \(CommandTable.version)\n")
    let (helpCode, help) = run(["--help"])
    #expect(helpCode == 0)
    for command in CommandTable.all { #expect(help.stdout.contains("  \(command.name) ")) }
  }

  @Test(arguments: CommandTable.all.map(\.name))
  func everyCommandHasHelpWithUsageAndExample(name: String) {
    let (code, capture) = run([name, "--help"])
    #expect(code == 0)
    #expect(capture.stdout.contains("Usage: delegation-audit \(name)"))
    #expect(capture.stdout.contains("Example:\n  delegation-audit "))
    let (helpCode, viaHelp) = run(["help", name])
    #expect(helpCode == 0)
    #expect(viaHelp.stdout == capture.stdout)
  }

  @Test func unknownCommandSuggests() {
    let (code, capture) = run(["inspct", "x"])
    #expect(code == 64)
    #expect(capture.stderr.contains("unknown command 'inspct'"))
    #expect(capture.stderr.contains("did you mean 'inspect'?"))
  }

  @Test func noCommandIsAUsageErrorWithTheOverviewOnStderr() {
    let (code, capture) = run([])
    #expect(code == 64)
    #expect(capture.stdout.isEmpty)
    #expect(capture.stderr.contains("Usage: delegation-audit COMMAND [options]"))
  }

  @Test func unknownGlobalOptionSuggestsAGlobalOption() {
    let (code, capture) = run(["--verison"])
    #expect(code == 64)
    #expect(capture.stderr.contains("unknown option '--verison'"))
    #expect(capture.stderr.contains("did you mean '--version'?"))
  }

  @Test func unknownKindSuggestsInInspectAndRun() {
    for command in [["inspect", "x"], ["run", "x", "--out", "/tmp/never-written-pack"]] {
      let (code, capture) = run(command + ["--kind", "mailbox-permissions"])
      #expect(code == 64)
      #expect(capture.stderr.contains("did you mean 'mailbox-permission'?"), "\(command[0])")
    }
  }

  @Test(arguments: ["run", "inspect", "diff", "verify", "frameworks"])
  func machineOutputIsOfferedWhereThereIsAResult(name: String) {
    let spec = CommandTable.all.first { $0.name == name }!
    #expect(spec.options.contains { $0.name == "json" && $0.value == nil })
  }

  @Test func frameworksShowsOneCatalogAsJSON() {
    let (code, capture) = run(["frameworks", "soc2", "--json"])
    #expect(code == 0)
    let object = try? JSONSerialization.jsonObject(with: Data(capture.stdout.utf8)) as? [String: Any]
    #expect(object?["schemaVersion"] as? Int == 1)
    #expect(object?["id"] as? String == "soc2")
    let requirements = object?["requirements"] as? [[String: Any]] ?? []
    #expect(!requirements.isEmpty)
    let mappings = requirements.flatMap { $0["mappings"] as? [[String: Any]] ?? [] }
    #expect(mappings.allSatisfy { ($0["control"] as? String)?.hasPrefix("EXT-08.") == true })
  }

  @Test func runNeedsOut() {
    let (code, capture) = run(["run", "exports"])
    #expect(code == 64)
    #expect(capture.stderr.contains("needs --out DIR"))
  }

  @Test func badAsOfIsAUsageError() {
    let (code, capture) = run(["run", "exports", "--out", "/tmp/x", "--as-of", "30/11/2026"])
    #expect(code == 64)
    #expect(capture.stderr.contains("--as-of '30/11/2026' is not an ISO 8601 date"))
  }

  @Test func missingInputExits2() {
    let (code, capture) = run(["run", "/nonexistent/exports", "--out", "/tmp/never-written-pack"])
    #expect(code == 2)
    #expect(capture.stderr.contains("no such file or folder: /nonexistent/exports"))
  }

  @Test func frameworksListsAndShowsCatalogs() {
    let (code, capture) = run(["frameworks"])
    #expect(code == 0)
    for id in [
      "soc2", "iso27001", "cis-m365", "nist-800-53", "nist-csf", "hipaa", "pci-dss", "cisa-scuba",
      "cis-controls",
    ] {
      #expect(capture.stdout.contains("  \(id) "), "\(id)")
    }
    let (showCode, show) = run(["frameworks", "soc2"])
    #expect(showCode == 0)
    #expect(show.stdout.contains("→ EXT-08.1"))
    #expect(show.stdout.contains("Not covered: "))
    let (badCode, bad) = run(["frameworks", "soc-2"])
    #expect(badCode == 64)
    #expect(bad.stderr.contains("did you mean 'soc2'?"))
  }
}

@Suite struct InspectCommandTests {
  @Test func namesColumnsFoundAndMissing() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "da-inspect-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("mailboxes.csv")
    try Data("Name,Alias,PrimarySmtpAddress,RecipientTypeDetails\nCEO,ceo,ceo@contoso.com,UserMailbox\n".utf8)
      .write(to: file)
    let capture = Console.Capture()
    let code = CommandLineTool.main(["inspect", file.path], console: capture.console())
    #expect(code == 0)
    #expect(capture.stdout.contains("kind:      mailbox"))
    #expect(capture.stdout.contains("missing:   GrantSendOnBehalfTo, AuditDelegate, AuditAdmin"))
    #expect(capture.stdout.contains("records:   1 read, 1 produced, 0 excluded, 0 rejected"))
  }
}
