/// Organisation-level audit settings and bypass associations; nil means "not supplied".
public struct AuditConfig: Sendable, Hashable {
  public var auditDisabled: Bool?
  public var auditDisabledSource: SourceLocation?
  public var unifiedAuditLogIngestionEnabled: Bool?
  public var ingestionSource: SourceLocation?
  /// Accounts with AuditBypassEnabled True, with the row that says so; nil when no export was given.
  public var bypassedAccounts: [(account: String, location: SourceLocation)]?

  public init() {}

  public static func == (lhs: AuditConfig, rhs: AuditConfig) -> Bool {
    lhs.auditDisabled == rhs.auditDisabled
      && lhs.unifiedAuditLogIngestionEnabled == rhs.unifiedAuditLogIngestionEnabled
      && lhs.bypassedAccounts?.map(\.account) == rhs.bypassedAccounts?.map(\.account)
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(auditDisabled)
    hasher.combine(unifiedAuditLogIngestionEnabled)
    hasher.combine(bypassedAccounts?.map(\.account))
  }
}
