import AuditModel

/// The change records of an assessment: every audit event of the period with its reconciliation
/// against the register, and every difference from the baseline with its reconciliation against
/// the audit log.
enum ChangeRecords {
  static func records(_ context: EvaluationContext) -> [ChangeRecord] {
    let events = context.events.map { reconciled in
      let item = reconciled.item
      var evidence = [item.event.location]
      switch reconciled.status {
      case .approved(let row): evidence.append(row.entry.location)
      case .unapproved(let later?): evidence.append(later.entry.location)
      default: break
      }
      return ChangeRecord(
        source: .auditLog, change: item.event.change, mailbox: item.mailbox, trustee: item.trustee,
        right: reconciled.right?.name ?? "", folder: item.folder, time: item.event.time,
        recordID: item.event.recordID, reconciliation: reconciled.reconciliation, evidence: evidence)
    }
    let snapshot = (context.snapshotChanges ?? []).map { change in
      ChangeRecord(
        source: .snapshot, change: change.change, mailbox: change.grant.key.mailbox,
        trustee: change.grant.key.trustee, right: change.grant.key.right.name,
        folder: change.grant.key.folder,
        reconciliation: change.reconciliation, evidence: change.grant.sources)
    }
    return (events + snapshot).sorted(by: ordered)
  }

  /// A total order: time (snapshot differences first), identities, record, then source and change.
  static func ordered(_ lhs: ChangeRecord, _ rhs: ChangeRecord) -> Bool {
    let left = (lhs.time ?? .min, lhs.mailbox, lhs.trustee, lhs.right, lhs.folder ?? "", lhs.recordID ?? "")
    let right = (rhs.time ?? .min, rhs.mailbox, rhs.trustee, rhs.right, rhs.folder ?? "", rhs.recordID ?? "")
    if left != right { return left < right }
    return (lhs.source.rawValue, lhs.change.rawValue) < (rhs.source.rawValue, rhs.change.rawValue)
  }
}
