import AuditModel

/// The data files that come from the assessment: findings, verdicts, changes, populations, register template.
struct AssessmentFiles {
  var inventory: Inventory
  var assessment: Assessment

  /// Each file's path and the function that builds it, largest files first; they are independent.
  func builders() -> [(path: String, build: @Sendable () -> [UInt8])] {
    var builders: [(path: String, build: @Sendable () -> [UInt8])] = [
      ("data/findings.json", { findingsJSON() }),
      ("data/findings.csv", { findingsCSV() }),
      ("data/changes.json", { changesJSON() }),
      ("data/changes.csv", { changesCSV() }),
    ]
    for (requirement, right) in Self.populationRights.reversed() {
      builders.append(("data/population-\(requirement.rawValue).csv", { populationCSV(right) }))
    }
    if inventory.register == nil {
      builders.append(("register-template.csv", { RegisterTemplate.csv(for: inventory.grants) }))
    }
    builders.append(("data/results.json", { resultsJSON().serialisedBytes() }))
    return builders
  }

  /// The grant population behind each grant-based requirement.
  static let populationRights: [(Requirement, Right)] = [
    (.sendAsDocumented, .sendAs), (.sendOnBehalfTracked, .sendOnBehalf), (.fullAccessReviewed, .fullAccess),
  ]

  func findingsCSV() -> [UInt8] {
    var csv = CSVWriter(header: [
      "Id", "Code", "Requirement", "Severity", "Mailbox", "Trustee", "Right", "Folder", "Waived",
      "WaiverReason",
      "Message", "Evidence",
    ])
    for finding in assessment.findings {
      csv.row([
        finding.id, finding.code, finding.requirement, finding.severity.rawValue, finding.mailbox ?? "",
        finding.trustee ?? "", finding.right ?? "", finding.folder ?? "", finding.waived ? "True" : "False",
        finding.waiverReason ?? "", finding.message,
        finding.evidence.map(\.description).joined(separator: "; "),
      ])
    }
    return csv.data
  }

  /// `data/findings.json`, written finding by finding (see ``JSONStreamWriter``).
  func findingsJSON() -> [UInt8] {
    var json = JSONStreamWriter(reservingCapacity: 640 * assessment.findings.count + 256)
    json.beginObject()
    json.member("schemaVersion", .int(1))
    json.member("control", .string("EXT-08"))
    json.member("asOf", .string(DateParser.iso(assessment.asOf)))
    json.key("findings")
    json.beginArray()
    for finding in assessment.findings { json.value(Self.findingJSON(finding)) }
    json.end()
    json.end()
    return json.finish()
  }

  /// One element of `findings` in `data/findings.json`.
  static func findingJSON(_ finding: Finding) -> JSONValue {
    var members: [(String, JSONValue)] = [
      ("id", .string(finding.id)),
      ("code", .string(finding.code)),
      ("requirement", .string(finding.requirement)),
      ("severity", .string(finding.severity.rawValue)),
      ("mailbox", finding.mailbox.map { .string($0) } ?? .null),
      ("trustee", finding.trustee.map { .string($0) } ?? .null),
      ("right", finding.right.map { .string($0) } ?? .null),
    ]
    if let folder = finding.folder { members.append(("folder", .string(folder))) }
    members.append(("waived", .bool(finding.waived)))
    if let reason = finding.waiverReason { members.append(("waiverReason", .string(reason))) }
    members.append(("message", .string(finding.message)))
    members.append(("evidence", .array(finding.evidence.map(InventoryFiles.locationJSON))))
    return .object(members)
  }

  func resultsJSON() -> JSONValue {
    .object([
      ("schemaVersion", .int(1)),
      ("control", .string("EXT-08")),
      ("asOf", .string(DateParser.iso(assessment.asOf))),
      ("periodStart", .string(DateParser.iso(assessment.periodStart))),
      ("periodEnd", .string(DateParser.iso(assessment.periodEnd))),
      (
        "requirements",
        .array(
          assessment.results.map { result in
            .object([
              ("id", .string(result.requirement.rawValue)),
              ("statement", .string(result.requirement.statement)),
              ("status", .string(result.status.rawValue)),
              ("population", result.population.map { .int(Int64($0)) } ?? .null),
              ("exceptions", .int(Int64(result.exceptions))),
              ("reason", .string(result.reason)),
              ("missingEvidence", .array(result.missingEvidence.map { .string($0) })),
            ])
          })
      ),
    ])
  }

  func changesCSV() -> [UInt8] {
    var csv = CSVWriter(header: [
      "Source", "Change", "Time", "Mailbox", "Trustee", "Right", "Folder", "RecordId", "Reconciliation",
      "Evidence",
    ])
    for change in assessment.changes {
      csv.row([
        change.source.rawValue, change.change.rawValue, change.time.map(DateParser.iso) ?? "", change.mailbox,
        change.trustee, change.right, change.folder ?? "", change.recordID ?? "", change.reconciliation,
        change.evidence.map(\.description).joined(separator: "; "),
      ])
    }
    return csv.data
  }

  /// `data/changes.json`, written change by change (see ``JSONStreamWriter``).
  func changesJSON() -> [UInt8] {
    var json = JSONStreamWriter(reservingCapacity: 640 * assessment.changes.count + 256)
    json.beginObject()
    json.member("schemaVersion", .int(1))
    json.member("control", .string("EXT-08"))
    json.key("changes")
    json.beginArray()
    for change in assessment.changes { json.value(Self.changeJSON(change)) }
    json.end()
    json.end()
    return json.finish()
  }

  /// One element of `changes` in `data/changes.json`.
  static func changeJSON(_ change: ChangeRecord) -> JSONValue {
    .object([
      ("source", .string(change.source.rawValue)),
      ("change", .string(change.change.rawValue)),
      ("time", change.time.map { .string(DateParser.iso($0)) } ?? .null),
      ("mailbox", .string(change.mailbox)),
      ("trustee", .string(change.trustee)),
      ("right", .string(change.right)),
      ("folder", change.folder.map { .string($0) } ?? .null),
      ("recordId", change.recordID.map { .string($0) } ?? .null),
      ("reconciliation", .string(change.reconciliation)),
      ("evidence", .array(change.evidence.map(InventoryFiles.locationJSON))),
    ])
  }

  func populationCSV(_ right: Right) -> [UInt8] {
    var csv = CSVWriter(header: [
      "Mailbox", "MailboxDisplayName", "Trustee", "TrusteeDisplayName", "TrusteeKind", "IsInherited",
      "Sources",
    ])
    for grant in inventory.grants where grant.key.right == right {
      csv.cell(grant.key.mailbox)
      csv.cell(grant.mailboxDisplayName)
      csv.cell(grant.key.trustee)
      csv.cell(grant.trusteeDisplayName)
      csv.cell(grant.trusteeKind.rawValue)
      csv.cell(grant.isInherited ? "True" : "False")
      csv.cell(InventoryFiles.sourcesCell(grant.sources))
      csv.endRow()
    }
    return csv.data
  }
}
