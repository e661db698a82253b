import AuditIngest
import AuditModel
import AuditReport
import Foundation

/// Loads a snapshot for `run --baseline` and `diff`: a previous evidence pack when the path holds
/// `manifest.json` (or is one), otherwise raw exports read like `run`'s inputs.
enum BaselineLoader {
  /// Kinds whose rows become grants: a snapshot without one of them has nothing to compare.
  static let grantKinds: Set<InputKind> = [
    .mailboxPermission, .recipientPermission, .adPermission, .mailbox, .folderPermission,
  ]

  static func load(_ path: String) -> Result<BaselineSnapshot, BaselineError> {
    let manager = FileManager.default
    var isDirectory: ObjCBool = false
    guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else {
      return .failure(BaselineError(path: path, message: "no such file or folder", hint: "check the path"))
    }
    let url = URL(fileURLWithPath: path)
    if isDirectory.boolValue,
      manager.fileExists(atPath: url.appendingPathComponent(PackWriter.manifestName).path)
    {
      return PackSnapshotReader.read(folder: path)
    }
    if !isDirectory.boolValue, url.lastPathComponent == PackWriter.manifestName {
      return PackSnapshotReader.read(folder: url.deletingLastPathComponent().path)
    }
    return loadExports(path)
  }

  /// Ingests exports; their identities resolve through their own mailbox and directory exports.
  static func loadExports(_ path: String) -> Result<BaselineSnapshot, BaselineError> {
    let result: Ingest.Result
    do {
      // Compared by its grants: its excluded rows are counted, not listed.
      result = try Ingest.run([path], listsExcludedRows: false)
    } catch {
      return .failure(BaselineError(path: path, message: error.message, hint: error.hint))
    }
    guard result.files.contains(where: { $0.kind != nil && $0.kind != .register }) else {
      return .failure(
        BaselineError(
          path: path,
          message: "is neither an evidence pack (no manifest.json) nor exports this tool recognises "
            + "(\(result.files.count) file\(result.files.count == 1 ? "" : "s") read)",
          hint: "give the previous pack's folder or the exports it was built from; "
            + "'delegation-audit inspect \(path)' shows what each file is"))
    }
    guard !result.inventory.kindsPresent.isDisjoint(with: grantKinds) else {
      return .failure(
        BaselineError(
          path: path,
          message: "holds no grant export (\(grantKinds.sorted().map(\.rawValue).joined(separator: ", ")))",
          hint: "include the permission exports of that snapshot, or give the pack built from them"))
    }
    let inputs = result.files.map {
      PackInput(
        role: "baseline", path: $0.input.displayPath, sha256: $0.sha256, size: $0.size,
        kind: $0.kind?.rawValue,
        serialisation: $0.report.serialisation.rawValue, encoding: $0.report.encoding.rawValue,
        ledger: $0.facts.ledger)
    }
    // A baseline is compared by its grants; its own exclusion ledger (a row per excluded row, over a
    // million on a large tenant) is not needed, and is let go of before the run builds its own.
    var inventory = result.inventory
    inventory.excluded = []
    inventory.rejected = []
    return .success(
      BaselineSnapshot(
        path: path, source: .exports, inventory: inventory, asOf: nil, sharingFlagsKnown: true,
        inputs: inputs))
  }
}
