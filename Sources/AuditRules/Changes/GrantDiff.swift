import AuditModel

/// The differences between two grant snapshots, by grant key, in linear time.
public enum GrantDiff {
  /// Grants only in `new` (added), only in `old` (removed), and in both with a different inherited
  /// flag or different sharing flags (changed). Keys compare case-insensitively; each list is
  /// sorted by key. A key repeated within one snapshot counts once (its first grant).
  public static func diff(old: [Grant], new: [Grant]) -> (
    added: [Grant], removed: [Grant], changed: [(old: Grant, new: Grant)]
  ) {
    var table = IdentityTable()
    return diff(old: old, new: new, table: &table) { _ in true }
  }

  /// The same, over the grants of both snapshots that `included` accepts, with keys interned in `table`.
  static func diff(
    old: [Grant], new: [Grant], table: inout IdentityTable, including included: (Grant) -> Bool
  ) -> (added: [Grant], removed: [Grant], changed: [(old: Grant, new: Grant)]) {
    var oldByKey = [MatchKey: Int](minimumCapacity: old.count)
    for index in old.indices where included(old[index]) {
      let key = MatchKey(old[index].key, table: &table)
      if oldByKey[key] == nil { oldByKey[key] = index }
    }
    var added: [Grant] = []
    var changed: [(old: Grant, new: Grant)] = []
    var matched = [Bool](repeating: false, count: old.count)
    var seen = Set<MatchKey>(minimumCapacity: new.count)
    for grant in new where included(grant) {
      let key = MatchKey(grant.key, table: &table)
      guard seen.insert(key).inserted else { continue }
      if let index = oldByKey[key] {
        matched[index] = true
        if old[index].isInherited != grant.isInherited || !sameFlags(old[index], grant) {
          changed.append((old: old[index], new: grant))
        }
      } else {
        added.append(grant)
      }
    }
    var removed: [Grant] = []
    for index in oldByKey.values where !matched[index] { removed.append(old[index]) }
    return (added.sorted(), removed.sorted(), changed.sorted { $0.new < $1.new })
  }

  /// Sharing flags compare as sets, case-insensitively.
  private static func sameFlags(_ lhs: Grant, _ rhs: Grant) -> Bool {
    if lhs.sharingFlags == rhs.sharingFlags { return true }
    return Set(lhs.sharingFlags.map(\.foldedCase)) == Set(rhs.sharingFlags.map(\.foldedCase))
  }
}
