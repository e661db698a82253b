import AuditModel
import Digest

/// Writes the run as an OSCAL 1.2.1 assessment-results document (FRAMEWORKS.md §3).
///
/// One result covers the assessment period; it holds one finding per part of EXT-08 (the parts
/// are the control's objectives `ext-08_obj.1` … `.4`) with the framework references of every
/// selected catalog as properties, one observation per part pointing at its evidence, and
/// back-matter resources with the SHA-256 of every input and pack data file. Every UUID is a
/// name-based v5 UUID, so a rerun over the same inputs writes the same bytes. Nothing here
/// is fetched: the namespace URI is a name only.
public enum OSCALWriter {
  /// Where the document sits in the pack; pack files are linked relative to it.
  public static let path = "oscal/assessment-results.json"
  public static let oscalVersion = "1.2.1"
  /// Namespace of our own property names (`ns`), never dereferenced.
  public static let namespaceURI = "https://delegation-audit.invalid/ns/oscal"
  /// OSCAL control id of EXT-08 in our (unpublished) control catalog.
  public static let controlID = "ext-08"

  /// The objective id of a part of EXT-08: `ext-08_obj.1` for EXT-08.1.
  public static func objectiveID(_ requirement: Requirement) -> String {
    "\(controlID)_obj.\(requirement.rawValue.split(separator: ".").last ?? "")"
  }

  /// The assessment-results document.
  ///
  /// - Parameters:
  ///   - catalogs: Selected frameworks; their requirements mapped to each part become
  ///     `framework-ref` properties of the part's finding.
  ///   - outputs: Pack files to reference (`data/…`), by pack-relative path; each becomes a
  ///     back-matter resource with its SHA-256.
  ///   - digests: The SHA-256 of `outputs` where already computed.
  public static func assessmentResults(
    catalogs: [FrameworkCatalog], assessment: Assessment, inventory: Inventory, inputs: [PackInput],
    outputs: [String: [UInt8]], digests: OutputDigests = OutputDigests(), settings: RunSettings
  ) -> JSONValue {
    let ids = OSCALIdentifiers(assessment: assessment, settings: settings, inputs: inputs, catalogs: catalogs)
    let evidence = OSCALEvidence(inputs: inputs, outputs: outputs, digests: digests, ids: ids)
    let facts = RunFacts(assessment: assessment)
    let catalogs = catalogs.sorted { $0.id < $1.id }
    let collected = DateParser.iso(assessment.asOf)
    let parts = Requirement.allCases.sorted()
    let observations =
      parts.map { observation(facts.part($0), evidence: evidence, ids: ids, collected: collected) }
      + [completenessObservation(inventory: inventory, evidence: evidence, ids: ids, collected: collected)]
    let findings = parts.map { finding(facts.part($0), catalogs: catalogs, ids: ids) }

    var result: [(String, JSONValue)] = [
      ("uuid", .string(ids.result)),
      ("title", .string(resultTitle(assessment))),
      (
        "description",
        .string(resultDescription(assessment, inputs: inputs, catalogs: catalogs, settings: settings))
      ),
      ("start", .string(DateParser.iso(assessment.periodStart))),
      ("end", .string(DateParser.iso(assessment.periodEnd))),
    ]
    if !facts.otherCodes.isEmpty {
      // Risk and input findings bear on no verdict; their counts by code, waived included.
      result.append(
        (
          "props",
          .array(facts.otherCodes.map { codeProp("other-finding-count", $0.code, $0.count + $0.waived) })
        ))
    }
    result += [
      ("reviewed-controls", reviewedControls()),
      ("observations", .array(observations)),
      ("findings", .array(findings)),
    ]

    let root: [(String, JSONValue)] = [
      ("uuid", .string(ids.document)),
      ("metadata", metadata(assessment: assessment, catalogs: catalogs, settings: settings, ids: ids)),
      (
        "import-ap",
        .object([
          ("href", .string("#\(ids.assessmentPlan)")),
          (
            "remarks",
            .string(
              "No separate OSCAL assessment plan is issued; the back-matter resource this points to describes the plan the tool applied."
            )
          ),
        ])
      ),
      ("results", .array([.object(result)])),
      (
        "back-matter",
        .object([("resources", .array(evidence.resources(planUUID: ids.assessmentPlan, settings: settings)))])
      ),
    ]
    return .object([("assessment-results", .object(root))])
  }

