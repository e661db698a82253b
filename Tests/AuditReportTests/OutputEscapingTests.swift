import Foundation
import Testing

@testable import AuditReport

@Suite struct CSVWriterTests {
  @Test(arguments: ["=HYPERLINK(\"http://x\")", "+1", "-2", "@SUM(A1)", "\tx", "\rx"])
  func formulaCellsAreNeutralised(cell: String) {
    #expect(CSVWriter.neutralised(cell) == "'" + cell)
  }

  @Test func rfc4180QuotingWithBOMAndCRLF() {
    var csv = CSVWriter(header: ["A", "B"])
    csv.row(["x,y", "say \"hi\"\nbye"])
    #expect(csv.data == [0xEF, 0xBB, 0xBF] + Array("A,B\r\n\"x,y\",\"say \"\"hi\"\"\nbye\"\r\n".utf8))
  }
}

@Suite struct EscapingTests {
  @Test func htmlEscapesMarkupAndShowsBidiControls() {
    #expect(Escaping.html("<img src=x onerror=alert(1)>") == "&lt;img src=x onerror=alert(1)&gt;")
    #expect(Escaping.html("a\u{202E}b\u{0}") == "a[U+202E]b[U+0000]")
    #expect(Escaping.html("\"'&") == "&quot;&#39;&amp;")
  }

  @Test func markdownValuesCannotBecomeSyntax() {
    let payloads = [
      "[click](javascript:alert(1))", "![img](http://x/y.png)", "<script>alert(1)</script>", "a | b",
      "# heading",
      "*bold* _it_", "`code`",
    ]
    for payload in payloads {
      let html = HTMLRenderer.markdownToHTML(Escaping.markdown(payload))
      #expect(!html.contains("<a "), "\(payload)")
      #expect(!html.contains("<img"), "\(payload)")
      #expect(!html.contains("<script"), "\(payload)")
      #expect(!html.contains("<h1"), "\(payload)")
      #expect(!html.contains("<em>") && !html.contains("<strong>") && !html.contains("<code>"), "\(payload)")
    }
  }

  @Test func markdownTableCellsKeepTheirColumns() {
    let document = ReportDocument(
      title: "t", blocks: [.table(ReportDocument.Table(columns: ["A", "B"], rows: [["x | y", ""]]))])
    #expect(MarkdownRenderer.render(document).contains("| x \\| y | — |"))
  }

  @Test func cmarkDropsRawHTMLInProse() {
    let html = HTMLRenderer.markdownToHTML("hello <script>alert(1)</script> [x](javascript:alert(1))")
    #expect(!html.contains("<script"))
    #expect(!html.contains("javascript:"))
  }
}

@Suite struct JSONValueTests {
  @Test func keepsValuesExactAndKeyOrder() {
    let value = JSONValue.object([
      ("b", .string("<script>\u{202E}\"\\\n")), ("a", .array([.int(1), .bool(false), .null])),
    ])
    #expect(
      value.serialised()
        == "{\n  \"b\": \"<script>\u{202E}\\\"\\\\\\n\",\n  \"a\": [\n    1,\n    false,\n    null\n  ]\n}\n")
    let parsed = try? JSONSerialization.jsonObject(with: Data(value.serialised().utf8)) as? [String: Any]
    #expect(parsed?["b"] as? String == "<script>\u{202E}\"\\\n")
  }
}

@Suite struct PackWriterTests {
  @Test func writesAtomicallyAndRefusesForeignFolders() throws {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("da-pack-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: root) }
    let out = root.appendingPathComponent("pack")
    var files: [String: [UInt8]] = ["manifest.json": Array("{}\n".utf8), "data/a.csv": [0x41]]
    files["SHA256SUMS"] = Array(PackWriter.checksums(files).utf8)
    try PackWriter.write(files, to: out, force: false)
    #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("data/a.csv").path))
    // An existing pack may be replaced.
    try PackWriter.write(["manifest.json": Array("{}\n".utf8)], to: out, force: false)
    #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("data/a.csv").path))
    // No temporary folder is left beside it.
    #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["pack"])
    // A folder that is not a pack is refused.
    let foreign = root.appendingPathComponent("foreign")
    try FileManager.default.createDirectory(at: foreign, withIntermediateDirectories: true)
    try Data("x".utf8).write(to: foreign.appendingPathComponent("mine.txt"))
    #expect(throws: PackWriter.Failure.self) { try PackWriter.write([:], to: foreign, force: false) }
    #expect(throws: PackWriter.Failure.self) { try PackWriter.write([:], to: foreign, force: true) }
    #expect(FileManager.default.fileExists(atPath: foreign.appendingPathComponent("mine.txt").path))
  }

  @Test func refusesUnsafePathsAndSymlinks() throws {
    #expect(!PackWriter.isSafeRelativePath("../x"))
    #expect(!PackWriter.isSafeRelativePath("/etc/passwd"))
    #expect(!PackWriter.isSafeRelativePath("a//b"))
    #expect(PackWriter.isSafeRelativePath("data/grants.csv"))
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("da-link-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: root) }
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    let link = root.appendingPathComponent("link")
    try FileManager.default.createSymbolicLink(at: link, withDestinationURL: root)
    #expect(throws: PackWriter.Failure.self) { try PackWriter.checkDestination(link, force: true) }
  }

  @Test func checksumsAreSha256sumFormat() {
    #expect(
      PackWriter.checksums(["b": [], "a": Array("abc".utf8)])
        == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad  a\n"
        + "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855  b\n")
  }
}

@Suite struct UnderscoreEscapingTests {
  @Test func intrawordUnderscoresStayReadable() {
    #expect(Escaping.markdown("SENDAS_UNDOCUMENTED") == "SENDAS_UNDOCUMENTED")
    #expect(Escaping.markdown("_lead and trail_") == "\\_lead and trail\\_")
    #expect(!HTMLRenderer.markdownToHTML(Escaping.markdown("_x_ a_b_c __y__")).contains("<em>"))
    #expect(!HTMLRenderer.markdownToHTML(Escaping.markdown("_x_ a_b_c __y__")).contains("<strong>"))
  }
}
