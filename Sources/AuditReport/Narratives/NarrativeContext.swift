import AuditModel
import Digest

/// The data a narrative template renders for one framework: the catalog, this run's facts, the
/// evidence files and the method, as a Mustache value.
///
/// Every string here is plain text that the template escapes as Markdown, except fields whose
/// name ends in `Code`: those are code spans built by ``codeSpan(_:)``, safe to insert raw
/// (`{{{sha256Code}}}`).
struct NarrativeContext {
  var catalog: FrameworkCatalog
  var facts: RunFacts
  var assessment: Assessment
  var inventory: Inventory
  var inputs: [PackInput]
  var outputs: [String: [UInt8]]
  /// The SHA-256 of `outputs` where already computed.
  var digests: OutputDigests
  var settings: RunSettings

  /// Findings listed by name under each part; the data files hold all of them.
  static let exceptionListLimit = 10

  func value() -> MustacheValue {
    let parts = facts.parts.map(partValue)
    let mapped = catalog.mappedControls.map(\.requirement)
    let unmapped = facts.parts.filter { !mapped.contains($0.requirement) }
    return .object([
      "framework": frameworkValue(),
      "control": ["id": .string(ControlText.controlID), "title": .string(ControlText.controlTitle)],
      "organisation": .string(settings.organisation ?? "not stated (the run was given no --org)"),
      "hasOrganisation": .bool(settings.organisation != nil),
      "period": [
        "start": .string(DateParser.iso(assessment.periodStart)),
        "end": .string(DateParser.iso(assessment.periodEnd)),
        "asOf": .string(DateParser.iso(assessment.asOf)),
      ],
      "tool": ["name": "delegation-audit", "version": .string(settings.toolVersion)],
      "parts": .list(parts),
      "requirements": .list(requirementValues()),
      "unmappedParts": .list(unmapped.map(partValue)),
      "hasUnmappedParts": .bool(!unmapped.isEmpty),
      "otherCodes": Self.listWithLast(facts.otherCodes.map(codeValue)),
      "hasOtherCodes": .bool(!facts.otherCodes.isEmpty),
      "evidence": ["inputs": .list(inputValues()), "data": .list(dataValues())],
      "method": methodValue(),
    ])
  }

  func frameworkValue() -> MustacheValue {
    .object([
      "id": .string(catalog.id),
      "title": .string(catalog.title),
      "shortTitle": .string(catalog.shortTitle),
      "version": .string(catalog.version),
      "catalogVersion": .string(catalog.catalogVersion),
      "publisher": .string(catalog.publisher),
      "source": .string(catalog.source),
      "licence": .string(catalog.licence),
      "applicability": MustacheValue(catalog.applicability),
      "mappingSource": .string(ControlText.mappingSource(catalog.mappingSource)),
      "notCovered": .string(catalog.notCovered),
      "notes": .list(catalog.notes.map(MustacheValue.string)),
      "hasNotes": .bool(!catalog.notes.isEmpty),
    ])
  }

  // MARK: Parts of EXT-08

  func partValue(_ part: RunFacts.Part) -> MustacheValue {
    let shown = part.findings.prefix(Self.exceptionListLimit)
    var fields: [String: MustacheValue] = [
      "id": .string(part.requirement.rawValue),
      "statement": .string(part.requirement.statement),
      "criterion": .string(ControlText.criterion(part.requirement)),
      "status": .string(part.status.rawValue),
      "statusText": .string(part.statusText),
      "isSatisfied": .bool(part.status == .satisfied),
      "isNotSatisfied": .bool(part.status == .notSatisfied),
      "isNotAssessed": .bool(part.status == .notAssessed),
      "population": part.population.map { MustacheValue($0) } ?? .null,
      "populationText": .string(part.populationText),
      "exceptions": MustacheValue(part.exceptions),
      "exceptionsText": .string(Self.counted(part.exceptions, "exception", "exceptions")),
      "waived": MustacheValue(part.waived),
      "waivedText": .string(Self.counted(part.waived, "waived finding", "waived findings")),
      "reason": .string(part.reason),
      "missingEvidence": .list(part.missingEvidence.map(MustacheValue.string)),
      "codes": Self.listWithLast(part.codes.map(codeValue)),
      "findings": .list(shown.map(findingValue)),
      "findingsTotal": MustacheValue(part.findings.count),
      "findingsShown": MustacheValue(shown.count),
      "findingsMore": .bool(part.findings.count > shown.count),
    ]
    if part.requirement == .changesMonitored && !facts.changes.isEmpty {
      fields["changes"] = changesValue()
    }
    return .object(fields)
  }

