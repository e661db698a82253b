/// The planted situations: one or more of each for every finding code of PRODUCT.md §7, each on
/// a mailbox × trustee pair of its own. Variants alternate by unit number so larger tenants
/// show every shape of a situation.
extension SampleTenantBuilder {
  mutating func plantSituations() {
    for unit in 0..<perKind {
      plantSendAsUndocumented(unit)
      plantSendOnBehalfUndocumented(unit)
      plantApprovalExpired(unit)
      plantFullAccessNotReviewed(unit)
      plantReviewOverdue(unit)
      plantReviewByTrustee(unit)
      plantRemovalNotDone(unit)
      plantStaleEntry(unit)
      plantAuditBypass(unit)
      plantAuditActionsMissing(unit)
      plantChangeUnapproved(unit)
      plantChangeUnlogged(unit)
      plantOrphanedSID(unit)
      plantExternalTrustee(unit)
      plantDisabledTrustee(unit)
      plantBroadGroup(unit)
      plantFullAccessWithSendAs(unit)
      plantEscalationRight(unit)
      plantFolderBroadAccess(unit)
      plantInheritedFullAccess(unit)
    }
    for (unit, mailbox) in tenant.sensitiveMailboxes.enumerated() {
      plantSensitiveDelegation(unit, on: mailbox)
    }
    tenant.broadPrincipals = groups
    if tenant.exportLossy {
      let withFullAccess = Set(
        tenant.grants.filter { $0.right == .fullAccess && !$0.inherited }.map(\.mailbox))
      let candidates = sharedMailboxes.filter { !reserved.contains($0) && withFullAccess.contains($0) }
      tenant.lossyMailboxes = Array(random.shuffled(candidates).prefix(3)).sorted()
    }
  }

  // MARK: - Choosing where to plant

  /// A mailbox and trustee that share nothing yet: the mailbox from `mailboxes` (default: any
  /// non-sensitive shared or user mailbox; with `withoutDelegates`, one with no SendOnBehalf
  /// delegate yet), the trustee from `trustees` (default: active users).
  mutating func freshPair(
    mailboxes: [Int]? = nil, trustees: [Int]? = nil, withoutDelegates: Bool = false
  ) -> (mailbox: Int, trustee: Int) {
    let mailboxPool = mailboxes ?? (random.chance(50) ? sharedMailboxes : users)
    let trusteePool = trustees ?? users
    for _ in 0..<400 {
      let mailbox = random.pick(mailboxPool)
      let trustee = random.pick(trusteePool)
      if isFree(mailbox, trustee, withoutDelegates: withoutDelegates) { return (mailbox, trustee) }
    }
    for mailbox in (mailboxes ?? sharedMailboxes + users) {
      for trustee in trusteePool where isFree(mailbox, trustee, withoutDelegates: withoutDelegates) {
        return (mailbox, trustee)
      }
    }
    preconditionFailure("no free mailbox × trustee pair left for a planted situation")
  }

  private func isFree(_ mailbox: Int, _ trustee: Int, withoutDelegates: Bool) -> Bool {
    mailbox != trustee && tenant.principals[mailbox].owner != trustee && !isUsed(mailbox, trustee)
      && !reserved.contains(mailbox) && !(withoutDelegates && sendOnBehalfMailboxes.contains(mailbox))
  }

  /// Documents `grant` cleanly, lets `change` alter the row, and adds it to the register.
  mutating func register(_ grant: SampleGrant, _ change: (inout SampleRegisterRow) -> Void = { _ in }) {
    var row = documentation(for: grant, story: grant.story)
    change(&row)
    tenant.register.append(row)
  }

  // MARK: - EXT-08.1 / 08.2 / 08.3

  mutating func plantSendAsUndocumented(_ unit: Int) {
    let pair = freshPair()
    let grant = SampleGrant(
      mailbox: pair.mailbox, trustee: pair.trustee, right: .sendAs,
      story: unit % 2 == 0
        ? "planted: SendAs with no register row" : "planted: SendAs whose register row lacks ApprovedBy")
    add(grant)
    if unit % 2 == 1 {
      register(grant) {
        $0.approvedBy = nil
        $0.approvedByForm = nil
      }
    }
  }

