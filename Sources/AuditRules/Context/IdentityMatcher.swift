import AuditModel

/// Resolves identities as registers, policies and audit records write them (UPN, SMTP, alias,
/// display name, `DOMAIN\user`, DN, canonical-name or EXO path) to canonical principal ids,
/// through `Inventory.principals`. Matching is case-insensitive; a form that names two
/// principals is ambiguous and matches neither.
struct IdentityMatcher: Sendable {
  /// The outcome of matching one identity.
  enum Match: Sendable, Hashable {
    /// The canonical id of the one principal named.
    case principal(String)
    /// The form names several principals; their ids, sorted.
    case ambiguous([String])
    /// No principal is known under this form.
    case unknown
  }

  /// One identity resolved: the match and everything derived from it.
  struct Resolution: Sendable {
    var match: Match
    /// The comparison key: the lowercased canonical id when it resolves, the lowercased form
    /// itself when no principal is known by it, nil when it is ambiguous or empty.
    var key: String?
    /// The id to show: the principal's id, else the identity as given (lowercased when it is an
    /// address), also when ambiguous.
    var canonicalID: String
    /// The identity as given, for notes.
    var given: String

    /// A clause explaining why the identity did not match, for finding messages: an ambiguous
    /// form, or a name (not an address or SID, which stand for themselves) that names nobody.
    func note(role: String) -> String? {
      switch match {
      case .principal:
        return nil
      case .ambiguous(let ids):
        return "\(role) '\(given)' is ambiguous (matches \(ids.joined(separator: ", ")))"
      case .unknown:
        guard let key, !key.contains("@"), !key.hasPrefix("s-1-") else { return nil }
        return "\(role) '\(given)' matches no known principal"
      }
    }
  }

  /// Lowercased canonical id → canonical id.
  private var ids: [String: String] = [:]
  /// Lowercased display name or alias → canonical id, for forms that name one principal.
  private var forms: [String: String] = [:]
  /// Lowercased forms that name several principals → their ids.
  private var ambiguousForms: [String: Set<String>] = [:]
  /// Lowercased local part of an address id → canonical id (consulted last), and its collisions.
  private var localParts: [String: String] = [:]
  private var ambiguousLocalParts: [String: Set<String>] = [:]

  init(principals: [String: Principal]) {
    ids.reserveCapacity(principals.count)
    forms.reserveCapacity(principals.count * 2)
    for (id, principal) in principals {
      ids[id.foldedCase] = id
      var seen = Set<String>()
      for form in [principal.displayName] + principal.aliases {
        let key = Self.key(form)
        if key.isEmpty || !seen.insert(key).inserted { continue }
        Self.insert(key, id, into: &forms, collisions: &ambiguousForms)
      }
      if let at = id.utf8.lastIndex(of: 0x40) {
        let local = String(id[..<at]).foldedCase
        if !local.isEmpty { Self.insert(local, id, into: &localParts, collisions: &ambiguousLocalParts) }
      }
    }
  }

  /// Resolves an identity once, for its match, key, canonical id and note.
  func resolve(_ identity: String) -> Resolution {
    let key = Self.key(identity)
    let match = match(key: key)
    switch match {
    case .principal(let id):
      return Resolution(match: match, key: id.foldedCase, canonicalID: id, given: identity)
    case .ambiguous:
      return Resolution(match: match, key: nil, canonicalID: displayForm(identity, key), given: identity)
    case .unknown:
      return Resolution(
        match: match, key: key.isEmpty ? nil : key, canonicalID: displayForm(identity, key), given: identity)
    }
  }

  /// Matches an identity in any form the resolver accepts.
  func match(_ identity: String) -> Match { match(key: Self.key(identity)) }

  /// The comparison key of an identity (see `Resolution.key`).
  func matchKey(_ identity: String) -> String? { resolve(identity).key }

  /// The id to show for an identity (see `Resolution.canonicalID`).
  func canonicalID(_ identity: String) -> String { resolve(identity).canonicalID }

  /// A clause explaining why an identity did not match (see `Resolution.note`).
  func note(_ identity: String, role: String) -> String? { resolve(identity).note(role: role) }

  private func match(key: String) -> Match {
    if key.isEmpty { return .unknown }
    let direct = lookUp(key)
    if direct != .unknown { return direct }
    for candidate in Self.alternatives(key) {
      let found = lookUp(candidate)
      if found != .unknown { return found }
    }
    if let id = localParts[key] { return .principal(id) }
    if let ids = ambiguousLocalParts[key] { return .ambiguous(ids.sorted()) }
    return .unknown
  }

  private func lookUp(_ key: String) -> Match {
    if let id = ids[key] { return .principal(id) }
    if let id = forms[key] { return .principal(id) }
    if let ids = ambiguousForms[key] { return .ambiguous(ids.sorted()) }
    return .unknown
  }

  private func displayForm(_ identity: String, _ key: String) -> String {
    key.contains("@") ? key : String(Substring(identity).trimmingSpaces())
  }

  /// Other forms to try when the key itself is unknown: the account of `DOMAIN\user`, the last
  /// segment of a canonical-name or EXO path, the first CN of a distinguished name.
  private static func alternatives(_ key: String) -> [String] {
    var result: [String] = []
    if let slash = key.lastIndex(of: "\\") {
      let account = String(key[key.index(after: slash)...])
      if !account.isEmpty { result.append(account) }
    }
    if key.contains("/"), let last = key.split(separator: "/").last {
      result.append(String(last))
    }
    if key.hasPrefix("cn=") {
      let name = key.dropFirst(3).prefix { $0 != "," }
      if !name.isEmpty { result.append(String(name)) }
    }
    return result
  }

  private static func insert(
    _ key: String, _ id: String, into unique: inout [String: String], collisions: inout [String: Set<String>]
  ) {
    if !collisions.isEmpty, var ids = collisions[key] {
      ids.insert(id)
      collisions[key] = ids
      return
    }
    // One lookup in the common case: the key is inserted with `id` unless it holds an id already.
    func current(_ value: inout String) -> String { value }
    let existing = current(&unique[key, default: id])
    if existing != id {
      unique[key] = nil
      collisions[key] = [existing, id]
    }
  }

  /// The comparison form of an identity: trimmed, `smtp:` removed, lowercased.
  static func key(_ identity: String) -> String {
    let trimmed = Substring(identity).trimmingSpaces()
    let lower = trimmed.utf8.count == identity.utf8.count ? identity.foldedCase : String(trimmed).foldedCase
    return lower.hasPrefix("smtp:") ? String(lower.dropFirst(5)) : lower
  }
}
