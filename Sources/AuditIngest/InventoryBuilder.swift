import AuditModel

/// Joins the files' facts into one Inventory: identities resolved, grants merged, duplicates counted.
public enum InventoryBuilder {
  public static func build(_ files: [IngestedFile]) -> Inventory {
    var files = files
    return build(releasingRowsOf: &files)
  }

  /// Builds the inventory and lets go of each file's rows as soon as the inventory holds them, so
  /// that no row is held twice; the files keep their ledgers, lossy columns and diagnostics, in
  /// their order.
  public static func build(releasingRowsOf input: inout [IngestedFile]) -> Inventory {
    let order = input.indices.sorted { input[$0].input < input[$1].input }
    var files = order.map { input[$0] }
    input = []
    defer {
      var restored = [IngestedFile?](repeating: nil, count: files.count)
      for (position, index) in order.enumerated() { restored[index] = files[position] }
      input = restored.map { $0! }
    }
    var inventory = Inventory()
    removeDuplicateRows(&files)
    removeDuplicateAuditRecords(&files)

    // Identities first: mailboxes, then directory entries, feed the resolver.
    var resolver = IdentityResolver()
    let identityRows = files.reduce(0) { $0 + $1.facts.mailboxes.count + $1.facts.directory.count }
    let identityForms = files.reduce(0) { total, file in
      total + file.facts.mailboxes.reduce(0) { $0 + $1.forms.count }
        + file.facts.directory.reduce(0) { $0 + $1.forms.count }
    }
    resolver.reserveCapacity(principals: identityRows, forms: identityForms)
    inventory.mailboxes.reserveCapacity(files.reduce(0) { $0 + $1.facts.mailboxes.count })
    for file in files {
      for mailbox in file.facts.mailboxes {
        let id = mailbox.primaryAddress ?? WellKnownIdentities.fallbackID(mailbox.forms[0])
        resolver.add(
          Principal(
            id: id, displayName: mailbox.displayName,
            kind: kind(recipientTypeDetails: mailbox.recipientTypeDetails, id: id),
            aliases: Set(mailbox.forms)))
      }
    }
    for file in files {
      for entry in file.facts.directory {
        let id = directoryID(entry, resolver: resolver)
        resolver.add(
          Principal(id: id, displayName: entry.displayName, kind: entry.kind, aliases: Set(entry.forms)))
        if let enabled = entry.enabled {
          inventory.accountEnabled[id] = (inventory.accountEnabled[id] ?? true) && enabled
        }
      }
    }

    var grants = GrantAccumulator(
      capacity: files.reduce(0) { $0 + $1.facts.grants.count + $1.facts.mailboxes.count })
    var diagnostics: [Diagnostic] = []
    var reportedAmbiguity = Set<String>()
    // The resolver is complete from here on: each distinct identity string is resolved once, to
    // its principal and the number of its canonical id, kept in `resolved` (the dictionary holds
    // positions, so that a lookup copies no principal).
    var resolved: [ResolvedIdentity] = []
    var positions = [String: Int](minimumCapacity: resolver.principals.count * 2)
    func position(_ text: String) -> Int {
      if let known = positions[text] { return known }
      var identity: ResolvedIdentity
      if isFolderSpecial(text) {
        identity = ResolvedIdentity(principal: unresolvedPrincipal(text), number: 0)
      } else {
        switch resolver.resolve(text) {
        case .resolved(let principal):
          identity = ResolvedIdentity(principal: principal, number: 0)
        case .ambiguous(let candidates):
          identity = ResolvedIdentity(principal: unresolvedPrincipal(text), number: 0, candidates: candidates)
        case .unresolved:
          identity = ResolvedIdentity(principal: unresolvedPrincipal(text), number: 0)
        }
      }
      identity.number = grants.number(ofID: identity.principal.id)
      resolved.append(identity)
      positions[text] = resolved.count - 1
      return resolved.count - 1
    }
    /// Reports an identity that matches several principals, once per identity, where it is first used.
    func noteAmbiguity(_ position: Int, _ text: String, at location: SourceLocation) {
      guard let candidates = resolved[position].candidates,
        reportedAmbiguity.insert(text.lowercased()).inserted
      else { return }
      diagnostics.append(
        Diagnostic(
          .warning, at: location,
          "identity '\(text)' matches \(candidates.count) principals: \(candidates.joined(separator: ", "))",
          hint: "it is kept as given; add a directory export or use a unique UPN to resolve it"))
    }
    /// The canonical id of an identity, copying no principal.
    func canonicalID(_ text: String, at location: SourceLocation) -> String {
      let found = position(text)
      noteAmbiguity(found, text, at: location)
      return resolved[found].principal.id
    }
    func principal(_ text: String, at location: SourceLocation) -> Principal {
      let found = position(text)
      noteAmbiguity(found, text, at: location)
      return resolved[found].principal
    }
    func key(_ raw: RawGrant, mailbox: Int, trustee: Int) -> GrantAccumulator.Key {
      grants.key(
        mailbox: resolved[mailbox].number, trustee: resolved[trustee].number, right: raw.right,
        folder: raw.folder)
    }
    func key(_ raw: RawGrant) -> GrantAccumulator.Key {
      key(raw, mailbox: position(raw.mailbox), trustee: position(raw.trustee))
    }
    func add(_ raw: RawGrant, key: GrantAccumulator.Key, mailbox: Int, trustee: Int) {
      noteAmbiguity(mailbox, raw.mailbox, at: raw.location)
      noteAmbiguity(trustee, raw.trustee, at: raw.location)
      // A further row of a known grant needs no principal: only a new grant copies them.
      if grants.addSource(raw, key: key) { return }
      grants.add(raw, key: key, mailbox: resolved[mailbox].principal, trustee: resolved[trustee].principal)
    }

    // Deny entries override Allow (FORMATS.md §10.9), in canonical ACL order: an explicit Deny
    // beats every Allow of the same right to the same trustee on the same mailbox; an inherited
    // Deny beats inherited Allows only (an explicit Allow is evaluated before it).
    var denied = [GrantAccumulator.Key: DenyEntry](
      minimumCapacity: files.reduce(0) { $0 + $1.facts.denies.count })
    for file in files {
      for deny in file.facts.denies {
        let deniedKey = key(deny)
        if let earlier = denied[deniedKey], earlier.explicit || deny.isInherited { continue }
        denied[deniedKey] = DenyEntry(explicit: !deny.isInherited, location: deny.location)
      }
    }

    var excludedRuns: [[ExcludedRow]] = []
    inventory.auditLogCoverage = auditLogCoverage(files)
    for fileIndex in files.indices {
      // The file's excluded rows, held here alone, so that adding to them and sorting them copy none.
      var excluded = files[fileIndex].facts.excluded
      files[fileIndex].facts.excluded = []
      let file = files[fileIndex]
      var facts = file.facts
      var overridden: [SourceLocation: [RawGrant]] = [:]
      var overriddenRows: [Bool] = []
      for raw in facts.grants {
        let mailbox = position(raw.mailbox)
        let trustee = position(raw.trustee)
        let grantKey = key(raw, mailbox: mailbox, trustee: trustee)
        if let deny = denied[grantKey], deny.explicit || raw.isInherited {
          overridden[raw.location, default: []].append(raw)
          overriddenRows.append(true)
        } else {
          add(raw, key: grantKey, mailbox: mailbox, trustee: trustee)
          overriddenRows.append(false)
        }
      }
      // A row all of whose rights a Deny overrides grants nothing: it moves from produced to excluded.
      var kept = Set<SourceLocation>()
      if !overridden.isEmpty {
        for (raw, wasOverridden) in zip(facts.grants, overriddenRows) where !wasOverridden {
          kept.insert(raw.location)
        }
      }
      for (location, raws) in overridden where !kept.contains(location) {
        let deny = denied[key(raws[0])]?.location
        facts.ledger.produced -= 1
        facts.ledger.excluded += 1
        excluded.append(
          ExcludedRow(
            location: location, rule: .denyEntry, mailbox: raws[0].mailbox, trustee: raws[0].trustee,
            rights: raws.map(\.right.name).joined(separator: ", ")
              + " (overridden by the Deny entry at \(deny.map { "\($0)" } ?? "another row"))"))
      }
      for mailbox in file.facts.mailboxes {
        // The mailbox is the principal its own row added, even when another mailbox's display
        // name equals this one's Name (a GUID-named mailbox with a reused display name).
        let ownID = mailbox.primaryAddress ?? WellKnownIdentities.fallbackID(mailbox.forms[0])
        let owner = resolver.principals[ownID] ?? principal(mailbox.forms[0], at: mailbox.location)
        inventory.mailboxes[owner.id] = Mailbox(
          id: owner.id, displayName: mailbox.displayName, recipientTypeDetails: mailbox.recipientTypeDetails,
          auditEnabled: mailbox.auditEnabled, auditOwner: mailbox.auditOwner,
          auditDelegate: mailbox.auditDelegate, auditAdmin: mailbox.auditAdmin,
          sendOnBehalfExported: mailbox.sendOnBehalfExported, location: mailbox.location)
        for delegate in mailbox.sendOnBehalf ?? [] {
          let raw = RawGrant(
            mailbox: mailbox.forms[0], trustee: delegate, trusteeSID: nil, right: .sendOnBehalf,
            folder: nil, isInherited: false, sharingFlags: [], location: mailbox.location)
          let trustee = position(delegate)
          noteAmbiguity(trustee, delegate, at: mailbox.location)
          let key = grants.key(
            mailbox: grants.number(ofID: owner.id), trustee: resolved[trustee].number, right: .sendOnBehalf,
            folder: nil)
          if !grants.addSource(raw, key: key) {
            grants.add(raw, key: key, mailbox: owner, trustee: resolved[trustee].principal)
          }
        }
      }
      addAuditFacts(file, to: &inventory) { canonicalID($0, at: $1) }
      inventory.ledgers.append(facts.ledger)
      ExcludedRows.sort(&excluded)
      excludedRuns.append(excluded)
      excluded = []
      inventory.rejected += file.facts.rejected
      inventory.lossyColumns += file.facts.lossy.values
      inventory.diagnostics += file.facts.diagnostics
      // The file's ledger is the inventory's: duplicate rows and rows a Deny overrides are excluded.
      files[fileIndex].facts.ledger = facts.ledger
      files[fileIndex].facts.releaseRows()
    }
    for principal in grants.principals { inventory.principals[principal.id] = principal }
    for (id, principal) in resolver.principals where inventory.principals[id] == nil {
      inventory.principals[id] = principal
    }
    inventory.events.sort { lhs, rhs in
      (lhs.time, lhs.recordID, lhs.mailbox, lhs.trustee, lhs.location)
        < (rhs.time, rhs.recordID, rhs.mailbox, rhs.trustee, rhs.location)
    }
    inventory.register?.sort()
    inventory.auditConfig.bypassedAccounts?.sort { ($0.account, $0.location) < ($1.account, $1.location) }
    inventory.grants = grants.sortedGrants()
    for index in inventory.grants.indices { inventory.grants[index].sources.sort() }
    inventory.excluded = ExcludedRows(joining: excludedRuns)
    inventory.rejected.sort()
    inventory.lossyColumns.sort()
    inventory.ledgers.sort()
    inventory.diagnostics += diagnostics
    return inventory
  }

