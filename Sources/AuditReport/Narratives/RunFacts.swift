import AuditModel

/// This run's facts on each part of EXT-08, gathered once from a finished assessment.
///
/// Narratives and the OSCAL writer state the same facts in different forms; neither re-derives
/// a verdict, they only count what the assessment holds.
struct RunFacts: Sendable {
  /// The facts on one part of EXT-08.
  struct Part: Sendable {
    var requirement: Requirement
    var status: RequirementResult.Status
    /// Size of the population tested; nil when its export was not supplied.
    var population: Int?
    /// Unwaived exceptions, as the verdict counts them.
    var exceptions: Int
    var reason: String
    var missingEvidence: [String]
    /// Finding codes of this part with their unwaived and waived counts, sorted by code.
    var codes: [CodeCount]
    /// The findings of this part, in the assessment's (sorted) order.
    var findings: [Finding]

    /// `satisfied`, `not satisfied`, `not assessed`.
    var statusText: String {
      switch status {
      case .satisfied: "satisfied"
      case .notSatisfied: "not satisfied"
      case .notAssessed: "not assessed"
      }
    }

    /// `37 effective SendAs grants`, or why nothing was counted.
    var populationText: String {
      guard let population else { return "not counted (the export it comes from was not supplied)" }
      return
        "\(population) \(population == 1 ? ControlText.populationNoun(requirement).one : ControlText.populationNoun(requirement).many)"
    }

    /// Waived findings of this part (kept in the pack, not counted as exceptions).
    var waived: Int { codes.reduce(0) { $0 + $1.waived } }
  }

  /// How often one finding code occurs.
  struct CodeCount: Sendable, Hashable {
    var code: String
    /// Findings that count as exceptions.
    var count: Int
    /// Findings accepted by a waiver.
    var waived: Int
  }

  /// EXT-08.1 to EXT-08.4, in order.
  var parts: [Part]
  /// Risk and input findings, which bear on no verdict, by code.
  var otherCodes: [CodeCount]
  var changes: [ChangeRecord]
  /// Changes found in the audit log (the others come from comparing with the baseline).
  var auditLogChanges: Int
  /// Changes per reconciliation outcome, sorted by outcome.
  var changeOutcomes: [(outcome: String, count: Int)]

  init(assessment: Assessment) {
    parts = Requirement.allCases.sorted().map { requirement in
      let findings = assessment.findings.filter { $0.requirement == requirement.rawValue }
      let codes = Self.codeCounts(findings)
      guard let result = assessment.results.first(where: { $0.requirement == requirement }) else {
        return Part(
          requirement: requirement, status: .notAssessed, population: nil, exceptions: 0,
          reason: "No verdict was recorded for this requirement.", missingEvidence: [], codes: codes,
          findings: findings)
      }
      return Part(
        requirement: requirement, status: result.status, population: result.population,
        exceptions: result.exceptions, reason: result.reason, missingEvidence: result.missingEvidence,
        codes: codes, findings: findings)
    }
    let known = Set(Requirement.allCases.map(\.rawValue))
    otherCodes = Self.codeCounts(assessment.findings.filter { !known.contains($0.requirement) })
    changes = assessment.changes
    // Counted once: every narrative part and mapping that shows EXT-08.4 states these counts.
    var outcomes: [String: Int] = [:]
    var auditLog = 0
    for index in changes.indices {
      outcomes[changes[index].reconciliation, default: 0] += 1
      if changes[index].source == .auditLog { auditLog += 1 }
    }
    auditLogChanges = auditLog
    changeOutcomes = outcomes.keys.sorted().map { ($0, outcomes[$0]!) }
  }

  /// The facts on one part.
  func part(_ requirement: Requirement) -> Part {
    parts.first { $0.requirement == requirement }!
  }

  static func codeCounts(_ findings: [Finding]) -> [CodeCount] {
    var counts: [String: CodeCount] = [:]
    for finding in findings {
      var entry = counts[finding.code] ?? CodeCount(code: finding.code, count: 0, waived: 0)
      if finding.waived { entry.waived += 1 } else { entry.count += 1 }
      counts[finding.code] = entry
    }
    return counts.values.sorted { $0.code < $1.code }
  }
}

extension FrameworkCatalog.Control {
  /// The model's requirement for this catalog part.
  var requirement: Requirement {
    switch self {
    case .sendAsDocumented: .sendAsDocumented
    case .sendOnBehalfTracked: .sendOnBehalfTracked
    case .fullAccessReviewed: .fullAccessReviewed
    case .changesMonitored: .changesMonitored
    }
  }
}
