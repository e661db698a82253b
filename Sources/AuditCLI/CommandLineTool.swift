import AuditModel
import AuditReport

/// The command-line entry point: picks the command, parses its arguments, runs it, returns the exit code.
public enum CommandLineTool {
  /// Makes SIGINT, SIGTERM and SIGHUP end the process without leaving half a pack, and a crash
  /// end it with exit code 70 and a message (the executable calls this once; commands run in
  /// process by tests do not).
  public static func installSignalHandlers() {
    WriteInterruption.installHandlers()
    CrashExit.install()
  }

  /// Set by the executable, which exits as soon as a command returns: `run` then leaves its
  /// results to the exit instead of freeing millions of objects one by one (about 0.4 s on a
  /// 100,000-mailbox tenant). Commands run in process, as the tests run them, free them as usual.
  nonisolated(unsafe) public static var leavesResultsToExit = false

  public static func main(_ arguments: [String], console: Console) -> Int32 {
    guard let first = arguments.first else {
      // No command is a usage error: the overview goes to stderr so that stdout stays empty.
      console.err(CommandTable.overview)
      return ExitCode.usage.rawValue
    }
    switch first {
    case "--help", "-h":
      console.out(CommandTable.overview)
      return 0
    case "--version":
      console.out("delegation-audit \(CommandTable.version)")
      return 0
    default:
      break
    }
    if let generator = HiddenCommands.generator(first) {
      return generator(Array(arguments.dropFirst()), console).rawValue
    }
    guard let spec = CommandTable.all.first(where: { $0.name == first }) else {
      let isOption = first.hasPrefix("-")
      let word = isOption ? String(first.drop { $0 == "-" }.prefix { $0 != "=" }) : first
      let suggestion = NearMiss.suggest(
        word, among: isOption ? ["help", "version"] : CommandTable.all.map(\.name))
      let error = UsageError(
        message: isOption ? "unknown option '\(first)'" : "unknown command '\(first)'",
        hint: suggestion.map { "did you mean '\(isOption ? "--" : "")\($0)'?" }
          ?? "see 'delegation-audit --help'")
      console.err(error.description)
      return ExitCode.usage.rawValue
    }
    let rest = Array(arguments.dropFirst())
    do {
      let parsed = try ArgumentParser.parse(rest, for: spec)
      if parsed.has("help") {
        console.out(spec.helpText)
        return 0
      }
      guard spec.isImplemented else {
        console.err(
          "error: '\(spec.name)' is planned but not built yet\n  hint: see the README for what works today")
        return ExitCode.usage.rawValue
      }
      switch spec.name {
      case "run": return RunCommand(arguments: parsed, console: console).execute().rawValue
      case "register": return RegisterInitCommand(arguments: parsed, console: console).execute().rawValue
      case "frameworks": return FrameworksCommand(arguments: parsed, console: console).execute().rawValue
      case "inspect": return InspectCommand(arguments: parsed, console: console).execute().rawValue
      case "diff": return DiffCommand(arguments: parsed, console: console).execute().rawValue
      case "verify": return VerifyCommand(arguments: parsed, console: console).execute().rawValue
      case "sample": return SampleCommand(arguments: parsed, console: console).execute().rawValue
      case "help":
        if let name = parsed.positionals.first {
          guard let target = CommandTable.all.first(where: { $0.name == name }) else {
            let suggestion = NearMiss.suggest(name, among: CommandTable.all.map(\.name))
            console.err(
              UsageError(
                message: "unknown command '\(name)'", hint: suggestion.map { "did you mean '\($0)'?" }
              )
              .description)
            return ExitCode.usage.rawValue
          }
          console.out(target.helpText)
        } else {
          console.out(CommandTable.overview)
        }
        return 0
      default:
        return ExitCode.internalError.rawValue
      }
    } catch {
      console.err(error.description)
      return ExitCode.usage.rawValue
    }
  }
}
