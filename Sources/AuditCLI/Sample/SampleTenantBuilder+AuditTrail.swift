/// The unified audit log of the period: an event for every grant added or removed in it
/// (except the planted unlogged one), everyday non-delegation operations, system noise on the
/// discovery mailbox, a failed cmdlet and a record delivered twice.
extension SampleTenantBuilder {
  mutating func recordAuditTrail() {
    var events: [SampleEvent] = []
    var delegations: [Int: [SampleGrant]] = [:]
    for grant in tenant.grants + tenant.removedGrants where grant.right == .sendOnBehalf {
      delegations[grant.mailbox, default: []].append(grant)
    }
    for grant in tenant.grants where grant.logged {
      guard let added = grant.addedAt else { continue }
      let action: SampleEvent.Action
      switch grant.right {
      case .sendAs:
        action = .addRecipientPermission(mailbox: grant.mailbox, trustee: grant.trustee)
      case .sendOnBehalf:
        action = .setSendOnBehalf(
          mailbox: grant.mailbox, delegates: delegates(delegations[grant.mailbox] ?? [], at: added))
      case .folderRole(let role):
        action = .addFolderPermission(
          mailbox: grant.mailbox, trustee: grant.trustee, folder: grant.folder ?? "\\Calendar", role: role)
      case .fullAccess, .changePermission, .changeOwner:
        action = .addMailboxPermission(mailbox: grant.mailbox, trustee: grant.trustee)
      }
      events.append(adminEvent(at: added, action, story: grant.story))
    }
    for grant in tenant.removedGrants {
      guard let removed = grant.removedAt else { continue }
      let action: SampleEvent.Action
      switch grant.right {
      case .sendAs: action = .removeRecipientPermission(mailbox: grant.mailbox, trustee: grant.trustee)
      case .sendOnBehalf:
        action = .setSendOnBehalf(
          mailbox: grant.mailbox, delegates: delegates(delegations[grant.mailbox] ?? [], at: removed))
      default: action = .removeMailboxPermission(mailbox: grant.mailbox, trustee: grant.trustee)
      }
      events.append(adminEvent(at: removed, action, story: grant.story))
    }
    if let index = events.indices.first(where: {
      if case .addMailboxPermission = events[$0].action { return true }
      return false
    }) {
      events[index].duplicated = true
    }
    // A cmdlet that failed: it changed nothing, so it needs no approval.
    let failedPair = freshPair()
    markUsed(failedPair.mailbox, failedPair.trustee)
    var failed = adminEvent(
      at: changeTime(), .addMailboxPermission(mailbox: failedPair.mailbox, trustee: failedPair.trustee),
      story: "trap: Add-MailboxPermission that failed (ResultStatus False)")
    failed.failed = true
    events.append(failed)
    let discovery = tenant.mailboxIndices.first { tenant.principals[$0].kind == .discovery }!
    events.append(
      SampleEvent(
        time: changeTime(), recordID: random.guid(),
        actor: "NT AUTHORITY\\SYSTEM (Microsoft.Exchange.ServiceHost)", actorType: 3,
        action: .discoveryGrant(mailbox: discovery), story: "trap: system grant on the discovery mailbox"))
    let noise = min(20_000, 8 + tenant.options.mailboxes / 5)
    for index in 0..<noise {
      let time: Int64
      switch index {
      case 0: time = tenant.logStart
      case 1: time = tenant.logEnd
      default: time = tenant.logStart + Int64(random.int(0..<Int(tenant.logEnd - tenant.logStart)))
      }
      events.append(everydayEvent(at: time))
    }
    tenant.events = events.sorted { ($0.time, $0.recordID) < ($1.time, $1.recordID) }
  }

  /// The SendOnBehalf delegates a mailbox has at `time`, from its current and removed
  /// SendOnBehalf grants (Set-Mailbox logs the resulting list).
  func delegates(_ grants: [SampleGrant], at time: Int64) -> [Int] {
    grants.filter { grant in
      grant.removedAt.map { $0 > time } ?? ((grant.addedAt ?? .min) <= time)
    }.map(\.trustee)
  }

  /// A change made by an administrator.
  mutating func adminEvent(at time: Int64, _ action: SampleEvent.Action, story: String) -> SampleEvent {
    let actor =
      random.chance(75)
      ? tenant.principals[random.pick(tenant.administrators)].upn : "admin@\(tenant.tenantDomain)"
    return SampleEvent(
      time: time, recordID: random.guid(), actor: actor, actorType: 2, action: action,
      identityAsPath: random.chance(40), story: story)
  }

  /// An operation that is not a delegation change.
  mutating func everydayEvent(at time: Int64) -> SampleEvent {
    let user = random.pick(users)
    let upn = tenant.principals[user].upn
    switch random.int(0..<4) {
    case 0:
      let mailbox = random.pick(sharedMailboxes + users)
      let parameter =
        random.chance(50)
        ? SampleParameter(name: "RetainDeletedItemsFor", value: "30.00:00:00")
        : SampleParameter(name: "ProhibitSendQuota", value: "49 GB (52,613,349,376 bytes)")
      var event = adminEvent(
        at: time,
        .other(
          operation: "Set-Mailbox", mailbox: mailbox,
          parameters: [SampleParameter(name: "Identity", value: tenant.principals[mailbox].upn), parameter]),
        story: "not a delegation change")
      event.identityAsPath = false
      return event
    case 1:
      return SampleEvent(
        time: time, recordID: random.guid(), actor: upn, actorType: 0,
        action: .other(
          operation: "New-InboxRule", mailbox: user,
          parameters: [
            SampleParameter(name: "AlwaysDeleteOutlookRulesBlob", value: "False"),
            SampleParameter(name: "Force", value: "False"),
            SampleParameter(name: "MoveToFolder", value: "Newsletters"),
            SampleParameter(name: "Name", value: "Newsletters"),
            SampleParameter(name: "FromAddressContainsWords", value: "newsletter"),
            SampleParameter(name: "StopProcessingRules", value: "False"),
          ]),
        story: "not a delegation change")
    case 2:
      return SampleEvent(
        time: time, recordID: random.guid(), actor: upn, actorType: 0,
        action: .other(
          operation: "Set-MailboxAutoReplyConfiguration", mailbox: user,
          parameters: [
            SampleParameter(name: "Identity", value: upn),
            SampleParameter(name: "AutoReplyState", value: "Scheduled"),
            SampleParameter(
              name: "InternalMessage",
              value:
                "<html><body>I'm out of the office & back on Monday; for \"urgent\" matters call the desk.</body></html>"
            ),
          ]),
        story: "not a delegation change")
    default:
      let room = random.pick(rooms)
      return adminEvent(
        at: time,
        .other(
          operation: "Set-CalendarProcessing", mailbox: room,
          parameters: [
            SampleParameter(name: "Identity", value: tenant.principals[room].upn),
            SampleParameter(name: "AutomateProcessing", value: "AutoAccept"),
          ]),
        story: "not a delegation change")
    }
  }
}
