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
    if let problem = Self.destinationProblem(url, force: arguments.has("force")) {
      console.err(problem.description)
      return .usage
    }
    let output = SampleGenerator.generate(options)
    do {
      try PackWriter.write(output.files, to: url, force: true)
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
      guard let seed = UInt64(text) else {
        return .failure(UsageError(message: "--seed '\(text)' is not a whole number", hint: "e.g. --seed 7"))
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

  /// Why `--out` cannot be written: a file, a symbolic link, or a folder with content (unless
  /// `--force`, which replaces it).
  static func destinationProblem(_ url: URL, force: Bool) -> UsageError? {
    let manager = FileManager.default
    let path = url.path
    if let attributes = try? manager.attributesOfItem(atPath: path),
      attributes[.type] as? FileAttributeType == .typeSymbolicLink
    {
      return UsageError(
        message: "\(path) is a symbolic link; refusing to write through it", hint: "give a real folder path")
    }
    var isDirectory: ObjCBool = false
    guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else { return nil }
    guard isDirectory.boolValue else {
      return UsageError(message: "\(path) exists and is a file", hint: "choose another --out folder")
    }
    let isEmpty = ((try? manager.contentsOfDirectory(atPath: path)) ?? []).isEmpty
    if !isEmpty && !force {
      return UsageError(
        message: "\(path) exists and is not empty; refusing to replace it",
        hint: "choose a new --out folder, or pass --force to replace its contents")
    }
    return nil
  }
}
