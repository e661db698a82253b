import AuditModel
import Foundation
import Testing

@testable import AuditIngest

@Suite struct UTF16FileSourceTests {
  /// Units of every kind: ASCII, two- and three-byte scalars, a surrogate pair, unpaired
  /// surrogates (a low one alone, a high one before a letter, a high one at the end).
  /// ASCII runs longer than the eight units the transcoder takes at once, broken at every
  /// position of such a run.
  static let units: [UInt16] =
    Array("<Objs>é€ ".utf16) + [0xD83D, 0xDE00] + [0xDC00] + [0xD800] + Array("x</Objs>".utf16)
    + (0..<9).flatMap {
      Array(String(repeating: "a", count: $0).utf16) + [0x00E9] + Array("0123456789abcdef".utf16)
    }
    + [0xD801]

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
    // The standard library's decoder replaces unpaired surrogates with U+FFFD as well.
    #expect(whole.0 == Array(String(decoding: Self.units, as: UTF16.self).utf8))
    #expect(whole.1, "the sample holds unpaired surrogates")
    for split in 2...bytes.count {
      var transcoder = UTF16Transcoder(bigEndian: bigEndian)
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
      try UTF16FileSource.openIfXML(path: folder.appendingPathComponent("clixml/mailbox-permission.xml").path)
        == nil)
  }

  // MARK: - Streaming to the XML reader

  /// `count` mailbox-permission records as Export-Clixml writes them; `text` goes in a comment
  /// before the root, `tail` after the last record (instead of the root's end tag when given).
  static func document(records count: Int, prolog: String = "", tail: String? = nil) -> String {
    var xml =
      prolog + "<Objs Version=\"1.1.0.1\" xmlns=\"http://schemas.microsoft.com/powershell/2004/04\">\n"
    for index in 0..<count {
      xml += """
          <Obj RefId="\(index)">
            <TN RefId="\(index)"><T>Deserialized.Microsoft.Exchange.Management.RecipientTasks.MailboxAcePresentationObject</T></TN>
            <Props>
              <S N="AccessRights">FullAccess</S><B N="Deny">false</B><S N="InheritanceType">All</S>
              <S N="User">délégué\(index % 97)@contoso.com</S><S N="Identity">mailbox\(index)@contoso.com</S>
              <B N="IsInherited">false</B><B N="IsValid">true</B><S N="ObjectState">Unchanged</S>
            </Props>
          </Obj>

        """
    }
    return xml + (tail ?? "</Objs>\n")
  }

  /// Writes `text` as UTF-16LE with a byte order mark to a temporary file.
  static func utf16File(_ text: String, name: String, bigEndian: Bool = false) throws -> (URL, [UInt8]) {
    let bytes = Self.bytes(Array(text.utf16), bigEndian: bigEndian, oddByte: false)
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "utf16-source-\(UUID().uuidString)-\(name)")
    try Data(bytes).write(to: url)
    return (url, bytes)
  }

  /// Reads `text` as a UTF-16 file from disk (streamed) and from memory; both must agree.
  static func expectStreamedEqualsWhole(
    _ text: String, name: String, bigEndian: Bool = false
  ) throws -> IngestedFile {
    let (url, bytes) = try utf16File(text, name: name, bigEndian: bigEndian)
    defer { try? FileManager.default.removeItem(at: url) }
    let input = InputFile(displayPath: name, url: url)
    let streamed = FileIngestor.ingest(input)
    let whole = FileIngestor.ingest(bytes: bytes, input: input)
    #expect(streamed.sha256 == whole.sha256 && streamed.size == bytes.count)
    #expect(streamed.kind == whole.kind && streamed.facts.ledger == whole.facts.ledger)
    #expect(streamed.facts.grants == whole.facts.grants)
    #expect(streamed.report.diagnostics.map(\.description) == whole.report.diagnostics.map(\.description))
    #expect(streamed.facts.rejected == whole.facts.rejected)
    return streamed
  }

  @Test(arguments: [false, true])
  func aFileOfManyChunksStreamsAsItReadsFromMemory(bigEndian: Bool) throws {
    // Over 4 MB of UTF-16: several chunks, each far longer than the bridge keeps at hand.
    let text = Self.document(records: 12_000)
    #expect(text.utf16.count * 2 > 2 * UTF16FileSource.chunkSize)
    let file = try Self.expectStreamedEqualsWhole(text, name: "many-chunks.xml", bigEndian: bigEndian)
    #expect(file.report.encoding == (bigEndian ? .utf16BE : .utf16LE))
    #expect(file.facts.ledger.recordsRead == 12_000)
    #expect(file.report.diagnostics.isEmpty)
  }

  @Test func aTruncatedFileIsReportedTruncatedWhenStreamed() throws {
    let whole = Self.document(records: 3_000)
    let cut = String(whole.prefix(whole.count - 300))
    let file = try Self.expectStreamedEqualsWhole(cut, name: "truncated.xml")
    #expect(file.report.diagnostics.contains { $0.level == .error && $0.message.hasPrefix("truncated file") })
  }

  @Test func aBadCharacterLateInAStreamedFileIsLocatedAsInMemory() throws {
    let text = Self.document(records: 3_000, tail: "<Obj RefId=\"x\"><S N=\"User\">a\u{1}b</S></Obj></Objs>")
    let file = try Self.expectStreamedEqualsWhole(text, name: "bad-character.xml")
    #expect(file.report.diagnostics.contains { $0.level == .error && $0.message.hasPrefix("malformed xml") })
    #expect(file.facts.ledger.recordsRead >= 2_990)
  }

  @Test func aDoctypeAfterALongPrologIsRefusedWhenStreamed() throws {
    // The prolog outgrows the bridge's first read-ahead, so it must read on to find the DOCTYPE.
    let prolog =
      "<?xml version=\"1.0\"?>\n<!--" + String(repeating: "x", count: 150_000)
      + "-->\n<!DOCTYPE Objs [<!ENTITY a \"b\">]>\n"
    let file = try Self.expectStreamedEqualsWhole(
      Self.document(records: 2, prolog: prolog), name: "doctype.xml")
    #expect(file.report.diagnostics.contains { $0.message.contains("DOCTYPE") })
    #expect(file.facts.grants.isEmpty)
  }
}
