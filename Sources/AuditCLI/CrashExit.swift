import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// Ends a crashing process with exit code 70 (internal error, PRODUCT.md §3) and a fixed message,
/// instead of dying by the signal.
///
/// A crash is a Swift runtime trap (`fatalError`, `precondition`, an index out of range, an
/// overflow: SIGILL on x86_64, SIGTRAP on arm64), `abort()` (SIGABRT) or a memory or arithmetic
/// fault (SIGSEGV, SIGBUS, SIGFPE). The handler is async-signal-safe: it writes a message prepared
/// at installation with write(2), hands the signal to the handler that was installed before
/// (the Swift runtime's backtracer prints its backtrace and returns; a sanitizer reports and
/// exits), then calls `_exit(70)`. SIGINT, SIGTERM and SIGHUP stay with `WriteInterruption`.
///
/// A crash in the middle of writing a pack can leave its hidden temporary sibling folder
/// (`.NAME.partial-PID`): removing a folder tree is not async-signal-safe, so the handler does
/// not try.
public enum CrashExit {
  /// The signals a crash raises.
  static let signals: [Int32] = [SIGILL, SIGTRAP, SIGABRT, SIGFPE, SIGBUS, SIGSEGV]

  /// The message for `signalNumber`, as written to stderr.
  static func message(for signalNumber: Int32) -> String {
    let names: [Int32: String] = [
      SIGILL: "SIGILL", SIGTRAP: "SIGTRAP", SIGABRT: "SIGABRT", SIGFPE: "SIGFPE", SIGBUS: "SIGBUS",
      SIGSEGV: "SIGSEGV",
    ]
    let name = names[signalNumber].map { ", \($0)" } ?? ""
    return "delegation-audit: internal error (signal \(signalNumber)\(name)); "
      + "please report it with the command you ran\n"
  }

  private static let slots = 65
  private static let messageCapacity = 128
  private static let exitCode = ExitCode.internalError.rawValue
  /// Set by the first crashing thread; a second one waits for it to end the process.
  private static let claimed = Atomic<Bool>(false)
  // Written only by `install`, before any handler can run, then only read: raw memory, so that
  // the handler reads them without retaining anything.
  nonisolated(unsafe) private static let messages = UnsafeMutablePointer<UInt8>.allocate(
    capacity: slots * messageCapacity)
  nonisolated(unsafe) private static let messageLengths = UnsafeMutablePointer<Int>.allocate(capacity: slots)
  nonisolated(unsafe) private static let previousActions = UnsafeMutablePointer<sigaction>.allocate(
    capacity: slots)

  /// Installs the handlers; call once, early, from the executable's entry point.
  public static func install() {
    // Globals are initialised lazily (swift_once, not async-signal-safe): touch every one the
    // handler reads before any handler can run.
    _ = (slots, messageCapacity, exitCode, messages, messageLengths, previousActions, handle)
    _ = claimed.load(ordering: .sequentiallyConsistent)
    ensureAlternateStack()
    for signalNumber in signals {
      let slot = Int(signalNumber)
      let text = Array(message(for: signalNumber).utf8.prefix(messageCapacity))
      (messages + slot * messageCapacity).initialize(from: text, count: text.count)
      messageLengths[slot] = text.count
      (previousActions + slot).initialize(to: sigaction())
      var action = sigaction()
      action.__sigaction_handler.sa_sigaction = handle
      // As the Swift runtime's own crash handler: every other signal blocked, the crash signals
      // not (a handler it chains to expects that).
      sigfillset(&action.sa_mask)
      for other in signals { sigdelset(&action.sa_mask, other) }
      // SA_NODEFER, as the runtime's: the backtracer reads memory from a thread it starts here and
      // catches the SIGSEGV that may raise, which a blocked SIGSEGV would turn into death.
      // SA_RESETHAND: a fault inside this handler itself ends the process by the signal.
      action.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER | Int32(bitPattern: UInt32(SA_RESETHAND))
      sigaction(signalNumber, &action, previousActions + slot)
    }
  }

  /// A stack for the handler, so that a stack overflow (SIGSEGV on the guard page) still reaches
  /// it; kept when one exists (the Swift runtime sets one up when its backtracer is enabled).
  private static func ensureAlternateStack() {
    var current = stack_t()
    guard sigaltstack(nil, &current) == 0, current.ss_sp == nil else { return }
    let size = 64 * 1024
    guard let memory = mmap(nil, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
      memory != MAP_FAILED
    else { return }
    var stack = stack_t(ss_sp: memory, ss_flags: 0, ss_size: size)
    sigaltstack(&stack, nil)
  }

  /// The handler: message, the previous handler, exit 70.
  private static let handle:
    @convention(c) (Int32, UnsafeMutablePointer<siginfo_t>?, UnsafeMutableRawPointer?) -> Void = {
      signalNumber, info, context in
      guard signalNumber > 0 && Int(signalNumber) < CrashExit.slots else { _exit(CrashExit.exitCode) }
      if !CrashExit.claimed.compareExchange(expected: false, desired: true, ordering: .sequentiallyConsistent)
        .exchanged
      {
        // Another thread is already ending the process.
        while true { pause() }
      }
      let slot = Int(signalNumber)
      var offset = 0
      let length = CrashExit.messageLengths[slot]
      while offset < length {
        let written = Glibc.write(
          2, CrashExit.messages + slot * CrashExit.messageCapacity + offset, length - offset)
        if written < 0 && errno == EINTR { continue }
        if written <= 0 { break }
        offset += written
      }
      let previous = CrashExit.previousActions[slot]
      if previous.sa_flags & SA_SIGINFO != 0, let chained = previous.__sigaction_handler.sa_sigaction {
        chained(signalNumber, info, context)
      } else if let chained = previous.__sigaction_handler.sa_handler,
        UInt(bitPattern: unsafeBitCast(chained, to: Int.self)) > 1
      {
        // A plain handler, neither SIG_DFL (nil) nor SIG_IGN (1).
        chained(signalNumber)
      }
      _exit(CrashExit.exitCode)
    }
}
