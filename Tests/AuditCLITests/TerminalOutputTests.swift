import Foundation
import Testing

@testable import AuditCLI

/// Colour and the progress line: only on a terminal, never in captured output, `NO_COLOR` honoured.
@Suite struct TerminalOutputTests {
  static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
  static let sample = packageRoot.appendingPathComponent("SampleData/contoso")
  static let escape = "\u{1B}"

  static func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("da-term-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  @Test func diagnosticLabelsAreColouredWhereTheyStand() {
    let styled = TerminalStyle.diagnosticLabels(
      "mailbox-permissions.csv:7: warning: a type name\n  hint: re-export\nerror: no such file\n")
    #expect(styled.contains("csv:7: \(TerminalStyle.boldYellow)warning:\(TerminalStyle.reset) a type name"))
    #expect(styled.contains("  \(TerminalStyle.bold)hint:\(TerminalStyle.reset) re-export"))
    #expect(styled.contains("\(TerminalStyle.boldRed)error:\(TerminalStyle.reset) no such file"))
    #expect(TerminalStyle.diagnosticLabels("3 grants from 2 files\n") == "3 grants from 2 files\n")
  }

  @Test(arguments: [
    ([String: String](), true, true),
    (["NO_COLOR": "1"], true, false),
    (["NO_COLOR": ""], true, true),
    (["TERM": "dumb"], true, false),
    ([String: String](), false, false),
  ])
  func colourOnlyOnATerminalWithoutNoColor(environment: [String: String], terminal: Bool, coloured: Bool) {
    let capture = Console.Capture()
    let console = capture.console(
      environment: environment, stderrIsTerminal: terminal, stdoutIsTerminal: terminal)
    console.err("error: something")
    console.out(console.verdict("not-satisfied"))
    #expect(capture.stderr.contains(Self.escape) == coloured)
    #expect(capture.stdout.contains(Self.escape) == coloured)
  }

