import AuditModel
import Testing

@Suite struct ExcludedRowsTests {
  func row(_ file: String, _ line: Int) -> ExcludedRow {
    ExcludedRow(
      location: SourceLocation(file: file, line: line), rule: .selfPrincipal, mailbox: "m", trustee: "t",
      rights: "r")
  }

  @Test func joinsFilesInLocationOrderAndSortsEachFile() {
    let excluded = ExcludedRows(joining: [
      [row("b.csv", 2), row("b.csv", 9), row("b.csv", 4)], [], [row("a.csv", 3), row("a.csv", 7)],
    ])
    let expected = ["a.csv:3", "a.csv:7", "b.csv:2", "b.csv:4", "b.csv:9"]
    #expect(excluded.map { "\($0.location)" } == expected)
    #expect(excluded.count == 5)
    #expect(excluded.runs.count == 2, "each file's rows stay one array")
    #expect((0..<5).map { "\(excluded[$0].location)" } == expected)
    #expect(excluded.last.map { "\($0.location)" } == "b.csv:9")
  }

  @Test func mergesArraysWhoseRowsInterleave() {
    let excluded = ExcludedRows(joining: [[row("a.csv", 2), row("a.csv", 8)], [row("a.csv", 5)]])
    #expect(excluded.map(\.location.line) == [2, 5, 8])
    #expect(excluded.runs.count == 1)
  }

  @Test func sortsOnlyWhatIsOutOfOrder() {
    var rows = [row("a.csv", 4), row("a.csv", 2)]
    ExcludedRows.sort(&rows)
    #expect(rows.map(\.location.line) == [2, 4])
    let empty: ExcludedRows = []
    #expect(empty.isEmpty && empty.runs.isEmpty)
  }
}
