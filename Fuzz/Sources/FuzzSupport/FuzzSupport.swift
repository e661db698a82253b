import AuditIngest
import AuditModel
import CFuzzerDriver
import Foundation

/// A libFuzzer callback: the input's bytes and their count; returns 0 (keep the input) or -1.
public typealias FuzzCallback = @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt

/// Hands control to libFuzzer with `callback` as the target and exits with libFuzzer's status.
public func runFuzzer(_ callback: FuzzCallback) -> Never {
  var argc = CommandLine.argc
  var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
  exit(LLVMFuzzerRunDriver(&argc, &argv, callback))
}

/// The input as an array (empty for a null pointer).
public func bytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
  guard let data, size > 0 else { return [] }
  return Array(UnsafeBufferPointer(start: data, count: size))
}

/// Stops the process, so that libFuzzer records the input, when an invariant does not hold.
public func require(_ condition: Bool, _ message: @autoclosure () -> String) {
  if !condition { fatalError("invariant violated: \(message())") }
}

/// Invariants every ingested file must keep, whatever its bytes (PRODUCT.md §4).
public enum IngestInvariants {
  /// Reads `bytes` as one file, with the kind detected or given, and checks the file's ledger
  /// and diagnostics; then builds an inventory from it and checks that too.
  public static func ingest(_ bytes: [UInt8], name: String, kind: InputKind? = nil) {
    let input = InputFile(displayPath: name, url: URL(fileURLWithPath: "/nonexistent/" + name))
    let file = FileIngestor.ingest(bytes: bytes, input: input, kindOverride: kind)
    let ledger = file.facts.ledger
    // Nothing is lost silently: records read = produced + excluded + rejected.
    require(
      ledger.reconciles,
      "ledger of \(name) does not reconcile: read \(ledger.recordsRead), produced \(ledger.produced), "
        + "excluded \(ledger.excluded), rejected \(ledger.rejected)")
    require(ledger.rejected == file.facts.rejected.count, "rejected count differs from the rejected rows")
    require(ledger.excluded == file.facts.excluded.count, "excluded count differs from the excluded rows")
    // Every diagnostic names the file it is about.
    for diagnostic in file.facts.diagnostics {
      require(diagnostic.location?.file == name, "diagnostic without the file's name: \(diagnostic)")
    }
    let inventory = InventoryBuilder.build([file])
    for ledger in inventory.ledgers {
      require(ledger.reconciles, "inventory ledger of \(ledger.file) does not reconcile")
    }
  }
}
