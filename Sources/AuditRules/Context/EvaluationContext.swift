import AuditModel
import Dispatch

/// Everything a rule looks at, with the indexes every rule shares built once: the inventory,
/// policy, instants, baseline, identity matcher, register index and per-grant register status,
/// policy lists resolved, and the audit-log and baseline reconciliations. Building it is linear
/// in the inventory (plus sorting the audit events).
struct EvaluationContext: Sendable {
  let inventory: Inventory
  let policy: Policy
  let asOf: Int64
  /// The assessment period, inclusive at both ends (UTC seconds).
  let periodStart: Int64
  let periodEnd: Int64
  let baseline: Inventory?
  /// `inventory.kindsPresent`, computed once.
  let kindsPresent: Set<InputKind>
  let identities: IdentityMatcher
  /// The interned identity keys that `MatchKey`s and the sets below refer to.
  let identityTable: IdentityTable
  /// Comparison keys of `inventory.grants`, index for index.
  let grantKeys: [MatchKey]
  /// Grant key → index in `inventory.grants`; folder grants also under their key without folder.
  let grantIndex: [MatchKey: Int]
  /// Normalised right → indices of its grants, in grant order.
  let grantsByRight: [String: [Int]]
  /// The kind `inventory.principals` gives each grant's trustee, index for index.
  let principalKinds: [Principal.Kind?]
  /// Nil when no register was supplied.
  let register: RegisterIndex?
  /// Each grant's documentation or review status, index for index; empty without a register.
  let registerStatus: [RegisterStatus]
  /// Match keys of the policy's sensitive mailboxes and broad principals.
  let sensitiveMailboxes: Set<IdentityTable.ID>
  let broadPrincipals: Set<IdentityTable.ID>
  /// Directory account state by interned canonical id.
  let accountEnabled: [IdentityTable.ID: Bool]
  /// Audit events in the period, one per event × right, with their reconciliation.
  let events: [ReconciledEvent]
  /// Differences against the baseline; nil without a baseline.
  let snapshotChanges: [SnapshotChange]?

  /// Builds the context; the period defaults to `asOf − reviewPeriodDays` … `asOf`.
  init(
    inventory: Inventory, policy: Policy = Policy(), asOf: Int64, periodStart: Int64? = nil,
    periodEnd: Int64? = nil,
    baseline: Inventory? = nil
  ) {
    self.inventory = inventory
    self.policy = policy
    self.asOf = asOf
    self.periodEnd = periodEnd ?? asOf
    self.periodStart = periodStart ?? asOf - Int64(policy.reviewPeriodDays) * Day.seconds
    self.baseline = baseline
    kindsPresent = inventory.kindsPresent
    // The identity matcher and the grant indexes do not depend on each other: both cores build them.
    let matcher = ResultSlots<IdentityMatcher>(count: 1)
    let grantTables = ResultSlots<GrantTables>(count: 1)
    DispatchQueue.concurrentPerform(iterations: 2) { job in
      if job == 0 {
        matcher.set(0, IdentityMatcher(principals: inventory.principals))
      } else {
        grantTables.set(0, GrantTables(inventory))
      }
    }
    let identities = matcher.values()[0]
    self.identities = identities
    let tables = grantTables.values()[0]
    var table = tables.table
    grantKeys = tables.grantKeys
    grantIndex = tables.grantIndex
    grantsByRight = tables.grantsByRight
    principalKinds = tables.principalKinds

    let register = inventory.register.map { RegisterIndex($0, identities: identities, table: &table) }
    self.register = register
    registerStatus = RegisterStatus.all(
      grantKeys: tables.grantKeys, register: register, asOf: asOf, reviewPeriodDays: policy.reviewPeriodDays)
    sensitiveMailboxes = Set(
      policy.sensitiveMailboxes.compactMap(identities.matchKey).map { table.intern($0) })
    broadPrincipals = Set(policy.broadPrincipals.compactMap(identities.matchKey).map { table.intern($0) })
    var accountEnabled: [IdentityTable.ID: Bool] = [:]
    for (id, enabled) in inventory.accountEnabled { accountEnabled[table.intern(id.foldedCase)] = enabled }
    self.accountEnabled = accountEnabled

    let log = AuditLogIndex(inventory.events, identities: identities, table: &table)
    events = log.reconcile(from: self.periodStart, to: self.periodEnd, register: register)
    if let baseline {
      snapshotChanges = SnapshotChange.compare(
        baseline: baseline, current: inventory, currentKeys: tables.grantKeys, log: log,
        auditLogPresent: inventory.auditLogCoverage != nil, table: &table)
    } else {
      snapshotChanges = nil
    }
    identityTable = table
  }

  /// True when the grant's trustee is of this kind, by the grant or by the inventory's principal.
  func trustee(at index: Int, is kind: Principal.Kind) -> Bool {
    inventory.grants[index].trusteeKind == kind || principalKinds[index] == kind
  }

  /// True when the grant's trustee is a group, or a principal the policy lists as broad.
  func isBroad(_ index: Int) -> Bool {
    trustee(at: index, is: .group)
      || (!broadPrincipals.isEmpty && broadPrincipals.contains(grantKeys[index].trustee))
  }

  /// The grant with this key (a key without folder finds a folder grant of that role), if any.
  func grant(_ key: MatchKey) -> Grant? { grantIndex[key].map { inventory.grants[$0] } }

  /// Indices of the grants of one right (normalised), in grant order.
  func grants(of right: String) -> [Int] { grantsByRight[right] ?? [] }

  /// True when the export that would show grants of this right was read (so a missing grant is
  /// known to be missing) and the column carrying the right is not lossy.
  func grantEvidenceComplete(right: String, folder: String) -> Bool {
    let kinds = Evidence.grantKinds(right: right, folder: folder)
    guard kinds.contains(where: kindsPresent.contains) else { return false }
    return !inventory.lossyColumns.contains { Evidence.isLossy($0, for: right, folder: folder) }
  }
}

/// The indexes of an inventory's grants by comparison key and right, with the table their
/// identity keys are interned in.
struct GrantTables: Sendable {
  var table = IdentityTable()
  var grantKeys: [MatchKey] = []
  var grantIndex: [MatchKey: Int]
  var grantsByRight: [String: [Int]] = [:]
  /// The kind `inventory.principals` gives each grant's trustee, index for index.
  var principalKinds: [Principal.Kind?] = []

  init(_ inventory: Inventory) {
    let count = inventory.grants.count
    grantKeys.reserveCapacity(count)
    grantIndex = [MatchKey: Int](minimumCapacity: count)
    principalKinds.reserveCapacity(count)
    for (index, grant) in inventory.grants.enumerated() {
      let key = MatchKey(grant.key, table: &table)
      grantKeys.append(key)
      grantsByRight[key.right, default: []].append(index)
      if grantIndex[key] == nil { grantIndex[key] = index }
      if !key.folder.isEmpty && grantIndex[key.withoutFolder] == nil { grantIndex[key.withoutFolder] = index }
      principalKinds.append(inventory.principals[grant.key.trustee]?.kind)
    }
  }
}
