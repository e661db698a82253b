/// What a command accepts: its options, its positional arguments, its help text.
struct CommandSpec: Sendable {
  struct Option: Sendable {
    var name: String
    /// nil for a flag; otherwise the placeholder shown in help (`DIR`, `DATE`).
    var value: String?
    var help: String
    /// May be given several times (values accumulate).
    var repeatable = false
  }

  var name: String
  var summary: String
  var usage: String
  var options: [Option]
  var example: String
  /// False while the command is planned but not built; it then exits 64 with a clear message.
  var isImplemented: Bool
  /// Positional arguments allowed: minimum and maximum (nil for unbounded).
  var positionals: ClosedRange<Int>?

  static let helpOption = Option(name: "help", value: nil, help: "show this help")

  /// The help text: summary, usage, options, example.
  var helpText: String {
    var text = "\(summary)\n\nUsage: \(usage)\n"
    if !isImplemented { text += "\nStatus: planned (not built yet).\n" }
    text += "\nOptions:\n"
    let all = options + [Self.helpOption]
    let labels = all.map { "--\($0.name)" + ($0.value.map { " \($0)" } ?? "") }
    let width = (labels.map(\.count).max() ?? 0) + 2
    for (label, option) in zip(labels, all) {
      text += "  " + label + String(repeating: " ", count: width - label.count) + option.help + "\n"
    }
    text += "\nExample:\n  \(example)\n"
    return text
  }
}
