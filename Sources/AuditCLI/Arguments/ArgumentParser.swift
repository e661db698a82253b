import AuditModel

/// Parsed arguments of one command: options by name, flags, positionals in order.
struct ParsedArguments: Sendable {
  var values: [String: [String]] = [:]
  var flags: Set<String> = []
  var positionals: [String] = []

  func value(_ name: String) -> String? { values[name]?.last }
  func has(_ flag: String) -> Bool { flags.contains(flag) }
}

/// A mistake on the command line (exit code 64).
struct UsageError: Error, Sendable, CustomStringConvertible {
  var message: String
  var hint: String?

  var description: String {
    "error: \(message)" + (hint.map { "\n  hint: \($0)" } ?? "")
  }
}

/// A hand-written parser: `--opt value`, `--opt=value`, flags, `--` ends options.
enum ArgumentParser {
  static func parse(_ arguments: [String], for spec: CommandSpec) throws(UsageError) -> ParsedArguments {
    var parsed = ParsedArguments()
    let options = spec.options + [CommandSpec.helpOption]
    var index = 0
    var optionsEnded = false
    while index < arguments.count {
      let argument = arguments[index]
      index += 1
      if optionsEnded || !argument.hasPrefix("-") || argument == "-" {
        parsed.positionals.append(argument)
        continue
      }
      if argument == "--" {
        optionsEnded = true
        continue
      }
      guard argument.hasPrefix("--") else {
        if argument == "-h" {
          parsed.flags.insert("help")
          continue
        }
        throw UsageError(
          message: "unknown option '\(argument)' for '\(spec.name)'",
          hint: "options are spelled with two dashes; see 'delegation-audit \(spec.name) --help'")
      }
      var name = String(argument.dropFirst(2))
      var inlineValue: String?
      if let equals = name.firstIndex(of: "=") {
        inlineValue = String(name[name.index(after: equals)...])
        name = String(name[..<equals])
      }
      guard let option = options.first(where: { $0.name == name }) else {
        let suggestion = NearMiss.suggest(name, among: options.map(\.name))
        throw UsageError(
          message: "unknown option '--\(name)' for '\(spec.name)'",
          hint: suggestion.map { "did you mean '--\($0)'?" } ?? "see 'delegation-audit \(spec.name) --help'")
      }
      if option.value == nil {
        if inlineValue != nil {
          throw UsageError(message: "option '--\(name)' takes no value")
        }
        parsed.flags.insert(name)
        continue
      }
      let value: String
      if let inlineValue {
        value = inlineValue
      } else if index < arguments.count {
        value = arguments[index]
        index += 1
      } else {
        throw UsageError(message: "option '--\(name)' needs a value (\(option.value!))")
      }
      if parsed.values[name] != nil && !option.repeatable {
        throw UsageError(message: "option '--\(name)' was given more than once")
      }
      parsed.values[name, default: []].append(value)
    }
    if !parsed.has("help"), let range = spec.positionals {
      if parsed.positionals.count < range.lowerBound {
        throw UsageError(
          message:
            "'\(spec.name)' needs \(range.lowerBound == 1 ? "an argument" : "\(range.lowerBound) arguments")",
          hint: "usage: \(spec.usage)")
      }
      if parsed.positionals.count > range.upperBound {
        throw UsageError(
          message:
            "'\(spec.name)' takes at most \(range.upperBound) argument\(range.upperBound == 1 ? "" : "s")",
          hint: "usage: \(spec.usage)")
      }
    }
    return parsed
  }
}
