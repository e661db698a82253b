/// Interned identity keys: each distinct lowercased canonical id gets a small integer, so that
/// grant keys hash and compare as integers (millions of lookups on large tenants).
struct IdentityTable: Sendable {
  typealias ID = Int32

  private var ids: [String: ID] = [:]
  /// Key by ID.
  private var keys: [String] = []

  /// The ID of a key (lowercased canonical id or form), added when new.
  mutating func intern(_ key: String) -> ID {
    if let id = ids[key] { return id }
    let id = ID(keys.count)
    ids[key] = id
    keys.append(key)
    return id
  }

  /// The key behind an ID.
  func key(_ id: ID) -> String { keys[Int(id)] }
}
