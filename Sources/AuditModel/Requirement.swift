/// The four requirements of control EXT-08.
public enum Requirement: String, Sendable, Hashable, CaseIterable, Comparable {
  case sendAsDocumented = "EXT-08.1"
  case sendOnBehalfTracked = "EXT-08.2"
  case fullAccessReviewed = "EXT-08.3"
  case changesMonitored = "EXT-08.4"

  public var statement: String {
    switch self {
    case .sendAsDocumented: "SendAs permissions on mailboxes are documented"
    case .sendOnBehalfTracked: "SendOnBehalf permissions are tracked"
    case .fullAccessReviewed: "FullAccess mailbox permissions are reviewed"
    case .changesMonitored: "Delegation changes are monitored"
    }
  }

  public static func < (lhs: Requirement, rhs: Requirement) -> Bool { lhs.rawValue < rhs.rawValue }
}
