import AuditIngest
import AuditModel

/// Brings a snapshot's grants into another snapshot's terms before they are compared, so that a
/// difference is a change of access and not a change of what the exports could tell.
enum BaselineAlignment {
  /// `snapshot`'s grants with identities aligned to `reference` and, when the snapshot does not
  /// record sharing flags, the reference's flags taken for the grants both hold.
  static func grants(of snapshot: BaselineSnapshot, alignedTo reference: Inventory) -> [Grant] {
    var grants = identities(of: snapshot.inventory.grants, resolvedBy: reference)
    if !snapshot.sharingFlagsKnown { adoptSharingFlags(&grants, from: reference.grants) }
    return grants
  }

  /// Re-keys each mailbox or trustee that is not one of `reference`'s canonical ids but names
  /// exactly one principal that `reference`'s mailbox or directory exports describe (an export
  /// without a mailbox export keeps names as given, `ceo` for `ceo@contoso.com`). An identity
  /// that matches none or several is kept as it is. The result is sorted by key.
  static func identities(of grants: [Grant], resolvedBy reference: Inventory) -> [Grant] {
    // The resolver is built only when some id is not one of the reference's own: snapshots whose
    // exports name mailboxes alike (the usual case) never need it.
    var resolver: IdentityResolver?
    func referenceResolver() -> IdentityResolver {
      if let resolver { return resolver }
      var built = IdentityResolver()
      for principal in reference.principals.values.sorted(by: { $0.id < $1.id })
      where !principal.aliases.isEmpty {
        built.add(principal)
      }
      resolver = built
      return built
    }
    let canonical = Set(reference.principals.keys.map { $0.lowercased() })
    var cache: [String: String] = [:]
    func aligned(_ id: String) -> String {
      if let known = cache[id] { return known }
      var result = id
      if !canonical.contains(id.lowercased()), case .resolved(let principal) = referenceResolver().resolve(id)
      {
        result = principal.id
      }
      cache[id] = result
      return result
    }
    var changed = false
    var result = grants
    for index in result.indices {
      let key = result[index].key
      let mailbox = aligned(key.mailbox)
      let trustee = result[index].trusteeKind == .folderSpecial ? key.trustee : aligned(key.trustee)
      if mailbox != key.mailbox || trustee != key.trustee {
        result[index].key = Grant.Key(
          mailbox: mailbox, trustee: trustee, right: key.right, folder: key.folder)
        changed = true
      }
    }
    return changed ? result.sorted() : result
  }

  /// Gives each grant the sharing flags of the reference grant with the same key, so that flags
  /// a snapshot never recorded do not show as changed.
  static func adoptSharingFlags(_ grants: inout [Grant], from reference: [Grant]) {
    var flags: [String: [String]] = [:]
    for grant in reference where !grant.sharingFlags.isEmpty {
      flags[foldedKey(grant.key)] = grant.sharingFlags
    }
    guard !flags.isEmpty else { return }
    for index in grants.indices {
      if let known = flags[foldedKey(grants[index].key)] { grants[index].sharingFlags = known }
    }
  }

  /// A key compared case-insensitively.
  static func foldedKey(_ key: Grant.Key) -> String {
    [key.mailbox, key.trustee, key.right.name, key.folder ?? ""].map { $0.lowercased() }.joined(
      separator: "\u{1F}")
  }
}
