import AuditModel
import Foundation
import Testing

@testable import AuditIngest

// The readers run in parallel, one file per task and one libxml2 reader per task, as Ingest.run
// reads a run's files. `make test-sanitize` runs this suite under ThreadSanitizer, with
// HostileConcurrencyPipelineTests (AuditCLITests), which runs the whole pipeline in parallel.

@Suite("Hostile concurrency: readers in parallel give what they give in sequence")
struct HostileConcurrencyTests {
  static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  /// The sample tenant's files and the CLIXML fixtures, as inputs.
  static func inputs() throws -> [InputFile] {
    let sample = packageRoot.appendingPathComponent("SampleData/contoso")
    let fixtures = packageRoot.appendingPathComponent("Tests/AuditIngestTests/Fixtures/clixml")
    return try InputCollector.collect([sample.appendingPathComponent("exports").path])
      + InputCollector.collect([
        sample.appendingPathComponent("register.csv").path,
        fixtures.appendingPathComponent("mailbox-permission.xml").path,
        fixtures.appendingPathComponent("mailbox-utf16le.xml").path,
        fixtures.appendingPathComponent("billion-laughs.xml").path,
      ])
  }

  /// What one file gave, comparable across runs.
  struct Summary: Hashable {
    var file: String
    var kind: InputKind?
    var ledger: FileLedger
    var diagnostics: [String]
    var grants: Int
  }

  static func summary(_ file: IngestedFile) -> Summary {
    Summary(
      file: file.input.displayPath, kind: file.kind, ledger: file.facts.ledger,
      diagnostics: file.facts.diagnostics.map(\.description), grants: file.facts.grants.count)
  }

  @Test("Eight rounds of every file, all at once, match one sequential read")
  func parallelFilesMatchSequential() async throws {
    let inputs = try Self.inputs()
    try #require(inputs.count >= 10)
    func kind(_ input: InputFile) -> InputKind? { input.displayPath == "register.csv" ? .register : nil }
    let expected = inputs.map { Self.summary(FileIngestor.ingest($0, kindOverride: kind($0))) }
    let rounds = 8
    let results = await withTaskGroup(of: (Int, Summary).self) { group in
      for round in 0..<rounds {
        for (index, input) in inputs.enumerated() {
          group.addTask {
            let file = FileIngestor.ingest(input, kindOverride: kind(input))
            return (round * inputs.count + index, Self.summary(file))
          }
        }
      }
      var collected: [(Int, Summary)] = []
      for await result in group { collected.append(result) }
      return collected.sorted { $0.0 < $1.0 }.map(\.1)
    }
    for round in 0..<rounds {
      for (index, summary) in results[(round * inputs.count)..<((round + 1) * inputs.count)].enumerated() {
        #expect(summary == expected[index], "round \(round), \(summary.file)")
      }
    }
  }

  @Test("Whole ingests of the sample tenant in parallel build the same inventory")
  func parallelIngestsMatch() async throws {
    let exports = Self.packageRoot.appendingPathComponent("SampleData/contoso/exports").path
    let register = Self.packageRoot.appendingPathComponent("SampleData/contoso/register.csv").path
    let reference = try Ingest.run([exports], register: register).inventory
    let inventories = try await withThrowingTaskGroup(of: Inventory.self) { group in
      for _ in 0..<6 {
        group.addTask { try Ingest.run([exports], register: register).inventory }
      }
      var all: [Inventory] = []
      for try await inventory in group { all.append(inventory) }
      return all
    }
    for inventory in inventories {
      #expect(inventory.grants == reference.grants)
      #expect(inventory.ledgers == reference.ledgers)
      #expect(inventory.diagnostics == reference.diagnostics)
    }
  }
}
