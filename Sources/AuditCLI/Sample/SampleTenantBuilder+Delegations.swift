/// Clean delegations: documented, approved before they were granted, FullAccess reviewed
/// recently by someone other than the trustee; and the register rows that say so.
extension SampleTenantBuilder {
  static let justifications: [String: [String]] = [
    "FullAccess": [
      "Works the shared queue", "Cover during parental leave", "Team lead, monitors the mailbox",
      "Handles escalations, backlog and callbacks", "Assistant manages the inbox",
      "Reads the mailbox for the \"month-end\" close",
    ],
    "SendAs": [
      "Replies to customers as the mailbox", "Sends \"official\" notices as the mailbox",
      "Replies to suppliers, partners and auditors", "Sends the weekly newsletter",
    ],
    "SendOnBehalf": [
      "Sends meeting invitations on behalf of the owner", "Sends remittance advice on behalf of the owner",
      "Books travel and replies on behalf of the owner",
    ],
    "Folder": ["Calendar delegate", "Manages the diary, books meetings"],
  ]

  /// Adds a grant and marks its pair used; returns its index.
  @discardableResult
  mutating func add(_ grant: SampleGrant) -> Int {
    tenant.grants.append(grant)
    markUsed(grant.mailbox, grant.trustee)
    if grant.right == .sendOnBehalf { sendOnBehalfMailboxes.insert(grant.mailbox) }
    return tenant.grants.count - 1
  }

  /// A clean register row for `grant`: approved (before the grant event, when it has one), not
  /// expired, and for FullAccess reviewed within the review period by someone else, outcome keep.
  mutating func documentation(for grant: SampleGrant, story: String) -> SampleRegisterRow {
    let approvedOn: Int64
    if let added = grant.addedAt {
      // Approved on the day of the change or up to four days before (same-day approvals match).
      approvedOn = SampleClock.midnight(added) - Int64(random.int(0...4)) * SampleClock.day
    } else {
      approvedOn = daysBeforeAsOf(random.int(120...1_100))
    }
    let approver = approver(for: grant.mailbox, trustee: grant.trustee)
    let rightName = grant.right.name
    let key = grant.folder == nil ? rightName : "Folder"
    var row = SampleRegisterRow(
      mailbox: grant.mailbox, trustee: grant.trustee, right: rightName,
      folder: grant.folder.map { random.chance(50) ? $0 : String($0.dropFirst()) },
      mailboxForm: form(of: grant.mailbox), trusteeForm: form(of: grant.trustee), approvedBy: approver,
      approvedByForm: random.chance(85)
        ? tenant.principals[approver].upn : tenant.principals[approver].displayName,
      approvedOn: approvedOn, ticket: ticket(), justification: random.pick(Self.justifications[key]!),
      expiresOn: nil, lastReviewedOn: nil, reviewedBy: nil, reviewedByForm: nil, outcome: nil, story: story)
    if grant.right == .fullAccess {
      var reviewed = daysBeforeAsOf(random.int(3...80))
      if let added = grant.addedAt { reviewed = max(reviewed, SampleClock.midnight(added)) }
      reviewed = max(reviewed, approvedOn)
      let reviewer =
        random.chance(80)
        ? approver
        : tenant.administrators.first { $0 != grant.trustee } ?? approver
      row.lastReviewedOn = reviewed
      row.reviewedBy = reviewer
      row.reviewedByForm =
        random.chance(85) ? tenant.principals[reviewer].upn : tenant.principals[reviewer].displayName
      row.outcome = "keep"
    }
    if random.chance(15) {
      row.expiresOn = daysBeforeAsOf(-random.int(30...500))
    }
    return row
  }

  /// A clean grant with its register row (folder roles get a row only sometimes).
  mutating func addClean(
    _ mailbox: Int, _ trustee: Int, _ right: SampleRight, folder: String? = nil, flags: [String] = [],
    inPeriodPercent: Int = 8
  ) {
    var grant = SampleGrant(
      mailbox: mailbox, trustee: trustee, right: right, folder: folder, sharingFlags: flags,
      story: "clean: documented" + (right == .fullAccess ? " and reviewed" : ""))
    if random.chance(inPeriodPercent) {
      grant.addedAt = changeTime()
      grant.story += ", granted in the period after its approval"
    }
    add(grant)
    if folder == nil || grant.addedAt != nil || random.chance(30) {
      tenant.register.append(documentation(for: grant, story: grant.story))
    }
  }

