import AuditIngest
import AuditModel
import AuditReport
import Foundation

/// `delegation-audit register init INPUT... --out FILE`: a register pre-filled with every current grant.
struct RegisterInitCommand {
  var arguments: ParsedArguments
  var console: Console

  func execute() -> ExitCode {
    guard arguments.positionals.first == "init" else {
      console.err(
        UsageError(
          message: "'register' needs the subcommand 'init'", hint: "usage: \(CommandTable.register.usage)"
        )
        .description)
      return .usage
    }
    let inputs = Array(arguments.positionals.dropFirst())
    guard !inputs.isEmpty else {
      console.err(
        UsageError(message: "'register init' needs an INPUT", hint: "usage: \(CommandTable.register.usage)")
          .description)
      return .usage
    }
    guard let out = arguments.value("out") else {
      console.err(
        UsageError(message: "'register init' needs --out FILE", hint: "usage: \(CommandTable.register.usage)")
          .description)
      return .usage
    }
    let url = URL(fileURLWithPath: out)
    switch PackDestination.entryType(url) {
    case nil:
      break
    case .typeSymbolicLink?:
      console.err(
        UsageError(
          message: "\(out) is a symbolic link; refusing to replace it", hint: "give a real file path"
        )
        .description)
      return .usage
    case .typeDirectory?:
      console.err(
        UsageError(
          message: "\(out) exists and is a folder", hint: "give --out a file path, e.g. register.csv"
        )
        .description)
      return .usage
    default:
      if !arguments.has("force") {
        console.err(
          "error: \(out) exists; refusing to overwrite a register\n  hint: choose another --out, or pass --force"
        )
        return .usage
      }
    }
    let result: Ingest.Result
    do {
      result = try Ingest.run(inputs)
    } catch {
      console.err(error.description)
      return .inputUnusable
    }
    DiagnosticPrinter.print(result.inventory.diagnostics, to: console, quiet: arguments.has("quiet"))
    guard result.files.contains(where: { $0.kind != nil }) else {
      console.err("error: no recognisable export among the inputs; nothing was written")
      return .inputUnusable
    }
    let bytes = RegisterTemplate.csv(for: result.inventory.grants)
    do {
      // A temporary sibling renamed into place: an interrupted or failed write leaves no partial
      // register, and an earlier one (--force) stays whole until the new one is complete.
      try AtomicFileWriter.write(bytes, to: url)
    } catch {
      console.err(error.description)
      return .internalError
    }
    let rows = result.inventory.grants.filter(RegisterTemplate.isRegistered).count
    if !arguments.has("quiet") { console.out("register with \(rows) grants written: \(out)") }
    return .packWritten
  }
}
