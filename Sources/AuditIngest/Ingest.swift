import AuditModel

/// The ingest stage as one call: collect the inputs, read each file, build the inventory.
public enum Ingest {
  public struct Result: Sendable {
    public var files: [IngestedFile]
    public var inventory: Inventory
  }

  public static func run(_ arguments: [String], kindOverride: InputKind? = nil) throws(IngestError) -> Result {
    let inputs = try InputCollector.collect(arguments)
    let files = inputs.map { FileIngestor.ingest($0, kindOverride: kindOverride) }
    return Result(files: files, inventory: InventoryBuilder.build(files))
  }
}
