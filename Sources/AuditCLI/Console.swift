/// Where a command writes: stdout for results and machine output, stderr for diagnostics.
/// Injectable so tests capture output in process.
public final class Console: @unchecked Sendable {
  private let writeOut: (String) -> Void
  private let writeErr: (String) -> Void
  public let environment: [String: String]
  /// True when stderr is a terminal (progress lines and colour are only shown then).
  public let stderrIsTerminal: Bool

  public init(
    environment: [String: String], stderrIsTerminal: Bool, out: @escaping (String) -> Void,
    err: @escaping (String) -> Void
  ) {
    self.environment = environment
    self.stderrIsTerminal = stderrIsTerminal
    self.writeOut = out
    self.writeErr = err
  }

  public func out(_ text: String) { writeOut(text.hasSuffix("\n") ? text : text + "\n") }
  public func err(_ text: String) { writeErr(text.hasSuffix("\n") ? text : text + "\n") }

  /// A console that collects output in memory, for tests.
  public final class Capture: @unchecked Sendable {
    public private(set) var stdout = ""
    public private(set) var stderr = ""
    public init() {}

    public func console(environment: [String: String] = [:]) -> Console {
      Console(
        environment: environment, stderrIsTerminal: false, out: { self.stdout += $0 },
        err: { self.stderr += $0 })
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
