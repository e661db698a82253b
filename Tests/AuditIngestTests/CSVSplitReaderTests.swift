import AuditModel
import Foundation
import Testing

@testable import AuditIngest

/// Everything an ingest gives, as text, so that two reads can be compared whole.
private func described(_ file: IngestedFile) -> String {
  let facts = file.facts
  var parts: [String] = [
    "kind \(String(describing: file.kind)) \(String(describing: file.kindReason))",
    "ledger \(facts.ledger)",
    "records \(file.report.recordCount) rejected \(file.report.rejected)",
    "report diagnostics \(file.report.diagnostics.map(\.description))",
    "grants \(facts.grants)", "denies \(facts.denies)", "mailboxes \(facts.mailboxes)",
    "directory \(facts.directory)", "excluded \(facts.excluded)", "rejected \(facts.rejected)",
    "lossy \(facts.lossy.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" })",
    "diagnostics \(facts.diagnostics.map(\.description))",
    "hashes \(facts.producedRowHashes.map { "\($0.location) \($0.hash)" })",
  ]
  parts.append("columns \(file.report.columns) type \(String(describing: file.report.typeName))")
  return parts.joined(separator: "\n")
}

private func ingest(_ text: String, name: String, split: CSVSplit) -> IngestedFile {
  let input = InputFile(displayPath: name, url: URL(fileURLWithPath: "/nonexistent/" + name))
  return FileIngestor.ingest(bytes: Array(text.utf8), input: input, csvSplit: split)
}

/// Reads `text` split at every byte offset and expects what one pass gives; returns how many
/// offsets were read in two joined parts.
private func expectSplitsReadAsOnePass(_ text: String, name: String) -> Int {
  let whole = described(ingest(text, name: name, split: .never))
  var joined = 0
  let bytes = Array(text.utf8)
  for offset in 0...bytes.count {
    let split = described(ingest(text, name: name, split: .at(offset)))
    #expect(split == whole, "split at byte \(offset)")
    if split != whole { break }
    var sink = RecordSink(file: name, kindOverride: nil, mayBeASCII: false)
    let parts = bytes.withUnsafeBufferPointer {
      CSVSplitReader.read(utf8: $0, file: name, encoding: .utf8, into: &sink, split: .at(offset)).parts
    }
    if parts == 2 { joined += 1 }
  }
  return joined
}

@Suite struct CSVSplitReaderTests {
  /// Rows of every outcome in both halves: SELF, Deny, inherited system rows, grants, the SendAs
  /// bit (noted once per file), lossy cells (counted once per column), a short row, invalid
  /// UTF-8 is left to the reader tests; a quoted value with a line break, CRLF, a blank line.
  static let mailboxPermissions = """
    #TYPE Deserialized.Microsoft.Exchange.Management.RecipientTasks.MailboxAcePresentationObject\r
    "Identity","User","AccessRights","IsInherited","Deny","InheritanceType"\r
    "ceo","NT AUTHORITY\\SELF","FullAccess, ReadPermission","False","False","All"\r
    "ceo","assistant@contoso.com","FullAccess, SendAs","False","False","All"\r
    "ceo","EURPRD05\\Domain Admins","FullAccess","True","True","All"\r
    "ceo","bob@contoso.com","System.Collections.ArrayList","False","False","All"\r
    "ceo","short row"\r
    \r
    "cfo","carol@contoso.com","FullAccess","False","False","All"\r
    "cfo","carol@contoso.com","FullAccess","True","True","All"\r
    "cfo","Dan
    Smith","FullAccess","False","False","All"\r
    "cfo","NT AUTHORITY\\SYSTEM","FullAccess","True","False","All"\r
    "cfo","erin@contoso.com","FullAccess, SendAs","False","False","All"\r
    "cfo","frank@contoso.com","System.Collections.ArrayList","False","False","All"\r
    "cfo","assistant@contoso.com","FullAccess, SendAs","False","False","All"\r

    """

