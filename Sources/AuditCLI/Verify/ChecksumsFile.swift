/// The lines of a `SHA256SUMS` file in `sha256sum` format: `HEX  PATH` (or `HEX *PATH`).
struct ChecksumsFile: Sendable {
  /// One well-formed line.
  struct Line: Sendable, Hashable {
    var number: Int
    var sha256: String
    var path: String
  }

  var lines: [Line] = []
  /// Numbers of lines that are not in `sha256sum` format.
  var malformed: [Int] = []

  init(bytes: [UInt8]) {
    let text = String(decoding: bytes, as: UTF8.self)
    for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let line = raw.hasSuffix("\r") ? raw.dropLast() : raw
      if line.isEmpty { continue }
      let number = index + 1
      let hex = String(line.prefix(64))
      let rest = line.dropFirst(64)
      guard PackManifest.isSHA256(hex.lowercased()), rest.count > 2, rest.first == " ",
        let marker = rest.dropFirst().first, marker == " " || marker == "*"
      else {
        malformed.append(number)
        continue
      }
      lines.append(Line(number: number, sha256: hex.lowercased(), path: String(rest.dropFirst(2))))
    }
  }
}
