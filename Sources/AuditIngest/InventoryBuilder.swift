import AuditModel

/// Joins the files' facts into one Inventory: identities resolved, grants merged, duplicates counted.
public enum InventoryBuilder {
  public static func build(_ files: [IngestedFile]) -> Inventory {
    var inventory = Inventory()
    var files = files.sorted { $0.input < $1.input }
    removeDuplicateRows(&files)

    // Identities first: mailboxes and directory entries feed the resolver.
    var resolver = IdentityResolver()
    for file in files {
      for mailbox in file.facts.mailboxes {
        let id = mailbox.primaryAddress ?? WellKnownIdentities.fallbackID(mailbox.forms[0])
        resolver.add(
          Principal(
            id: id, displayName: mailbox.displayName,
            kind: kind(recipientTypeDetails: mailbox.recipientTypeDetails, id: id),
            aliases: Set(mailbox.forms)),
          names: mailbox.forms)
      }
      for entry in file.facts.directory {
        let id = entry.primaryAddress ?? WellKnownIdentities.fallbackID(entry.forms[0])
        resolver.add(
          Principal(id: id, displayName: entry.displayName, kind: entry.kind, aliases: Set(entry.forms)),
          names: entry.forms)
      }
    }

    var grants: [Grant.Key: Grant] = [:]
    var diagnostics: [Diagnostic] = []
    var reportedAmbiguity = Set<String>()
    func principal(_ identity: String, at location: SourceLocation) -> Principal {
      switch resolver.resolve(identity) {
      case .resolved(let principal):
        return principal
      case .ambiguous(let candidates):
        if reportedAmbiguity.insert(identity.lowercased()).inserted {
          diagnostics.append(
            Diagnostic(
              .warning, at: location,
              "identity '\(identity)' matches \(candidates.count) principals: \(candidates.joined(separator: ", "))",
              hint: "it is kept as given; add a directory export or use a unique UPN to resolve it"))
        }
        return unresolvedPrincipal(identity)
      case .unresolved:
        return unresolvedPrincipal(identity)
      }
    }
    func add(_ raw: RawGrant) {
      let mailbox = principal(raw.mailbox, at: raw.location)
      let trustee = principal(raw.trustee, at: raw.location)
      let key = Grant.Key(mailbox: mailbox.id, trustee: trustee.id, right: raw.right, folder: raw.folder)
      if var existing = grants[key] {
        existing.sources.append(raw.location)
        existing.isInherited = existing.isInherited && raw.isInherited
        grants[key] = existing
      } else {
        grants[key] = Grant(
          key: key, mailboxDisplayName: mailbox.displayName, trusteeDisplayName: trustee.displayName,
          trusteeKind: trustee.kind, isInherited: raw.isInherited, sharingFlags: raw.sharingFlags,
          sources: [raw.location])
      }
      inventory.principals[mailbox.id] = inventory.principals[mailbox.id] ?? mailbox
      inventory.principals[trustee.id] = inventory.principals[trustee.id] ?? trustee
    }

    for file in files {
      for raw in file.facts.grants { add(raw) }
      for mailbox in file.facts.mailboxes {
        let owner = principal(mailbox.forms[0], at: mailbox.location)
        inventory.mailboxes[owner.id] = Mailbox(
          id: owner.id, displayName: mailbox.displayName, recipientTypeDetails: mailbox.recipientTypeDetails,
          auditEnabled: mailbox.auditEnabled, auditOwner: mailbox.auditOwner,
          auditDelegate: mailbox.auditDelegate, auditAdmin: mailbox.auditAdmin, location: mailbox.location)
        for delegate in mailbox.sendOnBehalf ?? [] {
          add(
            RawGrant(
              mailbox: mailbox.forms[0], trustee: delegate, trusteeSID: nil, right: .sendOnBehalf, folder: nil,
              isInherited: false, sharingFlags: [], location: mailbox.location))
        }
      }
      inventory.ledgers.append(file.facts.ledger)
      inventory.excluded += file.facts.excluded
      inventory.rejected += file.facts.rejected
      inventory.lossyColumns += file.facts.lossy.values
      inventory.diagnostics += file.facts.diagnostics
    }
    for (id, principal) in resolver.principals where inventory.principals[id] == nil {
      inventory.principals[id] = principal
    }
    inventory.grants = grants.values.sorted()
    for index in inventory.grants.indices { inventory.grants[index].sources.sort() }
    inventory.excluded.sort()
    inventory.rejected.sort()
    inventory.lossyColumns.sort()
    inventory.ledgers.sort()
    inventory.diagnostics += diagnostics
    return inventory
  }

  /// Exact duplicate rows of one kind (chunked or overlapping exports) are counted once.
  static func removeDuplicateRows(_ files: inout [IngestedFile]) {
    var seen: [InputKind: Set<Int>] = [:]
    for index in files.indices {
      guard let kind = files[index].kind else { continue }
      var duplicates = Set<SourceLocation>()
      for row in files[index].facts.producedRowHashes where !seen[kind, default: []].insert(row.hash).inserted {
        duplicates.insert(row.location)
      }
      guard !duplicates.isEmpty else { continue }
      var facts = files[index].facts
      for location in duplicates.sorted() {
        let grants = facts.grants.filter { $0.location == location }
        let mailbox = facts.mailboxes.first { $0.location == location }
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

  static func unresolvedPrincipal(_ identity: String) -> Principal {
    let id = WellKnownIdentities.fallbackID(identity)
    let kind: Principal.Kind =
      WellKnownIdentities.isSID(id) ? .unresolvedSID
      : WellKnownIdentities.isGuest(id) ? .guest
      : WellKnownIdentities.isSystemPrincipal(id) ? .system
      : .unknown
    return Principal(id: id, displayName: identity, kind: kind)
  }

  static func kind(recipientTypeDetails: String, id: String) -> Principal.Kind {
    let type = recipientTypeDetails.lowercased()
    if WellKnownIdentities.isGuest(id) || type.contains("guest") { return .guest }
    if type.contains("group") { return .group }
    if type == "sharedmailbox" || type == "roommailbox" || type == "equipmentmailbox" { return .sharedMailbox }
    if type.contains("mailuser") || type.contains("mailcontact") { return .external }
    if type.isEmpty { return .unknown }
    return .user
  }
}