  /// What one identity string resolved to, with the number of its canonical id.
  struct ResolvedIdentity {
    var principal: Principal
    var number: Int32
    /// The principals an ambiguous identity matches; nil when it was not ambiguous.
    var candidates: [String]?
  }

  /// The strongest Deny entry for one mailbox × trustee × right, and where it was read.
  struct DenyEntry {
    var explicit: Bool
    var location: SourceLocation
  }

  /// Kinds whose rows become grants; only their exact duplicate rows are merged by content.
  static let grantKinds: Set<InputKind> = [
    .mailboxPermission, .recipientPermission, .adPermission, .mailbox, .folderPermission,
  ]

  /// Exact duplicate rows of one kind (chunked or overlapping exports) are counted once.
  static func removeDuplicateRows(_ files: inout [IngestedFile]) {
    var seen: [InputKind: Set<Int>] = [:]
    for index in files.indices {
      guard let kind = files[index].kind, grantKinds.contains(kind) else { continue }
      var duplicates = Set<SourceLocation>()
      for row in files[index].facts.producedRowHashes where !seen[kind, default: []].insert(row.hash).inserted
      {
        duplicates.insert(row.location)
      }
      guard !duplicates.isEmpty else { continue }
      var facts = files[index].facts
      // One pass over the rows, not one per duplicate: chunks may overlap by many rows.
      var duplicateGrants: [SourceLocation: [RawGrant]] = [:]
      for grant in facts.grants where duplicates.contains(grant.location) {
        duplicateGrants[grant.location, default: []].append(grant)
      }
      var duplicateMailboxes: [SourceLocation: RawMailbox] = [:]
      for mailbox in facts.mailboxes where duplicates.contains(mailbox.location) {
        duplicateMailboxes[mailbox.location] = duplicateMailboxes[mailbox.location] ?? mailbox
      }
      for location in duplicates.sorted() {
        let grants = duplicateGrants[location] ?? []
        let mailbox = duplicateMailboxes[location]
        facts.ledger.produced -= 1
        facts.ledger.excluded += 1
        facts.excluded.append(
          ExcludedRow(
            location: location, rule: .duplicateRow,
            mailbox: grants.first?.mailbox ?? mailbox?.displayName ?? "",
            trustee: grants.first?.trustee ?? "", rights: grants.map(\.right.name).joined(separator: ", ")))
      }
      facts.grants.removeAll { duplicates.contains($0.location) }
      facts.mailboxes.removeAll { duplicates.contains($0.location) }
      files[index].facts = facts
    }
  }

