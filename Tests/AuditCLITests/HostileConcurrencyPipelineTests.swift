import Foundation
import Testing

@testable import AuditCLI

// `make test-sanitize` runs this suite under ThreadSanitizer: a run reads its inputs and its
// baseline at the same time, reads the input files concurrently, and builds the pack's files
// concurrently; the pack must be what it is, byte for byte, however the work interleaves.
@Suite("Hostile concurrency: the run pipeline's concurrent stages")
struct HostileConcurrencyPipelineTests {
  static let sample = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("SampleData/contoso")

  static func pack() throws -> [String: [UInt8]] {
    let request = RunRequest(
      inputs: [sample.appendingPathComponent("exports").path],
      register: sample.appendingPathComponent("register.csv").path,
      baseline: sample.appendingPathComponent("exports").path,
      policy: sample.appendingPathComponent("policy.json").path, asOf: 1_796_000_000)
    switch RunPipeline.build(request) {
    case .success(let output): return output.files
    case .failure(let failure): throw TestFailure(message: failure.message)
    }
  }

  struct TestFailure: Error { var message: String }

  @Test("Packs built at the same time, with a baseline, are byte-identical")
  func concurrentPacksAreIdentical() async throws {
    let reference = try Self.pack()
    #expect(reference.count > 20)
    let packs = try await withThrowingTaskGroup(of: [String: [UInt8]].self) { group in
      for _ in 0..<3 { group.addTask { try Self.pack() } }
      var all: [[String: [UInt8]]] = []
      for try await pack in group { all.append(pack) }
      return all
    }
    #expect(packs.count == 3)
    for pack in packs {
      #expect(pack.keys.sorted() == reference.keys.sorted())
      for (path, bytes) in reference { #expect(pack[path] == bytes, "\(path) differs") }
    }
  }
}
