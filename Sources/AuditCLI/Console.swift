/// Where a command writes: stdout for results and machine output, stderr for diagnostics.
/// Injectable so tests capture output in process.
public final class Console: @unchecked Sendable {
  private let writeOut: (String) -> Void
  private let writeErr: (String) -> Void
  public let environment: [String: String]
  /// True when stderr is a terminal (progress lines and colour are only shown then).
  public let stderrIsTerminal: Bool
  /// True when stdout is a terminal (verdict words are coloured only then).
  public let stdoutIsTerminal: Bool

  public init(
    environment: [String: String], stderrIsTerminal: Bool, stdoutIsTerminal: Bool = false,
    out: @escaping (String) -> Void, err: @escaping (String) -> Void
  ) {
    self.environment = environment
    self.stderrIsTerminal = stderrIsTerminal
    self.stdoutIsTerminal = stdoutIsTerminal
    self.writeOut = out
    self.writeErr = err
  }

  /// Writes a line to stdout as given: machine output (`--json`) and anything already styled.
  public func out(_ text: String) { writeOut(text.hasSuffix("\n") ? text : text + "\n") }

  /// Writes a line to stderr; `error:`, `warning:`, `note:` and `hint:` labels are coloured when
  /// stderr is a terminal and `NO_COLOR` is unset.
  public func err(_ text: String) {
    let line = text.hasSuffix("\n") ? text : text + "\n"
    writeErr(colorsStderr ? TerminalStyle.diagnosticLabels(line) : line)
  }

  /// Writes raw text to stderr with no newline added and no styling (the progress line).
  func errRaw(_ text: String) { writeErr(text) }

  /// Colour is allowed at all: `NO_COLOR` unset or empty (no-color.org) and `TERM` not `dumb`.
  var colorAllowed: Bool {
    (environment["NO_COLOR"] ?? "").isEmpty && environment["TERM"] != "dumb"
  }

  /// Colour on stdout: a terminal, and colour allowed.
  var colorsStdout: Bool { stdoutIsTerminal && colorAllowed }
  /// Colour on stderr: a terminal, and colour allowed.
  var colorsStderr: Bool { stderrIsTerminal && colorAllowed }

  /// A verdict word (`satisfied`, `not-satisfied`, `not-assessed`, `intact`, …) for stdout,
  /// coloured when stdout is a terminal.
  func verdict(_ word: String) -> String {
    colorsStdout ? TerminalStyle.verdict(word) : word
  }

  /// A console that collects output in memory, for tests.
  public final class Capture: @unchecked Sendable {
    public private(set) var stdout = ""
    public private(set) var stderr = ""
    public init() {}

    /// A capturing console; the terminal flags exist to test what a terminal would see.
    public func console(
      environment: [String: String] = [:], stderrIsTerminal: Bool = false, stdoutIsTerminal: Bool = false
    ) -> Console {
      Console(
        environment: environment, stderrIsTerminal: stderrIsTerminal, stdoutIsTerminal: stdoutIsTerminal,
        out: { self.stdout += $0 }, err: { self.stderr += $0 })
    }
  }
}

/// Exit codes (PRODUCT.md §3).
public enum ExitCode: Int32, Sendable {
  case packWritten = 0
  case findingsAtOrAboveThreshold = 1
  case inputUnusable = 2
  case usage = 64
  case internalError = 70
}