  /// Audit-log records with a record id seen before (in this file or an earlier one) are counted
  /// once: every further copy is excluded as a duplicate row, also when it was excluded by another rule.
  static func removeDuplicateAuditRecords(_ files: inout [IngestedFile]) {
    var seen = Set<String>()
    for index in files.indices where files[index].kind == .auditLog {
      var facts = files[index].facts
      var changed = false
      for position in facts.auditRecords.indices {
        let record = facts.auditRecords[position]
        guard let id = record.recordID?.lowercased(), !id.isEmpty else { continue }
        guard !seen.insert(id).inserted else { continue }
        changed = true
        var row = ExcludedRow(
          location: record.location, rule: .duplicateRow, mailbox: record.events.first?.mailbox ?? "",
          trustee: record.events.first?.trustee ?? "",
          rights: record.events.flatMap(\.rights).map(\.name).joined(separator: ", "))
        if record.exclusion == nil {
          facts.ledger.produced -= 1
          facts.ledger.excluded += 1
        } else if let earlier = facts.excluded.firstIndex(where: { $0.location == record.location }) {
          row.mailbox = facts.excluded[earlier].mailbox
          row.trustee = facts.excluded[earlier].trustee
          row.rights = facts.excluded[earlier].rights
          facts.excluded.remove(at: earlier)
        }
        facts.excluded.append(row)
        facts.auditRecords[position].events = []
        facts.auditRecords[position].exclusion = .duplicateRow
      }
      if changed { files[index].facts = facts }
    }
  }

