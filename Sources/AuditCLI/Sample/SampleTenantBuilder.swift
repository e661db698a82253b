/// Builds a `SampleTenant` from the options: the population, clean delegations, planted
/// situations and the audit trail, every choice drawn from one seeded `SampleRandom`.
///
/// Each planted situation takes a mailbox × trustee pair no other grant or register row uses,
/// so that it gives exactly the findings it is planted for (the answer key still judges every
/// fact, so an overlap would show in the key, not slip through).
struct SampleTenantBuilder {
  var tenant: SampleTenant
  var random: SampleRandom
  /// Mailbox × trustee pairs that hold a grant, a register row or a planted row already.
  var usedPairs: Set<Int64> = []
  /// Mailboxes that already have a SendOnBehalf delegate (Set-Mailbox events list them all).
  var sendOnBehalfMailboxes: Set<Int> = []
  /// Indices in `tenant.grants` of every calendar's Default entry.
  var defaultEntries: [Int] = []
  /// Mailboxes kept out of clean and other planted delegations (the sensitive ones).
  var reserved: Set<Int> = []
  var users: [Int] = []
  var sharedMailboxes: [Int] = []
  var rooms: [Int] = []
  var groups: [Int] = []
  var guests: [Int] = []
  var orphans: [Int] = []
  var leavers: [Int] = []
  var folderDefault = 0
  var folderAnonymous = 0
  var nextTicket = 8_100
  /// Planted situations per kind: about one per 50 mailboxes, at least one.
  let perKind: Int

  init(options: SampleOptions) {
    tenant = SampleTenant(options: options)
    // Mix the seed so that seeds 1, 2, 3 start far apart.
    random = SampleRandom(seed: options.seed &* 0x2545_F491_4F6C_DD1D &+ 0x1234_5678)
    perKind = max(1, (options.mailboxes + 25) / 50)
  }

  /// The finished tenant.
  static func build(_ options: SampleOptions) -> SampleTenant {
    var builder = SampleTenantBuilder(options: options)
    builder.makePrincipals()
    builder.assignRoles()
    builder.chooseVariants()
    builder.addCleanDelegations()
    builder.plantSituations()
    builder.recordAuditTrail()
    builder.tenant.register = builder.random.shuffled(builder.tenant.register)
    return builder.tenant
  }

  // MARK: - Population

