import AuditModel
import Foundation
import Testing

@testable import AuditIngest

// Replays the committed fuzz corpus (Fuzz/Corpus/<target>/: hand-written seeds and every input
// that ever crashed a target) through the APIs the ingest harnesses call, with their invariants,
// so that a fixed crash stays fixed without building the fuzzers. See Fuzz/README.md.

enum FuzzCorpus {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Fuzz/Corpus")

  /// The files of one target's corpus, by name.
  static func files(_ target: String) -> [String] {
    let folder = root.appendingPathComponent(target)
    return ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
  }

  static func bytes(_ target: String, _ name: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: root.appendingPathComponent(target).appendingPathComponent(name)))
  }
}

/// What the ingest harnesses check after reading one input (Fuzz/Sources/FuzzSupport).
private func expectIngestInvariants(_ bytes: [UInt8], name: String, kind: InputKind? = nil) {
  let input = InputFile(displayPath: name, url: URL(fileURLWithPath: "/nonexistent/" + name))
  let file = FileIngestor.ingest(bytes: bytes, input: input, kindOverride: kind)
  #expect(file.facts.ledger.reconciles, "\(name): \(file.facts.ledger)")
  #expect(file.facts.ledger.rejected == file.facts.rejected.count)
  #expect(file.facts.ledger.excluded == file.facts.excluded.count)
  #expect(file.facts.diagnostics.allSatisfy { $0.location?.file == name })
  let ledgers = InventoryBuilder.build([file]).ledgers
  #expect(ledgers.allSatisfy { $0.reconciles })
}

@Suite("Hostile fuzz corpus: every committed input keeps the harness invariants")
struct HostileFuzzCorpusTests {
  @Test("The corpus is there") func corpusExists() {
    for target in ["csv", "json", "clixml", "mustache", "register", "arguments"] {
      #expect(!FuzzCorpus.files(target).isEmpty, "Fuzz/Corpus/\(target) is empty")
    }
  }

  @Test("CSV corpus", arguments: FuzzCorpus.files("csv"))
  func csv(name: String) throws {
    let bytes = try FuzzCorpus.bytes("csv", name)
    var emitted = 0
    let report = CSVRecordReader.read(utf8: bytes, file: "fuzz.csv", encoding: .utf8) { _ in emitted += 1 }
    #expect(report.recordCount == emitted + report.rejected.count)
    expectIngestInvariants(bytes, name: "fuzz.csv")
  }

  @Test("JSON corpus", arguments: FuzzCorpus.files("json"))
  func json(name: String) throws {
    let bytes = try FuzzCorpus.bytes("json", name)
    var emitted = 0
    let report = JSONRecordReader.read(utf8: bytes, file: "fuzz.json", encoding: .utf8) { _ in emitted += 1 }
    #expect(report.recordCount == emitted + report.rejected.count)
    if let text = String(validating: bytes, as: UTF8.self),
      case .failure(let error) = JSONRecordReader.parseValue(text)
    {
      #expect(error.line >= 1 && error.column >= 1)
    }
    expectIngestInvariants(bytes, name: "fuzz.json")
  }

  @Test("CLIXML corpus", arguments: FuzzCorpus.files("clixml"))
  func clixml(name: String) throws {
    let bytes = try FuzzCorpus.bytes("clixml", name)
    var emitted = 0
    let report = CLIXMLReader.read(bytes: bytes, file: "fuzz.xml") { _ in emitted += 1 }
    #expect(report.recordCount == emitted + report.rejected.count)
    expectIngestInvariants(bytes, name: "fuzz.xml")
  }

  @Test("Register corpus", arguments: FuzzCorpus.files("register"))
  func register(name: String) throws {
    expectIngestInvariants(try FuzzCorpus.bytes("register", name), name: "register.csv", kind: .register)
  }
}
