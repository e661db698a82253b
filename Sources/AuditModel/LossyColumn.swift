/// A column whose cells hold a .NET type name instead of values: the export lost its data.
public struct LossyColumn: Sendable, Hashable, Comparable {
  public var file: String
  public var column: String
  public var kind: InputKind?
  /// How many rows carried the type name.
  public var rows: Int
  /// The type name found, e.g. `System.Collections.ArrayList`.
  public var typeName: String
  public var firstLocation: SourceLocation

  public init(
    file: String, column: String, kind: InputKind?, rows: Int, typeName: String,
    firstLocation: SourceLocation
  ) {
    self.file = file
    self.column = column
    self.kind = kind
    self.rows = rows
    self.typeName = typeName
    self.firstLocation = firstLocation
  }

  /// The re-export command that keeps the values.
  public var reexportCommand: String {
    kind?.exportCommand
      ?? "re-export with the multi-valued column joined, e.g. @{n='\(column)';e={$_.\(column) -join ','}}"
  }

  public static func < (lhs: LossyColumn, rhs: LossyColumn) -> Bool {
    (lhs.file, lhs.column) < (rhs.file, rhs.column)
  }
}
