/// Everything `verify` found: the pack's integrity and, with `--inputs`, the re-performance.
struct VerifyReport: Sendable {
  /// The PACK argument as given.
  var pack: String
  var manifest: PackManifest
  var integrity: PackIntegrity
  /// Present when `--inputs` was given and the inputs were looked for.
  var located: InputLocator?
  /// Present when every input was found and the re-run completed.
  var reproduction: Reproduction?
  /// Facts that qualify the result (a different tool version).
  var notes: [String] = []
  /// Set when re-performing was impossible (exit 2); integrity results still stand.
  var failure: VerifyFailure?

  /// True, false, or nil when re-performing was not asked for or could not be attempted.
  var reproduced: Bool? {
    if let reproduction { return reproduction.isReproduced }
    if let located, !located.missing.isEmpty { return false }
    return nil
  }

  /// 0 intact (and reproduced), 1 differences found, 2 the inputs could not be used.
  var exitCode: ExitCode {
    if failure != nil { return VerifyCommand.unusable }
    return integrity.isIntact && reproduced != false ? VerifyCommand.intact : VerifyCommand.differencesFound
  }

  /// One line that sums the result up.
  var verdict: String {
    var parts: [String] = []
    if integrity.isIntact {
      parts.append("intact")
    } else {
      let counts = [
        (integrity.changed.count, "changed"), (integrity.missing.count, "missing"),
        (integrity.extra.count, "extra"),
      ].filter { $0.0 > 0 }.map { "\($0.0) \($0.1)" }
      parts.append("NOT intact (\(counts.joined(separator: ", ")))")
    }
    if let located, !located.missing.isEmpty {
      parts.append("NOT reproduced (\(Self.count(located.missing.count, "input", "inputs")) not found)")
    } else if let reproduction {
      let differing = reproduction.differing.count
      parts.append(
        reproduction.isReproduced
          ? "reproduced" : "NOT reproduced (\(Self.count(differing, "file differs", "files differ")))")
    } else if failure != nil {
      parts.append("not re-performed")
    }
    return "verdict: " + parts.joined(separator: "; ")
  }

  /// `1 input`, `2 inputs`.
  static func count(_ number: Int, _ singular: String, _ plural: String) -> String {
    "\(number) \(number == 1 ? singular : plural)"
  }
}
