import AuditModel
import Dispatch
import Testing

@Suite struct AlongsideTests {
  @Test func returnsBothJobsResultsAndEachMayRunItsOwnConcurrentLoop() {
    let (sum, squares) = alongside(
      {
        let slots = ResultSlots<Int>(count: 8)
        DispatchQueue.concurrentPerform(iterations: 8) { slots.set($0, $0 * $0) }
        return slots.values()
      },
      { (1...100).reduce(0, +) })
    #expect(sum == 5050)
    #expect(squares == [0, 1, 4, 9, 16, 25, 36, 49])
  }
}
