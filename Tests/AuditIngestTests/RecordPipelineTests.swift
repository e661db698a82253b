import AuditModel
import Foundation
import Testing

@testable import AuditIngest

@Suite struct RecordPipelineTests {
  /// Mailbox-permission records as Windows PowerShell's ConvertTo-Json writes them: explicit
  /// grants, SELF rows (excluded) and a Deny row among them.
  static func json(records count: Int) -> [UInt8] {
    let rows = (0..<count).map { index in
      let user = index % 7 == 0 ? "NT AUTHORITY\\\\SELF" : "user\(index % 53)@contoso.com"
      return """
        {"AccessRights": ["FullAccess"], "Deny": \(index % 101 == 0), "InheritanceType": 1,
         "User": "\(user)", "Identity": "mailbox\(index / 3)@contoso.com", "IsInherited": false}
        """
    }
    return Array(("[" + rows.joined(separator: ",\n") + "]").utf8)
  }

  @Test func aSinkFedThroughThePipelineEndsAsOneFedDirectly() {
    let bytes = Self.json(records: 5 * RecordPipeline.batchSize + 17)
    var direct = RecordSink(file: "mp.json", kindOverride: nil, mayBeASCII: false)
    let pipeline = RecordPipeline(RecordSink(file: "mp.json", kindOverride: nil, mayBeASCII: false))
    let directReport = JSONRecordReader.read(utf8: bytes, file: "mp.json", encoding: .utf8) {
      direct.consume($0)
    }
    let pipedReport = JSONRecordReader.read(utf8: bytes, file: "mp.json", encoding: .utf8) {
      pipeline.add($0)
    }
    let piped = pipeline.finish()
    #expect(directReport.diagnostics.isEmpty && pipedReport.diagnostics.isEmpty)
    #expect(piped.kind == .mailboxPermission && piped.kind == direct.kind)
    #expect(piped.facts.ledger == direct.facts.ledger)
    #expect(piped.facts.grants.count > 4 * RecordPipeline.batchSize)
    #expect(piped.facts.grants == direct.facts.grants)
    #expect(piped.facts.denies == direct.facts.denies && !piped.facts.denies.isEmpty)
    #expect(piped.facts.excluded == direct.facts.excluded && !piped.facts.excluded.isEmpty)
  }

  @Test func aLargeXMLFileReadThroughThePipelineHasTheFactsOfADirectRead() {
    // Over the pipeline's threshold: the file's facts must match a direct read of the same text.
    var count = 8_000
    var bytes = Array(UTF16FileSourceTests.document(records: count).utf8)
    while bytes.count < RecordPipeline.minimumFileSize {
      count *= 2
      bytes = Array(UTF16FileSourceTests.document(records: count).utf8)
    }
    let input = InputFile(displayPath: "mp.xml", url: URL(fileURLWithPath: "/nonexistent/mp.xml"))
    let file = FileIngestor.ingest(bytes: bytes, input: input)
    var direct = RecordSink(file: "mp.xml", kindOverride: nil, mayBeASCII: true)
    _ = CLIXMLReader.read(bytes: bytes, file: "mp.xml") { direct.consume($0) }
    #expect(file.kind == .mailboxPermission)
    #expect(file.facts.ledger.recordsRead == count)
    #expect(file.facts.grants == direct.facts.grants && file.facts.grants.count == count)
    #expect(file.facts.ledger.produced == direct.facts.ledger.produced)
  }
}
