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
    let oldKeys = old.map { MatchKey($0.key, table: &table) }
    let newKeys = new.map { MatchKey($0.key, table: &table) }
    let diff = diff(old: old, oldKeys: oldKeys, new: new, newKeys: newKeys) { _ in true }
    return (
      diff.added.map { new[$0] }, diff.removed.map { old[$0] },
      diff.changed.map { (old: old[$0.old], new: new[$0.new]) }
    )
  }

  /// The same, as positions in `old` and `new`, over the grants whose keys (`oldKeys[i]` is the
  /// key of `old[i]`, interned in one table with `newKeys`) `included` accepts.
  static func diff(
    old: [Grant], oldKeys: [MatchKey], new: [Grant], newKeys: [MatchKey],
    including included: (MatchKey) -> Bool
  ) -> (added: [Int], removed: [Int], changed: [(old: Int, new: Int)]) {
    var oldByKey = [MatchKey: Int](minimumCapacity: old.count)
    for index in old.indices where included(oldKeys[index]) {
      if oldByKey[oldKeys[index]] == nil { oldByKey[oldKeys[index]] = index }
    }
    var added: [Int] = []
    var changed: [(old: Int, new: Int)] = []
    var matched = [Bool](repeating: false, count: old.count)
    var seen = Set<MatchKey>(minimumCapacity: new.count)
    for index in new.indices where included(newKeys[index]) {
      guard seen.insert(newKeys[index]).inserted else { continue }
      if let oldIndex = oldByKey[newKeys[index]] {
        matched[oldIndex] = true
        if old[oldIndex].isInherited != new[index].isInherited || !sameFlags(old[oldIndex], new[index]) {
          changed.append((old: oldIndex, new: index))
        }
      } else {
        added.append(index)
      }
    }
    var removed: [Int] = []
    for index in oldByKey.values where !matched[index] { removed.append(index) }
    added.sort { new[$0] < new[$1] }
    removed.sort { old[$0] < old[$1] }
    changed.sort { new[$0.new] < new[$1.new] }
    return (added, removed, changed)
  }

  /// Sharing flags compare as sets, case-insensitively.
  private static func sameFlags(_ lhs: Grant, _ rhs: Grant) -> Bool {
    if lhs.sharingFlags == rhs.sharingFlags { return true }
    return Set(lhs.sharingFlags.map(\.foldedCase)) == Set(rhs.sharingFlags.map(\.foldedCase))
  }
}
