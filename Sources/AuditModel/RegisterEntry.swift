/// One row of the approved-delegation register (PRODUCT.md §6).
public struct RegisterEntry: Sendable, Hashable, Comparable {
  public enum ReviewOutcome: String, Sendable, Hashable {
    case keep, remove
  }

  /// Identities as the register gives them; the evaluator resolves them.
  public var mailbox: String
  public var trustee: String
  public var right: Right
  public var folder: String?
  public var approvedBy: String?
  /// UTC seconds of the day (00:00Z).
  public var approvedOn: Int64?
  public var ticket: String?
  public var justification: String?
  public var expiresOn: Int64?
  public var lastReviewedOn: Int64?
  public var reviewedBy: String?
  public var reviewOutcome: ReviewOutcome?
  public var location: SourceLocation

  public init(
    mailbox: String, trustee: String, right: Right, folder: String? = nil, approvedBy: String? = nil,
    approvedOn: Int64? = nil, ticket: String? = nil, justification: String? = nil, expiresOn: Int64? = nil,
    lastReviewedOn: Int64? = nil, reviewedBy: String? = nil, reviewOutcome: ReviewOutcome? = nil,
    location: SourceLocation
  ) {
    self.mailbox = mailbox
    self.trustee = trustee
    self.right = right
    self.folder = folder
    self.approvedBy = approvedBy
    self.approvedOn = approvedOn
    self.ticket = ticket
    self.justification = justification
    self.expiresOn = expiresOn
    self.lastReviewedOn = lastReviewedOn
    self.reviewedBy = reviewedBy
    self.reviewOutcome = reviewOutcome
    self.location = location
  }

  public static func < (lhs: RegisterEntry, rhs: RegisterEntry) -> Bool { lhs.location < rhs.location }
}
