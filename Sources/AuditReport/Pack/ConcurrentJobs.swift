import AuditModel
import Dispatch

/// Runs independent jobs on every core and returns their results in job order, so what is built
/// never depends on how the jobs were scheduled.
enum ConcurrentJobs {
  /// Each job's value or error, in job order.
  static func run<Value: Sendable>(_ jobs: [@Sendable () throws -> Value]) -> [Result<Value, any Error>] {
    let slots = ResultSlots<Result<Value, any Error>>(count: jobs.count)
    DispatchQueue.concurrentPerform(iterations: jobs.count) { index in
      slots.set(index, Result { try jobs[index]() })
    }
    return slots.values()
  }
}
