import AuditModel
import Foundation
import Testing

@testable import AuditIngest

@Suite struct UTF16FileTextTests {
  /// Units of every kind: ASCII, two- and three-byte scalars, a surrogate pair, unpaired
  /// surrogates (a low one alone, a high one before a letter, a high one at the end).
  static let units: [UInt16] =
    Array("<Objs>é€ ".utf16) + [0xD83D, 0xDE00] + [0xDC00] + [0xD800] + Array("x</Objs>".utf16) + [0xD801]

  static func bytes(_ units: [UInt16], bigEndian: Bool, oddByte: Bool) -> [UInt8] {
    let bom: [UInt8] = bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]
    let body = units.flatMap { unit -> [UInt8] in
      let (high, low) = (UInt8(unit >> 8), UInt8(unit & 0xFF))
      return bigEndian ? [high, low] : [low, high]
    }
    return bom + body + (oddByte ? [0x41] : [])
  }

  @Test(arguments: [false, true], [false, true])
  func transcodesInChunksAsInOnePiece(bigEndian: Bool, oddByte: Bool) {
    let bytes = Self.bytes(Self.units, bigEndian: bigEndian, oddByte: oddByte)
    let whole = bytes.withUnsafeBytes { CLIXMLInput.transcodeUTF16($0, bigEndian: bigEndian) }
    #expect(whole.1, "the sample holds unpaired surrogates")
    for split in 2...bytes.count {
      var transcoder = UTF16FileText.Transcoder(bigEndian: bigEndian)
      bytes.withUnsafeBytes { raw in
        transcoder.add(UnsafeRawBufferPointer(rebasing: raw[2..<split]))
        transcoder.add(UnsafeRawBufferPointer(rebasing: raw[split...]))
      }
      transcoder.finish()
      #expect(transcoder.output == whole.0, "split at byte \(split)")
      #expect(transcoder.invalid == whole.1, "split at byte \(split)")
    }
  }

  @Test func aUTF16ExportFromDiskReadsAsFromMemory() throws {
    let folder = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
    let url = folder.appendingPathComponent("clixml/mailbox-utf16le.xml")
    let bytes = try [UInt8](Data(contentsOf: url))
    let input = InputFile(displayPath: "mailbox-utf16le.xml", url: url)
    let streamed = FileIngestor.ingest(input)
    let whole = FileIngestor.ingest(bytes: bytes, input: input)
    #expect(streamed.report.encoding == .utf16LE)
    #expect(streamed.sha256 == whole.sha256 && streamed.size == whole.size && streamed.size == bytes.count)
    #expect(streamed.kind == whole.kind && streamed.facts.ledger == whole.facts.ledger)
    #expect(streamed.facts.mailboxes == whole.facts.mailboxes)
    #expect(streamed.report.diagnostics.map(\.description) == whole.report.diagnostics.map(\.description))
    #expect(streamed.facts.diagnostics.map(\.description) == whole.facts.diagnostics.map(\.description))
    #expect(streamed.facts.ledger.recordsRead > 0)
  }

  @Test func otherFilesAreLeftToBeReadWhole() throws {
    let folder = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
    #expect(
      try UTF16FileText.readIfXML(path: folder.appendingPathComponent("clixml/mailbox-permission.xml").path)
        == nil)
  }
}
