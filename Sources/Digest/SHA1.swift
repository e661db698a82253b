import CCrypto

/// SHA-1 through libcrypto's EVP interface, for name-based (version 5) UUIDs only.
///
/// SHA-1 is not collision resistant; RFC 9562 still defines UUIDv5 with it, and a UUID is an
/// identifier, not an integrity check. Use ``SHA256`` for anything that protects content.
public enum SHA1 {
  /// The 20-byte SHA-1 digest of a byte array.
  public static func digest(_ bytes: [UInt8]) -> [UInt8] {
    guard let context = EVP_MD_CTX_new() else { return [] }
    defer { EVP_MD_CTX_free(context) }
    var digest = [UInt8](repeating: 0, count: 20)
    var length: UInt32 = 0
    EVP_DigestInit_ex(context, EVP_sha1(), nil)
    bytes.withUnsafeBytes { buffer in
      if let base = buffer.baseAddress { _ = EVP_DigestUpdate(context, base, buffer.count) }
    }
    EVP_DigestFinal_ex(context, &digest, &length)
    return Array(digest.prefix(Int(length)))
  }
}
