import Foundation

/// Keeps a value alive until the process exits, so that it is never freed piece by piece.
enum LeftToExit {
  private final class Holder<Value> {
    let value: Value
    init(_ value: Value) { self.value = value }
  }

  /// What is kept, reachable from a global, so that a leak checker counts it as in use.
  nonisolated(unsafe) private static var kept: [AnyObject] = []
  private static let lock = NSLock()

  /// Holds `value` for the rest of the process (see `CommandLineTool.leavesResultsToExit`).
  static func keep<Value>(_ value: Value) {
    let holder = Holder(value)
    lock.withLock { kept.append(holder) }
  }
}
