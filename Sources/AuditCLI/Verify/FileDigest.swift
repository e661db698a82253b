import Digest
import Foundation

/// SHA-256 and size of a file, read in chunks so a 500 MB export never sits in memory.
enum FileDigest {
  static let chunkSize = 1 << 20

  static func sha256(of url: URL) throws -> (sha256: String, size: Int) {
    let handle = try FileHandle(forReadingFrom: url)
    defer { try? handle.close() }
    var hasher = SHA256()
    var size = 0
    while let chunk = try handle.read(upToCount: chunkSize), !chunk.isEmpty {
      size += chunk.count
      chunk.withUnsafeBytes { hasher.update($0) }
    }
    return (hasher.finalizeHex(), size)
  }
}