  func codeValue(_ code: RunFacts.CodeCount) -> MustacheValue {
    [
      "code": .string(code.code),
      "codeCode": .string(Self.codeSpan(code.code)),
      "count": MustacheValue(code.count),
      "waived": MustacheValue(code.waived),
    ]
  }

  func findingValue(_ finding: Finding) -> MustacheValue {
    [
      "id": .string(finding.id),
      "code": .string(finding.code),
      "codeCode": .string(Self.codeSpan(finding.code)),
      "severity": .string(finding.severity.rawValue),
      "mailbox": MustacheValue(finding.mailbox),
      "trustee": MustacheValue(finding.trustee),
      "right": MustacheValue(finding.right),
      "folder": MustacheValue(finding.folder),
      "waived": .bool(finding.waived),
      "waiverReason": MustacheValue(finding.waiverReason),
      "message": .string(finding.message),
    ]
  }

  /// Delegation changes by source and by reconciliation outcome (EXT-08.4).
  func changesValue() -> MustacheValue {
    [
      "total": MustacheValue(facts.changes.count),
      "auditLog": MustacheValue(facts.auditLogChanges),
      "snapshot": MustacheValue(facts.changes.count - facts.auditLogChanges),
      "outcomes": Self.listWithLast(
        facts.changeOutcomes.map { ["name": .string($0.outcome), "count": MustacheValue($0.count)] }),
    ]
  }

  // MARK: Framework requirements

  func requirementValues() -> [MustacheValue] {
    catalog.requirements.filter { $0.status == .current && !$0.mappings.isEmpty }.map { requirement in
      let attributes = requirement.attributes.keys.sorted().map { key -> MustacheValue in
        [
          "label": .string(catalog.attributeLabels[key] ?? key),
          "value": .string(requirement.attributes[key]!),
        ]
      }
      let mappings = requirement.mappings.sorted { $0.control < $1.control }.map { mapping -> MustacheValue in
        [
          "relationship": .string(mapping.relationship.rawValue),
          "relationshipText": .string(ControlText.relationship(mapping.relationship)),
          "strength": .string(mapping.strength.rawValue),
          "rationale": .string(mapping.rationale),
          "part": partValue(facts.part(mapping.control.requirement)),
        ]
      }
      return [
        "id": .string(requirement.id),
        "title": .string(requirement.title),
        "name": MustacheValue(requirement.name),
        "grid": MustacheValue(requirement.grid),
        "attributes": Self.listWithLast(attributes),
        "auditorExpectation": MustacheValue(requirement.auditorExpectation),
        "note": MustacheValue(requirement.note),
        "mappings": .list(mappings),
      ]
    }
  }

  // MARK: Evidence

  func inputValues() -> [MustacheValue] {
    inputs.sorted().map { input in
      [
        "path": .string(input.path),
        "role": .string(input.role),
        "kind": .string(input.kind ?? "unrecognised"),
        "size": MustacheValue(input.size),
        "sha256": .string(input.sha256),
        "sha256Code": .string(Self.codeSpan(input.sha256)),
        "partsText": .string(Self.partsText(EvidenceIndex.parts(forInput: input))),
      ]
    }
  }

