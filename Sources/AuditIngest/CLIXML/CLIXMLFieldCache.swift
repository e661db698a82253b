internal import CXMLBridge

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reuses the fields that repeat from one record to the next.
///
/// The records of one export look alike: the same properties in the same order, and many
/// values the same in every record (`PSComputerName`, `ObjectState`, `Deny`, the
/// `ToString` of the type). Making a `Field` costs a string and a boxed `FieldValue`;
/// comparing bytes with the previous record's and reusing its `Field` costs a `memcmp`.
/// A property whose value keeps changing (`User`, `RunspaceId`) is noticed after a few
/// records and then only has its name reused.
struct CLIXMLFieldCache {
  /// One cached property: a class, so that checking it copies nothing.
  private final class Slot {
    var tag: cxb_tag
    let name: [UInt8]
    let nameString: String
    var value: [UInt8]
    var field: Field?
    /// Consecutive records in which the value differed.
    var misses: Int

    init(tag: cxb_tag, name: [UInt8], nameString: String, value: [UInt8], field: Field?, misses: Int) {
      self.tag = tag
      self.name = name
      self.nameString = nameString
      self.value = value
      self.field = field
      self.misses = misses
    }
  }

  /// After this many consecutive misses a slot stops caching its value.
  private static let missesBeforeGivingUp = 3
  /// Fields per record that are cached.
  private static let maximumFields = 1024
  /// Longest value compared; longer ones (base64 blobs) are never cached.
  private static let maximumValueLength = 256

  private var slots: [Slot?] = []
  private var toStringSlot: Slot?

  /// The field at `index` of a record for a leaf `tag` named `name` with text `value`,
  /// reused when it repeats the previous record's, otherwise made by `make`.
  mutating func field(
    at index: Int, tag: cxb_tag, name: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer,
    make: (String) -> Field
  ) -> Field {
    guard index < Self.maximumFields else { return make(CLIXMLText.string(name)) }
    if index >= slots.count { slots.append(contentsOf: repeatElement(nil, count: index + 1 - slots.count)) }
    return Self.lookup(&slots[index], tag: tag, name: name, value: value, make: make)
  }

  /// A record's `ToString` field for the text `value`, reused when it repeats.
  mutating func toStringField(_ value: UnsafeRawBufferPointer) -> Field {
    let name: StaticString = "ToString"
    let nameBytes = UnsafeRawBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount)
    return Self.lookup(&toStringSlot, tag: .toString, name: nameBytes, value: value) {
      Field($0, .string(CLIXMLText.string(value)))
    }
  }

  /// The cached field when tag, name and value repeat; otherwise a new one, remembered
  /// until the slot has missed `missesBeforeGivingUp` records in a row.
  private static func lookup(
    _ cached: inout Slot?, tag: cxb_tag, name: UnsafeRawBufferPointer,
    value: UnsafeRawBufferPointer, make: (String) -> Field
  ) -> Field {
    let cacheable = value.count <= maximumValueLength
    guard let slot = cached, equal(slot.name, name) else {
      let field = make(CLIXMLText.string(name))
      cached = Slot(
        tag: tag, name: Array(name), nameString: field.name, value: cacheable ? Array(value) : [],
        field: cacheable ? field : nil, misses: cacheable ? 0 : missesBeforeGivingUp)
      return field
    }
    if slot.misses < missesBeforeGivingUp, slot.tag == tag, let field = slot.field,
      equal(slot.value, value)
    {
      slot.misses = 0
      return field
    }
    let field = make(slot.nameString)
    if slot.misses < missesBeforeGivingUp {
      slot.misses += 1
      slot.tag = tag
      let keep = cacheable && slot.misses < missesBeforeGivingUp
      slot.value = keep ? Array(value) : []
      slot.field = keep ? field : nil
    }
    return field
  }

  /// Whether the stored bytes equal `bytes`.
  private static func equal(_ stored: [UInt8], _ bytes: UnsafeRawBufferPointer) -> Bool {
    guard stored.count == bytes.count else { return false }
    guard let base = bytes.baseAddress, !stored.isEmpty else { return true }
    return stored.withUnsafeBytes { storedBytes in
      guard let storedBase = storedBytes.baseAddress else { return false }
      return memcmp(storedBase, base, storedBytes.count) == 0
    }
  }
}
