import AuditModel
import AuditReport

/// What a shell should offer for an option's value or a positional argument.
enum ValueCompletion: Equatable {
  /// Free text (a date, a name): nothing to offer.
  case none
  /// Files and folders.
  case files
  /// Folders only.
  case directories
  /// One of these words.
  case words([String])
  /// A comma-separated list of these words.
  case commaList([String])
}

/// The completion facts of each command, derived from the command table; shared by the bash
/// and zsh generators.
enum CompletionModel {
  /// The value an option takes, by its name (and, for `--out`, the command: a pack folder for
  /// `run`, a register file for `register init`).
  static func value(of option: CommandSpec.Option, in command: CommandSpec) -> ValueCompletion {
    guard option.value != nil else { return .none }
    switch option.name {
    case "out": return command.name == "register" ? .files : .directories
    case "templates": return .directories
    case "inputs", "register", "policy", "baseline": return .files
    case "kind": return .words(InputKind.allCases.map(\.rawValue))
    case "fail-on": return .words(Severity.allCases.map(\.rawValue))
    case "frameworks": return .commaList(FrameworkCatalogs.bundledIDs)
    case "format": return .words(["csv", "json", "clixml", "mixed"])
    default: return .none
    }
  }

  /// What the positional arguments are, in order; the last one repeats when the command takes
  /// more. `register` takes the word `init` first.
  static func positionals(of command: CommandSpec) -> [ValueCompletion] {
    switch command.name {
    case "run", "inspect": [.files]
    case "register": [.words(["init"]), .files]
    case "diff": [.files, .files]
    case "verify": [.directories]
    case "frameworks": [.words(FrameworkCatalogs.bundledIDs)]
    case "help": [.words(CommandTable.all.map(\.name))]
    default: []
    }
  }

  /// Every option of a command, `--help` included, in the order `--help` lists them.
  static func options(of command: CommandSpec) -> [CommandSpec.Option] {
    command.options + [CommandSpec.helpOption]
  }
}
