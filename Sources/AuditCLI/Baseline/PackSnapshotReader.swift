import AuditIngest
import AuditModel
import AuditReport
import Digest
import Foundation

/// Reads a previous evidence pack as a snapshot: grants from `data/grants.json`, as-of and the
/// kinds of export it was built from from `manifest.json`.
enum PackSnapshotReader {
  /// The manifest and grants schema versions this version reads.
  static let supportedSchemaVersions: Set<Int> = [1]
  static let grantsPath = "data/grants.json"

  /// The snapshot of the pack in the folder `path` (which holds `manifest.json`).
  static func read(folder path: String) -> Result<BaselineSnapshot, BaselineError> {
    let root = URL(fileURLWithPath: path)
    let manifestBytes: [UInt8]
    let grantsBytes: [UInt8]
    switch bytes(of: PackWriter.manifestName, in: root, pack: path) {
    case .success(let value): manifestBytes = value
    case .failure(let error): return .failure(error)
    }
    let manifest: Manifest
    switch decode(Manifest.self, from: manifestBytes, file: PackWriter.manifestName, pack: path) {
    case .success(let value): manifest = value
    case .failure(let error): return .failure(error)
    }
    guard let asOf = DateParser.iso8601(Substring(manifest.asOf)) else {
      return .failure(
        BaselineError(
          path: join(path, PackWriter.manifestName),
          message: "asOf '\(manifest.asOf)' is not an ISO 8601 instant",
          hint: "the manifest was edited or damaged; give the pack as delegation-audit wrote it"))
    }
    switch bytes(of: grantsPath, in: root, pack: path) {
    case .success(let value): grantsBytes = value
    case .failure(let error):
      return .failure(
        BaselineError(
          path: error.path, message: "the pack has a manifest but no readable \(grantsPath)",
          hint: "give a complete pack folder, or the exports the earlier run read"))
    }
    let grantsFile: GrantsFile
    switch decode(GrantsFile.self, from: grantsBytes, file: grantsPath, pack: path) {
    case .success(let value): grantsFile = value
    case .failure(let error): return .failure(error)
    }

    var inventory = Inventory()
    inventory.grants = grantsFile.grants.map(\.grant).sorted()
    inventory.ledgers = (manifest.inputs ?? []).filter { $0.role == "exports" }.compactMap(\.ledger).sorted()
    let inputs = [
      (PackWriter.manifestName, manifestBytes, "pack-manifest"), (grantsPath, grantsBytes, "pack-grants"),
    ]
    .map { name, bytes, kind in
      PackInput(
        role: "baseline", path: name, sha256: SHA256.hex(bytes), size: bytes.count, kind: kind,
        serialisation: "json", encoding: TextEncoding.decode(bytes).encoding.rawValue, ledger: nil)
    }
    return .success(
      BaselineSnapshot(
        path: path, source: .pack, inventory: inventory, asOf: asOf,
        sharingFlagsKnown: grantsFile.grants.allSatisfy { $0.sharingFlags != nil }, inputs: inputs))
  }

  static func bytes(of file: String, in root: URL, pack: String) -> Result<[UInt8], BaselineError> {
    guard let data = try? Data(contentsOf: root.appendingPathComponent(file)) else {
      return .failure(
        BaselineError(
          path: join(pack, file), message: "cannot be read", hint: "check the pack folder's permissions"))
    }
    return .success(Array(data))
  }

  /// Decodes a pack file after checking its schema version, naming the file and the bad member.
  static func decode<Value: Decodable>(
    _ type: Value.Type, from bytes: [UInt8], file: String, pack: String
  ) -> Result<Value, BaselineError> {
    let shown = join(pack, file)
    let decoder = JSONDecoder()
    guard let header = try? decoder.decode(SchemaHeader.self, from: Data(bytes)) else {
      return .failure(
        BaselineError(
          path: shown, message: "is not a JSON object with a numeric schemaVersion",
          hint: "give the pack as delegation-audit wrote it, or the exports the earlier run read"))
    }
    guard supportedSchemaVersions.contains(header.schemaVersion) else {
      return .failure(
        BaselineError(
          path: shown,
          message: "schemaVersion \(header.schemaVersion) is not one this version reads "
            + "(\(supportedSchemaVersions.sorted().map(String.init).joined(separator: ", ")))",
          hint:
            "use the delegation-audit version that wrote the pack, or give the exports the earlier run read"))
    }
    do {
      return .success(try decoder.decode(type, from: Data(bytes)))
    } catch {
      return .failure(
        BaselineError(
          path: shown, message: describe(error),
          hint: "the file was edited or damaged; give the pack as delegation-audit wrote it"))
    }
  }

  /// `grants[3].trustee is missing`, from a decoding error.
  static func describe(_ error: any Error) -> String {
    func member(_ path: [any CodingKey]) -> String {
      var text = ""
      for key in path {
        if let index = key.intValue {
          text += "[\(index)]"
        } else {
          text += (text.isEmpty ? "" : ".") + key.stringValue
        }
      }
      return text.isEmpty ? "the document" : text
    }
    switch error as? DecodingError {
    case .keyNotFound(let key, let context)?: return "\(member(context.codingPath + [key])) is missing"
    case .typeMismatch(_, let context)?, .valueNotFound(_, let context)?:
      return "\(member(context.codingPath)) has the wrong type"
    default: return "is not valid JSON"
    }
  }

  static func join(_ folder: String, _ file: String) -> String {
    folder.hasSuffix("/") ? folder + file : folder + "/" + file
  }

  struct SchemaHeader: Decodable {
    var schemaVersion: Int
  }

  /// The members of `manifest.json` a baseline needs.
  struct Manifest: Decodable {
    struct Input: Decodable {
      struct Rows: Decodable {
        var read: Int
        var produced: Int
        var excluded: Int
        var rejected: Int
      }

      var role: String
      var path: String
      var kind: String?
      var serialisation: String?
      var encoding: String?
      var rows: Rows?

      /// The ledger of an export the pack read; nil when its kind was not recognised.
      var ledger: FileLedger? {
        guard let kind = kind.flatMap(InputKind.init(rawValue:)) else { return nil }
        return FileLedger(
          file: path, kind: kind, serialisation: serialisation ?? "", encoding: encoding ?? "",
          recordsRead: rows?.read ?? 0, produced: rows?.produced ?? 0, excluded: rows?.excluded ?? 0,
          rejected: rows?.rejected ?? 0)
      }
    }

    var asOf: String
    var inputs: [Input]?
  }

  /// The members of `data/grants.json` a baseline needs.
  struct GrantsFile: Decodable {
    var grants: [GrantJSON.Entry]
  }
}
