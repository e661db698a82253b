import AuditModel

/// The ingest stage as one call: collect the inputs, read each file, build the inventory.
public enum Ingest {
  public struct Result: Sendable {
    public var files: [IngestedFile]
    public var inventory: Inventory
  }

  /// Reads the exports (and the register, when given, always as kind register) into one inventory.
  public static func run(
    _ arguments: [String], register: String? = nil, kindOverride: InputKind? = nil
  ) throws(IngestError) -> Result {
    let inputs = try InputCollector.collect(arguments)
    var files = inputs.map { FileIngestor.ingest($0, kindOverride: kindOverride) }
    if let register {
      let registerInputs = try InputCollector.collect([register])
      files += registerInputs.map { FileIngestor.ingest($0, kindOverride: .register) }
    }
    return Result(files: files, inventory: InventoryBuilder.build(files))
  }
}
