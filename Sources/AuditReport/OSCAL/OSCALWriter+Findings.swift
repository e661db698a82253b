import AuditModel

extension OSCALWriter {
  /// The finding on one part of EXT-08: verdict, facts, and the framework requirements it bears on.
  ///
  /// OSCAL's objective status has only `satisfied` and `not-satisfied`. A part the tool could not
  /// assess is `not-satisfied` with reason `other` (it was not shown satisfied), a remark naming
  /// the missing evidence, and our `assessment-status` property `not-assessed`, so no consumer
  /// mistakes it for a failed test.
  static func finding(_ part: RunFacts.Part, catalogs: [FrameworkCatalog], ids: OSCALIdentifiers) -> JSONValue
  {
    let requirement = part.requirement
    var status: [(String, JSONValue)]
    switch part.status {
    case .satisfied:
      status = [("state", .string("satisfied")), ("reason", .string("pass"))]
    case .notSatisfied:
      status = [("state", .string("not-satisfied")), ("reason", .string("fail"))]
    case .notAssessed:
      status = [("state", .string("not-satisfied")), ("reason", .string("other"))]
      status.append(("remarks", .string(notAssessedRemark(part))))
    }

    var props: [JSONValue] = [
      prop("requirement-id", requirement.rawValue),
      prop("assessment-status", part.status.rawValue),
    ]
    if let population = part.population { props.append(prop("population", String(population))) }
    props.append(prop("exceptions", String(part.exceptions)))
    for code in part.codes {
      if code.count > 0 { props.append(codeProp("exception-count", code.code, code.count)) }
      if code.waived > 0 { props.append(codeProp("waived-count", code.code, code.waived)) }
    }
    props += frameworkReferences(requirement, catalogs: catalogs)

    return .object([
      ("uuid", .string(ids.finding(requirement))),
      ("title", .string("\(requirement.rawValue) \(requirement.statement)")),
      ("description", .string(findingDescription(part))),
      ("props", .array(props)),
      (
        "target",
        .object([
          ("type", .string("objective-id")),
          ("target-id", .string(objectiveID(requirement))),
          ("status", .object(status)),
        ])
      ),
      (
        "related-observations",
        .array([
          .object([("observation-uuid", .string(ids.observation(requirement)))]),
          .object([("observation-uuid", .string(ids.completenessObservation))]),
        ])
      ),
    ])
  }

  /// `framework-ref` properties: class = catalog id, value = requirement id, remarks = how it maps.
  static func frameworkReferences(_ requirement: Requirement, catalogs: [FrameworkCatalog]) -> [JSONValue] {
    var props: [JSONValue] = []
    for catalog in catalogs {
      for candidate in catalog.requirements where candidate.status == .current {
        guard let mapping = candidate.mappings.first(where: { $0.control.requirement == requirement }) else {
          continue
        }
        props.append(
          prop(
            "framework-ref", OSCALText.string(candidate.id),
            class: OSCALText.token(catalog.id, prefix: "fw-"),
            remarks: "\(mapping.relationship.rawValue), \(mapping.strength.rawValue): "
              + Escaping.markdown(OSCALText.string(mapping.rationale))))
      }
    }
    return props
  }

  static func findingDescription(_ part: RunFacts.Part) -> String {
    var text = "Verdict: \(part.statusText). \(Escaping.markdown(OSCALText.string(part.reason)))"
    text += "\n\nRule applied: \(ControlText.criterion(part.requirement))"
    text += "\n\nPopulation: \(part.populationText). Exceptions: \(part.exceptions)"
    if part.waived > 0 { text += " (\(part.waived) waived findings not counted)" }
    text += "."
    if !part.codes.isEmpty {
      text +=
        " Finding codes: "
        + part.codes.map { "`\($0.code)` × \($0.count)" + ($0.waived > 0 ? " (+\($0.waived) waived)" : "") }
        .joined(separator: ", ") + "; every finding is in data/findings.csv."
    }
    return text
  }

  static func notAssessedRemark(_ part: RunFacts.Part) -> String {
    var text =
      "Not assessed: OSCAL has no not-assessed state, so the objective is recorded as not shown satisfied."
    if !part.missingEvidence.isEmpty {
      text +=
        " Missing evidence: "
        + part.missingEvidence.map { Escaping.markdown(OSCALText.string($0)) }.joined(separator: "; ") + "."
    }
    return text
  }

  /// The observation behind one finding: population and exceptions, with links to its evidence.
  static func observation(
    _ part: RunFacts.Part, evidence: OSCALEvidence, ids: OSCALIdentifiers, collected: String
  ) -> JSONValue {
    let requirement = part.requirement
    var description = "Population: \(part.populationText). Exceptions: \(part.exceptions)."
    if part.status == .notAssessed && !part.missingEvidence.isEmpty {
      description +=
        " Not assessed without: "
        + part.missingEvidence.map { Escaping.markdown(OSCALText.string($0)) }.joined(separator: "; ") + "."
    }
    var members: [(String, JSONValue)] = [
      ("uuid", .string(ids.observation(requirement))),
      ("title", .string("\(requirement.rawValue) population and evidence")),
      ("description", .string(description)),
    ]
    var props: [JSONValue] = []
    if let population = part.population { props.append(prop("population", String(population))) }
    props.append(prop("exceptions", String(part.exceptions)))
    members.append(("props", .array(props)))
    members.append(("methods", .array([.string("TEST")])))
    members.append(("types", .array([.string("control-objective")])))
    let links = evidence.relevantEvidence(for: requirement)
    if !links.isEmpty { members.append(("relevant-evidence", .array(links))) }
    members.append(("collected", .string(collected)))
    return .object(members)
  }
}
