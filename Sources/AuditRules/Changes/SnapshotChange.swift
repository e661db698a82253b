import AuditModel

/// One difference between the baseline and this snapshot, and whether the audit log records it.
struct SnapshotChange: Sendable {
  var change: AuditEvent.Change
  /// The current grant for additions and modifications, the baseline's for removals.
  var grant: Grant
  /// True when an audit event adds (or, for a removal, removes) this mailbox × trustee × right;
  /// nil when no audit log was supplied or the change is a modification.
  var logged: Bool?

  /// `logged`, `unlogged` or `not-applicable`, as `ChangeRecord.reconciliation` says it.
  var reconciliation: String {
    switch logged {
    case true?: "logged"
    case false?: "unlogged"
    case nil: "not-applicable"
    }
  }

  /// Compares the grants both snapshots could show: a right is compared only when this run read
  /// the export that shows it and the baseline did too (a baseline with no ledger, rebuilt from
  /// a pack, is taken to have covered the same exports), so that adding an export is not
  /// mistaken for a wave of new grants.
  static func compare(
    baseline: Inventory, current: Inventory, log: AuditLogIndex, auditLogPresent: Bool,
    table: inout IdentityTable
  ) -> [SnapshotChange] {
    let currentKinds = current.kindsPresent
    let baselineKinds = baseline.kindsPresent
    func covered(_ grant: Grant) -> Bool {
      let kinds = Evidence.grantKinds(of: grant)
      return kinds.contains(where: currentKinds.contains)
        && (baselineKinds.isEmpty || kinds.contains(where: baselineKinds.contains))
    }
    let diff = GrantDiff.diff(old: baseline.grants, new: current.grants, table: &table, including: covered)
    func logged(_ grant: Grant, in keys: Set<MatchKey>, table: inout IdentityTable) -> Bool? {
      auditLogPresent ? keys.contains(MatchKey(grant.key, table: &table).withoutFolder) : nil
    }
    var changes: [SnapshotChange] = []
    for grant in diff.added {
      changes.append(
        SnapshotChange(change: .added, grant: grant, logged: logged(grant, in: log.addedKeys, table: &table)))
    }
    for grant in diff.removed {
      changes.append(
        SnapshotChange(
          change: .removed, grant: grant, logged: logged(grant, in: log.removedKeys, table: &table)))
    }
    for pair in diff.changed {
      changes.append(SnapshotChange(change: .modified, grant: pair.new, logged: nil))
    }
    return changes
  }
}
