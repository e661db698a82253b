/// The objects a CLIXML document may refer back to, kept within a memory bound.
///
/// PowerShell writes an object it has already serialised as `<Ref RefId="n"/>` and a type
/// list it has already written as `<TNRef RefId="n"/>`. Reading a 500 MB export must not keep
/// every object, so only small objects are kept (at most `maximumObjectCost` elements each),
/// in a direct-mapped table indexed by `RefId`: PowerShell numbers objects in order, so the
/// table holds the most recent `capacity` of them, which is where `Ref`s point in practice
/// (an `Id` naming the same object as the `Identity` just before it). A `Ref` to an object
/// that was never kept or was overwritten is reported by the reader.
struct CLIXMLReferences {
  /// A kept object: its value and its type names.
  struct Object {
    var value: FieldValue
    var typeNames: [String]
  }

  /// Largest object kept, in elements.
  let maximumObjectCost: Int
  /// Type lists kept (they are few: one per distinct type).
  let maximumTypeLists: Int

  /// A kept object and the `RefId` it was kept under (a struct, not a tuple: tuples are
  /// destroyed through generic runtime calls).
  private struct Slot {
    var refId: Int
    var object: Object
  }

  private var slots: [Slot?]
  private var typeLists: [Int: (names: [String], isEnum: Bool)] = [:]

  /// - Parameters:
  ///   - capacity: Objects held at once; with `maximumObjectCost` it bounds the memory
  ///     held to `capacity * maximumObjectCost` elements.
  init(capacity: Int = 1024, maximumObjectCost: Int = 128, maximumTypeLists: Int = 65_536) {
    self.slots = Array(repeating: nil, count: max(1, capacity))
    self.maximumObjectCost = maximumObjectCost
    self.maximumTypeLists = maximumTypeLists
  }

  /// Keeps an object for later `Ref`s when it is small enough.
  mutating func keep(_ object: Object, refId: Int, cost: Int) {
    guard cost <= maximumObjectCost, refId >= 0 else { return }
    slots[refId % slots.count] = Slot(refId: refId, object: object)
  }

  /// The object kept under `refId`, if it is still held.
  func object(_ refId: Int) -> Object? {
    guard refId >= 0, let slot = slots[refId % slots.count], slot.refId == refId else { return nil }
    return slot.object
  }

  /// Keeps a type list for later `TNRef`s; returns false when the limit is reached.
  @discardableResult
  mutating func keepTypeNames(_ names: [String], isEnum: Bool, refId: Int) -> Bool {
    guard typeLists.count < maximumTypeLists || typeLists[refId] != nil else { return false }
    typeLists[refId] = (names, isEnum)
    return true
  }

  /// The type list kept under `refId`, and whether it names an enum.
  func typeNames(_ refId: Int) -> (names: [String], isEnum: Bool)? {
    typeLists[refId]
  }
}
