import AuditModel

/// A value as a serialiser wrote it: CSV gives strings; JSON and CLIXML keep their structure.
public enum FieldValue: Sendable, Hashable {
  case null
  case string(String)
  case bool(Bool)
  /// A number as written (`131073`, `1.5`), kept as text so nothing is rounded.
  case number(String)
  case list([FieldValue])
  case object([Field])
  /// A .NET enum from CLIXML (`<Obj><TN>…System.Enum…</TN><ToString>…</ToString><I32>…</I32></Obj>`).
  case enumeration(name: String, value: Int64?)

  /// The value as one string: lists join with `,`, enums give their name, null gives nil.
  public var text: String? {
    switch self {
    case .null: nil
    case .string(let s): s
    case .bool(let b): b ? "True" : "False"
    case .number(let n): n
    case .list(let items): items.compactMap(\.text).joined(separator: ",")
    case .object(let fields):
      fields.first { $0.name == "ToString" }?.value.text
        ?? fields.first { $0.name.caseInsensitiveEquals("Name") }?.value.text
    case .enumeration(let name, _): name
    }
  }

  /// The items of a list; a scalar is a one-item list; null is empty.
  public var items: [FieldValue] {
    switch self {
    case .null: []
    case .list(let items): items
    default: [self]
    }
  }

  /// The field of an object value, by case-insensitive name.
  public subscript(name: String) -> FieldValue? {
    if case .object(let fields) = self {
      return fields.first { $0.name.caseInsensitiveEquals(name) }?.value
    }
    return nil
  }
}

/// A named value inside a record or object.
public struct Field: Sendable, Hashable {
  public var name: String
  public var value: FieldValue

  public init(_ name: String, _ value: FieldValue) {
    self.name = name
    self.value = value
  }
}

/// One exported object: a CSV row, a JSON object, a CLIXML `<Obj>`, with where it came from.
public struct Record: Sendable, Hashable {
  public var fields: [Field]
  public var location: SourceLocation
  /// CLIXML type names (`TN`/`T`) or the CSV `#TYPE` line, most specific first; empty when none.
  public var typeNames: [String]

  public init(fields: [Field], location: SourceLocation, typeNames: [String] = []) {
    self.fields = fields
    self.location = location
    self.typeNames = typeNames
  }

  /// The value of a field by case-insensitive name; nil when the record has no such field.
  public subscript(name: String) -> FieldValue? {
    fields.first { $0.name.caseInsensitiveEquals(name) }?.value
  }

  /// The first present, non-empty text among several candidate field names.
  public func text(_ names: String...) -> String? {
    for name in names {
      if let text = self[name]?.text, !text.isEmpty { return text }
    }
    return nil
  }
}

extension String {
  /// ASCII case-insensitive comparison, enough for PowerShell property names.
  func caseInsensitiveEquals(_ other: String) -> Bool {
    // ASCII case folding keeps the byte count: different lengths never match.
    if self.utf8.count != other.utf8.count { return false }
    if self == other { return true }
    var a = self.utf8.makeIterator()
    var b = other.utf8.makeIterator()
    while true {
      let x = a.next()
      let y = b.next()
      if x == nil && y == nil { return true }
      guard let x, let y else { return false }
      if x == y { continue }
      let lx = (x >= 65 && x <= 90) ? x | 0x20 : x
      let ly = (y >= 65 && y <= 90) ? y | 0x20 : y
      if lx != ly { return false }
    }
  }
}
