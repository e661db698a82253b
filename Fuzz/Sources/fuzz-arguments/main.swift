import FuzzSupport

// Fuzz target: the command line. The input is argv, arguments separated by NUL bytes.
//
// Every command's argument parser sees the arguments, and `run`'s validation (dates, kinds,
// severities, framework ids) sees what parses. `CommandLineTool.main` runs with a capture
// console only where it cannot touch the file system: unknown commands, --help, --version,
// `help`, `frameworks`, planned commands and arguments that fail to parse. (Running `run`,
// `inspect`, `diff` or `verify` on fuzzed paths would read and write the machine's files.)
@testable import AuditCLI

/// Commands whose execution only prints from bundled data.
let printOnly: Set<String> = ["help", "frameworks", "--help", "-h", "--version"]

runFuzzer { data, size in
  let arguments = bytes(data, size).split(separator: 0, omittingEmptySubsequences: false).prefix(64)
    .map { String(decoding: $0, as: UTF8.self) }
  var safeToRun = arguments.isEmpty || printOnly.contains(arguments[0])
  if let name = arguments.first, let spec = CommandTable.all.first(where: { $0.name == name }) {
    let rest = Array(arguments.dropFirst())
    do throws(UsageError) {
      let parsed = try ArgumentParser.parse(rest, for: spec)
      if parsed.has("help") || !spec.isImplemented { safeToRun = true }
      if spec.name == "run", parsed.value("out") != nil {
        _ = RunCommand(arguments: parsed, console: Console.Capture().console()).parse()
      }
    } catch {
      require(error.description.hasPrefix("error: "), "usage error without 'error: ': \(error)")
      safeToRun = true
    }
  } else if !arguments.isEmpty {
    safeToRun = true  // an unknown command: main prints a usage error
  }
  // Every spec's parser, whatever the command name says.
  for spec in CommandTable.all { _ = try? ArgumentParser.parse(arguments, for: spec) }
  if safeToRun {
    let capture = Console.Capture()
    let code = CommandLineTool.main(arguments, console: capture.console(environment: [:]))
    require([0, 64].contains(code), "exit code \(code) from a print-only command line")
    if code == 64 { require(capture.stderr.hasPrefix("error: "), "usage error without 'error: '") }
  }
  return 0
}
