import Testing

@testable import AuditModel

@Suite struct DateParserTests {
  @Test(arguments: [
    ("2026-09-30", Int64(1_790_726_400)),
    ("2026-09-30T00:00:00Z", 1_790_726_400),
    ("2026-09-30T01:30:00", 1_790_731_800),
    ("2026-09-30T01:30:00.1234567Z", 1_790_731_800),
    ("2026-09-30T03:30:00+02:00", 1_790_731_800),
    ("\\/Date(1790726400000)\\/", 1_790_726_400),
    ("/Date(1790726400000)/", 1_790_726_400),
    ("9/30/2026 1:30:00 AM", 1_790_731_800),
    ("9/30/2026 1:30:00 PM", 1_790_775_000),
  ])
  func parsesExportDateForms(text: String, expected: Int64) {
    #expect(DateParser.parse(text) == expected)
  }

  @Test(arguments: ["2026-02-30", "30.09.2026", "yesterday", "", "2026-13-01"])
  func rejectsInvalidDates(text: String) {
    #expect(DateParser.parse(text) == nil)
  }

  @Test func registerDaysAreDatesOnly() {
    #expect(DateParser.parseDay("2026-09-30") == 1_790_726_400)
    #expect(DateParser.parseDay("2026-09-30T00:00:00Z") == nil)
    #expect(DateParser.parseDay("30/09/2026") == nil)
  }

  @Test func formatsISO() {
    #expect(DateParser.iso(1_790_731_800) == "2026-09-30T01:30:00Z")
    #expect(DateParser.day(1_790_731_800) == "2026-09-30")
    #expect(DateParser.iso(0) == "1970-01-01T00:00:00Z")
  }
}

@Suite struct DiagnosticTests {
  @Test func printsInCompilerStyle() {
    let diagnostic = Diagnostic(
      .error, at: SourceLocation(file: "exports/a.csv", line: 12, column: 3), "unterminated quoted field",
      hint: "re-export it")
    #expect(
      diagnostic.description == "exports/a.csv:12:3: error: unterminated quoted field\n  hint: re-export it")
  }

  @Test func locationWithPath() {
    #expect(SourceLocation(file: "a.json", line: 0, path: "[3]").description == "a.json ([3])")
    #expect(SourceLocation(file: "a.json", line: 2, column: 5, path: "[3]").description == "a.json:2:5 ([3])")
  }

  @Test func ledgerReconciles() {
    var ledger = FileLedger(
      file: "a", kind: .mailbox, serialisation: "csv", encoding: "ascii", recordsRead: 5)
    ledger.produced = 3
    ledger.excluded = 1
    #expect(!ledger.reconciles)
    ledger.rejected = 1
    #expect(ledger.reconciles)
  }
}