  func dataValues() -> [MustacheValue] {
    EvidenceIndex.narrativeDataFiles.compactMap { file in
      guard let bytes = outputs[file.path] else { return nil }
      let sha256 = digests.sha256(file.path, bytes)
      return [
        "path": .string(file.path),
        "description": .string(file.description),
        "size": MustacheValue(bytes.count),
        "sha256": .string(sha256),
        "sha256Code": .string(Self.codeSpan(sha256)),
        "partsText": .string(Self.partsText(EvidenceIndex.parts(forPackFile: file.path))),
      ]
    }
  }

  static func partsText(_ parts: [Requirement]) -> String {
    parts.isEmpty ? "no verdict (context only)" : parts.map(\.rawValue).joined(separator: ", ")
  }

  /// `1 exception`, `2 exceptions`.
  static func counted(_ count: Int, _ one: String, _ many: String) -> String {
    "\(count) \(count == 1 ? one : many)"
  }

  /// A code span for a value the tool made (a code, a hash): backticks without padding when the
  /// text allows, else ``MarkdownRenderer/codeSpan(_:)``, which is safe for any text.
  static func codeSpan(_ text: String) -> String {
    let plain =
      !text.isEmpty && text.first != " " && text.last != " "
      && !text.unicodeScalars.contains { $0 == "`" || $0 == "\n" || $0 == "\r" }
    return plain ? "`\(text)`" : MarkdownRenderer.codeSpan(text)
  }

  // MARK: Method

  func methodValue() -> MustacheValue {
    let ledgers = inventory.ledgers.sorted()
    var kinds: [String: Int] = [:]
    for ledger in ledgers { kinds[ledger.kind?.rawValue ?? "unrecognised", default: 0] += 1 }
    let exclusions = inventory.exclusionCounts
    var fields: [String: MustacheValue] = [
      "fileCount": MustacheValue(max(ledgers.count, inputs.count)),
      "kinds": Self.listWithLast(
        kinds.keys.sorted().map { ["kind": .string($0), "files": MustacheValue(kinds[$0]!)] }),
      "ledgerCount": MustacheValue(ledgers.count),
      "reconcilingCount": MustacheValue(ledgers.filter(\.reconciles).count),
      "allReconcile": .bool(ledgers.allSatisfy(\.reconciles)),
      "recordsRead": MustacheValue(ledgers.reduce(0) { $0 + $1.recordsRead }),
      "produced": MustacheValue(ledgers.reduce(0) { $0 + $1.produced }),
      "excluded": MustacheValue(ledgers.reduce(0) { $0 + $1.excluded }),
      "rejected": MustacheValue(ledgers.reduce(0) { $0 + $1.rejected }),
      "grants": MustacheValue(inventory.grants.count),
      "exclusions": .list(
        exclusions.keys.sorted().map {
          [
            "rule": .string($0.rawValue), "count": MustacheValue(exclusions[$0]!),
            "explanation": .string($0.explanation),
          ]
        }),
      "rejectedRows": MustacheValue(inventory.rejected.count),
      "lossyColumns": MustacheValue(inventory.lossyColumns.count),
      "diagnostics": MustacheValue(inventory.diagnostics.count),
      "hasRegister": .bool(inventory.register != nil),
      "options": Self.listWithLast(settings.options.map { ["name": .string($0.0), "value": .string($0.1)] }),
      "hasOptions": .bool(!settings.options.isEmpty),
    ]
    if let coverage = inventory.auditLogCoverage {
      fields["auditLog"] = [
        "earliest": .string(coverage.earliest.map(DateParser.iso) ?? "no record"),
        "latest": .string(coverage.latest.map(DateParser.iso) ?? "no record"),
        "rows": MustacheValue(coverage.rows),
        "uniqueRecords": MustacheValue(coverage.uniqueRecords),
        "possiblyTruncated": .bool(coverage.possiblyTruncated),
      ]
    }
    return .object(fields)
  }

  /// A list whose items are objects gaining `last: true` on the final one (for separators).
  static func listWithLast(_ items: [MustacheValue]) -> MustacheValue {
    .list(
      items.enumerated().map { index, item in
        guard case .object(var fields) = item else { return item }
        fields["last"] = .bool(index == items.count - 1)
        return .object(fields)
      })
  }
}
