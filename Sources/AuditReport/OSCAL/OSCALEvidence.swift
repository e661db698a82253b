import AuditModel
import Digest

/// The evidence files of an OSCAL document: back-matter resources with SHA-256 hashes, and the
/// `relevant-evidence` links observations make to them.
struct OSCALEvidence {
  struct File {
    var uuid: String
    /// Pack-relative path, or the input's path relative to its argument.
    var path: String
    var href: String
    var sha256: String
    var size: Int
    var parts: [Requirement]
    /// A file of the pack (else an input).
    var isPackFile: Bool
    var title: String
    var description: String
    var props: [JSONValue]
  }

  /// Inputs sorted by role and path, then pack files sorted by path; one per UUID.
  let files: [File]

  init(inputs: [PackInput], outputs: [String: [UInt8]], digests: OutputDigests, ids: OSCALIdentifiers) {
    var files = inputs.sorted().map { input in
      File(
        uuid: ids.input(input), path: input.path, href: OSCALText.uriPath(input.path), sha256: input.sha256,
        size: input.size, parts: EvidenceIndex.parts(forInput: input), isPackFile: false,
        title: OSCALText.markupLine(input.path),
        description: "Input file as supplied (role \(Escaping.markdown(OSCALText.string(input.role))), kind "
          + "\(Escaping.markdown(OSCALText.string(input.kind ?? "unrecognised"))), \(input.size) bytes). The path is "
          + "relative to the argument it was found under; the file is not copied into the pack, and "
          + "`delegation-audit verify --inputs` finds it by its SHA-256.",
        props: [
          OSCALWriter.prop("evidence-role", OSCALText.string(input.role)),
          OSCALWriter.prop("input-kind", OSCALText.string(input.kind ?? "unrecognised")),
        ])
    }
    files += outputs.keys.sorted().map { path in
      let sha256 = digests.sha256(path, outputs[path]!)
      return File(
        uuid: ids.packFile(path, sha256: sha256), path: path, href: Self.packHref(path), sha256: sha256,
        size: outputs[path]!.count, parts: EvidenceIndex.parts(forPackFile: path), isPackFile: true,
        title: OSCALText.markupLine(path),
        description:
          "Evidence pack file: \(EvidenceIndex.description(ofPackFile: path)) (\(outputs[path]!.count) bytes).",
        props: [OSCALWriter.prop("evidence-role", "pack")])
    }
    var seen = Set<String>()
    self.files = files.filter { seen.insert($0.uuid).inserted }
  }

  /// A pack file's href relative to the OSCAL document (`../data/grants.csv`).
  static func packHref(_ path: String) -> String {
    let depth = OSCALWriter.path.split(separator: "/").count - 1
    return String(repeating: "../", count: depth) + OSCALText.uriPath(path)
  }

  /// `relevant-evidence` entries for one part: `#uuid` links to its back-matter resources.
  func relevantEvidence(for requirement: Requirement) -> [JSONValue] {
    files.filter { $0.parts.contains(requirement) }.map(link)
  }

  /// `relevant-evidence` entries for the named pack files present in this document.
  func relevantEvidence(forPackFiles paths: [String]) -> [JSONValue] {
    files.filter { $0.isPackFile && paths.contains($0.path) }.map(link)
  }

  private func link(_ file: File) -> JSONValue {
    .object([
      ("href", .string("#\(file.uuid)")),
      ("description", .string("\(file.title), SHA-256 \(file.sha256)")),
    ])
  }

  /// The back-matter resources: the assessment-plan placeholder, then every file.
  func resources(planUUID: String, settings: RunSettings) -> [JSONValue] {
    var resources: [JSONValue] = [
      .object([
        ("uuid", .string(planUUID)),
        ("title", .string("\(ControlText.controlID) assessment plan (placeholder)")),
        (
          "description",
          .string(
            "delegation-audit issues no separate OSCAL assessment plan. The plan is the method the tool applies: "
              + "the rule stated in each finding, applied by delegation-audit "
              + "\(OSCALText.string(settings.toolVersion)) to the files listed in this back-matter, "
              + "as the control narratives describe."
          )
        ),
        ("props", .array([OSCALWriter.prop("placeholder", "assessment-plan")])),
      ])
    ]
    resources += files.map { file in
      .object([
        ("uuid", .string(file.uuid)),
        ("title", .string(file.title)),
        ("description", .string(file.description)),
        ("props", .array(file.props)),
        (
          "rlinks",
          .array([
            .object([
              ("href", .string(file.href)),
              ("media-type", .string(EvidenceIndex.mediaType(of: file.path))),
              (
                "hashes",
                .array([
                  .object([
                    ("algorithm", .string("SHA-256")), ("value", .string(OSCALText.string(file.sha256))),
                  ])
                ])
              ),
            ])
          ])
        ),
      ])
    }
    return resources
  }
}
