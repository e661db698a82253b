/// Makes values fit the OSCAL JSON schema's string types.
///
/// The three patterns that bite (FRAMEWORKS.md §3.4): `StringDatatype` (non-empty, no leading or
/// trailing whitespace), `MarkupLineDatatype` (one line of Markdown), and `TokenDatatype` (an
/// NCName). Values from inputs are also Markdown-escaped where OSCAL reads Markdown.
enum OSCALText {
  /// A `StringDatatype` value: whitespace runs and controls collapsed to one space, trimmed;
  /// `fallback` when nothing is left.
  static func string(_ text: String, fallback: String = "none") -> String {
    var out = ""
    var pendingSpace = false
    for scalar in text.unicodeScalars {
      if scalar.properties.isWhitespace || scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
        pendingSpace = !out.isEmpty
        continue
      }
      if pendingSpace {
        out += " "
        pendingSpace = false
      }
      out.unicodeScalars.append(scalar)
    }
    return out.isEmpty ? fallback : out
  }

  /// A `MarkupLineDatatype` value from untrusted text: one line, Markdown-escaped.
  static func markupLine(_ text: String) -> String {
    Escaping.markdown(string(text))
  }

  /// Whether `text` matches the schema's token pattern `^(\p{L}|_)(\p{L}|\p{N}|[.\-_])*$`.
  static func isToken(_ text: String) -> Bool {
    guard let first = text.unicodeScalars.first else { return false }
    guard first == "_" || isLetter(first) else { return false }
    return text.unicodeScalars.dropFirst().allSatisfy { scalar in
      isLetter(scalar) || isNumber(scalar) || scalar == "." || scalar == "-" || scalar == "_"
    }
  }

  /// `text` when it is a token, else `prefix` + `text` with every other character replaced by `-`.
  static func token(_ text: String, prefix: String = "x-") -> String {
    if isToken(text) { return text }
    let body = String(
      String.UnicodeScalarView(
        text.unicodeScalars.map { scalar in
          isLetter(scalar) || isNumber(scalar) || scalar == "." || scalar == "-" || scalar == "_"
            ? scalar : "-"
        }))
    return prefix + body
  }

  /// A relative path as a URI reference: every byte outside unreserved characters and `/`
  /// percent-encoded, so spaces, `:` and non-ASCII names stay valid `uri-reference`s.
  static func uriPath(_ path: String) -> String {
    let hex: [UInt8] = Array("0123456789ABCDEF".utf8)
    var out: [UInt8] = []
    for byte in path.utf8 {
      switch byte {
      case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
        UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
        UInt8(ascii: "~"), UInt8(ascii: "/"):
        out.append(byte)
      default:
        out += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
      }
    }
    return String(decoding: out, as: UTF8.self)
  }

  private static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.properties.generalCategory {
    case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: true
    default: false
    }
  }

  private static func isNumber(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.properties.generalCategory {
    case .decimalNumber, .letterNumber, .otherNumber: true
    default: false
    }
  }
}
