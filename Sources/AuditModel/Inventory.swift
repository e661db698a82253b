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
  /// The exclusion ledger's rows; see `moveExcludedRows()`.
  public var excluded = ExcludedRows()
  /// The ledger's counts by rule, kept when its rows were moved out.
  private var movedExclusionCounts: [ExclusionRule: Int]?
  public var rejected: [RejectedRow] = []
  public var lossyColumns: [LossyColumn] = []
  public var diagnostics: [Diagnostic] = []

  public init() {}

  /// The kinds for which at least one file was read.
  public var kindsPresent: Set<InputKind> { Set(ledgers.compactMap(\.kind)) }

  /// Excluded rows per rule (rules that excluded none are absent), whether or not the rows are
  /// still here.
  public var exclusionCounts: [ExclusionRule: Int] { movedExclusionCounts ?? excluded.countsByRule() }

  /// How many rows were excluded, whether or not they are still here.
  public var excludedCount: Int { movedExclusionCounts.map { $0.values.reduce(0, +) } ?? excluded.count }

  /// Hands over the exclusion ledger's rows (about a million for a large tenant, needed for one
  /// file of the pack), keeping their counts.
  public mutating func moveExcludedRows() -> ExcludedRows {
    movedExclusionCounts = exclusionCounts
    defer { excluded = [] }
    return excluded
  }
}
