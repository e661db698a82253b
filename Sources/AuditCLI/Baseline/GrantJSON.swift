import AuditModel
import AuditReport

/// Grants in the shape of `data/grants.json` entries: written by `diff --json`, read back from packs.
enum GrantJSON {
  /// One `data/grants.json` entry, plus `sharingFlags` (folder delegate flags; empty for most grants).
  static func encode(_ grant: Grant) -> JSONValue {
    guard case .object(var members) = InventoryFiles.grantJSON(grant) else {
      preconditionFailure("a grant's JSON is an object")
    }
    members.insert(("sharingFlags", .array(grant.sharingFlags.map { .string($0) })), at: members.count - 1)
    return .object(members)
  }

  /// A source location as `data/grants.json` writes it: file, and line or path when known.
  static func encode(_ location: SourceLocation) -> JSONValue {
    InventoryFiles.locationJSON(location)
  }

  /// A `data/grants.json` entry as decoded from a pack.
  struct Entry: Decodable, Sendable {
    struct Source: Decodable, Sendable {
      var file: String
      var line: Int?
      var path: String?
    }

    var mailbox: String
    var mailboxDisplayName: String?
    var trustee: String
    var trusteeDisplayName: String?
    var trusteeKind: String?
    var right: String
    var folder: String?
    var isInherited: Bool?
    /// Absent from packs written before the field existed.
    var sharingFlags: [String]?
    var sources: [Source]?

    /// The grant; missing display names fall back to the ids, an unknown kind to `unknown`.
    var grant: Grant {
      Grant(
        key: Grant.Key(mailbox: mailbox, trustee: trustee, right: Right(right), folder: folder),
        mailboxDisplayName: mailboxDisplayName ?? mailbox, trusteeDisplayName: trusteeDisplayName ?? trustee,
        trusteeKind: trusteeKind.flatMap(Principal.Kind.init(rawValue:)) ?? .unknown,
        isInherited: isInherited ?? false, sharingFlags: sharingFlags ?? [],
        sources: (sources ?? []).map { SourceLocation(file: $0.file, line: $0.line ?? 0, path: $0.path) })
    }
  }
}