  /// Clean delegations on shared mailboxes, some users, rooms and calendars; removed grants;
  /// explicit Deny rows.
  mutating func addCleanDelegations() {
    for mailbox in sharedMailboxes where !reserved.contains(mailbox) {
      for _ in 0..<random.int(2...4) {
        if let trustee = freeTrustee(for: mailbox) { addClean(mailbox, trustee, .fullAccess) }
      }
      if random.chance(40), let trustee = freeTrustee(for: mailbox) { addClean(mailbox, trustee, .sendAs) }
      if random.chance(25), let trustee = freeTrustee(for: mailbox) {
        addClean(mailbox, trustee, .sendOnBehalf)
      }
    }
    for mailbox in users + leavers where !reserved.contains(mailbox) {
      if random.chance(leavers.contains(mailbox) ? 60 : 12), let trustee = freeTrustee(for: mailbox) {
        addClean(mailbox, trustee, .fullAccess)
      }
      if random.chance(10), !leavers.contains(mailbox), let trustee = freeTrustee(for: mailbox) {
        addClean(mailbox, trustee, .sendOnBehalf)
      }
      if random.chance(14), !leavers.contains(mailbox), let trustee = freeTrustee(for: mailbox) {
        let delegate = random.chance(60)
        addClean(
          mailbox, trustee, .folderRole(delegate ? "Editor" : "Reviewer"), folder: calendar(of: mailbox),
          flags: delegate ? (random.chance(30) ? ["Delegate", "CanViewPrivateItems"] : ["Delegate"]) : [])
      }
    }
    for room in rooms {
      if let trustee = freeTrustee(for: room) { addClean(room, trustee, .fullAccess, inPeriodPercent: 0) }
    }
    // Every calendar shows Default (free/busy only) and Anonymous (None, written by the exporter).
    for mailbox in tenant.mailboxIndices where hasCalendarExport(mailbox) {
      defaultEntries.append(tenant.grants.count)
      add(
        SampleGrant(
          mailbox: mailbox, trustee: folderDefault, right: .folderRole("AvailabilityOnly"),
          folder: calendar(of: mailbox), story: "clean: Default sees free/busy only"))
    }
    addRemovedGrants()
    for _ in 0..<perKind {
      let mailbox = plantMailbox()
      guard let trustee = freeTrustee(for: mailbox) else { continue }
      tenant.denies.append((mailbox: mailbox, trustee: trustee))
      markUsed(mailbox, trustee)
    }
  }

  /// Grants the baseline shows and a change in the period removed (with its audit event); half
  /// keep a register row whose review decided `remove` (done, so no finding).
  mutating func addRemovedGrants() {
    let count = max(1, tenant.options.mailboxes / 40)
    for index in 0..<count {
      let mailbox = plantMailbox(sharedPercent: 80)
      guard let trustee = freeTrustee(for: mailbox) else { continue }
      var grant = SampleGrant(
        mailbox: mailbox, trustee: trustee, right: index % 3 == 2 ? .sendAs : .fullAccess,
        story: "removed in the period")
      grant.removedAt = changeTime()
      tenant.removedGrants.append(grant)
      markUsed(mailbox, trustee)
      if grant.right == .fullAccess && (index == 0 || random.chance(50)), let removed = grant.removedAt {
        var row = documentation(for: grant, story: "clean: review decided remove and the grant was removed")
        let reviewed = SampleClock.midnight(removed) - Int64(random.int(1...10)) * SampleClock.day
        row.lastReviewedOn = reviewed
        row.outcome = "remove"
        tenant.register.append(row)
      }
    }
  }

  /// The calendar folder path of a mailbox (`\Calendar`, `\Kalender`, …).
  func calendar(of mailbox: Int) -> String { "\\" + tenant.principals[mailbox].calendarName }

  /// True for mailboxes whose calendar permissions are exported (users and rooms).
  func hasCalendarExport(_ mailbox: Int) -> Bool {
    let kind = tenant.principals[mailbox].kind
    return kind == .user || kind == .room
  }
}