  /// Users (~80%), shared mailboxes (~15%), a few rooms, one discovery mailbox, then the
  /// trustees that are not mailboxes: groups, guests, orphaned SIDs, folder special users.
  mutating func makePrincipals() {
    let total = tenant.options.mailboxes
    let roomCount = max(1, total * 3 / 100)
    let sharedCount = max(3, total * 15 / 100)
    let userCount = total - roomCount - sharedCount - 1
    var mailboxes: [SamplePrincipal] = []
    var takenAliases = Set<String>()
    var takenNames = Set<String>()
    for index in 0..<userCount {
      var first = random.pick(SampleNames.firstNames)
      var last = random.pick(SampleNames.lastNames)
      var display = "\(first) \(last)"
      var attempts = 0
      while takenNames.contains(display.lowercased()) && attempts < 20 {
        first = random.pick(SampleNames.firstNames)
        last = random.pick(SampleNames.lastNames)
        display = "\(first) \(last)"
        attempts += 1
      }
      if takenNames.contains(display.lowercased()) { display += " \(index + 2)" }
      takenNames.insert(display.lowercased())
      var alias = SampleNames.aliasPart(first) + "." + SampleNames.aliasPart(last)
      if takenAliases.contains(alias) { alias += String(index + 2) }
      takenAliases.insert(alias)
      let objectID = random.guid()
      // Mailboxes created after the Exchange Online Name change carry their object id as Name.
      let name = random.chance(12) ? objectID : display
      mailboxes.append(mailbox(.user, alias: alias, displayName: display, name: name, objectID: objectID))
    }
    for index in 0..<sharedCount {
      let base = SampleNames.sharedMailboxes[index % SampleNames.sharedMailboxes.count]
      let round = index / SampleNames.sharedMailboxes.count
      var alias = base.alias
      var display = base.displayName
      if round > 0 {
        let region = SampleNames.regions[(round - 1) % SampleNames.regions.count]
        let number = (round - 1) / SampleNames.regions.count
        alias += "-\(region)" + (number > 0 ? "\(number + 1)" : "")
        display += " (\(region.uppercased())\(number > 0 ? " \(number + 1)" : ""))"
      }
      mailboxes.append(
        mailbox(.shared, alias: alias, displayName: display, name: alias, objectID: random.guid()))
    }
    for index in 0..<roomCount {
      let base = SampleNames.rooms[index % SampleNames.rooms.count]
      let number = index / SampleNames.rooms.count
      let display = number > 0 ? "\(base) \(number + 1)" : base
      let alias = SampleNames.aliasPart(display)
      mailboxes.append(
        mailbox(.room, alias: alias, displayName: display, name: alias, objectID: random.guid()))
    }
    // Exports list mailboxes in creation order: interleave the kinds, the discovery mailbox last.
    mailboxes = random.shuffled(mailboxes)
    let discoveryName = "DiscoverySearchMailbox{D919BA05-46A6-415f-80AD-\(random.hex(12).uppercased())}"
    var discovery = SamplePrincipal(
      kind: .discovery, id: "\(discoveryName)@\(tenant.tenantDomain)".lowercased(), name: discoveryName,
      alias: discoveryName, displayName: "Discovery Search Mailbox",
      upn: "\(discoveryName)@\(tenant.tenantDomain)",
      objectID: "")
    discovery.accountDisabled = true
    mailboxes.append(discovery)
    tenant.principals = mailboxes
    for index in tenant.principals.indices {
      switch tenant.principals[index].kind {
      case .user: users.append(index)
      case .shared: sharedMailboxes.append(index)
      case .room: rooms.append(index)
      default: break
      }
    }

    for name in SampleNames.groups.prefix(max(1, min(SampleNames.groups.count, perKind))) {
      groups.append(
        add(
          SamplePrincipal(
            kind: .group, id: name, name: name, alias: "", displayName: name, upn: "", objectID: random.guid()
          )))
    }
    for index in 0..<(perKind + 1) {
      let first = SampleNames.aliasPart(random.pick(SampleNames.firstNames))
      let domain = SampleNames.partnerDomains[index % SampleNames.partnerDomains.count]
      let local = "\(first)\(index > 7 ? String(index) : "")_\(domain)"
      let upn = "\(local)#EXT#@\(tenant.tenantDomain)"
      let display =
        "\(first.prefix(1).uppercased())\(first.dropFirst()) (\(domain.split(separator: ".")[0].capitalized))"
      var guest = SamplePrincipal(
        kind: .guest, id: upn.lowercased(), name: "\(local)#EXT#", alias: "\(local)#EXT#",
        displayName: display,
        upn: upn, objectID: random.guid())
      guest.platformRows = false
      guests.append(add(guest))
    }
    for _ in 0..<perKind {
      let sid =
        "S-1-5-21-\(random.int(1_000_000_000...3_999_999_999))-\(random.int(1_000_000_000...3_999_999_999))-\(random.int(1_000_000_000...3_999_999_999))-\(random.int(10_000...99_999))"
      orphans.append(
        add(
          SamplePrincipal(
            kind: .orphanSID, id: sid, name: sid, alias: "", displayName: sid, upn: "", objectID: "")))
    }
    folderDefault = add(
      SamplePrincipal(
        kind: .folderDefault, id: "Default", name: "Default", alias: "", displayName: "Default", upn: "",
        objectID: ""))
    folderAnonymous = add(
      SamplePrincipal(
        kind: .folderAnonymous, id: "Anonymous", name: "Anonymous", alias: "", displayName: "Anonymous",
        upn: "", objectID: ""))
    tenant.organisationID = random.guid()
  }

  private func mailbox(
    _ kind: SamplePrincipalKind, alias: String, displayName: String, name: String, objectID: String
  ) -> SamplePrincipal {
    let upn = "\(alias)@\(tenant.domain)"
    var principal = SamplePrincipal(
      kind: kind, id: upn, name: name, alias: alias, displayName: displayName, upn: upn, objectID: objectID)
    principal.accountDisabled = kind != .user
    principal.audit = .defaults
    return principal
  }

  private mutating func add(_ principal: SamplePrincipal) -> Int {
    tenant.principals.append(principal)
    return tenant.principals.count - 1
  }

  /// Owners, administrators, leavers, sensitive mailboxes, localised calendars, platform rows.
  mutating func assignRoles() {
    let shuffledUsers = random.shuffled(users)
    tenant.administrators = Array(shuffledUsers.prefix(2))
    leavers = Array(shuffledUsers.dropFirst(2).prefix(perKind))
    for index in leavers { tenant.principals[index].accountDisabled = true }
    users = users.filter { !leavers.contains($0) }
    let managers = users.filter { !tenant.administrators.contains($0) }
    for index in tenant.mailboxIndices {
      switch tenant.principals[index].kind {
      case .user:
        tenant.principals[index].owner = leavers.contains(index) ? tenant.administrators[0] : index
        let roll = random.int(0..<100)
        tenant.principals[index].calendarName = roll < 6 ? "Kalender" : roll < 10 ? "Calendrier" : "Calendar"
      case .shared, .room:
        tenant.principals[index].owner = random.pick(managers)
      default:
        break
      }
      // EXO lists the inherited platform entries on every mailbox it is asked about; the other
      // mailboxes' rows came from a script that drops the well-known system principals by name
      // (FORMATS.md §2.1), as many public inventory scripts do. Two mailboxes in five keep them,
      // so that a 100k tenant has about 800k mailbox-permission rows, the workload `make bench`
      // is specified with.
      tenant.principals[index].platformRows = tenant.principals[index].kind == .discovery || random.chance(40)
    }
    // Sensitive mailboxes: executives and the legal / HR / board mailboxes, one per 50 mailboxes.
    let preferred = sharedMailboxes.filter {
      ["legal", "hr", "board", "payroll"].contains(tenant.principals[$0].alias)
    }
    let candidates = preferred + random.shuffled(managers)
    tenant.sensitiveMailboxes = Array(candidates.prefix(perKind))
    reserved = Set(tenant.sensitiveMailboxes)
    for room in rooms where random.chance(50) {
      // Room mailboxes are outside the audit-action rule: a gap here is a trap, not a finding.
      tenant.principals[room].audit?.delegate.removeAll { $0 == "SendAs" }
    }
  }

