import AuditModel

/// Our own wording for control EXT-08 and its parts, shared by narratives and OSCAL.
enum ControlText {
  static let controlID = "EXT-08"
  static let controlTitle = "Audit Mailbox Delegation"

  /// When a part is satisfied (PRODUCT.md §7), in one sentence.
  static func criterion(_ requirement: Requirement) -> String {
    switch requirement {
    case .sendAsDocumented:
      "Every effective SendAs grant has a register row with ApprovedBy and ApprovedOn that has not expired at the as-of date."
    case .sendOnBehalfTracked:
      "Every SendOnBehalf delegate has a register row with ApprovedBy and ApprovedOn that has not expired at the as-of date."
    case .fullAccessReviewed:
      "Every effective FullAccess grant was last reviewed within the review period set by policy (default 90 days) before the as-of date, by a reviewer other than the trustee, with outcome keep; a remove outcome whose grant still exists is an exception."
    case .changesMonitored:
      "Organisation auditing and unified audit log ingestion are on, no account bypasses auditing, every user and shared mailbox audits SendAs, SendOnBehalf and UpdateFolderPermissions for delegates and admins, the audit log covers the period without truncation, every grant-adding event in the period matches an approval, and every grant added since the baseline has an audit event."
    }
  }

  /// What the population of a part counts, singular and plural.
  static func populationNoun(_ requirement: Requirement) -> (one: String, many: String) {
    switch requirement {
    case .sendAsDocumented: ("effective SendAs grant", "effective SendAs grants")
    case .sendOnBehalfTracked: ("SendOnBehalf delegate", "SendOnBehalf delegates")
    case .fullAccessReviewed: ("effective FullAccess grant", "effective FullAccess grants")
    case .changesMonitored: ("delegation event in the period", "delegation events in the period")
    }
  }

  /// How a catalog relationship reads in a sentence.
  static func relationship(_ relationship: FrameworkCatalog.Mapping.Relationship) -> String {
    switch relationship {
    case .equivalent: "equivalent"
    case .supports: "primary evidence (supports)"
    case .partiallySupports: "part of the evidence (partially supports)"
    case .related: "related context"
    }
  }

  /// How a catalog's mapping source reads in a sentence.
  static func mappingSource(_ source: FrameworkCatalog.MappingSource) -> String {
    switch source {
    case .analyst: "our analyst judgement, not the framework owner's"
    case .frameworkOwner: "the framework owner"
    case .thirdParty: "a third party (see the catalog source)"
    }
  }
}
