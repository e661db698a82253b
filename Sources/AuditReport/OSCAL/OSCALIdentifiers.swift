import AuditModel
import Digest

/// Every UUID of one OSCAL assessment-results document, each a v5 UUID of a stable name.
///
/// Objects that describe a subject (the result, a finding, an observation) are named by the
/// assessment's scope, control, organisation, period and as-of, so a rerun and a corrected rerun
/// of the same assessment keep them, as OSCAL asks ("per-subject" UUIDs). Evidence resources are
/// named by path and content hash. The document UUID also covers a digest of the inputs, tool
/// and catalogs, so a revised document gets a new one.
struct OSCALIdentifiers {
  /// `ext-08|org=…|start=…|end=…|as-of=…`.
  let scope: String
  /// SHA-256 hex over what the document was built from (inputs, tool version, catalogs, options).
  let contentDigest: String

  init(assessment: Assessment, settings: RunSettings, inputs: [PackInput], catalogs: [FrameworkCatalog]) {
    scope = [
      OSCALWriter.controlID,
      "org=\(settings.organisation ?? "")",
      "start=\(DateParser.iso(assessment.periodStart))",
      "end=\(DateParser.iso(assessment.periodEnd))",
      "as-of=\(DateParser.iso(assessment.asOf))",
    ].joined(separator: "|")
    var lines = ["tool=\(settings.toolVersion)"]
    lines += inputs.sorted().map { "input=\($0.role)|\($0.path)|\($0.sha256)" }
    lines += catalogs.map { "catalog=\($0.id)|\($0.catalogVersion)" }.sorted()
    lines += settings.options.map { "option=\($0.0)=\($0.1)" }
    contentDigest = SHA256.hex(Array(lines.joined(separator: "\n").utf8))
  }

  var document: String { uuid("assessment-results|\(scope)|content=\(contentDigest)") }
  var result: String { uuid("\(scope)|result") }
  var assessmentPlan: String { uuid("\(scope)|assessment-plan") }
  var completenessObservation: String { uuid("\(scope)|observation/completeness") }

  func finding(_ requirement: Requirement) -> String { uuid("\(scope)|finding/\(requirement.rawValue)") }
  func observation(_ requirement: Requirement) -> String {
    uuid("\(scope)|observation/\(requirement.rawValue)")
  }

  func input(_ input: PackInput) -> String {
    uuid("resource/input|\(input.role)|\(input.path)|\(input.sha256)")
  }
  func packFile(_ path: String, sha256: String) -> String { uuid("resource/pack|\(path)|\(sha256)") }
  func organisation(_ name: String) -> String { uuid("party/organisation|\(name)") }

  private func uuid(_ name: String) -> String { NameBasedUUID(name: name).description }
}
