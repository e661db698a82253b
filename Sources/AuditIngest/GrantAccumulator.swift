import AuditModel

/// Merges raw grants into grants while the inventory is built, keyed by numbers instead of strings:
/// canonical ids, rights and folders are interned once, so that a million rows hash and compare
/// four integers each, and the result is ordered by ranks instead of string comparisons.
struct GrantAccumulator {
  /// A grant's identity in interned numbers; `folder` is -1 for mailbox-level rights.
  struct Key: Hashable {
    var mailbox: Int32
    var trustee: Int32
    var right: Int32
    var folder: Int32
  }

  /// Distinct values numbered in order of first sight.
  struct InternTable<Value: Hashable> {
    private var numbers: [Value: Int32] = [:]
    private(set) var values: [Value] = []

    mutating func number(_ value: Value) -> Int32 {
      if let known = numbers[value] { return known }
      let number = Int32(values.count)
      numbers[value] = number
      values.append(value)
      return number
    }
  }

  private var ids = InternTable<String>()
  /// The first principal a grant named under each id number (nil for ids no grant used).
  private var firstPrincipals: [Principal?] = []
  private var rights = InternTable<Right>()
  private var folders = InternTable<String>()
  private var positions: [Key: Int] = [:]
  private var keys: [Key] = []
  private var grants: [Grant] = []

  /// Makes room for about `capacity` grants.
  init(capacity: Int) {
    positions.reserveCapacity(capacity)
    keys.reserveCapacity(capacity)
    grants.reserveCapacity(capacity)
  }

  /// The number of a canonical id, given on first sight.
  mutating func number(ofID id: String) -> Int32 {
    let number = ids.number(id)
    if Int(number) == firstPrincipals.count { firstPrincipals.append(nil) }
    return number
  }

  /// The key of a grant whose mailbox and trustee ids have these numbers.
  mutating func key(mailbox: Int32, trustee: Int32, right: Right, folder: String?) -> Key {
    Key(
      mailbox: mailbox, trustee: trustee, right: rights.number(right),
      folder: folder.map { folders.number($0) } ?? -1)
  }

  /// Adds one more row to the grant with this key, if there is one (inherited only while every
  /// row behind it is); false when the key is new.
  mutating func addSource(_ raw: RawGrant, key: Key) -> Bool {
    guard let position = positions[key] else { return false }
    grants[position].sources.append(raw.location)
    grants[position].isInherited = grants[position].isInherited && raw.isInherited
    return true
  }

  /// Adds the grant of a new key, from its first row, with the principals it names.
  mutating func add(_ raw: RawGrant, key: Key, mailbox: Principal, trustee: Principal) {
    positions[key] = grants.count
    keys.append(key)
    grants.append(
      Grant(
        key: Grant.Key(mailbox: mailbox.id, trustee: trustee.id, right: raw.right, folder: raw.folder),
        mailboxDisplayName: mailbox.displayName, trusteeDisplayName: trustee.displayName,
        trusteeKind: trustee.kind, isInherited: raw.isInherited, sharingFlags: raw.sharingFlags,
        sources: [raw.location]))
    if firstPrincipals[Int(key.mailbox)] == nil { firstPrincipals[Int(key.mailbox)] = mailbox }
    if firstPrincipals[Int(key.trustee)] == nil { firstPrincipals[Int(key.trustee)] = trustee }
  }

  /// The first principal seen under each id that a grant named.
  var principals: [Principal] { firstPrincipals.compactMap { $0 } }

  /// The grants in `Grant.Key` order: mailbox, trustee, right name, folder (none as empty, first).
  func sortedGrants() -> [Grant] {
    let idRanks = Self.ranks(ids.values)
    let rightRanks = Self.ranks(rights.values.map(\.name))
    // The empty folder is ranked too, so that "no folder" sorts where `folder ?? ""` puts it.
    let folderRanks = Self.ranks(folders.values + [""])
    let emptyFolderRank = folderRanks[folders.values.count]
    func sortKey(_ key: Key) -> (Int32, Int32, Int32, Int32, Int32) {
      let folder: (rank: Int32, present: Int32) =
        key.folder < 0 ? (emptyFolderRank, 0) : (folderRanks[Int(key.folder)], 1)
      return (
        idRanks[Int(key.mailbox)], idRanks[Int(key.trustee)], rightRanks[Int(key.right)], folder.rank,
        folder.present
      )
    }
    let sortKeys = keys.map(sortKey)
    let order = sortKeys.indices.sorted { sortKeys[$0] < sortKeys[$1] }
    return order.map { grants[$0] }
  }

  /// Each string's position in sorted order; equal strings (only the empty folder can repeat) share
  /// the rank of the first.
  static func ranks(_ strings: [String]) -> [Int32] {
    let order = strings.indices.sorted { strings[$0] < strings[$1] }
    var ranks = [Int32](repeating: 0, count: strings.count)
    var rank: Int32 = 0
    for (position, index) in order.enumerated() {
      if position > 0 && strings[order[position - 1]] < strings[index] { rank = Int32(position) }
      ranks[index] = rank
    }
    return ranks
  }
}
