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
  ///
  /// `currentKeys[i]` is the key of `current.grants[i]`, interned in `table`.
  static func compare(
    baseline: Inventory, current: Inventory, currentKeys: [MatchKey], log: AuditLogIndex,
    auditLogPresent: Bool, table: inout IdentityTable
  ) -> [SnapshotChange] {
    let currentKinds = current.kindsPresent
    let baselineKinds = baseline.kindsPresent
    func covered(_ key: MatchKey) -> Bool {
      let kinds = Evidence.grantKinds(right: key.right, folder: key.folder)
      return kinds.contains(where: currentKinds.contains)
        && (baselineKinds.isEmpty || kinds.contains(where: baselineKinds.contains))
    }
    let baselineKeys = baseline.grants.map { MatchKey($0.key, table: &table) }
    let diff = GrantDiff.diff(
      old: baseline.grants, oldKeys: baselineKeys, new: current.grants, newKeys: currentKeys,
      including: covered)
    func logged(_ key: MatchKey, in keys: Set<MatchKey>) -> Bool? {
      auditLogPresent ? keys.contains(key.withoutFolder) : nil
    }
    var changes: [SnapshotChange] = []
    changes.reserveCapacity(diff.added.count + diff.removed.count + diff.changed.count)
    for index in diff.added {
      changes.append(
        SnapshotChange(
          change: .added, grant: current.grants[index], logged: logged(currentKeys[index], in: log.addedKeys))
      )
    }
    for index in diff.removed {
      changes.append(
        SnapshotChange(
          change: .removed, grant: baseline.grants[index],
          logged: logged(baselineKeys[index], in: log.removedKeys)))
    }
    for pair in diff.changed {
      changes.append(SnapshotChange(change: .modified, grant: current.grants[pair.new], logged: nil))
    }
    return changes
  }
}