  mutating func plantSendOnBehalfUndocumented(_ unit: Int) {
    let pair = freshPair(withoutDelegates: true)
    let grant = SampleGrant(
      mailbox: pair.mailbox, trustee: pair.trustee, right: .sendOnBehalf,
      story: unit % 2 == 0
        ? "planted: SendOnBehalf delegate with no register row"
        : "planted: SendOnBehalf delegate whose register row lacks ApprovedOn")
    add(grant)
    if unit % 2 == 1 { register(grant) { $0.approvedOn = nil } }
  }

  mutating func plantApprovalExpired(_ unit: Int) {
    let sendAs = unit % 2 == 0
    let pair = sendAs ? freshPair() : freshPair(withoutDelegates: true)
    let grant = SampleGrant(
      mailbox: pair.mailbox, trustee: pair.trustee, right: sendAs ? .sendAs : .sendOnBehalf,
      story: "planted: \(sendAs ? "SendAs" : "SendOnBehalf") whose approval expired before as-of")
    add(grant)
    let expired = daysBeforeAsOf(random.int(5...60))
    register(grant) { $0.expiresOn = expired }
  }

  mutating func plantFullAccessNotReviewed(_ unit: Int) {
    let pair = freshPair()
    let grant = SampleGrant(
      mailbox: pair.mailbox, trustee: pair.trustee, right: .fullAccess,
      story: unit % 2 == 0
        ? "planted: FullAccess approved but never reviewed" : "planted: FullAccess with no register row")
    add(grant)
    if unit % 2 == 0 {
      register(grant) {
        $0.lastReviewedOn = nil
        $0.reviewedBy = nil
        $0.reviewedByForm = nil
        $0.outcome = nil
      }
    }
  }

  mutating func plantReviewOverdue(_ unit: Int) {
    let pair = freshPair()
    let grant = SampleGrant(
      mailbox: pair.mailbox, trustee: pair.trustee, right: .fullAccess,
      story: "planted: FullAccess last reviewed longer ago than the 90-day review period")
    add(grant)
    let reviewed = daysBeforeAsOf(random.int(120...400))
    register(grant) {
      $0.lastReviewedOn = reviewed
      $0.approvedOn = min($0.approvedOn ?? reviewed, reviewed)
    }
  }

  mutating func plantReviewByTrustee(_ unit: Int) {
    let pair = freshPair()
    let asReviewer = unit % 2 == 0
    let grant = SampleGrant(
      mailbox: pair.mailbox, trustee: pair.trustee, right: .fullAccess,
      story: asReviewer
        ? "planted: FullAccess reviewed by its own trustee"
        : "planted: FullAccess approved by its own trustee")
    add(grant)
    let trustee = tenant.principals[pair.trustee]
    let spelling = random.chance(50) ? trustee.displayName : trustee.upn
    register(grant) {
      if asReviewer {
        $0.reviewedBy = pair.trustee
        $0.reviewedByForm = spelling
      } else {
        $0.approvedBy = pair.trustee
        $0.approvedByForm = spelling
      }
    }
  }

  mutating func plantRemovalNotDone(_ unit: Int) {
    let pair = freshPair()
    let grant = SampleGrant(
      mailbox: pair.mailbox, trustee: pair.trustee, right: .fullAccess,
      story: "planted: review decided remove, but the FullAccess grant is still present")
    add(grant)
    register(grant) { $0.outcome = "remove" }
  }

  /// A register row (outcome keep or none) for a grant that no longer exists: removed in the
  /// period (with its audit event) or long before.
  mutating func plantStaleEntry(_ unit: Int) {
    let rights: [SampleRight] = [.sendAs, .fullAccess, .sendOnBehalf]
    let right = rights[unit % rights.count]
    let pair = right == .sendOnBehalf ? freshPair(withoutDelegates: true) : freshPair()
    var grant = SampleGrant(
      mailbox: pair.mailbox, trustee: pair.trustee, right: right,
      story: "planted: register row for a \(right.name) grant that no longer exists")
    markUsed(pair.mailbox, pair.trustee)
    if right == .sendOnBehalf { sendOnBehalfMailboxes.insert(pair.mailbox) }
    let row = documentation(for: grant, story: grant.story)
    tenant.register.append(row)
    if (unit / rights.count) % 2 == 0 {
      grant.removedAt = changeTime()
      grant.story = "removed in the period; its register row was kept"
      tenant.removedGrants.append(grant)
    }
  }

  // MARK: - EXT-08.4

