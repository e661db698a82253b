import Digest
import Foundation

/// Compares the files a re-run produced with the pack's files, byte for byte.
struct Reproduction: Sendable {
  /// Files the re-run produced that the pack holds with identical bytes.
  var identical = 0
  /// Files that differ, are absent from the pack, or that the re-run did not produce.
  var differing: [FileDifference] = []

  var isReproduced: Bool { differing.isEmpty }

  /// `produced` is the re-run's pack (relative path → bytes, manifest and `SHA256SUMS` included);
  /// every file the manifest lists is compared too, so an output the re-run lacks is reported.
  static func compare(_ produced: [String: [UInt8]], with pack: URL, manifest: PackManifest) -> Reproduction {
    var result = Reproduction()
    let listed = manifest.outputs.map(\.path) + [PackManifest.fileName, PackManifest.checksumsName]
    for path in Set(produced.keys).union(listed).sorted() {
      let url = pack.appendingPathComponent(path)
      let found =
        PackListing.entryType(url) == .typeRegular ? (try? Data(contentsOf: url)).map { Array($0) } : nil
      guard let expected = produced[path] else {
        result.differing.append(
          FileDifference(
            path: path, sha256: found.map(SHA256.hex), detail: "the re-run does not produce this file"))
        continue
      }
      guard let found else {
        result.differing.append(
          FileDifference(path: path, expectedSHA256: SHA256.hex(expected), detail: "absent from the pack"))
        continue
      }
      if found == expected {
        result.identical += 1
        continue
      }
      result.differing.append(
        FileDifference(
          path: path, sha256: SHA256.hex(found), expectedSHA256: SHA256.hex(expected), size: found.count,
          expectedSize: expected.count,
          detail: "first difference at line \(firstDifferingLine(found, expected))"))
    }
    return result
  }

  /// The 1-based line where two byte arrays first differ.
  static func firstDifferingLine(_ a: [UInt8], _ b: [UInt8]) -> Int {
    var line = 1
    for index in 0..<min(a.count, b.count) {
      if a[index] != b[index] { return line }
      if a[index] == 0x0A { line += 1 }
    }
    return line
  }
}