  @Test func verdictWordsHaveTheirColours() {
    #expect(TerminalStyle.verdict("satisfied") == TerminalStyle.boldGreen + "satisfied" + TerminalStyle.reset)
    #expect(
      TerminalStyle.verdict("not-satisfied") == TerminalStyle.boldRed + "not-satisfied" + TerminalStyle.reset)
    #expect(
      TerminalStyle.verdict("not-assessed") == TerminalStyle.boldYellow + "not-assessed" + TerminalStyle.reset
    )
    #expect(TerminalStyle.verdict("NOT intact") == TerminalStyle.boldRed + "NOT intact" + TerminalStyle.reset)
    #expect(TerminalStyle.verdict("other") == "other")
  }

  /// A clock that advances by `step` each time it is read.
  final class SteppingClock: @unchecked Sendable {
    var now = Duration.zero
    let step: Duration
    init(step: Duration) { self.step = step }
    func read() -> Duration {
      now += step
      return now
    }
  }

  @Test func progressWaitsASecondThenRedrawsInPlaceAndClears() {
    let capture = Console.Capture()
    let clock = SteppingClock(step: .milliseconds(400))
    let progress = ProgressReporter(console: capture.console(stderrIsTerminal: true), elapsed: clock.read)
    progress.begin(files: 4)
    progress.fileRead(bytes: 2_000_000, rows: 100)  // 0.4 s: too early
    progress.fileRead(bytes: 2_000_000, rows: 100)  // 0.8 s: too early
    #expect(capture.stderr.isEmpty)
    progress.fileRead(bytes: 2_000_000, rows: 100)  // 1.2 s
    #expect(capture.stderr == "\rreading: 3/4 files, 300 rows, 6.0 MB at 5.0 MB/s, 1.2 s")
    progress.fileRead(bytes: 2_000_000, rows: 50)  // 1.6 s
    #expect(capture.stderr.hasSuffix("\rreading: 4/4 files, 350 rows, 8.0 MB at 5.0 MB/s, 1.6 s"))
    progress.finish()
    let width = "reading: 4/4 files, 350 rows, 8.0 MB at 5.0 MB/s, 1.6 s".count
    #expect(capture.stderr.hasSuffix("\r" + String(repeating: " ", count: width) + "\r"))
    #expect(!capture.stderr.contains("\n"))
    #expect(!capture.stderr.contains(Self.escape))
  }

  @Test func progressNeverWritesWhenStderrIsNotATerminalOrQuiet() {
    for (terminal, enabled) in [(false, true), (true, false)] {
      let capture = Console.Capture()
      let clock = SteppingClock(step: .seconds(5))
      let progress = ProgressReporter(
        console: capture.console(stderrIsTerminal: terminal), enabled: enabled, elapsed: clock.read)
      progress.begin(files: 2)
      progress.fileRead(bytes: 10, rows: 1)
      progress.enter("evaluating")
      progress.fileRead(bytes: 10, rows: 1)
      progress.finish()
      #expect(capture.stderr.isEmpty)
    }
  }

  @Test func progressRedrawsAtMostTenTimesASecond() {
    let capture = Console.Capture()
    let clock = SteppingClock(step: .milliseconds(30))
    clock.now = .seconds(2)
    let progress = ProgressReporter(console: capture.console(stderrIsTerminal: true), elapsed: clock.read)
    progress.begin(files: 100)
    for _ in 0..<10 { progress.fileRead(bytes: 1, rows: 1) }  // 300 ms of files
    let draws = capture.stderr.filter { $0 == "\r" }.count
    #expect(draws >= 3 && draws <= 4, "\(draws) redraws")
  }

  func run(_ extra: [String], capture: Console.Capture, terminal: Bool, environment: [String: String] = [:])
    throws
    -> (ExitCode, URL)
  {
    let folder = try Self.temporaryFolder()
    let pack = folder.appendingPathComponent("pack")
    let arguments = try ArgumentParser.parse(
      [
        Self.sample.appendingPathComponent("exports").path, "--register",
        Self.sample.appendingPathComponent("register.csv").path, "--out", pack.path, "--as-of", "2026-11-30",
      ] + extra, for: CommandTable.run)
    let clock = SteppingClock(step: .milliseconds(700))
    let command = RunCommand(
      arguments: arguments,
      console: capture.console(
        environment: environment, stderrIsTerminal: terminal, stdoutIsTerminal: terminal),
      progressClock: clock.read)
    return (command.execute(), folder)
  }

  @Test func runOnATerminalShowsProgressAndColouredVerdicts() throws {
    let capture = Console.Capture()
    let (code, folder) = try run([], capture: capture, terminal: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    #expect(code == .packWritten)
    #expect(capture.stderr.contains("\rreading: "))
    #expect(capture.stderr.contains("\revaluating: "))
    #expect(capture.stderr.contains("\rwriting: "))
    #expect(capture.stdout.contains("EXT-08.1  \(TerminalStyle.boldRed)not-satisfied\(TerminalStyle.reset)"))
  }

  @Test func runCapturedOrWithNoColorHasNoEscapeAndNoProgress() throws {
    for (terminal, environment) in [(false, [String: String]()), (true, ["NO_COLOR": "1"])] {
      let capture = Console.Capture()
      let (code, folder) = try run([], capture: capture, terminal: terminal, environment: environment)
      defer { try? FileManager.default.removeItem(at: folder) }
      #expect(code == .packWritten)
      #expect(!capture.stdout.contains(Self.escape))
      #expect(!capture.stderr.contains(Self.escape))
      if !terminal { #expect(!capture.stderr.contains("\r")) }
      #expect(capture.stdout.contains("EXT-08.1  not-satisfied  "))
    }
  }

  @Test func jsonSummaryIsNeverColouredAndQuietHasNoProgress() throws {
    let capture = Console.Capture()
    let (code, folder) = try run(["--json", "--quiet"], capture: capture, terminal: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    #expect(code == .packWritten)
    #expect(!capture.stdout.contains(Self.escape))
    let object = try JSONSerialization.jsonObject(with: Data(capture.stdout.utf8)) as? [String: Any]
    #expect(object?["grants"] as? Int == 31)
    #expect(capture.stderr.isEmpty)
  }

  @Test func theBinaryWritesNoEscapeAndNoProgressIntoAPipe() throws {
    let binary = EndToEndTests.binary
    guard FileManager.default.isExecutableFile(atPath: binary.path) else { return }
    let folder = try Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let (code, stdout, stderr) = try EndToEndTests.runBinary(
      [
        "run", Self.sample.appendingPathComponent("exports").path, "--out",
        folder.appendingPathComponent("p").path,
        "--as-of", "2026-11-30", "--kind", "mailbox-permission",
      ],
      environment: ["TERM": "xterm-256color"])
    #expect(code == 0 || code == 2, "\(stderr)")
    #expect(!stdout.contains(Self.escape) && !stderr.contains(Self.escape))
    #expect(!stderr.contains("\r"))
  }
}
