import AuditModel

extension OSCALWriter {
  /// The observation on the inputs' completeness and accuracy (IPE): row reconciliation per file,
  /// exclusions by rule, rejected rows, and audit-log coverage. Every finding relates to it.
  static func completenessObservation(
    inventory: Inventory, evidence: OSCALEvidence, ids: OSCALIdentifiers, collected: String
  ) -> JSONValue {
    let ledgers = inventory.ledgers
    let read = ledgers.reduce(0) { $0 + $1.recordsRead }
    let produced = ledgers.reduce(0) { $0 + $1.produced }
    let excluded = ledgers.reduce(0) { $0 + $1.excluded }
    let rejected = ledgers.reduce(0) { $0 + $1.rejected }
    let reconciling = ledgers.filter(\.reconciles).count
    var description =
      "\(ledgers.count) input files read; \(read) records read = \(produced) produced + \(excluded) excluded by a "
      + "named rule + \(rejected) rejected with a reason; \(reconciling) of \(ledgers.count) files reconcile. "
      + "\(inventory.grants.count) effective grants form the population."
    let byRule = inventory.exclusionCounts
    if !byRule.isEmpty {
      description +=
        " Exclusions: " + byRule.keys.sorted().map { "\($0.rawValue) \(byRule[$0]!)" }.joined(separator: ", ")
        + "."
    }
    if let coverage = inventory.auditLogCoverage {
      description += " Audit log: \(coverage.uniqueRecords) unique records"
      if let earliest = coverage.earliest, let latest = coverage.latest {
        description += " from \(DateParser.iso(earliest)) to \(DateParser.iso(latest))"
      }
      description += coverage.possiblyTruncated ? ", possibly truncated." : ", not truncated."
    } else {
      description += " No audit-log export was supplied."
    }
    var props: [JSONValue] = [
      prop("records-read", String(read)),
      prop("records-produced", String(produced)),
      prop("records-excluded", String(excluded)),
      prop("records-rejected", String(rejected)),
      prop("files-reconciling", "\(reconciling) of \(ledgers.count)"),
    ]
    for rule in byRule.keys.sorted() {
      props.append(prop("excluded-rows", String(byRule[rule]!), class: OSCALText.token(rule.rawValue)))
    }
    var members: [(String, JSONValue)] = [
      ("uuid", .string(ids.completenessObservation)),
      ("title", .string("Completeness and accuracy of the inputs")),
      ("description", .string(description)),
      ("props", .array(props)),
      ("methods", .array([.string("EXAMINE")])),
    ]
    let links = evidence.relevantEvidence(forPackFiles: ["data/excluded.csv", "data/rejected.csv"])
    if !links.isEmpty { members.append(("relevant-evidence", .array(links))) }
    members.append(("collected", .string(collected)))
    return .object(members)
  }
}
