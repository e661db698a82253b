import AuditModel

/// Resolves any identity form (UPN, SMTP, alias, name, display name, DN, CN path, GUID, SID, …)
/// to a principal, using what the mailbox and directory exports say. Never guesses: an identity
/// that matches two principals is reported as ambiguous.
public struct IdentityResolver: Sendable {
  public enum Resolution: Sendable, Hashable {
    case resolved(Principal)
    case ambiguous(candidates: [String])
    case unresolved
  }

  /// Canonical id → principal.
  public private(set) var principals: [String: Principal] = [:]
  /// Lowercased identity form → canonical ids it names.
  private var index: [String: Forms] = [:]

  /// The canonical ids one lowercased form names: all of them, and those that know it as an
  /// alias or display name (not only as their canonical id), which CN and EXO path segments
  /// are matched against.
  struct Forms: Sendable {
    var all: CanonicalIDs = .none
    var named: CanonicalIDs = .none

    mutating func insert(_ id: String, named isNamed: Bool) {
      all.insert(id)
      if isNamed { named.insert(id) }
    }
  }

  /// The canonical ids one form names: nearly always one, so no set is made until a second.
  enum CanonicalIDs: Sendable {
    /// None yet.
    case none
    case one(String)
    case several(Set<String>)

    var isNone: Bool {
      if case .none = self { return true }
      return false
    }

    mutating func insert(_ id: String) {
      switch self {
      case .none: self = .one(id)
      case .one(let existing) where existing != id: self = .several([existing, id])
      case .one: break
      case .several(var ids):
        self = .one("")  // drops the set's reference so the insert does not copy it
        ids.insert(id)
        self = .several(ids)
      }
    }
  }

  public init() {}

  /// Makes room for this many principals known under this many forms in all, so that adding them
  /// does not rehash the indexes as they grow.
  public mutating func reserveCapacity(principals count: Int, forms: Int) {
    principals.reserveCapacity(count)
    index.reserveCapacity(forms)
  }

  /// Adds a principal under every form it is known by: its aliases and display name (also as a
  /// last path segment or CN) and its canonical id.
  public mutating func add(_ principal: Principal) {
    if var existing = principals[principal.id] {
      existing.aliases.formUnion(principal.aliases)
      if existing.kind == .unknown { existing.kind = principal.kind }
      if existing.displayName == existing.id { existing.displayName = principal.displayName }
      principals[principal.id] = existing
    } else {
      principals[principal.id] = principal
    }
    let id = principal.id
    // Each distinct key once; a principal has a handful, so a list is cheaper than a set. The
    // aliases and display name are names; the canonical id, when it is not one, is not.
    var keys: [String] = []
    keys.reserveCapacity(principal.aliases.count + 2)
    func keyed(_ form: String) {
      let key = Self.key(form)
      if !key.isEmpty && !keys.contains(key) { keys.append(key) }
    }
    for form in principal.aliases { keyed(form) }
    keyed(principal.displayName)
    let names = keys.count
    keyed(id)
    for (position, key) in keys.enumerated() {
      index[key, default: Forms()].insert(id, named: position < names)
    }
  }

  /// Resolves an identity as it appears in an export.
  public func resolve(_ identity: String) -> Resolution {
    canonicalIDs(identity).map(resolution) ?? .unresolved
  }

  /// The canonical id an identity resolves to; nil when it is ambiguous or unknown. (No
  /// principal is copied.)
  public func resolvedID(_ identity: String) -> String? {
    let id: String? =
      switch canonicalIDs(identity) {
      case .one(let id)?: id
      case .several(let ids)? where ids.count == 1: ids.first
      default: nil
      }
    guard let id, principals.index(forKey: id) != nil else { return nil }
    return id
  }

  /// The canonical ids an identity names, by the first of its forms that is known.
  private func canonicalIDs(_ identity: String) -> CanonicalIDs? {
    let key = Self.key(identity)
    if key.isEmpty { return nil }
    if let forms = index[key] { return forms.all }
    // `DOMAIN\user`: the account part may be an alias.
    if let slash = key.lastIndex(of: "\\"), !WellKnownIdentities.isSystemPrincipal(identity) {
      let account = String(key[key.index(after: slash)...])
      if let forms = index[account] { return forms.all }
    }
    // Canonical-name and EXO directory paths: the last segment is a Name candidate.
    if key.withASCIIBytes({ $0.contains(0x2F) }) ?? key.contains("/") {
      let last = String(key.split(separator: "/").last ?? "")
      if let forms = index[last] { return forms.named.isNone ? forms.all : forms.named }
    }
    // Distinguished names: the first CN, whose commas are escaped (`CN=Doe\, Jane,OU=…`).
    if key.hasPrefix("cn=") {
      let cn = Self.firstRDNValue(key.dropFirst(3))
      if let forms = index[cn], !forms.named.isNone { return forms.named }
    }
    return nil
  }

  private func resolution(_ ids: CanonicalIDs) -> Resolution {
    switch ids {
    case .none:
      return .unresolved
    case .one(let id):
      if let principal = principals[id] { return .resolved(principal) }
      return .ambiguous(candidates: [id])
    case .several(let ids):
      if ids.count == 1, let id = ids.first, let principal = principals[id] {
        return .resolved(principal)
      }
      return .ambiguous(candidates: ids.sorted())
    }
  }

  /// The value of a DN's first RDN up to its first unescaped `,`, with RFC 4514 escapes (`\,`,
  /// `\+`, `\"`, `\\`, …) undone.
  static func firstRDNValue(_ text: Substring) -> String {
    var value = ""
    var escaped = false
    for character in text {
      if escaped {
        value.append(character)
        escaped = false
      } else if character == "\\" {
        escaped = true
      } else if character == "," {
        break
      } else {
        value.append(character)
      }
    }
    return value
  }

  /// The lookup key of an identity form: trimmed, `smtp:` removed, lowercased.
  static func key(_ form: String) -> String {
    // ASCII with nothing to trim or strip (most forms): lowercase the bytes, or keep the string.
    let direct: String?? = form.withASCIIBytes { bytes -> String? in
      guard let first = bytes.first, let last = bytes.last else { return "" }
      if Substring.isTrimmedByte(first) || Substring.isTrimmedByte(last) { return nil }
      if ASCIIMatching.hasPrefix(bytes, "smtp:") { return nil }
      for byte in bytes where byte &- 65 < 26 {
        return ASCIIMatching.lowercasedString(bytes, 0..<bytes.count)
      }
      return form
    }
    if let direct, let key = direct { return key }
    return WellKnownIdentities.stripSMTPPrefix(String(Substring(form).trimmingSpaces())).lowercased()
  }
}
