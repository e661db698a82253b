/// What to do with one member of a zip input, decided from its path alone.
enum ZipMemberPath: Equatable {
  /// Read it; the path is normalised (`/` separators, no `.` or empty segments).
  case read(String)
  /// Leave it out: hidden files, macOS resource forks, documentation next to the data.
  case skip
  /// Refuse the archive: the path could escape a folder if it were ever extracted.
  case refuse(reason: String)

  /// Classifies a member path as stored in the archive.
  static func classify(_ raw: String) -> ZipMemberPath {
    if raw.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
      return .refuse(reason: "it contains a control character")
    }
    // Windows PowerShell 5.1's Compress-Archive writes `\` separators.
    let path = raw.replacingOccurrences(of: "\\", with: "/")
    if path.hasPrefix("/") { return .refuse(reason: "it is an absolute path") }
    let segments = path.split(separator: "/", omittingEmptySubsequences: true)
    if let first = segments.first, isDriveLetter(first) {
      return .refuse(reason: "it is an absolute path")
    }
    if segments.contains("..") { return .refuse(reason: "it contains a '..' segment") }
    let kept = segments.filter { $0 != "." }
    guard !kept.isEmpty else { return .skip }
    if kept.contains(where: { $0.hasPrefix(".") || $0 == "__MACOSX" }) { return .skip }
    let normalised = kept.joined(separator: "/")
    return .read(normalised)
  }

  /// `C:` and the like: a Windows drive, which makes the path absolute.
  private static func isDriveLetter(_ segment: Substring) -> Bool {
    let scalars = Array(segment.unicodeScalars)
    return scalars.count == 2 && scalars[1] == ":" && scalars[0].properties.isAlphabetic
  }

  /// A member path made safe to print: control characters shown as `\u{…}` escapes.
  static func printable(_ raw: String) -> String {
    var text = ""
    for scalar in raw.unicodeScalars {
      if scalar.value < 0x20 || scalar.value == 0x7F {
        text += "\\u{\(String(scalar.value, radix: 16))}"
      } else {
        text.unicodeScalars.append(scalar)
      }
    }
    return text
  }
}
