import AuditIngest
import AuditModel
import AuditReport
import Foundation

/// `delegation-audit run`: ingest, evaluate, write the pack.
struct RunCommand {
  var arguments: ParsedArguments
  var console: Console
  /// Time since the run started, for the progress line; nil for a monotonic clock (tests inject one).
  var progressClock: (() -> Duration)? = nil

  func execute() -> ExitCode {
    StageClock.mark("run started")
    let request: RunRequest
    let failOn: Severity?
    switch parse() {
    case .success(let parsed): (request, failOn) = parsed
    case .failure(let error):
      console.err(error.description)
      return .usage
    }
    let out = arguments.value("out")!
    let outURL = URL(fileURLWithPath: out)
    // A --baseline pack may be replaced by its successor (it is read before anything is written).
    let sources = request.inputs + [request.register, request.policy, request.templates].compactMap { $0 }
    if let problem = OutputPlacement.problem(
      out: out, inputs: sources, force: arguments.has("force"), home: console.environment["HOME"])
    {
      console.err(problem.description)
      return .usage
    }
    do {
      try PackWriter.checkDestination(outURL, force: arguments.has("force"))
    } catch {
      console.err(error.description)
      return .usage
    }
    let quiet = arguments.has("quiet")
    let output: RunOutput
    let progress = ProgressReporter(console: console, enabled: !quiet, elapsed: progressClock)
    switch RunPipeline.build(request, progress: progress) {
    case .success(let value): output = value
    case .failure(let failure):
      progress.finish()
      DiagnosticPrinter.print(failure.diagnostics, to: console, quiet: quiet)
      console.err(failure.message)
      return failure.code
    }
    progress.finish()
    DiagnosticPrinter.print(output.ingest.inventory.diagnostics, to: console, quiet: quiet)
    progress.enter("writing")
    do {
      try PackWriter.write(output.files, to: outURL, force: arguments.has("force"))
    } catch {
      progress.finish()
      console.err(error.description)
      return .internalError
    }
    StageClock.mark("pack written")
    if arguments.has("zip") {
      let zipURL = URL(fileURLWithPath: out.hasSuffix("/") ? String(out.dropLast()) + ".zip" : out + ".zip")
      do {
        try PackZipWriter.write(
          output.files, root: outURL.lastPathComponent, modificationTime: request.asOf, to: zipURL)
      } catch {
        progress.finish()
        console.err(error.description)
        return .internalError
      }
    }
    progress.finish()
    printSummary(output, out: out, index: outURL.appendingPathComponent("index.html").path, quiet: quiet)
    if CommandLineTool.leavesResultsToExit { LeftToExit.keep(output) }
    if let failOn, output.assessment.findings.contains(where: { !$0.waived && $0.severity >= failOn }) {
      return .findingsAtOrAboveThreshold
    }
    return .packWritten
  }

  /// Validates the options into a request; every mistake is a usage error naming the argument.
  func parse() -> Result<(RunRequest, Severity?), UsageError> {
    guard arguments.value("out") != nil else {
      return .failure(UsageError(message: "'run' needs --out DIR", hint: "usage: \(CommandTable.run.usage)"))
    }
    let asOf: Int64
    switch AsOf.resolve(arguments.value("as-of"), environment: console.environment) {
    case .success(let value): asOf = value
    case .failure(let error): return .failure(error)
    }
    var kind: InputKind?
    if let name = arguments.value("kind") {
      guard let parsed = InputKind(rawValue: name) else {
        let suggestion = NearMiss.suggest(name, among: InputKind.allCases.map(\.rawValue))
        return .failure(
          UsageError(
            message: "unknown kind '\(name)'",
            hint: suggestion.map { "did you mean '\($0)'?" }
              ?? "kinds: \(InputKind.allCases.map(\.rawValue).joined(separator: ", "))"))
      }
      kind = parsed
    }
    var failOn: Severity?
    if let name = arguments.value("fail-on") {
      guard let severity = Severity(rawValue: name) else {
        let suggestion = NearMiss.suggest(name, among: Severity.allCases.map(\.rawValue))
        return .failure(
          UsageError(
            message: "--fail-on '\(name)' is not a severity",
            hint: suggestion.map { "did you mean '\($0)'?" } ?? "use high, medium, low or info"))
      }
      failOn = severity
    }
    var dates: [String: Int64] = [:]
    for option in ["period-start", "period-end"] {
      guard let text = arguments.value(option) else { continue }
      guard let seconds = DateParser.iso8601(Substring(text)) else {
        return .failure(
          UsageError(message: "--\(option) '\(text)' is not an ISO 8601 date", hint: "write it as 2026-09-01")
        )
      }
      dates[option] = seconds
    }
    if let start = dates["period-start"], start > (dates["period-end"] ?? asOf) {
      return .failure(UsageError(message: "--period-start is after the end of the period"))
    }
    var frameworks = FrameworkCatalogs.defaultSelection
    if let list = arguments.value("frameworks") {
      frameworks = []
      for raw in list.split(separator: ",") {
        let id = String(raw).trimmingCharacters(in: .whitespaces).lowercased()
        guard FrameworkCatalogs.bundledIDs.contains(id) else {
          let suggestion = FrameworkCatalogs.nearestID(to: id)
          return .failure(
            UsageError(
              message: "unknown framework id '\(id)'",
              hint: suggestion.map { "did you mean '\($0)'?" }
                ?? "known ids: \(FrameworkCatalogs.bundledIDs.joined(separator: ", ")) (see 'delegation-audit frameworks')"
            ))
        }
        if !frameworks.contains(id) { frameworks.append(id) }
      }
    }
    var request = RunRequest(
      inputs: arguments.positionals, register: arguments.value("register"),
      baseline: arguments.value("baseline"), policy: arguments.value("policy"),
      asOf: asOf, periodStart: dates["period-start"], periodEnd: dates["period-end"],
      organisation: arguments.value("org"), kind: kind)
    request.frameworks = frameworks
    request.templates = arguments.value("templates")
    return .success((request, failOn))
  }

  func printSummary(_ output: RunOutput, out: String, index: String, quiet: Bool) {
    let inventory = output.ingest.inventory
    let assessment = output.assessment
    if arguments.has("json") {
      console.out(
        JSONValue.object([
          ("schemaVersion", .int(1)),
          ("pack", .string(out)),
          ("index", .string(index)),
          ("grants", .int(Int64(inventory.grants.count))),
          ("excluded", .int(Int64(inventory.excludedCount))),
          ("rejected", .int(Int64(inventory.rejected.count))),
          ("findings", .int(Int64(assessment.findings.count))),
          ("waived", .int(Int64(assessment.findings.filter(\.waived).count))),
          (
            "requirements",
            .object(assessment.results.map { ($0.requirement.rawValue, .string($0.status.rawValue)) })
          ),
        ]).serialised())
      return
    }
    guard !quiet else { return }
    var lines = [
      "\(inventory.grants.count) grants from \(output.ingest.files.count) files "
        + "(\(inventory.excludedCount) rows excluded, \(inventory.rejected.count) rejected)"
    ]
    for result in assessment.results {
      lines.append(
        "\(result.requirement.rawValue)  \(console.verdict(result.status.rawValue))  \(result.reason)")
    }
    lines.append(
      "\(assessment.findings.count) findings (\(assessment.findings.filter(\.waived).count) waived)")
    lines.append("evidence pack written: \(index)")
    console.out(lines.joined(separator: "\n"))
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
