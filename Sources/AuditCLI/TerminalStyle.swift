import Foundation

/// ANSI colour for a terminal: diagnostic labels on stderr and verdict words on stdout.
///
/// Callers decide whether colour is allowed (`Console.colorsStderr` / `colorsStdout`); nothing
/// here looks at the environment, so captured output never holds an escape sequence.
enum TerminalStyle {
  static let reset = "\u{1B}[0m"
  static let boldRed = "\u{1B}[1;31m"
  static let boldYellow = "\u{1B}[1;33m"
  static let boldGreen = "\u{1B}[1;32m"
  static let boldCyan = "\u{1B}[1;36m"
  static let bold = "\u{1B}[1m"

  /// The colour of a diagnostic label.
  static func color(ofLabel label: String) -> String? {
    switch label {
    case "error": boldRed
    case "warning": boldYellow
    case "note": boldCyan
    case "hint": bold
    default: nil
    }
  }

  /// Colours the first label of each line: `error:` / `warning:` / `note:` at the start or after a
  /// `file:line:` location, and an indented `hint:`.
  static func diagnosticLabels(_ text: String) -> String {
    var lines: [String] = []
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      lines.append(styleLine(Substring(line)))
    }
    return lines.joined(separator: "\n")
  }

  static func styleLine(_ line: Substring) -> String {
    let trimmed = line.drop { $0 == " " }
    let indent = line[..<trimmed.startIndex]
    for label in ["error", "warning", "note", "hint"] where trimmed.hasPrefix(label + ":") {
      guard label != "hint" || !indent.isEmpty else { continue }
      return String(indent) + paint(label + ":", color(ofLabel: label)!) + trimmed.dropFirst(label.count + 1)
    }
    // `file:line: error: message`: the leftmost ": label: " names the level.
    var best: (range: Range<Substring.Index>, label: String)?
    for label in ["error", "warning", "note"] {
      if let range = line.range(of: ": \(label): "),
        range.lowerBound < (best?.range.lowerBound ?? line.endIndex)
      {
        best = (range, label)
      }
    }
    guard let best else { return String(line) }
    let labelStart = line.index(best.range.lowerBound, offsetBy: 2)
    let labelEnd = line.index(best.range.upperBound, offsetBy: -1)
    return String(line[..<labelStart])
      + paint(String(line[labelStart..<labelEnd]), color(ofLabel: best.label)!)
      + line[labelEnd...]
  }

  /// A verdict word in its colour: green when good, red when not, yellow when not assessed.
  static func verdict(_ word: String) -> String {
    switch word {
    case "satisfied", "intact", "reproduced": paint(word, boldGreen)
    case "not-assessed", "not re-performed": paint(word, boldYellow)
    case _ where word.hasPrefix("not-satisfied") || word.hasPrefix("NOT "): paint(word, boldRed)
    default: word
    }
  }

  static func paint(_ text: String, _ color: String) -> String { color + text + reset }
}
