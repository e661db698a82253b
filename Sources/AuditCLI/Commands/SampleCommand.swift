import AuditModel
import AuditReport
import Foundation

/// `delegation-audit sample --out DIR`: writes a synthetic tenant with planted issues and the
/// answer key of its evaluation.
struct SampleCommand {
  var arguments: ParsedArguments
  var console: Console

  func execute() -> ExitCode {
    let options: SampleOptions
    switch parse() {
    case .success(let value): options = value
    case .failure(let error):
      console.err(error.description)
      return .usage
    }
    let out = arguments.value("out")!
    let url = URL(fileURLWithPath: out)
    let destination: Destination
    switch Self.destination(url, force: arguments.has("force")) {
    case .success(let value): destination = value
    case .failure(let problem):
      console.err(problem.description)
      return .usage
    }
    // The files an earlier tenant at --out may hold: those its recorded options generate.
    var tenantFiles: Set<String>?
    if case .tenant(let recorded) = destination, recorded != options {
      tenantFiles = Set(SampleGenerator.generate(recorded).files.keys)
    }
    let output = SampleGenerator.generate(options)
    if case .tenant = destination {
      tenantFiles = tenantFiles ?? Set(output.files.keys)
    }
    if let tenantFiles, let problem = Self.foreignProblem(url, expected: tenantFiles) {
      console.err(problem.description)
      return .usage
    }
    do {
      // Checked again just before the write, in case something of the user's appeared meanwhile.
      try PackWriter.write(output.files, to: url) {
        [tenantFiles] (url: URL) throws(PackWriter.Failure) -> Void in
        if let tenantFiles {
          if let problem = Self.foreignProblem(url, expected: tenantFiles) {
            throw PackWriter.Failure(message: problem.message, hint: problem.hint)
          }
        } else if ![.absent, .emptyFolder].contains(PackDestination.inspect(url)) {
          throw PackWriter.Failure(message: "\(url.path) is no longer empty; refusing to replace it")
        }
      }
    } catch {
      console.err(error.description)
      return .internalError
    }
    let key = output.key
    let asOf = SampleClock.iso(options.asOf)
    console.out(
      """
      sample tenant written: \(out) (\(options.mailboxes) mailboxes, seed \(options.seed), format \(options.format.rawValue), as of \(asOf))
      \(key.findings.count) findings planted (\(key.findings.filter(\.waived).count) waived, \(key.findings.filter(\.needsBaseline).count) found only with the baseline); answer key: \(url.appendingPathComponent("answer-key.json").path)
      run it: delegation-audit run \(url.appendingPathComponent("exports").path) --register \(url.appendingPathComponent("register.csv").path) --policy \(url.appendingPathComponent("policy.json").path) --baseline \(url.appendingPathComponent("baseline").path) --as-of \(asOf) --out pack
      """)
    return .packWritten
  }

  /// Validates the options; every mistake names the argument and, where it can, the near miss.
  func parse() -> Result<SampleOptions, UsageError> {
    guard arguments.value("out") != nil else {
      return .failure(
        UsageError(message: "'sample' needs --out DIR", hint: "usage: \(CommandTable.sample.usage)"))
    }
    var options = SampleOptions(
      mailboxes: SampleOptions.defaultMailboxes, seed: 1, format: .mixed, asOf: SampleOptions.defaultAsOf)
    if let text = arguments.value("mailboxes") {
      let range = SampleOptions.minimumMailboxes...SampleOptions.maximumMailboxes
      guard let count = Int(text), range.contains(count) else {
        return .failure(
          UsageError(
            message:
              "--mailboxes '\(text)' is not a whole number from \(range.lowerBound) to \(range.upperBound)",
            hint: "every finding code is planted at least once, which takes \(range.lowerBound) mailboxes"))
      }
      options.mailboxes = count
    }
    if let text = arguments.value("seed") {
      guard let seed = UInt64(text), seed <= UInt64(Int64.max) else {
        return .failure(
          UsageError(
            message: "--seed '\(text)' is not a whole number from 0 to \(Int64.max)", hint: "e.g. --seed 7"))
      }
      options.seed = seed
    }
    if let text = arguments.value("format") {
      let names = SampleFormat.allCases.map(\.rawValue)
      guard let format = SampleFormat(rawValue: text.lowercased()) else {
        let lower = text.lowercased()
        let suggestion =
          NearMiss.suggest(lower, among: names) ?? names.first { !lower.isEmpty && $0.contains(lower) }
        return .failure(
          UsageError(
            message: "--format '\(text)' is not a format",
            hint: (suggestion.map { "did you mean '\($0)'? " } ?? "")
              + "formats: \(names.joined(separator: ", "))"))
      }
      options.format = format
    }
    if let text = arguments.value("as-of") {
      guard let seconds = DateParser.iso8601(Substring(text)) else {
        return .failure(
          UsageError(
            message: "--as-of '\(text)' is not an ISO 8601 date",
            hint: "write it as 2026-11-30 or 2026-11-30T00:00:00Z"))
      }
      options.asOf = seconds
    }
    return .success(options)
  }

  /// What `--out` holds, when `sample` may write there.
  enum Destination: Equatable {
    /// Nothing, or an empty folder.
    case fresh
    /// A sample tenant with the options its answer key records (only with `--force`).
    case tenant(SampleOptions)
  }

  /// What is at `--out`, or why it cannot be written: a file or a symbolic link never; a folder
  /// with content only with `--force`, and then only when it is a sample tenant.
  static func destination(_ url: URL, force: Bool) -> Result<Destination, UsageError> {
    let path = url.path
    switch PackDestination.entryType(url) {
    case nil: return .success(.fresh)
    case .typeSymbolicLink?:
      return .failure(
        UsageError(
          message: "\(path) is a symbolic link; refusing to write through it", hint: "give a real folder path"
        ))
    case .typeDirectory?: break
    default:
      return .failure(
        UsageError(message: "\(path) exists and is a file", hint: "choose another --out folder"))
    }
    let isEmpty = ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).isEmpty
    if isEmpty { return .success(.fresh) }
    let recorded = SampleTenantFolder.recordedOptions(in: url)
    guard force else {
      return .failure(
        UsageError(
          message: "\(path) exists and is not empty; refusing to replace it",
          hint: recorded == nil
            ? "choose a new --out folder, or empty this one first"
            : "it holds a sample tenant: pass --force to replace it, or choose a new --out folder"))
    }
    guard let recorded else {
      return .failure(
        UsageError(
          message:
            "\(path) is not a sample tenant (no \(SampleTenantFolder.answerKeyName) written by 'sample'); "
            + "refusing to replace it, with or without --force",
          hint: "choose a new --out folder, or empty this one first"))
    }
    return .success(.tenant(recorded))
  }

  /// The usage error when the tenant folder at `url` holds an entry that `sample` did not write.
  static func foreignProblem(_ url: URL, expected: Set<String>) -> UsageError? {
    let foreign = SampleTenantFolder.foreignEntries(in: url, expected: expected)
    guard let first = foreign.first else { return nil }
    let more = foreign.count > 1 ? " and \(foreign.count - 1) more" : ""
    return UsageError(
      message:
        "\(url.path) holds \(first)\(more), which 'sample' did not write; refusing to replace the folder, "
        + "with or without --force",
      hint: "move \(foreign.count > 1 ? "them" : "it") out of the folder, or choose a new --out folder")
  }
}
