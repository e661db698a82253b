/// Commands for the build, not for users: they write the man page and the shell completions from
/// the command table, so that `--help`, the man page and the completions have one source.
/// They are not listed in the overview and never suggested for a near miss.
///
///     delegation-audit __man                  > Docs/delegation-audit.1
///     delegation-audit __completion bash      > Completions/delegation-audit.bash
///     delegation-audit __completion zsh       > Completions/_delegation-audit
enum HiddenCommands {
  typealias Generator = ([String], Console) -> ExitCode

  static func generator(_ name: String) -> Generator? {
    switch name {
    case "__man": man
    case "__completion": completion
    default: nil
    }
  }

  static func man(_ arguments: [String], _ console: Console) -> ExitCode {
    guard arguments.isEmpty else {
      console.err(UsageError(message: "'__man' takes no arguments").description)
      return .usage
    }
    console.out(ManPage.render(date: ManPage.date(environment: console.environment)))
    return .packWritten
  }

  static func completion(_ arguments: [String], _ console: Console) -> ExitCode {
    switch arguments {
    case ["bash"]: console.out(BashCompletion.render())
    case ["zsh"]: console.out(ZshCompletion.render())
    default:
      console.err(UsageError(message: "'__completion' needs 'bash' or 'zsh'").description)
      return .usage
    }
    return .packWritten
  }
}
