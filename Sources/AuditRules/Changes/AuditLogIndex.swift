import AuditModel

/// The audit log's delegation events with identities resolved, de-duplicated, and indexed by
/// the grants they add or remove.
struct AuditLogIndex: Sendable {
  /// One event with its mailbox (split from a `mailbox:\folder` identity) and trustee resolved.
  struct Item: Sendable {
    var event: AuditEvent
    var mailbox: String
    var trustee: String
    var folder: String?
    /// Nil when the identity is empty or ambiguous.
    var mailboxKey: IdentityTable.ID?
    var trusteeKey: IdentityTable.ID?
    var notes: [String]

    /// True for events that give a right: additions, and modifications (which set a right anew).
    var addsGrant: Bool { event.change != .removed }
  }

  let items: [Item]
  /// Mailbox × trustee × right (no folder) of every grant-adding and every removing event.
  let addedKeys: Set<MatchKey>
  let removedKeys: Set<MatchKey>

  init(_ events: [AuditEvent], identities: IdentityMatcher, table: inout IdentityTable) {
    var items: [Item] = []
    var seen = Set<EventIdentity>()
    var addedKeys = Set<MatchKey>()
    var removedKeys = Set<MatchKey>()
    for event in events.sorted(by: {
      ($0.time, $0.recordID, $0.location) < ($1.time, $1.recordID, $1.location)
    }) {
      guard seen.insert(EventIdentity(event)).inserted else { continue }
      let (mailboxText, identityFolder) = Self.splitFolder(event.mailbox)
      let folder = event.folder ?? identityFolder
      let mailbox = identities.resolve(mailboxText)
      let trustee = identities.resolve(event.trustee)
      let item = Item(
        event: event, mailbox: mailbox.canonicalID, trustee: trustee.canonicalID, folder: folder,
        mailboxKey: mailbox.key.map { table.intern($0) }, trusteeKey: trustee.key.map { table.intern($0) },
        notes: [mailbox.note(role: "mailbox"), trustee.note(role: "trustee")].compactMap { $0 })
      if let mailboxKey = item.mailboxKey, let trusteeKey = item.trusteeKey {
        for right in event.rights {
          let key = MatchKey(
            mailbox: mailboxKey, trustee: trusteeKey, right: RightName.normalised(right.name))
          if item.addsGrant { addedKeys.insert(key) } else { removedKeys.insert(key) }
        }
      }
      items.append(item)
    }
    self.items = items
    self.addedKeys = addedKeys
    self.removedKeys = removedKeys
  }

  /// Reconciles the events of `start … end` against the register: one result per event × right.
  func reconcile(from start: Int64, to end: Int64, register: RegisterIndex?) -> [ReconciledEvent] {
    var result: [ReconciledEvent] = []
    for (itemIndex, item) in items.enumerated() where item.event.time >= start && item.event.time <= end {
      let rights = item.event.rights
      if rights.isEmpty {
        result.append(ReconciledEvent(item: item, itemIndex: itemIndex, right: nil, status: .notApplicable))
        continue
      }
      let companions = rights.count > 1
      for right in rights {
        let name = RightName.normalised(right.name)
        let status: ReconciledEvent.Status
        if (companions && name == RightName.readPermission) || item.mailbox.isEmpty || item.trustee.isEmpty {
          // ReadPermission beside other rights is part of them; a record without both parties
          // cannot be matched to anything.
          status = .notApplicable
        } else if !item.addsGrant {
          status = .removal
        } else if let register {
          status = Self.approval(of: item, right: name, in: register)
        } else {
          status = .unreconciled
        }
        result.append(ReconciledEvent(item: item, itemIndex: itemIndex, right: right, status: status))
      }
    }
    return result
  }

  /// Approved when a register row for the same mailbox, trustee and right names ApprovedBy and an
  /// ApprovedOn on or before the event's UTC day, and had not expired by that day.
  static func approval(of item: Item, right: String, in register: RegisterIndex) -> ReconciledEvent.Status {
    guard let mailboxKey = item.mailboxKey, let trusteeKey = item.trusteeKey else {
      return .unapproved(approvedLater: nil)
    }
    let eventDay = Day.of(item.event.time)
    let rows = register.rows(mailbox: mailboxKey, trustee: trusteeKey, right: right).filter(\.isApproved)
    if let row = rows.first(where: { row in
      Day.of(row.entry.approvedOn ?? .max) <= eventDay
        && row.entry.expiresOn.map { Day.of($0) >= eventDay } ?? true
    }) {
      return .approved(row)
    }
    return .unapproved(approvedLater: rows.first { Day.of($0.entry.approvedOn ?? .min) > eventDay })
  }

  /// `ceo@contoso.com:\Calendar` → (`ceo@contoso.com`, `\Calendar`); other identities unchanged.
  static func splitFolder(_ identity: String) -> (String, String?) {
    var index = identity.startIndex
    while let colon = identity[index...].firstIndex(of: ":") {
      let next = identity.index(after: colon)
      if next < identity.endIndex, identity[next] == "\\" || identity[next] == "/" {
        return (String(identity[..<colon]), String(identity[next...]))
      }
      index = next
    }
    return (identity, nil)
  }

  /// What makes two audit events the same fact: overlapping result pages repeat records.
  private struct EventIdentity: Hashable {
    var recordID: String
    var mailbox: String
    var trustee: String
    var rights: [String]
    var change: AuditEvent.Change

    init(_ event: AuditEvent) {
      recordID = event.recordID
      mailbox = event.mailbox.lowercased()
      trustee = event.trustee.lowercased()
      rights = event.rights.map(\.name)
      change = event.change
    }
  }
}

/// One audit event × right, and how it reconciles with the register.
struct ReconciledEvent: Sendable {
  enum Status: Sendable {
    case approved(RegisterIndex.Row)
    /// No approval on or before the event's day; the first approval dated later, if any.
    case unapproved(approvedLater: RegisterIndex.Row?)
    case removal
    /// Adds a grant, but no register was supplied to match approvals against.
    case unreconciled
    /// Names no right, no mailbox or trustee, or only a ReadPermission beside other rights.
    case notApplicable
  }

  var item: AuditLogIndex.Item
  /// The item's position in `AuditLogIndex.items`: one per audit event.
  var itemIndex: Int
  var right: Right?
  var status: Status

  /// `approved`, `unapproved`, `removal` or `not-applicable`, as `ChangeRecord.reconciliation` says it.
  var reconciliation: String {
    switch status {
    case .approved: "approved"
    case .unapproved: "unapproved"
    case .removal: "removal"
    case .unreconciled, .notApplicable: "not-applicable"
    }
  }

  /// True for a grant-adding change that needs an approval (whether or not one could be checked).
  var needsApproval: Bool {
    switch status {
    case .approved, .unapproved, .unreconciled: true
    case .removal, .notApplicable: false
    }
  }
}
