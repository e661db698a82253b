/// Everything read from the inputs, normalised: the one thing rules look at.
public struct Inventory: Sendable {
  public var principals: [String: Principal] = [:]
  public var mailboxes: [String: Mailbox] = [:]
  /// Sorted by key; one entry per mailbox × trustee × right (× folder).
  public var grants: [Grant] = []
  public var events: [AuditEvent] = []
  public var auditConfig = AuditConfig()
  /// Present when an audit-log export was supplied.
  public var auditLogCoverage: AuditLogCoverage?
  /// Register rows; nil when no register was supplied.
  public var register: [RegisterEntry]?
  /// Account state from a directory export, by canonical principal id (true = enabled).
  public var accountEnabled: [String: Bool] = [:]
  public var ledgers: [FileLedger] = []
  public var excluded = ExcludedRows()
  public var rejected: [RejectedRow] = []
  public var lossyColumns: [LossyColumn] = []
  public var diagnostics: [Diagnostic] = []

  public init() {}

  /// The kinds for which at least one file was read.
  public var kindsPresent: Set<InputKind> { Set(ledgers.compactMap(\.kind)) }
}
