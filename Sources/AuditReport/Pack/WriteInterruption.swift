import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Makes SIGINT, SIGTERM and SIGHUP leave either the whole pack or none of it.
///
/// The executable calls `installHandlers()` (tests that run commands in process do not). The
/// handlers are async-signal-safe: outside a write they restore the default action and raise the
/// signal again, so the process ends at once (there is nothing half written); during a write they
/// only record the signal. The writer looks at `checkpoint()` between files and before its final
/// rename: when a signal came, it removes its temporary folder or file and calls `terminate`,
/// which ends the process by that signal. A signal that lands after the rename ends the process
/// once the write is complete. A second signal during the clean-up ends the process at once.
public enum WriteInterruption {
  /// Writes in progress (low 16 bits) and the signal received during one (the bits above).
  private static let state = Atomic<Int>(0)
  private static let writerMask = 0xFFFF
  private static let signalShift = 16

  /// The signals that interrupt a run.
  static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP]

  /// Installs the handlers; call once, before any work, from the executable's entry point.
  public static func installHandlers() {
    // Globals are initialised lazily (swift_once, not async-signal-safe): touch every one the
    // handler reads before any handler can run.
    _ = state.load(ordering: .sequentiallyConsistent)
    _ = (writerMask, signalShift, handle)
    for signalNumber in signals {
      var action = sigaction()
      #if canImport(Glibc)
        action.__sigaction_handler.sa_handler = handle
      #else
        action.__sigaction_u.__sa_handler = handle
      #endif
      sigemptyset(&action.sa_mask)
      action.sa_flags = 0
      sigaction(signalNumber, &action, nil)
    }
  }

  /// The signal handler: record the signal during a write, else end the process by it.
  private static let handle: @convention(c) (Int32) -> Void = { signalNumber in
    var current = WriteInterruption.state.load(ordering: .sequentiallyConsistent)
    while current & WriteInterruption.writerMask > 0 && current >> WriteInterruption.signalShift == 0 {
      let (exchanged, original) = WriteInterruption.state.compareExchange(
        expected: current, desired: current | Int(signalNumber) << WriteInterruption.signalShift,
        ordering: .sequentiallyConsistent)
      if exchanged { return }
      current = original
    }
    WriteInterruption.raiseDefault(signalNumber)
  }

  /// Marks the start of a write that must be cleaned up on a signal.
  static func begin() {
    state.wrappingAdd(1, ordering: .sequentiallyConsistent)
  }

  /// The signal received since the write began, if any.
  static func checkpoint() -> Int32? {
    let signalNumber = state.load(ordering: .sequentiallyConsistent) >> signalShift
    return signalNumber == 0 ? nil : Int32(signalNumber)
  }

  /// Marks the end of a write; a signal received during it, after its last checkpoint, now ends
  /// the process (the write is complete).
  static func end() {
    let after = state.wrappingSubtract(1, ordering: .sequentiallyConsistent).newValue
    if after & writerMask == 0, let signalNumber = checkpoint() { terminate(signalNumber) }
  }

  /// Ends the process by `signalNumber`, after the caller removed what it had half written.
  static func terminate(_ signalNumber: Int32) -> Never {
    raiseDefault(signalNumber)
    _exit(128 + signalNumber)
  }

  private static func raiseDefault(_ signalNumber: Int32) {
    signal(signalNumber, SIG_DFL)
    raise(signalNumber)
  }
}
