import Dispatch

/// Runs `other` on a worker thread while `body` runs on this one, and returns both results once
/// both are done.
///
/// Two different jobs at once, each free to use `DispatchQueue.concurrentPerform` itself: inside
/// a `concurrentPerform` of two iterations, libdispatch runs a nested `concurrentPerform` on one
/// thread, so that each job would lose its own concurrency.
public func alongside<Value, Other: Sendable>(
  _ other: @escaping @Sendable () -> Other, _ body: () -> Value
) -> (Value, Other) {
  let slot = ResultSlots<Other>(count: 1)
  let group = DispatchGroup()
  DispatchQueue.global().async(group: group) { slot.set(0, other()) }
  let value = body()
  group.wait()
  return (value, slot.values()[0])
}
