/// A named rule that removes a row from the grant population; every use is counted and listed.
public enum ExclusionRule: String, Sendable, Hashable, CaseIterable, Comparable {
  case selfPrincipal = "self-principal"
  case inheritedSystemPrincipal = "inherited-system-principal"
  case denyEntry = "deny-entry"
  case systemMailbox = "system-mailbox"
  case folderSpecialNone = "folder-special-none"
  case noDelegatedRight = "no-delegated-right"
  case duplicateRow = "duplicate-row"
  case notDelegationEvent = "not-delegation-event"

  /// One sentence for the report's exclusions section.
  public var explanation: String {
    switch self {
    case .selfPrincipal:
      "NT AUTHORITY\\SELF (S-1-5-10) is the mailbox owner's own access, not a delegation"
    case .inheritedSystemPrincipal:
      "inherited rows of well-known system and administrator principals are platform defaults"
    case .denyEntry:
      "Deny entries never grant access; they are recorded here and not counted as grants"
    case .systemMailbox:
      "system mailboxes (DiscoverySearchMailbox, SystemMailbox, …) are not user delegation"
    case .folderSpecialNone:
      "folder Default/Anonymous entries with role None grant nothing"
    case .noDelegatedRight:
      "the row carries no right this control tracks"
    case .duplicateRow:
      "an exact duplicate of an earlier row (chunked or overlapping exports) is counted once"
    case .notDelegationEvent:
      "the audit record is not a delegation or audit-configuration change"
    }
  }

  public static func < (lhs: ExclusionRule, rhs: ExclusionRule) -> Bool {
    lhs.rawValue < rhs.rawValue
  }
}

/// An input row left out of the population by a named rule.
public struct ExcludedRow: Sendable, Hashable, Comparable {
  public var location: SourceLocation
  public var rule: ExclusionRule
  /// Mailbox, trustee and rights as the row gave them, for the ledger CSV.
  public var mailbox: String
  public var trustee: String
  public var rights: String

  public init(
    location: SourceLocation, rule: ExclusionRule, mailbox: String, trustee: String, rights: String
  ) {
    self.location = location
    self.rule = rule
    self.mailbox = mailbox
    self.trustee = trustee
    self.rights = rights
  }

  public static func < (lhs: ExcludedRow, rhs: ExcludedRow) -> Bool {
    lhs.location < rhs.location
  }
}

/// An input row that could not be used, with the reason.
public struct RejectedRow: Sendable, Hashable, Comparable {
  public var location: SourceLocation
  public var reason: String

  public init(location: SourceLocation, reason: String) {
    self.location = location
    self.reason = reason
  }

  public static func < (lhs: RejectedRow, rhs: RejectedRow) -> Bool {
    lhs.location < rhs.location
  }
}
