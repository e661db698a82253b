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
  private var index: [String: Set<String>] = [:]
  /// Lowercased last path segment / name → canonical ids (for CN and EXO paths).
  private var nameIndex: [String: Set<String>] = [:]

  public init() {}

  /// Adds a principal under every form it is known by.
  public mutating func add(_ principal: Principal, names: [String] = []) {
    if var existing = principals[principal.id] {
      existing.aliases.formUnion(principal.aliases)
      if existing.kind == .unknown { existing.kind = principal.kind }
      if existing.displayName == existing.id { existing.displayName = principal.displayName }
      principals[principal.id] = existing
    } else {
      principals[principal.id] = principal
    }
    let forms = [principal.id, principal.displayName] + principal.aliases + names
    for form in forms {
      let key = Self.key(form)
      if key.isEmpty { continue }
      index[key, default: []].insert(principal.id)
    }
    for form in names + [principal.displayName] {
      let key = Self.key(form)
      if !key.isEmpty { nameIndex[key, default: []].insert(principal.id) }
    }
  }

  /// Resolves an identity as it appears in an export.
  public func resolve(_ identity: String) -> Resolution {
    let key = Self.key(identity)
    if key.isEmpty { return .unresolved }
    if let ids = index[key] { return resolution(ids) }
    // `DOMAIN\user`: the account part may be an alias.
    if let slash = key.lastIndex(of: "\\"), !WellKnownIdentities.isSystemPrincipal(identity) {
      let account = String(key[key.index(after: slash)...])
      if let ids = index[account] { return resolution(ids) }
    }
    // Canonical-name and EXO directory paths: the last segment is a Name candidate.
    if key.withASCIIBytes({ $0.contains(0x2F) }) ?? key.contains("/") {
      let last = String(key.split(separator: "/").last ?? "")
      if let ids = nameIndex[last] ?? index[last] { return resolution(ids) }
    }
    // Distinguished names: the first CN, whose commas are escaped (`CN=Doe\, Jane,OU=…`).
    if key.hasPrefix("cn=") {
      let cn = Self.firstRDNValue(key.dropFirst(3))
      if let ids = nameIndex[cn] { return resolution(ids) }
    }
    return .unresolved
  }

  private func resolution(_ ids: Set<String>) -> Resolution {
    if ids.count == 1, let id = ids.first, let principal = principals[id] {
      return .resolved(principal)
    }
    return .ambiguous(candidates: ids.sorted())
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
    WellKnownIdentities.stripSMTPPrefix(String(Substring(form).trimmingSpaces())).lowercased()
  }
}
