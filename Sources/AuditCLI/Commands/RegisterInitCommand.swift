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
    if FileManager.default.fileExists(atPath: url.path) && !arguments.has("force") {
      console.err(
        "error: \(out) exists; refusing to overwrite a register\n  hint: choose another --out, or pass --force"
      )
      return .usage
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
      try Data(bytes).write(to: url, options: .atomic)
    } catch {
      console.err("error: cannot write \(out): \(error.localizedDescription)")
      return .internalError
    }
    let rows = result.inventory.grants.filter(RegisterTemplate.isRegistered).count
    if !arguments.has("quiet") { console.out("register with \(rows) grants written: \(out)") }
    return .packWritten
  }
}
