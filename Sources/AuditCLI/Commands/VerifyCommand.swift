import AuditReport
import Foundation

/// `delegation-audit verify`: check a pack against its manifest; with `--inputs`, re-perform the
/// run from the original inputs (found by SHA-256) and compare every output byte for byte.
struct VerifyCommand {
  var arguments: ParsedArguments
  var console: Console

  /// Exit code: the pack is intact (and, with `--inputs`, reproduced).
  static let intact = ExitCode.packWritten
  /// Exit code: a file changed, is missing or extra, an input was not found, or an output differs.
  static let differencesFound = ExitCode.findingsAtOrAboveThreshold
  /// Exit code: not a pack, or the inputs cannot be used to re-perform the run.
  static let unusable = ExitCode.inputUnusable

  func execute() -> ExitCode {
    let argument = arguments.positionals[0]
    let pack = URL(fileURLWithPath: argument)
    let manifest: PackManifest
    let manifestBytes: [UInt8]
    do {
      (manifest, manifestBytes) = try PackManifest.read(pack: pack, shown: argument)
    } catch {
      console.err(error.description)
      return Self.unusable
    }
    var report = VerifyReport(
      pack: argument, manifest: manifest,
      integrity: PackIntegrity.check(pack: pack, manifest: manifest, manifestBytes: manifestBytes))
    if let inputs = arguments.values["inputs"] {
      do {
        try reperform(&report, pack: pack, inputs: inputs)
      } catch {
        report.failure = error
      }
    }
    if arguments.has("json") {
      console.out(report.json.serialised())
    } else if !arguments.has("quiet") {
      var lines = report.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
      if console.colorsStdout, lines.last == report.verdict {
        lines[lines.count - 1] = coloured(report.verdict)
      }
      console.out(lines.joined(separator: "\n"))
    }
    if let failure = report.failure { console.err(failure.description) }
    return report.exitCode
  }

  /// `verdict: intact; reproduced` with each part in its colour (only called for a terminal).
  func coloured(_ verdict: String) -> String {
    let prefix = "verdict: "
    guard verdict.hasPrefix(prefix) else { return verdict }
    let parts = verdict.dropFirst(prefix.count).split(separator: "; ").map { part -> String in
      let word = String(part)
      // `NOT intact (2 changed)`: colour the words, keep the counts plain.
      if let open = word.firstIndex(of: "(") {
        let head = word[..<open].trimmingCharacters(in: .whitespaces)
        return console.verdict(head) + " " + word[open...]
      }
      return console.verdict(word)
    }
    return prefix + parts.joined(separator: "; ")
  }

  /// Finds the inputs, stages them under their recorded paths, re-runs and compares.
  func reperform(_ report: inout VerifyReport, pack: URL, inputs: [String]) throws(VerifyFailure) {
    let manifest = report.manifest
    try ReperformPlan.check(manifest)
    if manifest.tool.version != CommandTable.version {
      report.notes.append(
        "the pack was written by delegation-audit \(manifest.tool.version) and this is \(CommandTable.version); "
          + "outputs may legitimately differ between versions")
    }
    let located = try InputLocator.locate(manifest.inputs, among: inputs)
    report.located = located
    guard located.missing.isEmpty else { return }
    let rerun = try InputStaging.withStaged(located.found) {
      staged -> Result<[String: [UInt8]], VerifyFailure> in
      let request: RunRequest
      do throws(VerifyFailure) {
        request = try ReperformPlan.request(manifest, staged: staged)
      } catch {
        return .failure(error)
      }
      switch RunPipeline.build(request) {
      case .success(let output): return .success(output.files)
      case .failure(let failure):
        DiagnosticPrinter.print(failure.diagnostics, to: console, quiet: true)
        let message =
          failure.message.hasPrefix("error: ") ? String(failure.message.dropFirst(7)) : failure.message
        return .failure(VerifyFailure("cannot re-perform: the re-run failed: \(message)"))
      }
    }
    report.reproduction = Reproduction.compare(try rerun.get(), with: pack, manifest: manifest)
  }
}
