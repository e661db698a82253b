/// A property value as PowerShell holds it before a serialiser renders it: each writer turns
/// the same value into its own form (Export-Csv's ToString, ConvertTo-Json's numbers and
/// arrays, Export-Clixml's typed elements).
indirect enum SampleValue: Sendable, Hashable {
  case string(String)
  case bool(Bool)
  case int(Int64)
  case null
  /// A GUID (`<G>` in CLIXML, a string elsewhere).
  case guid(String)
  /// A DateTime, UTC seconds.
  case date(Int64)
  /// A .NET enum value: its name, number and type name (without `Deserialized.`).
  case enumeration(name: String, value: Int64, type: String)
  /// A MailboxRights flags value as a one-element array (FORMATS.md §1.1): the flag names and
  /// values; CSV joins the names, JSON lists the values, CLIXML writes one combined enum.
  case flags(names: [String], values: [Int64])
  /// A multi-valued property: its items, the `-join` separator a CSV export used, and the type
  /// names of the collection (most specific first, without `Deserialized.`).
  case list([SampleValue], join: String, types: [String])
  /// A nested object: its type names, its ToString and its properties.
  case object(types: [String], toString: String, properties: [SampleProperty])

  /// An ArrayList of strings (what Select-Object leaves of a multi-valued property).
  static func arrayList(_ items: [String], join: String) -> SampleValue {
    .list(
      items.map(SampleValue.string), join: join, types: ["System.Collections.ArrayList", "System.Object"])
  }
}

/// A named property value.
struct SampleProperty: Sendable, Hashable {
  var name: String
  var value: SampleValue

  init(_ name: String, _ value: SampleValue) {
    self.name = name
    self.value = value
  }
}

/// One exported object: its adapted properties and, for objects that came over remoting, the
/// note properties PowerShell adds (PSComputerName, RunspaceId, PSShowComputerName).
struct SampleRecord: Sendable, Hashable {
  var properties: [SampleProperty]
  var notes: [SampleProperty] = []
}

/// The objects one cmdlet pipeline produced, with the type names a serialiser records.
struct SampleTable: Sendable, Hashable {
  /// Type names, most specific first, as the live object has them (no `Deserialized.`).
  var types: [String]
  /// True for objects that came over remoting: CLIXML prefixes `Deserialized.` and keeps the
  /// properties in `<Props>` with the remoting notes in `<MS>`.
  var deserialized: Bool
  var records: [SampleRecord]

  /// Objects after `Select-Object`: a `Selected.` PSCustomObject whose properties are notes.
  static func selected(_ type: String, _ records: [SampleRecord]) -> SampleTable {
    SampleTable(
      types: ["Selected.\(type)", "System.Management.Automation.PSCustomObject", "System.Object"],
      deserialized: false, records: records)
  }

  /// The first object's property names: the columns Export-Csv writes.
  var columns: [String] { records.first.map { ($0.properties + $0.notes).map(\.name) } ?? [] }
}
