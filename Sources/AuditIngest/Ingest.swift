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
    // A README or notes file beside the exports is not an export: leave it out with a note.
    let documentation = files.filter { $0.kind == nil && InputCollector.isDocumentationName($0.input.displayPath) }
    files.removeAll { $0.kind == nil && InputCollector.isDocumentationName($0.input.displayPath) }
    var inventory = InventoryBuilder.build(files)
    for file in documentation {
      inventory.diagnostics.append(
        Diagnostic(
          .note, at: SourceLocation(file: file.input.displayPath),
          "not read: no export was detected in this file (documentation?)",
          hint: "pass it with --kind KIND if it is an export"))
    }
    return Result(files: files, inventory: inventory)
  }
}
