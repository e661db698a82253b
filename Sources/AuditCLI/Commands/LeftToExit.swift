/// Keeps a value alive until the process exits, so that it is never freed piece by piece.
enum LeftToExit {
  private final class Holder<Value> {
    let value: Value
    init(_ value: Value) { self.value = value }
  }

  /// Holds `value` for the rest of the process (see `CommandLineTool.leavesResultsToExit`).
  static func keep<Value>(_ value: Value) {
    _ = Unmanaged.passRetained(Holder(value))
  }
}