  /// The document's bytes as the pack stores them.
  public static func data(
    catalogs: [FrameworkCatalog], assessment: Assessment, inventory: Inventory, inputs: [PackInput],
    outputs: [String: [UInt8]], digests: OutputDigests = OutputDigests(), settings: RunSettings
  ) -> [UInt8] {
    assessmentResults(
      catalogs: catalogs, assessment: assessment, inventory: inventory, inputs: inputs, outputs: outputs,
      digests: digests, settings: settings
    ).serialisedBytes()
  }

  // MARK: Metadata and result

  static func metadata(
    assessment: Assessment, catalogs: [FrameworkCatalog], settings: RunSettings, ids: OSCALIdentifiers
  ) -> JSONValue {
    var title = "\(ControlText.controlID) \(ControlText.controlTitle): assessment results"
    if let organisation = settings.organisation {
      title += " (\(OSCALText.markupLine(organisation)))"
    }
    var props: [JSONValue] = [
      prop("tool", "delegation-audit"),
      prop("tool-version", OSCALText.string(settings.toolVersion, fallback: "unknown")),
      prop(
        "content-digest", ids.contentDigest,
        remarks: "SHA-256 over the inputs' hashes, the tool version, the catalogs and the run options."),
    ]
    props += catalogs.map { catalog in
      prop(
        "framework-catalog", OSCALText.string(catalog.catalogVersion),
        class: OSCALText.token(catalog.id, prefix: "fw-"),
        remarks: Escaping.markdown(OSCALText.string("\(catalog.title), \(catalog.version)")))
    }
    var members: [(String, JSONValue)] = [
      ("title", .string(title)),
      ("last-modified", .string(DateParser.iso(assessment.asOf))),
      ("version", .string("\(DateParser.day(assessment.asOf))-\(ids.contentDigest.prefix(12))")),
      ("oscal-version", .string(oscalVersion)),
      ("props", .array(props)),
    ]
    if let organisation = settings.organisation {
      members.append(
        (
          "parties",
          .array([
            .object([
              ("uuid", .string(ids.organisation(organisation))),
              ("type", .string("organization")),
              ("name", .string(OSCALText.string(organisation))),
            ])
          ])
        ))
    }
    return .object(members)
  }

  static func resultTitle(_ assessment: Assessment) -> String {
    "\(ControlText.controlID) \(ControlText.controlTitle), \(DateParser.day(assessment.periodStart)) to \(DateParser.day(assessment.periodEnd))"
  }

  static func resultDescription(
    _ assessment: Assessment, inputs: [PackInput], catalogs: [FrameworkCatalog], settings: RunSettings
  ) -> String {
    var text =
      "Offline evaluation by delegation-audit \(OSCALText.string(settings.toolVersion)) of "
      + "\(inputs.count) exported Exchange Online file\(inputs.count == 1 ? "" : "s") as of \(DateParser.iso(assessment.asOf))"
    if let organisation = settings.organisation { text += " for \(OSCALText.markupLine(organisation))" }
    text += ". Each finding states the verdict on one part of \(ControlText.controlID)"
    if !catalogs.isEmpty {
      text +=
        " and, as `framework-ref` properties, the requirements of "
        + catalogs.map { Escaping.markdown(OSCALText.string($0.shortTitle)) }.joined(separator: ", ")
        + " it supports"
    }
    return text + "."
  }

  static func reviewedControls() -> JSONValue {
    .object([
      (
        "control-selections",
        .array([.object([("include-controls", .array([.object([("control-id", .string(controlID))])]))])])
      ),
      (
        "control-objective-selections",
        .array([
          .object([
            (
              "include-objectives",
              .array(
                Requirement.allCases.sorted().map { .object([("objective-id", .string(objectiveID($0)))]) })
            )
          ])
        ])
      ),
    ])
  }

  // MARK: Properties

  /// A property in our namespace; `value` must already be a `StringDatatype`.
  static func prop(_ name: String, _ value: String, class className: String? = nil, remarks: String? = nil)
    -> JSONValue
  {
    var members: [(String, JSONValue)] = [("name", .string(name)), ("ns", .string(namespaceURI))]
    if let className { members.append(("class", .string(className))) }
    members.append(("value", .string(value)))
    if let remarks { members.append(("remarks", .string(remarks))) }
    return .object(members)
  }

  /// `name` with the finding code as class and a count as value.
  static func codeProp(_ name: String, _ code: String, _ count: Int) -> JSONValue {
    prop(name, String(count), class: OSCALText.token(code))
  }
}
