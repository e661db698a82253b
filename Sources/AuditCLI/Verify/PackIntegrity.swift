import Digest
import Foundation

/// Checks a pack folder against its manifest and `SHA256SUMS`: every listed output present with
/// its size and SHA-256, no unlisted file, and checksums that agree with both.
struct PackIntegrity: Sendable {
  /// Files whose content (or, for `SHA256SUMS`, whose records) differ from what is expected.
  var changed: [FileDifference] = []
  /// Listed files that are absent.
  var missing: [String] = []
  /// Files in the pack that neither the manifest nor `SHA256SUMS` accounts for.
  var extra: [String] = []
  /// Files checked: the outputs plus `manifest.json` and `SHA256SUMS`.
  var checked = 0

  var isIntact: Bool { changed.isEmpty && missing.isEmpty && extra.isEmpty }

  static func check(pack: URL, manifest: PackManifest, manifestBytes: [UInt8]) -> PackIntegrity {
    var report = PackIntegrity()
    if PackListing.entryType(pack.appendingPathComponent(PackManifest.fileName)) != .typeRegular {
      report.changed.append(FileDifference(path: PackManifest.fileName, detail: "not a regular file"))
    }
    report.checkOutputs(pack: pack, manifest: manifest)
    report.checkChecksums(pack: pack, manifest: manifest, manifestSHA256: SHA256.hex(manifestBytes))
    report.findExtras(pack: pack, manifest: manifest)
    report.checked = manifest.outputs.count + 2
    report.changed.sort { ($0.path, $0.detail ?? "") < ($1.path, $1.detail ?? "") }
    report.missing.sort()
    return report
  }

  mutating func checkOutputs(pack: URL, manifest: PackManifest) {
    for output in manifest.outputs {
      let url = pack.appendingPathComponent(output.path)
      switch PackListing.entryType(url) {
      case nil:
        missing.append(output.path)
      case .typeRegular?:
        guard let found = try? FileDigest.sha256(of: url) else {
          changed.append(FileDifference(path: output.path, detail: "cannot be read"))
          continue
        }
        if found.sha256 != output.sha256 || found.size != output.size {
          changed.append(
            FileDifference(
              path: output.path, sha256: found.sha256, expectedSHA256: output.sha256, size: found.size,
              expectedSize: output.size))
        }
      default:
        changed.append(FileDifference(path: output.path, detail: "not a regular file"))
      }
    }
  }

  /// `SHA256SUMS` must list `manifest.json` with its actual hash and every output with the hash
  /// the manifest records, and nothing else.
  mutating func checkChecksums(pack: URL, manifest: PackManifest, manifestSHA256: String) {
    let name = PackManifest.checksumsName
    let url = pack.appendingPathComponent(name)
    guard PackListing.entryType(url) == .typeRegular, let data = try? Data(contentsOf: url) else {
      if PackListing.entryType(url) == nil {
        missing.append(name)
      } else {
        changed.append(FileDifference(path: name, detail: "not a regular file"))
      }
      return
    }
    let sums = ChecksumsFile(bytes: Array(data))
    for number in sums.malformed {
      changed.append(FileDifference(path: name, detail: "line \(number) is not in sha256sum format"))
    }
    var expected: [String: String] = [PackManifest.fileName: manifestSHA256]
    for output in manifest.outputs { expected[output.path] = output.sha256 }
    var listed: Set<String> = []
    for line in sums.lines {
      guard listed.insert(line.path).inserted else {
        changed.append(FileDifference(path: name, detail: "lists \(line.path) more than once"))
        continue
      }
      guard let sha256 = expected[line.path] else {
        changed.append(
          FileDifference(path: name, detail: "lists \(line.path), which \(PackManifest.fileName) does not"))
        continue
      }
      guard line.sha256 != sha256 else { continue }
      if line.path == PackManifest.fileName {
        changed.append(
          FileDifference(
            path: line.path, sha256: sha256, expectedSHA256: line.sha256, detail: "as \(name) records it"))
      } else {
        changed.append(
          FileDifference(
            path: name,
            detail: "records \(line.path) as \(line.sha256); \(PackManifest.fileName) records \(sha256)"))
      }
    }
    for path in expected.keys.sorted() where !listed.contains(path) {
      changed.append(FileDifference(path: name, detail: "does not list \(path)"))
    }
  }

  mutating func findExtras(pack: URL, manifest: PackManifest) {
    let listed = Set(manifest.outputs.map(\.path) + [PackManifest.fileName, PackManifest.checksumsName])
    extra = PackListing.entries(of: pack).map(\.path).filter { !listed.contains($0) }
  }
}
