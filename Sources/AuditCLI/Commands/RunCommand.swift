import AuditIngest
import AuditModel
import AuditReport
import Foundation

/// `delegation-audit run`: ingest, evaluate, write the pack.
struct RunCommand {
  var arguments: ParsedArguments
  var console: Console

  static let plannedOptions = [
    "register", "baseline", "policy", "frameworks", "period-start", "period-end", "templates", "zip", "fail-on",
  ]

  func execute() -> ExitCode {
    guard let out = arguments.value("out") else {
      console.err(UsageError(message: "'run' needs --out DIR", hint: "usage: \(CommandTable.run.usage)").description)
      return .usage
    }
    for option in Self.plannedOptions where arguments.values[option] != nil || arguments.has(option) {
      console.err("error: option '--\(option)' is planned but not built yet\n  hint: run without it for now")
      return .usage
    }
    let asOf: Int64
    switch AsOf.resolve(arguments.value("as-of"), environment: console.environment) {
    case .success(let value): asOf = value
    case .failure(let error):
      console.err(error.description)
      return .usage
    }
    var kind: InputKind?
    if let name = arguments.value("kind") {
      guard let parsed = InputKind(rawValue: name) else {
        let suggestion = NearMiss.suggest(name, among: InputKind.allCases.map(\.rawValue))
        console.err(
          UsageError(
            message: "unknown kind '\(name)'",
            hint: suggestion.map { "did you mean '\($0)'?" }
              ?? "kinds: \(InputKind.allCases.map(\.rawValue).joined(separator: ", "))"
          ).description)
        return .usage
      }
      kind = parsed
    }
    let outURL = URL(fileURLWithPath: out)
    do {
      try PackWriter.checkDestination(outURL, force: arguments.has("force"))
    } catch {
      console.err(error.description)
      return .usage
    }

    let result: Ingest.Result
    do {
      result = try Ingest.run(arguments.positionals, kindOverride: kind)
    } catch {
      console.err(error.description)
      return .inputUnusable
    }
    let quiet = arguments.has("quiet")
    DiagnosticPrinter.print(result.inventory.diagnostics, to: console, quiet: quiet)
    guard result.files.contains(where: { $0.kind != nil }) else {
      console.err(
        "error: no recognisable export among the \(result.files.count) input file(s); nothing was written\n"
          + "  hint: see the README's export recipe, or run 'delegation-audit inspect' on the files")
      return .inputUnusable
    }

    let inputs = result.files.map {
      PackInput(
        role: "exports", path: $0.input.displayPath, sha256: $0.sha256, size: $0.size, kind: $0.kind?.rawValue,
        serialisation: $0.report.serialisation.rawValue, encoding: $0.report.encoding.rawValue,
        ledger: $0.facts.ledger)
    }
    var options: [(String, String)] = [("as-of", DateParser.iso(asOf))]
    if let org = arguments.value("org") { options.append(("org", org)) }
    if let kind { options.append(("kind", kind.rawValue)) }
    let settings = RunSettings(
      toolVersion: CommandTable.version, asOf: asOf, organisation: arguments.value("org"), options: options)
    let files = PackBuilder(inventory: result.inventory, inputs: inputs, settings: settings).build()
    do {
      try PackWriter.write(files, to: outURL, force: arguments.has("force"))
    } catch {
      console.err(error.description)
      return .internalError
    }
    let index = outURL.appendingPathComponent("index.html").path
    if arguments.has("json") {
      console.out(
        JSONValue.object([
          ("pack", .string(out)),
          ("index", .string(index)),
          ("grants", .int(Int64(result.inventory.grants.count))),
          ("excluded", .int(Int64(result.inventory.excluded.count))),
          ("rejected", .int(Int64(result.inventory.rejected.count))),
        ]).serialised())
    } else if !quiet {
      console.out(
        "\(result.inventory.grants.count) grants from \(result.files.count) files "
          + "(\(result.inventory.excluded.count) rows excluded, \(result.inventory.rejected.count) rejected)\n"
          + "evidence pack written: \(index)")
    }
    return .packWritten
  }
}

/// Prints input diagnostics on stderr, errors and warnings first, capped so a bad file cannot flood.
enum DiagnosticPrinter {
  static let limit = 20

  static func print(_ diagnostics: [Diagnostic], to console: Console, quiet: Bool) {
    let shown = diagnostics.filter { !quiet || $0.level == .error }.sorted { $0.level < $1.level }
    for diagnostic in shown.prefix(limit) { console.err(diagnostic.description) }
    if shown.count > limit {
      console.err("note: \(shown.count - limit) more diagnostics; see the report's input problems section")
    }
  }
}
