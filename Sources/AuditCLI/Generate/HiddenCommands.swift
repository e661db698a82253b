#if canImport(Glibc)
  import Glibc
#endif

/// Commands for the build, not for users: they write the man page and the shell completions from
/// the command table, so that `--help`, the man page and the completions have one source.
/// They are not listed in the overview and never suggested for a near miss.
///
///     delegation-audit __man                  > Docs/delegation-audit.1
///     delegation-audit __completion bash      > Completions/delegation-audit.bash
///     delegation-audit __completion zsh       > Completions/_delegation-audit
///
/// `__crash` is for the tests of `CrashExit`: it crashes the process on purpose.
///
///     delegation-audit __crash [trap|index|abort|segv|stack]
enum HiddenCommands {
  typealias Generator = ([String], Console) -> ExitCode

  static func generator(_ name: String) -> Generator? {
    switch name {
    case "__man": man
    case "__completion": completion
    case "__crash": crash
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

  /// Recurses until the stack overflows (the sum keeps every frame alive).
  static func overflowStack(_ depth: Int) -> Int {
    var frame = [UInt8](repeating: UInt8(truncatingIfNeeded: depth), count: 1)
    return frame.withUnsafeMutableBytes { Int($0[0]) } &+ overflowStack(depth &+ 1)
  }

  /// Crashes the way a bug would: a Swift runtime trap (`fatalError`, an index out of range),
  /// `abort()`, a write through an invalid pointer, or a stack overflow. The executable turns each into exit 70.
  static func crash(_ arguments: [String], _ console: Console) -> ExitCode {
    switch arguments {
    case [], ["trap"]:
      fatalError("__crash: a deliberate trap")
    case ["index"]:
      let empty: [Int] = []
      return ExitCode(rawValue: Int32(empty[arguments.count])) ?? .internalError
    case ["abort"]:
      abort()
    case ["segv"]:
      UnsafeMutablePointer<Int>(bitPattern: 8)!.pointee = arguments.count
      return .internalError
    case ["stack"]:
      return ExitCode(rawValue: Int32(truncatingIfNeeded: overflowStack(arguments.count))) ?? .internalError
    default:
      console.err(UsageError(message: "'__crash' takes trap, index, abort, segv or stack").description)
      return .usage
    }
  }
}