  /// A row count at which an export is assumed cut off (the portal and ReturnLargeSet limit).
  static let auditLogRowCap = 50_000

  /// The time window, row counts and truncation signs of all audit-log files; nil when none was given.
  static func auditLogCoverage(_ files: [IngestedFile]) -> AuditLogCoverage? {
    let logs = files.filter { $0.kind == .auditLog }
    guard !logs.isEmpty else { return nil }
    var earliest: Int64?
    var latest: Int64?
    var rows = 0
    var unique = 0
    var truncated = false
    var resultCount = 0
    for file in logs {
      rows += file.facts.ledger.recordsRead
      if file.facts.ledger.recordsRead == auditLogRowCap { truncated = true }
      resultCount = max(resultCount, file.facts.auditResultCount ?? 0)
      for record in file.facts.auditRecords {
        if record.exclusion != .duplicateRow { unique += 1 }
        guard let time = record.time else { continue }
        earliest = min(earliest ?? time, time)
        latest = max(latest ?? time, time)
      }
    }
    // ResultCount is the size of the whole search; fewer rows across the files means pages are missing.
    if resultCount > rows { truncated = true }
    return AuditLogCoverage(
      earliest: earliest, latest: latest, rows: rows, uniqueRecords: unique, possiblyTruncated: truncated)
  }

  /// Folds one file's audit configuration, bypass rows, register rows and audit events into the
  /// inventory, with identities resolved to canonical ids where they resolve.
  static func addAuditFacts(
    _ file: IngestedFile, to inventory: inout Inventory, resolve: (String, SourceLocation) -> String
  ) {
    let facts = file.facts
    for config in facts.orgConfig {
      if let disabled = config.auditDisabled {
        mergeSetting(
          "AuditDisabled", disabled, stricter: true, at: config.location,
          value: &inventory.auditConfig.auditDisabled, source: &inventory.auditConfig.auditDisabledSource,
          diagnostics: &inventory.diagnostics)
      }
      if let enabled = config.unifiedAuditLogIngestionEnabled {
        mergeSetting(
          "UnifiedAuditLogIngestionEnabled", enabled, stricter: false, at: config.location,
          value: &inventory.auditConfig.unifiedAuditLogIngestionEnabled,
          source: &inventory.auditConfig.ingestionSource, diagnostics: &inventory.diagnostics)
      }
    }
    if file.kind == .auditBypass {
      var accounts = inventory.auditConfig.bypassedAccounts ?? []
      for row in facts.auditBypass where row.bypassEnabled {
        accounts.append((account: resolve(row.account, row.location), location: row.location))
      }
      inventory.auditConfig.bypassedAccounts = accounts
    }
    if file.kind == .register {
      var register = inventory.register ?? []
      for var entry in facts.register {
        entry.mailbox = resolve(entry.mailbox, entry.location)
        entry.trustee = resolve(entry.trustee, entry.location)
        entry.approvedBy = entry.approvedBy.map { resolve($0, entry.location) }
        entry.reviewedBy = entry.reviewedBy.map { resolve($0, entry.location) }
        register.append(entry)
      }
      inventory.register = register
    }
    for record in facts.auditRecords {
      for var event in record.events {
        if !event.mailbox.isEmpty { event.mailbox = resolve(event.mailbox, event.location) }
        if !event.trustee.isEmpty { event.trustee = resolve(event.trustee, event.location) }
        inventory.events.append(event)
      }
    }
  }