  mutating func plantAuditBypass(_ unit: Int) {
    var account = random.pick(users)
    for _ in 0..<200 where tenant.principals[account].auditBypass || tenant.administrators.contains(account) {
      account = random.pick(users)
    }
    tenant.principals[account].auditBypass = true
  }

  mutating func plantAuditActionsMissing(_ unit: Int) {
    var mailbox = random.pick(random.chance(20) ? sharedMailboxes : users)
    for _ in 0..<200 where tenant.principals[mailbox].audit?.story != nil {
      mailbox = random.pick(random.chance(20) ? sharedMailboxes : users)
    }
    var audit = tenant.principals[mailbox].audit ?? .defaults
    switch unit % 3 {
    case 0:
      audit.delegate.removeAll { $0 == "SendAs" }
      audit.story = "planted: AuditDelegate lacks SendAs"
    case 1:
      audit.admin.removeAll { $0 == "UpdateFolderPermissions" }
      audit.story = "planted: AuditAdmin lacks UpdateFolderPermissions"
    default:
      audit.delegate.removeAll { $0 == "SendOnBehalf" }
      audit.admin.removeAll { $0 == "SendAs" }
      audit.story = "planted: AuditDelegate lacks SendOnBehalf and AuditAdmin lacks SendAs"
    }
    tenant.principals[mailbox].audit = audit
  }

  /// A grant-adding change in the period with no approval on or before its day.
  mutating func plantChangeUnapproved(_ unit: Int) {
    switch unit % 4 {
    case 0:
      let pair = freshPair()
      var grant = SampleGrant(
        mailbox: pair.mailbox, trustee: pair.trustee, right: .fullAccess,
        story: "planted: FullAccess granted the day before its approval")
      grant.addedAt = changeTime()
      add(grant)
      let approved = SampleClock.midnight(grant.addedAt!) + SampleClock.day
      register(grant) {
        $0.approvedOn = approved
        $0.lastReviewedOn = approved
      }
    case 1:
      let pair = freshPair()
      var grant = SampleGrant(
        mailbox: pair.mailbox, trustee: pair.trustee, right: .sendAs,
        story: "planted: SendAs granted in the period with no approval at all")
      grant.addedAt = changeTime()
      add(grant)
    case 2:
      let pair = freshPair(mailboxes: users)
      var grant = SampleGrant(
        mailbox: pair.mailbox, trustee: pair.trustee, right: .folderRole("Reviewer"),
        folder: calendar(of: pair.mailbox),
        story: "planted: calendar Reviewer added in the period with no approval")
      grant.addedAt = changeTime()
      add(grant)
    default:
      let pair = freshPair(withoutDelegates: true)
      var grant = SampleGrant(
        mailbox: pair.mailbox, trustee: pair.trustee, right: .sendOnBehalf,
        story: "planted: SendOnBehalf set in the period with no approval")
      grant.addedAt = changeTime()
      add(grant)
    }
  }

  /// A documented grant that appeared since the baseline with no audit event recording it.
  mutating func plantChangeUnlogged(_ unit: Int) {
    let pair = freshPair()
    var grant = SampleGrant(
      mailbox: pair.mailbox, trustee: pair.trustee, right: unit % 2 == 0 ? .fullAccess : .sendAs,
      story: "planted: grant absent from the baseline, added with no audit event")
    grant.addedAt = changeTime()
    grant.logged = false
    add(grant)
    register(grant)
  }

  // MARK: - Risk

  mutating func plantOrphanedSID(_ unit: Int) {
    let sid = orphans[unit % orphans.count]
    let pair = freshPair(trustees: [sid])
    add(
      SampleGrant(
        mailbox: pair.mailbox, trustee: sid, right: unit % 2 == 0 ? .fullAccess : .sendAs,
        story: "planted: grant to the SID of a deleted account, no register row"))
  }

  mutating func plantExternalTrustee(_ unit: Int) {
    let guest = guests[unit % guests.count]
    let fullAccess = unit % 2 == 0
    let pair = freshPair(mailboxes: sharedMailboxes, trustees: [guest])
    let grant = SampleGrant(
      mailbox: pair.mailbox, trustee: guest, right: fullAccess ? .fullAccess : .sendAs,
      story: "planted: guest with \(fullAccess ? "FullAccess" : "SendAs"), documented"
        + (unit == 0 ? "; waived by the policy" : unit == 1 ? "; its waiver expired" : ""))
    add(grant)
    register(grant)
    if unit < 2 {
      let domain = SampleNames.partnerDomains[unit % SampleNames.partnerDomains.count]
      tenant.waivers.append(
        SampleWaiver(
          code: "TRUSTEE_EXTERNAL", mailbox: pair.mailbox, trustee: guest,
          reason:
            "\(domain) runs tier-1 support under contract MSA-2026-0\(14 + unit); access ends with the contract",
          expires: unit == 0 ? daysBeforeAsOf(-120) : daysBeforeAsOf(10)))
    }
  }

