import AuditModel
import Testing

@testable import AuditIngest

/// Reads CSV text and returns the records and the report.
func readCSV(_ text: String, file: String = "t.csv") -> ([Record], ReaderReport) {
  var records: [Record] = []
  let decoded = TextEncoding.decode(Array(text.utf8))
  let report = CSVRecordReader.read(utf8: decoded.utf8, file: file, encoding: decoded.encoding) {
    records.append($0)
  }
  return (records, report)
}

@Suite struct CSVRecordReaderTests {
  @Test func windowsPowerShellExportWithTypeLine() {
    let text =
      "#TYPE Deserialized.Microsoft.Exchange.Management.RecipientTasks.MailboxAcePresentationObject\r\n"
      + "\"Identity\",\"User\",\"AccessRights\"\r\n\"ceo\",\"a@contoso.com\",\"FullAccess, ReadPermission\"\r\n"
    let (records, report) = readCSV(text)
    #expect(
      report.typeName
        == "Deserialized.Microsoft.Exchange.Management.RecipientTasks.MailboxAcePresentationObject")
    #expect(report.columns == ["Identity", "User", "AccessRights"])
    #expect(records.count == 1)
    #expect(records[0]["accessrights"]?.text == "FullAccess, ReadPermission")
    #expect(records[0].location.line == 3)
  }

  @Test func semicolonDelimiterAsNeededQuoting() {
    let (records, report) = readCSV(
      "Identity;User;AccessRights\nceo;a@contoso.com;FullAccess,ReadPermission\n")
    #expect(report.delimiter == UInt8(ascii: ";"))
    #expect(records.first?["AccessRights"]?.text == "FullAccess,ReadPermission")
  }

  @Test func quotedNewlinesAndEscapedQuotes() {
    let (records, _) = readCSV("A,B\n\"line one\nline two\",\"say \"\"hi\"\"\"\nx,y\n")
    #expect(records.count == 2)
    #expect(records[0]["A"]?.text == "line one\nline two")
    #expect(records[0]["B"]?.text == "say \"hi\"")
    #expect(records[1].location.line == 4)
  }

  @Test func lastLineWithoutNewline() {
    let (records, _) = readCSV("A,B\r\n1,2")
    #expect(records.count == 1)
    #expect(records[0]["B"]?.text == "2")
  }

  @Test func unterminatedQuoteIsAnErrorWithLocation() {
    let (records, report) = readCSV("A,B\n1,2\n3,\"oops\n4,5\n")
    #expect(records.count == 1)
    #expect(report.rejected.count == 1)
    let error = report.diagnostics.first { $0.level == .error }
    #expect(error?.location?.line == 3)
    #expect(error?.location?.column == 3)
    #expect(error?.message == "unterminated quoted field")
    #expect(report.recordCount == records.count + report.rejected.count)
  }

  @Test func fieldCountMismatchIsRejected() {
    let (records, report) = readCSV("A,B\n1,2,3\n4,5\n")
    #expect(records.count == 1)
    #expect(report.rejected.first?.reason == "row has 3 fields but the header has 2")
    #expect(report.rejected.first?.location.line == 2)
  }

  @Test func invalidUTF8IsRejected() {
    var bytes = Array("A,B\n1,".utf8)
    bytes += [0xC3, 0x28]
    bytes += Array("\n3,4\n".utf8)
    var records: [Record] = []
    let report = CSVRecordReader.read(utf8: bytes, file: "t.csv", encoding: .utf8) { records.append($0) }
    #expect(records.count == 1)
    #expect(report.rejected.first?.reason == "invalid UTF-8 in column B")
  }

  @Test func emptyFileHasNoHeader() {
    let (records, report) = readCSV("")
    #expect(records.isEmpty)
    #expect(report.diagnostics.first?.message == "the file holds no header row")
  }

  @Test func blankLinesAreSkipped() {
    let (records, report) = readCSV("A,B\n\n1,2\n\n")
    #expect(records.count == 1)
    #expect(report.recordCount == 1)
  }
}

@Suite struct TextEncodingTests {
  @Test func detectsByteOrderMarks() {
    #expect(TextEncoding.decode([0xEF, 0xBB, 0xBF, 0x41]).encoding == .utf8BOM)
    #expect(TextEncoding.decode([0xEF, 0xBB, 0xBF, 0x41]).utf8 == [0x41])
    #expect(TextEncoding.decode(Array("abc".utf8)).encoding == .ascii)
    #expect(TextEncoding.decode(Array("café".utf8)).encoding == .utf8)
  }

  @Test func transcodesUTF16BothEndians() {
    let text = "Zoë 😀"
    let le: [UInt8] = [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
    let be: [UInt8] = [0xFE, 0xFF] + text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
    #expect(TextEncoding.decode(le).encoding == .utf16LE)
    #expect(String(decoding: TextEncoding.decode(le).utf8, as: UTF8.self) == text)
    #expect(TextEncoding.decode(be).encoding == .utf16BE)
    #expect(String(decoding: TextEncoding.decode(be).utf8, as: UTF8.self) == text)
  }

  @Test func unpairedSurrogateIsReported() {
    let result = TextEncoding.decode([0xFF, 0xFE, 0x00, 0xD8, 0x41, 0x00])
    #expect(result.hadInvalidSequences)
    #expect(String(decoding: result.utf8, as: UTF8.self) == "\u{FFFD}A")
  }
}
