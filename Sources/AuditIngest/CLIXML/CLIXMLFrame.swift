/// One open structural element while a CLIXML record is being built.
///
/// `Obj` frames collect an object's parts; the frames inside an `Obj` (`TN`, `Props`, `MS`,
/// `LST`, `DCT`, `En`) write straight into their object's frame, found by `owner`.
struct CLIXMLFrame {
  /// What the element is for.
  enum Role {
    /// `Objs`, whose children are the records.
    case root
    /// `Obj`.
    case object
    /// `TN`, whose `T` children name the owner's types.
    case typeNames
    /// `Props` or `MS`, whose named children are the owner's fields.
    case members
    /// `LST`, `IE`, `STK` or `QUE`, whose children are the owner's items.
    case list
    /// `DCT`, whose `En` children are the owner's entries.
    case dictionary
    /// `En`, with a `Key` and a `Value` child.
    case entry
    /// An element in a place CLIXML does not put it; its content is ignored.
    case ignored
  }

  /// What an `Obj` turned out to hold.
  enum Collection {
    case none, list, dictionary
  }

  var role: Role
  /// Index in the frame stack of the `Obj` this frame feeds, or -1.
  var owner = -1
  /// The element's `N` attribute (`Obj` frames delivered as a property).
  var propertyName: String?
  /// The `RefId` attribute (`Obj` and `TN`).
  var refId: Int?
  /// Where the element starts.
  var line = 0
  /// The reader's element count when the element opened, to measure an object's size.
  var firstElement = 0

  // An `Obj`'s parts.
  var typeNames: [String] = []
  /// Whether the type names mark a .NET enum (`System.Enum`, possibly `Deserialized.`).
  var isEnum = false
  var toString: String?
  /// The `ToString` field, when the reader made it already (a record's, from the cache).
  var toStringField: Field?
  var fields: [Field] = []
  var hasMembers = false
  var collection = Collection.none
  var items: [FieldValue] = []
  var entries: [Field] = []
  /// A primitive child (an enum's `I32`, a wrapped string's `S`).
  var primitive: FieldValue?

  // An `En`'s parts.
  var key: FieldValue?
  var value: FieldValue?

  init(
    role: Role, owner: Int = -1, line: Int = 0, propertyName: String? = nil, refId: Int? = nil,
    firstElement: Int = 0
  ) {
    self.role = role
    self.owner = owner
    self.line = line
    self.propertyName = propertyName
    self.refId = refId
    self.firstElement = firstElement
  }

  /// Whether a type name is .NET's enum base type.
  static func isEnumTypeName(_ name: String) -> Bool {
    name == "System.Enum" || name == "Deserialized.System.Enum"
  }

  /// Appends `ToString` to the fields, once the object is complete: an object's fields are
  /// its properties, then `ToString` when present.
  mutating func appendToStringField() {
    if let toStringField {
      fields.append(toStringField)
    } else if let toString {
      fields.append(Field("ToString", .string(toString)))
    }
  }

  /// The value of a completed `Obj` (FORMATS.md §2.4), after `appendToStringField()`.
  var objectValue: FieldValue {
    if isEnum, let toString {
      return .enumeration(name: toString, value: primitive.flatMap(Self.integer))
    }
    switch collection {
    case .list: return .list(items)
    case .dictionary: return .object(entries)
    case .none: break
    }
    if hasMembers { return .object(fields) }
    if let primitive { return primitive }
    if let toString { return .string(toString) }
    return .object([])
  }

  /// An enum's underlying value, when it fits in `Int64`.
  private static func integer(_ value: FieldValue) -> Int64? {
    if case .number(let text) = value { return Int64(text) }
    return nil
  }
}
