extension VerifyReport {
  /// The report for people: one line per finding, then the verdict.
  var text: String {
    var lines = [
      "pack: \(pack) (\(manifest.tool.name) \(manifest.tool.version), as of \(manifest.asOf), "
        + "\(integrity.checked) files checked against \(PackManifest.fileName) and \(PackManifest.checksumsName))"
    ]
    lines += integrity.changed.map { "changed: \($0.path) (\($0.explanation))" }
    lines += integrity.missing.map { "missing: \($0)" }
    lines += integrity.extra.map { "extra: \($0) (not listed in \(PackManifest.fileName))" }
    lines += notes.map { "note: \($0)" }
    if let located {
      lines.append(
        "inputs: \(located.found.count) of \(located.found.count + located.missing.count) recorded inputs found "
          + "by SHA-256 among \(located.candidateCount) file\(located.candidateCount == 1 ? "" : "s")")
      for input in located.missing {
        lines.append(
          "input missing: \(input.path) (role \(input.role), sha256 \(input.sha256), \(input.size) bytes)")
      }
      if !located.missing.isEmpty {
        lines.append(
          "  hint: inputs are matched by content; inside folders, hidden files are skipped, "
            + "so pass such a file itself")
      }
    }
    if let reproduction {
      if reproduction.isReproduced {
        lines.append("reproduced: \(reproduction.identical) files byte-identical")
      } else {
        lines += reproduction.differing.map { "differs: \($0.path) (\($0.explanation))" }
        lines.append(
          "not reproduced: \(reproduction.differing.count) of \(reproduction.differing.count + reproduction.identical) "
            + "files differ from the re-run")
      }
    }
    lines.append(verdict)
    return lines.joined(separator: "\n")
  }
}
