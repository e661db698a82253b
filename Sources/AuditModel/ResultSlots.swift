import Foundation

/// One slot per job for results computed on several threads, read back in job order.
public final class ResultSlots<Value: Sendable>: @unchecked Sendable {
  private var slots: [Value?]
  private let lock = NSLock()

  public init(count: Int) {
    slots = Array(repeating: nil, count: count)
  }

  public func set(_ index: Int, _ value: Value) {
    lock.lock()
    defer { lock.unlock() }
    slots[index] = value
  }

  /// The values in job order; every slot must have been set.
  public func values() -> [Value] {
    lock.lock()
    defer { lock.unlock() }
    return slots.map { $0! }
  }
}
