import AuditModel

/// The one-sentence reason of each verdict, with its numbers.
enum Reasons {
  static func sentence(
    _ requirement: Requirement, status: RequirementResult.Status, population: Int?, exceptions: [String: Int],
    waived: Int, missing: [MissingEvidence], context: EvaluationContext
  ) -> String {
    let asOf = DateParser.day(context.asOf)
    let counted = population.map { populationPhrase(requirement, $0) }
    var text: String
    switch status {
    case .satisfied:
      text = satisfied(requirement, population: population ?? 0, asOf: asOf, context: context)
    case .notSatisfied:
      text = "\(Messages.count(exceptions.values.reduce(0, +), "exception")) (\(codeCounts(exceptions)))"
      if requirement == .changesMonitored {
        text += " across the audit configuration" + (counted.map { " and \($0)" } ?? "")
      } else if let counted {
        text += " among \(counted)"
      }
      if !missing.isEmpty { text += "; not fully assessed without \(names(missing))" }
    case .notAssessed:
      text = "Not assessed without \(names(missing))"
      if let counted { text += "; \(counted) counted" }
    }
    if waived > 0 { text += "; \(Messages.count(waived, "waived finding")) not counted" }
    if requirement == .changesMonitored && context.baseline == nil {
      text += "; no baseline was given, so grants added since a previous snapshot were not checked"
    }
    return capitalisedFirst(text) + "."
  }

  static func satisfied(_ requirement: Requirement, population: Int, asOf: String, context: EvaluationContext)
    -> String
  {
    let approved = "a register row with ApprovedBy and ApprovedOn, not expired at \(asOf)"
    switch requirement {
    case .sendAsDocumented:
      return population == 0
        ? "No effective SendAs grant exists, so none is undocumented"
        : all(population, "effective SendAs grant", "has", "have") + " " + approved
    case .sendOnBehalfTracked:
      return population == 0
        ? "No SendOnBehalf delegate exists, so none is untracked"
        : all(population, "SendOnBehalf delegate", "has", "have") + " " + approved
    case .fullAccessReviewed:
      return population == 0
        ? "No effective FullAccess grant exists, so none is unreviewed"
        : all(population, "effective FullAccess grant", "was", "were")
          + " reviewed within \(context.policy.reviewPeriodDays) days before \(asOf) by someone other than the "
          + "trustee, with no removal left undone"
    case .changesMonitored:
      let mailboxes = MailboxAuditActionsMissingRule.inScope(context.inventory).count
      let adding = context.events.count(where: \.needsApproval)
      let audited =
        mailboxes == 0
        ? "no user or shared mailbox is in scope for audit actions"
        : all(mailboxes, "user and shared mailbox", "audits", "audit", plural: "user and shared mailboxes")
          + " SendAs, SendOnBehalf and UpdateFolderPermissions for delegates and admins"
      let changes =
        adding == 0
        ? "it records no grant-adding change in the period"
        : all(adding, "grant-adding change", "matches", "match") + " an approval"
      return
        "Auditing and audit-log ingestion are on, no account bypasses auditing, \(lowercasedFirst(audited)), "
        + "the audit log covers the period, and \(lowercasedFirst(changes))"
        + (context.baseline != nil ? "; every grant added since the baseline has an audit event" : "")
    }
  }

  /// `All 3 effective SendAs grants have` or `The one effective SendAs grant has`.
  static func all(
    _ count: Int, _ noun: String, _ singular: String, _ plural: String, plural nouns: String? = nil
  )
    -> String
  {
    count == 1 ? "The one \(noun) \(singular)" : "All \(count) \(nouns ?? noun + "s") \(plural)"
  }

  static func lowercasedFirst(_ text: String) -> String {
    guard let first = text.first else { return text }
    return first.lowercased() + text.dropFirst()
  }

  static func populationPhrase(_ requirement: Requirement, _ count: Int) -> String {
    switch requirement {
    case .sendAsDocumented: Messages.count(count, "effective SendAs grant")
    case .sendOnBehalfTracked: Messages.count(count, "SendOnBehalf delegate")
    case .fullAccessReviewed: Messages.count(count, "effective FullAccess grant")
    case .changesMonitored: Messages.count(count, "delegation event") + " in the period"
    }
  }

  /// `SENDAS_UNDOCUMENTED 2, APPROVAL_EXPIRED 1`, in catalog order.
  static func codeCounts(_ counts: [String: Int]) -> String {
    FindingCode.allCases.compactMap { code in counts[code.rawValue].map { "\(code.rawValue) \($0)" } }
      .joined(separator: ", ")
  }

  static func names(_ missing: [MissingEvidence]) -> String {
    var seen = Set<String>()
    let names = missing.map(\.name).filter { seen.insert($0).inserted }
    switch names.count {
    case 0: return "nothing"
    case 1: return names[0]
    default: return names.dropLast().joined(separator: ", ") + " and " + names[names.count - 1]
    }
  }

  static func capitalisedFirst(_ text: String) -> String {
    guard let first = text.first else { return text }
    return first.uppercased() + text.dropFirst()
  }
}
