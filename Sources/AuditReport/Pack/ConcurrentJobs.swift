import Dispatch
import Foundation

/// Runs independent jobs on every core and returns their results in job order, so what is built
/// never depends on how the jobs were scheduled.
enum ConcurrentJobs {
  /// Each job's value or error, in job order.
  static func run<Value: Sendable>(_ jobs: [@Sendable () throws -> Value]) -> [Result<Value, any Error>] {
    let slots = Slots<Result<Value, any Error>>(count: jobs.count)
    DispatchQueue.concurrentPerform(iterations: jobs.count) { index in
      slots.set(index, Result { try jobs[index]() })
    }
    return slots.values()
  }

  /// One slot per job, set from any thread, read back in job order.
  final class Slots<Value: Sendable>: @unchecked Sendable {
    private var slots: [Value?]
    private let lock = NSLock()

    init(count: Int) {
      slots = Array(repeating: nil, count: count)
    }

    func set(_ index: Int, _ value: Value) {
      lock.lock()
      defer { lock.unlock() }
      slots[index] = value
    }

    /// The values in job order; every slot must have been set.
    func values() -> [Value] {
      lock.lock()
      defer { lock.unlock() }
      return slots.map { $0! }
    }
  }
}
