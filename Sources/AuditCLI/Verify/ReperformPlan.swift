import AuditModel

/// What a re-run needs from the manifest: which recorded roles and options this version can pass
/// back to `RunPipeline`, and the `RunRequest` built from them.
enum ReperformPlan {
  /// Roles a `RunRequest` can take today.
  static let supportedRoles: Set<String> = ["exports", "register", "policy", "baseline", "templates"]
  /// Options `RunPipeline.recordedOptions` writes.
  static let supportedOptions: Set<String> = [
    "as-of", "period-start", "period-end", "org", "kind", "frameworks", "templates", "baseline",
  ]

  /// Fails when the run used something a re-run cannot be given (a baseline, an unknown option).
  static func check(_ manifest: PackManifest) throws(VerifyFailure) {
    let unsupported = manifest.inputs.filter { !supportedRoles.contains($0.role) }
    if let first = unsupported.first {
      let article = first.role.first.map { "aeiou".contains($0) } == true ? "an" : "a"
      let paths = unsupported.map(\.path).joined(separator: ", ")
      throw VerifyFailure(
        "cannot re-perform: the run used \(article) \(first.role) (\(paths)), which this version of 'verify' "
          + "cannot pass to a re-run",
        hint: "run 'delegation-audit verify PACK' without --inputs to check the pack's integrity; "
          + "re-performing a run with --\(first.role) needs a version of 'verify' that supports it")
    }
    if manifest.inputs.filter({ $0.role == "policy" }).count > 1 {
      throw VerifyFailure("cannot re-perform: the manifest records more than one policy file")
    }
    let unknown = manifest.options.keys.filter { !supportedOptions.contains($0) }.sorted()
    if !unknown.isEmpty {
      throw VerifyFailure(
        "cannot re-perform: the run used option\(unknown.count == 1 ? "" : "s") "
          + unknown.map { "--\($0)" }.joined(separator: ", ")
          + ", which this version of 'verify' cannot pass to a re-run",
        hint: "run 'delegation-audit verify PACK' without --inputs to check the pack's integrity")
    }
  }

  /// The request the original run was given, with inputs at their staged paths.
  static func request(_ manifest: PackManifest, staged: StagedInputs) throws(VerifyFailure) -> RunRequest {
    let options = manifest.options
    func date(_ name: String) throws(VerifyFailure) -> Int64? {
      guard let text = options[name] else { return nil }
      guard let seconds = DateParser.iso8601(Substring(text)) else {
        throw VerifyFailure(
          "cannot re-perform: the manifest's option \(name) '\(text)' is not an ISO 8601 date")
      }
      return seconds
    }
    guard let asOf = try date("as-of") ?? DateParser.iso8601(Substring(manifest.asOf)) else {
      throw VerifyFailure("cannot re-perform: the manifest's asOf '\(manifest.asOf)' is not an ISO 8601 date")
    }
    var kind: InputKind?
    if let name = options["kind"] {
      guard let parsed = InputKind(rawValue: name) else {
        throw VerifyFailure(
          "cannot re-perform: the manifest's option kind '\(name)' is not a kind this version knows")
      }
      kind = parsed
    }
    var request = RunRequest(
      inputs: staged.exports, register: staged.register, baseline: staged.baseline, policy: staged.policy,
      asOf: asOf, periodStart: try date("period-start"), periodEnd: try date("period-end"),
      organisation: options["org"], kind: kind)
    if let frameworks = options["frameworks"] {
      request.frameworks = frameworks.split(separator: ",").map(String.init)
    }
    request.templates = staged.templates
    return request
  }
}
