/// The row reconciliation of one input file: read = produced + excluded + rejected.
public struct FileLedger: Sendable, Hashable, Comparable {
  public var file: String
  public var kind: InputKind?
  public var serialisation: String
  public var encoding: String
  public var recordsRead: Int
  public var produced: Int
  public var excluded: Int
  public var rejected: Int

  public init(
    file: String, kind: InputKind?, serialisation: String, encoding: String, recordsRead: Int = 0,
    produced: Int = 0, excluded: Int = 0, rejected: Int = 0
  ) {
    self.file = file
    self.kind = kind
    self.serialisation = serialisation
    self.encoding = encoding
    self.recordsRead = recordsRead
    self.produced = produced
    self.excluded = excluded
    self.rejected = rejected
  }

  /// True when every record read is accounted for.
  public var reconciles: Bool { recordsRead == produced + excluded + rejected }

  public static func < (lhs: FileLedger, rhs: FileLedger) -> Bool { lhs.file < rhs.file }
}