  /// The seed's variants: organisation audit switches, a late audit log, a lossy export.
  mutating func chooseVariants() {
    let seed = tenant.options.seed
    tenant.auditDisabled = seed % 2 == 1
    tenant.ualIngestionEnabled = seed % 4 != 1
    tenant.orgConfigChanged =
      tenant.auditDisabled || !tenant.ualIngestionEnabled
      ? tenant.options.asOf - 9 * SampleClock.day + 14 * SampleClock.hour + 23 * 60
      : tenant.options.asOf - 412 * SampleClock.day + 10 * SampleClock.hour + 40 * 60
    let lateStart = seed % 3 == 2
    tenant.logStart =
      tenant.periodStart + (lateStart ? 12 * SampleClock.day : 0) + 7 * SampleClock.hour
      + Int64(random.int(0..<3_600))
    tenant.logEnd = tenant.options.asOf - 6 * SampleClock.hour + Int64(random.int(0..<3_600))
    tenant.exportLossy = seed % 3 == 0
  }

  // MARK: - Shared helpers

  static func pairKey(_ mailbox: Int, _ trustee: Int) -> Int64 { Int64(mailbox) << 32 | Int64(trustee) }

  func isUsed(_ mailbox: Int, _ trustee: Int) -> Bool { usedPairs.contains(Self.pairKey(mailbox, trustee)) }

  mutating func markUsed(_ mailbox: Int, _ trustee: Int) { usedPairs.insert(Self.pairKey(mailbox, trustee)) }

  /// A user able to hold a clean delegation on `mailbox`: active, not its owner, pair unused.
  mutating func freeTrustee(for mailbox: Int, among pool: [Int]? = nil) -> Int? {
    let candidates = pool ?? users
    for _ in 0..<40 {
      let trustee = random.pick(candidates)
      if trustee != mailbox && trustee != tenant.principals[mailbox].owner && !isUsed(mailbox, trustee) {
        return trustee
      }
    }
    return candidates.first {
      $0 != mailbox && $0 != tenant.principals[mailbox].owner && !isUsed(mailbox, $0)
    }
  }

  /// A mailbox for a planted situation: not sensitive, not the discovery mailbox.
  mutating func plantMailbox(sharedPercent: Int = 60) -> Int {
    let pool = random.chance(sharedPercent) ? sharedMailboxes : users
    for _ in 0..<200 {
      let mailbox = random.pick(pool)
      if !reserved.contains(mailbox) { return mailbox }
    }
    return pool.first { !reserved.contains($0) } ?? pool[0]
  }

  /// Someone other than `trustee` who approves or reviews delegations on `mailbox`.
  mutating func approver(for mailbox: Int, trustee: Int) -> Int {
    if let owner = tenant.principals[mailbox].owner, owner != trustee,
      !tenant.principals[owner].accountDisabled
    {
      return owner
    }
    return tenant.administrators.first { $0 != trustee } ?? users.first { $0 != trustee }!
  }

  /// A register spelling of a mailbox or person: mostly the UPN, sometimes alias or display name.
  mutating func form(of index: Int) -> String {
    let principal = tenant.principals[index]
    switch principal.kind {
    case .user, .shared, .room:
      let roll = random.int(0..<100)
      if roll < 75 { return principal.upn }
      if roll < 88 { return principal.displayName }
      return principal.alias
    case .guest:
      return principal.upn
    default:
      return principal.name
    }
  }

  /// The next change ticket number.
  mutating func ticket() -> String {
    nextTicket += random.int(1...37)
    let digits = String(nextTicket)
    return "CHG" + String(repeating: "0", count: max(0, 7 - digits.count)) + digits
  }

  /// A day `days` before as-of (midnight UTC).
  func daysBeforeAsOf(_ days: Int) -> Int64 {
    SampleClock.midnight(tenant.options.asOf) - Int64(days) * SampleClock.day
  }

  /// A random instant in the audit log's window for a change, leaving room for a later approval.
  mutating func changeTime() -> Int64 {
    let earliest = tenant.logStart + SampleClock.day
    let latest = tenant.options.asOf - 3 * SampleClock.day
    return earliest + Int64(random.int(0..<Int(max(1, latest - earliest))))
  }
}
