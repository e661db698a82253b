import AuditModel

/// A grant's identity in comparison form: interned lowercased canonical ids, normalised right and
/// folder. Register rows, audit events, policy entries and grants meet under this key.
struct MatchKey: Sendable, Hashable {
  var mailbox: IdentityTable.ID
  var trustee: IdentityTable.ID
  var right: String
  /// Normalised folder path; empty for mailbox-level rights.
  var folder: String

  init(mailbox: IdentityTable.ID, trustee: IdentityTable.ID, right: String, folder: String = "") {
    self.mailbox = mailbox
    self.trustee = trustee
    self.right = right
    self.folder = folder
  }

  /// The key of a grant (its ids are canonical already; only case is folded).
  init(_ key: Grant.Key, table: inout IdentityTable) {
    self.init(
      mailbox: table.intern(key.mailbox.foldedCase), trustee: table.intern(key.trustee.foldedCase),
      right: RightName.normalised(key.right.name), folder: RightName.folder(key.folder))
  }

  /// The same key without its folder, for rows that name a folder role but no folder.
  var withoutFolder: MatchKey { MatchKey(mailbox: mailbox, trustee: trustee, right: right) }
}
