/// Escaping of untrusted values for each output format.
public enum Escaping {
  /// HTML text and attribute escaping; bidi controls and NUL are made visible as code points.
  public static func html(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      default:
        if isInvisibleControl(scalar) {
          out += "[U+\(hex(scalar))]"
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out
  }

  /// Markdown inline escaping: characters that could open a link, image, HTML, code, emphasis or
  /// table cell are backslash-escaped, as are block markers at the start, so a value stays text.
  public static func markdown(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    var atStart = true
    var leadingDigits = true
    let scalars = Array(text.unicodeScalars)
    for (index, scalar) in scalars.enumerated() {
      switch scalar {
      case "_":
        // An underscore inside a word (`SENDAS_UNDOCUMENTED`) can never open or close emphasis.
        let inWord =
          index > 0 && index + 1 < scalars.count && scalars[index - 1].properties.isAlphabetic
          || index > 0 && index + 1 < scalars.count && scalars[index - 1].properties.numericType != nil
        let nextInWord =
          index + 1 < scalars.count
          && (scalars[index + 1].properties.isAlphabetic || scalars[index + 1].properties.numericType != nil)
        if !(inWord && nextInWord) { out += "\\" }
        out.unicodeScalars.append(scalar)
      case "\\", "`", "*", "{", "}", "[", "]", "<", ">", "|", "!", "&", "~", "$":
        out += "\\"
        out.unicodeScalars.append(scalar)
      case "#", "-", "+", "=", ".", ")":
        // Block markers only matter at the start (`# `, `- `, `1. `); elsewhere they are text.
        // `1. ` and `1) ` open an ordered list only when a space or the end follows.
        let followedBySpace =
          index + 1 == scalars.count || scalars[index + 1] == " " || scalars[index + 1] == "\t"
        let opensBlock =
          atStart
          ? "#-+=".unicodeScalars.contains(scalar)
          : (leadingDigits && (scalar == "." || scalar == ")") && followedBySpace)
        if opensBlock { out += "\\" }
        out.unicodeScalars.append(scalar)
      case "\n", "\r", "\t":
        out += " "
      default:
        if isInvisibleControl(scalar) {
          out += "\\[U+\(hex(scalar))\\]"
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
      leadingDigits = leadingDigits && scalar.properties.numericType != nil && scalar.isASCII
      atStart = false
    }
    return out
  }

  /// NUL, C0/C1 controls (except tab/newline), and bidirectional overrides and isolates.
  static func isInvisibleControl(_ scalar: Unicode.Scalar) -> Bool {
    let v = scalar.value
    if v < 0x20 && v != 0x09 && v != 0x0A && v != 0x0D { return true }
    if v >= 0x7F && v <= 0x9F { return true }
    if v >= 0x202A && v <= 0x202E { return true }
    if v >= 0x2066 && v <= 0x2069 { return true }
    if v == 0x200E || v == 0x200F || v == 0x061C { return true }
    return false
  }

  static func hex(_ scalar: Unicode.Scalar) -> String {
    let h = String(scalar.value, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, 4 - h.count)) + h
  }
}
