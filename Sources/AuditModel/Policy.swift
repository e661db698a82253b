/// How severe a finding is; policy may override the default per code.
public enum Severity: String, Sendable, Hashable, CaseIterable, Comparable {
  case high, medium, low, info

  var rank: Int {
    switch self {
    case .high: 3
    case .medium: 2
    case .low: 1
    case .info: 0
    }
  }

  public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// The organisation's policy (`--policy`, JSON); defaults apply when no file is given.
public struct Policy: Sendable, Hashable {
  public struct Waiver: Sendable, Hashable {
    public var code: String
    public var mailbox: String?
    public var trustee: String?
    public var reason: String
    /// UTC seconds of the expiry day; the waiver applies while as-of is before the end of that day.
    public var expires: Int64

    public init(code: String, mailbox: String?, trustee: String?, reason: String, expires: Int64) {
      self.code = code
      self.mailbox = mailbox
      self.trustee = trustee
      self.reason = reason
      self.expires = expires
    }
  }

  public var reviewPeriodDays = 90
  public var sensitiveMailboxes: [String] = []
  public var broadPrincipals: [String] = []
  /// Domains that are internal; a trustee address in any other domain is external. Empty: not judged.
  public var internalDomains: [String] = []
  public var severityOverrides: [String: Severity] = [:]
  public var waivers: [Waiver] = []

  public init() {}
}