  mutating func plantDisabledTrustee(_ unit: Int) {
    let leaver = leavers[unit % leavers.count]
    let fullAccess = unit % 2 == 0
    let pair =
      fullAccess
      ? freshPair(trustees: [leaver]) : freshPair(trustees: [leaver], withoutDelegates: true)
    let grant = SampleGrant(
      mailbox: pair.mailbox, trustee: leaver, right: fullAccess ? .fullAccess : .sendOnBehalf,
      story: "planted: \(fullAccess ? "FullAccess" : "SendOnBehalf") of a disabled account, documented")
    add(grant)
    register(grant)
  }

  mutating func plantBroadGroup(_ unit: Int) {
    let group = groups[unit % groups.count]
    let fullAccess = unit % 2 == 0
    let pair = freshPair(mailboxes: sharedMailboxes, trustees: [group])
    let grant = SampleGrant(
      mailbox: pair.mailbox, trustee: group, right: fullAccess ? .fullAccess : .sendAs,
      story: "planted: \(fullAccess ? "FullAccess" : "SendAs") to a group, documented")
    add(grant)
    register(grant)
  }

  mutating func plantFullAccessWithSendAs(_ unit: Int) {
    let pair = freshPair(mailboxes: sharedMailboxes)
    for right in [SampleRight.fullAccess, .sendAs] {
      let grant = SampleGrant(
        mailbox: pair.mailbox, trustee: pair.trustee, right: right,
        story: "planted: one trustee holds FullAccess and SendAs, both documented")
      add(grant)
      register(grant)
    }
  }

  mutating func plantSensitiveDelegation(_ unit: Int, on mailbox: Int) {
    let rights: [SampleRight] = unit % 2 == 0 ? [.fullAccess] : [.fullAccess, .sendOnBehalf]
    let trustee = freeTrustee(for: mailbox)!
    for right in rights {
      let grant = SampleGrant(
        mailbox: mailbox, trustee: trustee, right: right,
        story: "planted: documented \(right.name) on a mailbox the policy lists as sensitive")
      add(grant)
      register(grant)
    }
  }

  mutating func plantEscalationRight(_ unit: Int) {
    let pair = freshPair()
    let right: SampleRight = unit % 2 == 0 ? .changePermission : .changeOwner
    add(
      SampleGrant(
        mailbox: pair.mailbox, trustee: pair.trustee, right: right,
        story: "planted: explicit \(right.name) grant"))
  }

  mutating func plantFolderBroadAccess(_ unit: Int) {
    if unit % 3 == 2 {
      let group = groups[unit % groups.count]
      let pair = freshPair(mailboxes: users, trustees: [group])
      add(
        SampleGrant(
          mailbox: pair.mailbox, trustee: group, right: .folderRole("Reviewer"),
          folder: calendar(of: pair.mailbox),
          story: "planted: a broad group can read a calendar"))
      return
    }
    let role = unit % 3 == 0 ? "Reviewer" : "LimitedDetails"
    func isCandidate(_ index: Int) -> Bool {
      let grant = tenant.grants[index]
      return grant.right == .folderRole("AvailabilityOnly") && !reserved.contains(grant.mailbox)
        && tenant.principals[grant.mailbox].kind == .user
    }
    var index = random.pick(defaultEntries)
    for _ in 0..<400 where !isCandidate(index) { index = random.pick(defaultEntries) }
    tenant.grants[index].right = .folderRole(role)
    tenant.grants[index].story = "planted: Default can read the calendar (\(role))"
  }

  mutating func plantInheritedFullAccess(_ unit: Int) {
    let pair = freshPair(mailboxes: users)
    let grant = SampleGrant(
      mailbox: pair.mailbox, trustee: pair.trustee, right: .fullAccess, inherited: true,
      story: "planted: inherited FullAccess to a user, documented and reviewed")
    add(grant)
    register(grant)
  }
}