  /// Keeps the first value of an organisation setting, unless a later file states the stricter
  /// reading (auditing off); files that disagree get a warning.
  static func mergeSetting(
    _ name: String, _ new: Bool, stricter: Bool, at location: SourceLocation, value: inout Bool?,
    source: inout SourceLocation?, diagnostics: inout [Diagnostic]
  ) {
    guard let current = value else {
      value = new
      source = location
      return
    }
    guard current != new else { return }
    let elsewhere = source.map { "\($0)" } ?? "another file"
    diagnostics.append(
      Diagnostic(
        .warning, at: location,
        "\(name) is \(new ? "True" : "False") here but \(current ? "True" : "False") in \(elsewhere)",
        hint: "the reading that weakens auditing is used; export the setting once, from the audited tenant"))
    if new == stricter {
      value = new
      source = location
    }
  }

  /// The canonical id of a directory entry: the principal a mailbox export already knows under one of
  /// its distinctive forms (address, GUID, SID, DN), else its own primary address or first form.
  static func directoryID(_ entry: RawDirectoryEntry, resolver: IdentityResolver) -> String {
    let own = entry.primaryAddress ?? WellKnownIdentities.fallbackID(entry.forms[0])
    // The one principal the distinctive forms resolve to, if they agree.
    var match: String?
    var disagree = false
    func consider(_ form: String) {
      guard !disagree, isDistinctive(form), let id = resolver.resolvedID(form) else { return }
      if let match, match != id { disagree = true } else { match = id }
    }
    consider(own)
    entry.forms.forEach(consider)
    return disagree ? own : match ?? own
  }

  /// Forms that name one account only: addresses, SIDs, GUIDs, distinguished names.
  static func isDistinctive(_ form: String) -> Bool {
    let utf8 = form.utf8
    let isGUID = utf8.count == 36 && utf8.filter { $0 == 0x2D }.count == 4
    return utf8.contains(0x40) || WellKnownIdentities.isSID(form) || isGUID || form.lowercasedHasPrefix("cn=")
  }

  /// `Default` and `Anonymous`, the folder special users.
  static func isFolderSpecial(_ identity: String) -> Bool {
    let trimmed = Substring(identity).trimmingSpaces()
    // Only seven- or nine-byte text lowercases to `default` or `anonymous`: skip the copy otherwise.
    guard trimmed.utf8.count == 7 || trimmed.utf8.count == 9 else { return false }
    return FolderPermissionNormaliser.isFolderSpecial(String(trimmed))
  }

  static func unresolvedPrincipal(_ identity: String) -> Principal {
    let id = WellKnownIdentities.fallbackID(identity)
    let kind: Principal.Kind =
      isFolderSpecial(id)
      ? .folderSpecial
      : WellKnownIdentities.isSID(id)
        ? .unresolvedSID
        : WellKnownIdentities.isGuest(id)
          ? .guest
          : WellKnownIdentities.isSystemPrincipal(id)
            ? .system
            : .unknown
    return Principal(id: id, displayName: identity, kind: kind)
  }

  static func kind(recipientTypeDetails: String, id: String) -> Principal.Kind {
    let type = recipientTypeDetails
    if WellKnownIdentities.isGuest(id) || type.lowercasedContains("guest") { return .guest }
    if type.lowercasedContains("group") { return .group }
    if type.lowercasedEquals("sharedmailbox") || type.lowercasedEquals("roommailbox")
      || type.lowercasedEquals("equipmentmailbox")
    {
      return .sharedMailbox
    }
    if type.lowercasedContains("mailuser") || type.lowercasedContains("mailcontact") { return .external }
    if type.isEmpty { return .unknown }
    return .user
  }
}
