import Digest

/// Name-based UUIDs (version 5, RFC 9562 §5.5): the same namespace and name always give the same
/// UUID, so a rerun over the same inputs writes the same OSCAL document.
struct NameBasedUUID: Sendable, Hashable, CustomStringConvertible {
  /// The 16 bytes of the UUID.
  let bytes: [UInt8]

  /// The RFC 9562 namespace for names that are URLs (`6ba7b810-9dad-11d1-80b4-00c04fd430c8`).
  static let urlNamespace = NameBasedUUID(
    bytes: [0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8])

  /// Our namespace for every OSCAL identifier: the v5 UUID of ``OSCALWriter/namespaceURI`` in the
  /// URL namespace (`e1374d02-03ca-5640-ba9e-18f89095006c`); a test recomputes it.
  static let oscalNamespace = NameBasedUUID(
    bytes: [0xe1, 0x37, 0x4d, 0x02, 0x03, 0xca, 0x56, 0x40, 0xba, 0x9e, 0x18, 0xf8, 0x90, 0x95, 0x00, 0x6c])

  init(bytes: [UInt8]) {
    precondition(bytes.count == 16, "a UUID has 16 bytes")
    self.bytes = bytes
  }

  /// The version 5 UUID of `name` (UTF-8) in `namespace`: SHA-1 over namespace bytes and name,
  /// first 16 bytes, with the version nibble set to 5 and the RFC variant bits to `10`.
  init(name: String, namespace: NameBasedUUID = .oscalNamespace) {
    var digest = SHA1.digest(namespace.bytes + Array(name.utf8))
    digest[6] = (digest[6] & 0x0F) | 0x50
    digest[8] = (digest[8] & 0x3F) | 0x80
    self.init(bytes: Array(digest.prefix(16)))
  }

  /// Lowercase `8-4-4-4-12` hex form.
  var description: String {
    let hex: [UInt8] = Array("0123456789abcdef".utf8)
    var out: [UInt8] = []
    out.reserveCapacity(36)
    for (index, byte) in bytes.enumerated() {
      if index == 4 || index == 6 || index == 8 || index == 10 { out.append(UInt8(ascii: "-")) }
      out.append(hex[Int(byte >> 4)])
      out.append(hex[Int(byte & 0x0F)])
    }
    return String(decoding: out, as: UTF8.self)
  }
}