  @Test func aMailboxPermissionFileSplitAnywhereReadsAsInOnePass() {
    let joined = expectSplitsReadAsOnePass(Self.mailboxPermissions, name: "mp.csv")
    #expect(joined > 10, "most line starts are row starts, and those splits join")
  }

  @Test func aMailboxFileSplitAnywhereReadsAsInOnePass() {
    let text = """
      "Name","Alias","UserPrincipalName","PrimarySmtpAddress","RecipientTypeDetails","GrantSendOnBehalfTo"
      "ceo","ceo","ceo@contoso.com","ceo@contoso.com","UserMailbox","assistant"
      "shared","shared","shared@contoso.com","shared@contoso.com","SharedMailbox","System.Collections.ArrayList"
      "cfo","cfo","cfo@contoso.com","cfo@contoso.com","UserMailbox",""
      "room","room","room@contoso.com","room@contoso.com","RoomMailbox","ceo"

      """
    #expect(expectSplitsReadAsOnePass(text, name: "mailboxes.csv") > 0)
  }

  @Test func anUnterminatedQuoteStopsTheReadWhereverTheSplitIs() {
    let text = """
      "Identity","User","AccessRights","IsInherited","Deny"
      "ceo","bob@contoso.com","FullAccess","False","False"
      "ceo","carol@contoso.com,"FullAccess","False","False"
      "ceo","dan@contoso.com","FullAccess","False","False"
      "cfo","gina@contoso.com","FullAccess","False","False"
      "cfo","erin@contoso.com","FullAccess","False","False
      """
    _ = expectSplitsReadAsOnePass(text, name: "broken.csv")
    let whole = ingest(text, name: "broken.csv", split: .never)
    #expect(whole.report.diagnostics.contains { $0.message == "unterminated quoted field" })
  }

  @Test func bareCarriageReturnLinesAreReadInOnePass() {
    let text =
      "\"Identity\",\"User\",\"AccessRights\",\"IsInherited\",\"Deny\"\r"
      + "\"ceo\",\"bob@contoso.com\",\"FullAccess\",\"False\",\"False\"\r"
      + "\"cfo\",\"carol\ncarol@contoso.com\",\"FullAccess\",\"False\",\"False\"\r"
      + "\"cfo\",\"dan@contoso.com\",\"FullAccess\",\"False\",\"False\"\r"
    #expect(expectSplitsReadAsOnePass(text, name: "cr.csv") == 0, "no line feed ends a row: never joined")
  }

  @Test func onlyLargeFilesAreSplitByDefault() {
    let small = Array("\"a\"\n\"b\"\n".utf8)
    small.withUnsafeBufferPointer {
      #expect(CSVSplitReader.boundary($0, after: 4, .automatic) == nil)
      #expect(CSVSplitReader.boundary($0, after: 4, .never) == nil)
      #expect(CSVSplitReader.boundary($0, after: 0, .at(1)) == 4)
    }
    let large = [UInt8](repeating: 0x0A, count: CSVSplitReader.minimumSize + 2)
    large.withUnsafeBufferPointer {
      #expect(CSVSplitReader.boundary($0, after: 0, .automatic) == large.count / 2)
    }
  }
}

@Suite struct ExcludedRowListingTests {
  @Test func aBaselineCountsItsExcludedRowsWithoutListingThem() {
    let input = InputFile(displayPath: "mp.csv", url: URL(fileURLWithPath: "/nonexistent/mp.csv"))
    let bytes = Array(CSVSplitReaderTests.mailboxPermissions.utf8)
    let listed = FileIngestor.ingest(bytes: bytes, input: input)
    let counted = FileIngestor.ingest(bytes: bytes, input: input, listsExcludedRows: false)
    #expect(listed.facts.ledger == counted.facts.ledger)
    #expect(listed.facts.ledger.excluded == listed.facts.excluded.count)
    #expect(listed.facts.ledger.excluded > 0 && counted.facts.excluded.isEmpty)
  }
}
