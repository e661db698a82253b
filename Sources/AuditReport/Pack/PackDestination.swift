import Digest
import Foundation

/// What is at a pack's `--out` path, and so whether the pack writer may replace it.
///
/// A folder is an evidence pack when it holds both `manifest.json` and `SHA256SUMS`. A pack is
/// intact when its files are exactly the ones `SHA256SUMS` lists (plus `SHA256SUMS` itself), each
/// a regular file with the listed SHA-256: replacing it loses nothing the tool did not write.
public enum PackDestination: Equatable, Sendable {
  /// Nothing at the path.
  case absent
  /// A folder with nothing in it.
  case emptyFolder
  /// A pack whose files are as its `SHA256SUMS` records them.
  case intactPack
  /// A pack whose files were changed, added or removed since it was written; the first such
  /// change, in words (`data/grants.csv was changed`).
  case editedPack(String)
  /// A folder with content that is not a pack.
  case foreignFolder
  /// A file, or anything else that is neither a folder nor a symbolic link.
  case file
  /// A symbolic link, live or dangling.
  case symbolicLink

  /// The name of the checksums file; with `manifest.json` it marks a folder as a pack.
  public static let checksumsName = "SHA256SUMS"

  /// Looks at `out` without following a symbolic link at it or inside it.
  public static func inspect(_ out: URL) -> PackDestination {
    switch entryType(out) {
    case nil: return .absent
    case .typeSymbolicLink?: return .symbolicLink
    case .typeDirectory?: break
    default: return .file
    }
    let names = (try? FileManager.default.contentsOfDirectory(atPath: out.path)) ?? []
    if names.isEmpty { return .emptyFolder }
    guard names.contains(PackWriter.manifestName), names.contains(checksumsName) else {
      return .foreignFolder
    }
    if let change = firstChange(in: out) { return .editedPack(change) }
    return .intactPack
  }

  /// The first file, in path order, that differs from what the pack's `SHA256SUMS` records.
  static func firstChange(in pack: URL) -> String? {
    let sumsURL = pack.appendingPathComponent(checksumsName)
    guard entryType(sumsURL) == .typeRegular, let data = try? Data(contentsOf: sumsURL) else {
      return "\(checksumsName) is not a regular file"
    }
    guard let listed = parseChecksums(Array(data)) else { return "\(checksumsName) was changed" }
    if listed[PackWriter.manifestName] == nil {
      return "\(checksumsName) does not list \(PackWriter.manifestName)"
    }
    var found: [String: Bool] = [:]
    walk(pack, prefix: "", into: &found)
    found[checksumsName] = nil
    for path in Set(found.keys).union(listed.keys).sorted() {
      guard let isRegular = found[path] else { return "\(path) was removed" }
      guard let sha256 = listed[path] else { return "\(path) was added" }
      guard isRegular else { return "\(path) is no longer a regular file" }
      guard let actual = try? sha256Hex(of: pack.appendingPathComponent(path)), actual == sha256 else {
        return "\(path) was changed"
      }
    }
    return nil
  }

  /// Path → SHA-256 of a `SHA256SUMS` file, or nil when a line is not in `sha256sum` format or a
  /// path is listed twice.
  static func parseChecksums(_ bytes: [UInt8]) -> [String: String]? {
    guard let text = String(validating: bytes, as: UTF8.self) else { return nil }
    var listed: [String: String] = [:]
    for line in text.split(separator: "\n") {
      let hex = line.prefix(64)
      let rest = line.dropFirst(64)
      guard hex.count == 64, hex.allSatisfy(\.isHexDigit), rest.hasPrefix("  ") || rest.hasPrefix(" *"),
        rest.count > 2
      else { return nil }
      let path = String(rest.dropFirst(2))
      guard listed.updateValue(hex.lowercased(), forKey: path) == nil else { return nil }
    }
    return listed
  }

  /// Every entry that is not a folder, as relative path → whether it is a regular file; symbolic
  /// links are entries, never followed.
  static func walk(_ folder: URL, prefix: String, into found: inout [String: Bool]) {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    for name in names {
      let url = folder.appendingPathComponent(name)
      switch entryType(url) {
      case .typeDirectory?: walk(url, prefix: prefix + name + "/", into: &found)
      case let type: found[prefix + name] = type == .typeRegular
      }
    }
  }

  /// The kind of entry at `url`, a symbolic link not followed; nil when absent.
  public static func entryType(_ url: URL) -> FileAttributeType? {
    (try? FileManager.default.attributesOfItem(atPath: url.path))?[.type] as? FileAttributeType
  }

  /// SHA-256 of a file, read in chunks.
  static func sha256Hex(of url: URL) throws -> String {
    let handle = try FileHandle(forReadingFrom: url)
    defer { try? handle.close() }
    var hasher = SHA256()
    while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
      chunk.withUnsafeBytes { hasher.update($0) }
    }
    return hasher.finalizeHex()
  }
}
