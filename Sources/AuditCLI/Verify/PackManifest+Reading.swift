import AuditIngest
import Foundation

extension PackManifest {
  /// Reads and validates `PACK/manifest.json`; anything that is not a usable manifest is a failure.
  ///
  /// `shown` is the PACK argument as given, used in messages. Returns the manifest with its exact
  /// bytes, which `SHA256SUMS` must cover.
  static func read(pack: URL, shown: String) throws(VerifyFailure) -> (manifest: PackManifest, bytes: [UInt8])
  {
    let manager = FileManager.default
    var isDirectory: ObjCBool = false
    guard manager.fileExists(atPath: pack.path, isDirectory: &isDirectory) else {
      throw VerifyFailure(
        "no such folder: \(shown)", hint: "give the folder that 'delegation-audit run --out' wrote")
    }
    guard isDirectory.boolValue else {
      throw notAPackButExports(shown, "it is a file, not a folder")
    }
    let url = pack.appendingPathComponent(fileName)
    guard let data = try? Data(contentsOf: url) else {
      throw notAPackButExports(shown, "it has no \(fileName)")
    }
    let manifest: PackManifest
    do {
      manifest = try JSONDecoder().decode(PackManifest.self, from: data)
    } catch let error as DecodingError {
      throw notAPack(shown, reason: Self.explain(error))
    } catch {
      throw notAPack(shown, reason: "\(fileName) cannot be read")
    }
    try manifest.validate(shown)
    return (manifest, Array(data))
  }

  /// Whether `path` holds an export this tool recognises (stops at the first one).
  static func holdsExports(_ path: String) -> Bool {
    guard let inputs = try? InputCollector.collect([path]) else { return false }
    return inputs.contains { FileIngestor.ingest($0).kind != nil }
  }

  /// `PACK is not an evidence pack: <reason>`, asking whether `run` was meant when it holds exports.
  private static func notAPackButExports(_ shown: String, _ reason: String) -> VerifyFailure {
    guard holdsExports(shown) else {
      return VerifyFailure(
        "\(shown) is not an evidence pack: \(reason)",
        hint: "give the folder that 'delegation-audit run --out' wrote")
    }
    return VerifyFailure(
      "\(shown) is not an evidence pack: \(reason); it holds exports",
      hint: "did you mean 'delegation-audit run \(shown) --out PACK'? verify checks a pack that run wrote")
  }

  /// Checks what decoding cannot: known tool and schema, hashes in hex, safe and unique paths.
  func validate(_ shown: String) throws(VerifyFailure) {
    guard tool.name == "delegation-audit" else {
      throw Self.notAPack(shown, reason: "\(Self.fileName) was written by '\(tool.name)'")
    }
    guard schemaVersion == 1 else {
      throw VerifyFailure(
        "\(shown)/\(Self.fileName) has schemaVersion \(schemaVersion); this verifier reads version 1",
        hint: "verify it with the delegation-audit version that wrote it (\(tool.version))")
    }
    var seen: Set<String> = [Self.fileName, Self.checksumsName]
    for output in outputs {
      guard Self.isSafeRelativePath(output.path) else {
        throw Self.notAPack(
          shown, reason: "output path '\(output.path)' is not a relative path inside the pack")
      }
      guard seen.insert(output.path).inserted else {
        throw Self.notAPack(shown, reason: "output '\(output.path)' is listed more than once")
      }
      guard Self.isSHA256(output.sha256), output.size >= 0 else {
        throw Self.notAPack(shown, reason: "output '\(output.path)' has no valid sha256 and size")
      }
    }
    for input in inputs {
      guard Self.isSafeRelativePath(input.path) else {
        throw Self.notAPack(shown, reason: "input path '\(input.path)' is not a relative path")
      }
      guard Self.isSHA256(input.sha256), input.size >= 0 else {
        throw Self.notAPack(shown, reason: "input '\(input.path)' has no valid sha256 and size")
      }
    }
  }

  static func notAPack(_ shown: String, reason: String) -> VerifyFailure {
    VerifyFailure(
      "\(shown) is not an evidence pack: \(reason)",
      hint:
        "'delegation-audit run' writes \(fileName); if this folder was a pack, its manifest has been altered")
  }

  /// A short, lowercase reason for a decoding error, naming the field.
  static func explain(_ error: DecodingError) -> String {
    func field(_ path: [any CodingKey], _ last: (any CodingKey)? = nil) -> String {
      var text = (path + (last.map { [$0] } ?? [])).map {
        $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)"
      }
      .joined()
      if text.hasPrefix(".") { text.removeFirst() }
      return text
    }
    switch error {
    case .keyNotFound(let key, let context):
      return "\(fileName) lacks '\(field(context.codingPath, key))'"
    case .typeMismatch(_, let context), .valueNotFound(_, let context):
      return "\(fileName) has a wrong value at '\(field(context.codingPath))'"
    case .dataCorrupted(let context):
      return context.codingPath.isEmpty
        ? "\(fileName) is not valid JSON" : "\(fileName) has a wrong value at '\(field(context.codingPath))'"
    @unknown default:
      return "\(fileName) cannot be read"
    }
  }

  /// No absolute paths, no `..` or `.` segments, no empty segments.
  static func isSafeRelativePath(_ path: String) -> Bool {
    if path.isEmpty || path.hasPrefix("/") { return false }
    return !path.split(separator: "/", omittingEmptySubsequences: false).contains {
      $0.isEmpty || $0 == ".." || $0 == "."
    }
  }

  /// 64 lowercase hex digits.
  static func isSHA256(_ text: String) -> Bool {
    text.utf8.count == 64 && text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
  }
}
