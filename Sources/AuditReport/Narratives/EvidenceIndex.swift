import AuditModel

/// Which input and pack files are evidence for which part of EXT-08.
enum EvidenceIndex {
  /// Pack data files a narrative lists (when the pack has them), in this order, with what each holds.
  static let narrativeDataFiles: [(path: String, description: String)] = [
    ("data/grants.csv", "grant population, one row per mailbox × trustee × right, with the source rows"),
    (
      "data/changes.csv",
      "delegation changes: baseline differences and audit-log events with their reconciliation"
    ),
    ("data/findings.csv", "every finding with its code, requirement, severity, waiver and evidence location"),
    ("data/results.json", "the verdict on each EXT-08 requirement with its population and exception counts"),
    ("data/by-trustee.csv", "reverse index: what each trustee can access"),
    ("data/excluded.csv", "rows left out of the population, each with the named rule that excluded it"),
    ("data/rejected.csv", "rows that could not be used, each with the reason"),
  ]

  /// The parts of EXT-08 an input file is evidence for, from its role and detected kind.
  static func parts(forInput input: PackInput) -> [Requirement] {
    switch input.role {
    case "register", "policy": return Requirement.allCases
    case "baseline": return [.changesMonitored]
    default: break
    }
    switch input.kind.flatMap(InputKind.init(rawValue:)) {
    case .recipientPermission, .adPermission: return [.sendAsDocumented]
    case .mailbox: return [.sendOnBehalfTracked, .changesMonitored]
    case .mailboxPermission: return [.fullAccessReviewed]
    case .orgConfig, .auditBypass, .auditLog: return [.changesMonitored]
    case .register: return Requirement.allCases
    case .directory: return [.sendAsDocumented, .sendOnBehalfTracked, .fullAccessReviewed]
    case .folderPermission, nil: return []
    }
  }

  /// The parts of EXT-08 a pack file is evidence for.
  static func parts(forPackFile path: String) -> [Requirement] {
    let grants: [Requirement] = [.sendAsDocumented, .sendOnBehalfTracked, .fullAccessReviewed]
    switch path {
    case "data/findings.csv", "data/findings.json", "data/results.json", "data/excluded.csv",
      "data/rejected.csv":
      return Requirement.allCases
    case "data/grants.csv", "data/grants.json", "data/by-trustee.csv", "register-template.csv":
      return grants
    case "data/changes.csv", "data/changes.json":
      return [.changesMonitored]
    default:
      return []
    }
  }

  /// A short description of a pack file for OSCAL back-matter.
  static func description(ofPackFile path: String) -> String {
    if let known = narrativeDataFiles.first(where: { $0.path == path }) { return known.description }
    switch path {
    case "data/grants.json": return "grant population as JSON"
    case "data/findings.json": return "findings as JSON"
    case "data/changes.json": return "delegation changes as JSON"
    case "register-template.csv": return "register template pre-filled with every current grant"
    default: return "evidence pack file"
    }
  }

  /// `text/csv` and the like, from the file extension.
  static func mediaType(of path: String) -> String {
    let name = path.split(separator: "/").last.map(String.init) ?? path
    guard let dot = name.lastIndex(of: ".") else { return "application/octet-stream" }
    switch name[name.index(after: dot)...].lowercased() {
    case "csv": return "text/csv"
    case "json": return "application/json"
    case "xml": return "application/xml"
    case "md": return "text/markdown"
    case "html", "htm": return "text/html"
    case "txt", "log": return "text/plain"
    case "zip": return "application/zip"
    default: return "application/octet-stream"
    }
  }
}
