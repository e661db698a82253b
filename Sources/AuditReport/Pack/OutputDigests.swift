import Digest

/// The SHA-256 of each pack file, computed once, as the file is built, and read by everything
/// that lists the file with its hash (narratives, OSCAL, manifest, `SHA256SUMS`).
public struct OutputDigests: Sendable {
  private var sha256ByPath: [String: String] = [:]

  /// No digests recorded: every lookup computes the digest from the bytes.
  public init() {}

  /// Records the digest of the bytes stored at `path`.
  mutating func record(_ path: String, sha256: String) {
    sha256ByPath[path] = sha256
  }

  /// The lowercase hex SHA-256 of `bytes`, the file at `path`: as recorded, else computed.
  public func sha256(_ path: String, _ bytes: [UInt8]) -> String {
    sha256ByPath[path] ?? SHA256.hex(bytes)
  }
}
