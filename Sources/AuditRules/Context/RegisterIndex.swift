import AuditModel

/// The approved-delegation register with every identity resolved once, indexed by grant key.
struct RegisterIndex: Sendable {
  /// One register row and what its identities resolved to (a class: statuses of millions of
  /// grants refer to it without copying it).
  final class Row: Sendable {
    let entry: RegisterEntry
    /// Nil when the mailbox or trustee is empty or ambiguous: such a row documents nothing.
    let key: MatchKey?
    let mailbox: String
    let trustee: String
    let approverKey: IdentityTable.ID?
    let reviewerKey: IdentityTable.ID?
    /// Why an identity of the row did not resolve, for messages.
    let notes: [String]

    init(
      entry: RegisterEntry, key: MatchKey?, mailbox: String, trustee: String, approverKey: IdentityTable.ID?,
      reviewerKey: IdentityTable.ID?, notes: [String]
    ) {
      self.entry = entry
      self.key = key
      self.mailbox = mailbox
      self.trustee = trustee
      self.approverKey = approverKey
      self.reviewerKey = reviewerKey
      self.notes = notes
    }

    /// True when the row names who approved and when (PRODUCT.md §7).
    var isApproved: Bool {
      guard let approvedBy = entry.approvedBy, entry.approvedOn != nil else { return false }
      return !Substring(approvedBy).trimmingSpaces().isEmpty
    }

    /// True when the row carries an ExpiresOn day that ended before `asOf`.
    func isExpired(at asOf: Int64) -> Bool {
      guard let expiresOn = entry.expiresOn else { return false }
      return Day.of(asOf) > Day.of(expiresOn)
    }
  }

  /// Rows in register order (by source location).
  let rows: [Row]
  private let byKey: [MatchKey: RowList]
  private let byKeyAnyFolder: [MatchKey: RowList]

  /// Row indices under one key: nearly always one, so that case allocates nothing.
  private enum RowList: Sendable {
    case one(Int)
    case many([Int])

    var indices: [Int] {
      switch self {
      case .one(let index): [index]
      case .many(let indices): indices
      }
    }

    func adding(_ index: Int) -> RowList {
      switch self {
      case .one(let first): .many([first, index])
      case .many(let indices): .many(indices + [index])
      }
    }
  }

  private static func add(_ index: Int, _ key: MatchKey, to lists: inout [MatchKey: RowList]) {
    if let list = lists[key] { lists[key] = list.adding(index) } else { lists[key] = .one(index) }
  }

  init(_ entries: [RegisterEntry], identities: IdentityMatcher, table: inout IdentityTable) {
    var rows: [Row] = []
    rows.reserveCapacity(entries.count)
    var byKey = [MatchKey: RowList](minimumCapacity: entries.count)
    var byKeyAnyFolder = [MatchKey: RowList](minimumCapacity: entries.count)
    // Registers repeat identities (approvers, reviewers, mailboxes): resolve each form once.
    var resolved: [String: IdentityMatcher.Resolution] = [:]
    func resolve(_ identity: String) -> IdentityMatcher.Resolution {
      if let known = resolved[identity] { return known }
      let resolution = identities.resolve(identity)
      resolved[identity] = resolution
      return resolution
    }
    // Registers arrive in file order; sort only when they do not.
    let ordered = zip(entries, entries.dropFirst()).allSatisfy { !($1 < $0) } ? entries : entries.sorted()
    for entry in ordered {
      let mailbox = resolve(entry.mailbox)
      let trustee = resolve(entry.trustee)
      var key: MatchKey?
      if let mailboxKey = mailbox.key, let trusteeKey = trustee.key {
        key = MatchKey(
          mailbox: table.intern(mailboxKey), trustee: table.intern(trusteeKey),
          right: RightName.normalised(entry.right.name),
          folder: RightName.folder(entry.folder))
      }
      let row = Row(
        entry: entry, key: key, mailbox: mailbox.canonicalID, trustee: trustee.canonicalID,
        approverKey: entry.approvedBy.flatMap { resolve($0).key }.map { table.intern($0) },
        reviewerKey: entry.reviewedBy.flatMap { resolve($0).key }.map { table.intern($0) },
        notes: [mailbox.note(role: "mailbox"), trustee.note(role: "trustee")].compactMap { $0 })
      if let key {
        Self.add(rows.count, key, to: &byKey)
        Self.add(rows.count, key.withoutFolder, to: &byKeyAnyFolder)
      }
      rows.append(row)
    }
    self.rows = rows
    self.byKey = byKey
    self.byKeyAnyFolder = byKeyAnyFolder
  }

  /// The rows documenting a grant: same mailbox, trustee, right and folder, plus rows that name
  /// the folder role without a folder.
  func rows(for key: MatchKey) -> [Row] {
    switch (byKey[key], key.folder.isEmpty ? nil : byKey[key.withoutFolder]) {
    case (nil, nil): return []
    case (.one(let index)?, nil), (nil, .one(let index)?): return [rows[index]]
    case (let exact, let loose): return ((exact?.indices ?? []) + (loose?.indices ?? [])).map { rows[$0] }
    }
  }

  /// The rows for a mailbox, trustee and right whatever the folder, for audit events (which
  /// PRODUCT.md §7 matches on mailbox, trustee and right only).
  func rows(mailbox: IdentityTable.ID, trustee: IdentityTable.ID, right: String) -> [Row] {
    (byKeyAnyFolder[MatchKey(mailbox: mailbox, trustee: trustee, right: right)]?.indices ?? []).map {
      rows[$0]
    }
  }
}

/// UTC day arithmetic on seconds since 1970.
enum Day {
  static let seconds: Int64 = 86_400

  /// Days since 1970-01-01 of a UTC instant.
  static func of(_ instant: Int64) -> Int64 {
    instant >= 0 ? instant / seconds : (instant - (seconds - 1)) / seconds
  }
}
