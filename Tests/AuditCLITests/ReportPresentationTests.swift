import AuditReport
import Foundation
import Testing

@testable import AuditCLI

/// The report as people see it: heading order, language, table headers, colour contrast in the
/// light, dark and print schemes, visible focus; and, in a real browser, printing to PDF without
/// anything wider than the page.
@Suite struct ReportPresentationTests {
  static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
  static let sample = packageRoot.appendingPathComponent("SampleData/contoso")

  /// The sample tenant's pack, built in process.
  static let pack: [String: [UInt8]] = {
    var request = RunRequest(
      inputs: [sample.appendingPathComponent("exports").path],
      register: sample.appendingPathComponent("register.csv").path, baseline: nil,
      policy: sample.appendingPathComponent("policy.json").path, asOf: 1_795_996_800, periodStart: nil,
      periodEnd: nil, organisation: "Contoso Ltd", kind: nil)
    request.frameworks = FrameworkCatalogs.bundledIDs
    guard case .success(let output) = RunPipeline.build(request) else { return [:] }
    return output.files
  }()

  static var pages: [String] {
    pack.keys.filter { $0.hasSuffix(".html") }.sorted()
  }

  static func text(_ path: String) -> String { String(decoding: pack[path] ?? [], as: UTF8.self) }

  @Test func thePackHasAReportAndANarrativePerFramework() {
    #expect(Self.pages.contains("index.html"))
    #expect(Self.pages.count == 1 + FrameworkCatalogs.bundledIDs.count)
  }

  @Test(arguments: pages)
  func headingsGoDownOneLevelAtATime(page: String) {
    let html = Self.text(page)
    var levels: [Int] = []
    var rest = html[...]
    while let open = rest.firstRange(of: "<h") {
      let after = rest[open.upperBound...]
      if let digit = after.first, let level = Int(String(digit)), (1...6).contains(level) {
        levels.append(level)
      }
      rest = after
    }
    #expect(levels.first == 1, "\(page) starts with h\(levels.first ?? 0)")
    #expect(levels.filter { $0 == 1 }.count == 1, "\(page) has \(levels.filter { $0 == 1 }.count) h1")
    for (previous, next) in zip(levels, levels.dropFirst()) {
      #expect(next <= previous + 1, "\(page): h\(previous) is followed by h\(next)")
    }
  }

  @Test(arguments: pages)
  func languageSchemesAndTableHeadersAreDeclared(page: String) {
    let html = Self.text(page)
    #expect(html.contains("<html lang=\"en\">"))
    // The meta tag tells the browser both schemes are supported (the CSS `color-scheme` property
    // would too, but the Nu checker the pack is validated with rejects it), on the report and on
    // every narrative page alike.
    #expect(
      html.contains("<meta name=\"color-scheme\" content=\"light dark\">\n<title>"),
      "\(page) lacks color-scheme")
    #expect(html.contains("@media (prefers-color-scheme: dark)"))
    let headers = html.components(separatedBy: "<th ").count + html.components(separatedBy: "<th>").count - 2
    let scoped = html.components(separatedBy: "<th scope=").count - 1
    #expect(headers == scoped, "\(page): \(headers - scoped) <th> without scope")
    #expect(!html.contains("<script"), "\(page) holds a script")
  }

  // MARK: - Colour contrast (WCAG 2.x)

  /// The custom properties of each scheme in report.css: light (the first `:root`), dark (inside
  /// `prefers-color-scheme: dark`) and print (inside `@media print`).
  static func schemes(_ css: String) -> [String: [String: String]] {
    var schemes: [String: [String: String]] = [:]
    var rest = css[...]
    var base: [String: String] = [:]
    while let root = rest.firstRange(of: ":root {") {
      let before = rest[..<root.lowerBound]
      let name: String
      if let media = before.range(of: "@media", options: .backwards) {
        name = before[media.lowerBound...].contains("prefers-color-scheme: dark") ? "dark" : "print"
      } else {
        name = "light"
      }
      guard let close = rest[root.upperBound...].firstIndex(of: "}") else { break }
      var variables = name == "light" ? [:] : base
      for declaration in rest[root.upperBound..<close].split(separator: ";") {
        let parts = declaration.split(separator: ":", maxSplits: 1).map {
          $0.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        if parts.count == 2, parts[0].hasPrefix("--") { variables[parts[0]] = parts[1] }
      }
      if name == "light" { base = variables }
      schemes[name] = variables
      rest = rest[close...]
    }
    return schemes
  }

  static func luminance(_ hex: String) -> Double? {
    let digits = hex.hasPrefix("#") ? String(hex.dropFirst()) : hex
    guard digits.count == 6, let value = Int(digits, radix: 16) else { return nil }
    func channel(_ shift: Int) -> Double {
      let c = Double((value >> shift) & 0xFF) / 255
      return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
    }
    return 0.2126 * channel(16) + 0.7152 * channel(8) + 0.0722 * channel(0)
  }

  static func contrast(_ a: String, _ b: String) -> Double {
    guard let x = luminance(a), let y = luminance(b) else { return 0 }
    return (max(x, y) + 0.05) / (min(x, y) + 0.05)
  }

  @Test func contrastFormulaMatchesKnownValues() {
    #expect(abs(Self.contrast("#000000", "#ffffff") - 21) < 0.01)
    #expect(abs(Self.contrast("#777777", "#ffffff") - 4.48) < 0.01)
  }

  @Test(arguments: ["light", "dark", "print"])
  func textHasEnoughContrastInEveryScheme(scheme: String) throws {
    let css = try #require(BundledTemplates.text("report.css"))
    let variables = try #require(Self.schemes(css)[scheme], "no \(scheme) scheme in report.css")
    // Body text, notes and links on the page; header-cell text on the header background.
    let pairs = [
      ("--fg", "--bg"), ("--muted", "--bg"), ("--accent", "--bg"), ("--fg", "--head"), ("--accent", "--head"),
    ]
    for (foreground, background) in pairs {
      let ratio = Self.contrast(try #require(variables[foreground]), try #require(variables[background]))
      #expect(ratio >= 4.5, "\(scheme): \(foreground) on \(background) is \(ratio):1, below 4.5:1")
    }
    // The focus outline is drawn in the accent colour: 3:1 against the page (WCAG 1.4.11).
    #expect(Self.contrast(variables["--accent"]!, variables["--bg"]!) >= 3)
  }

  @Test(arguments: ["light", "dark", "print"])
  func verdictCellsHaveEnoughContrastInEveryScheme(scheme: String) throws {
    let css = try #require(BundledTemplates.text("report.css"))
    let variables = try #require(Self.schemes(css)[scheme], "no \(scheme) scheme in report.css")
    for status in ["satisfied", "not-satisfied", "not-assessed"] {
      #expect(
        css.contains(
          "td.verdict-\(status) { color: var(--\(status)); background: var(--\(status)-bg); font-weight: 600; }"
        ))
      let foreground = try #require(variables["--\(status)"], "\(scheme): no --\(status)")
      // On the cell's own background, and on the page's when a printer drops backgrounds.
      for background in ["--\(status)-bg", "--bg"] {
        let ratio = Self.contrast(foreground, try #require(variables[background]))
        #expect(ratio >= 4.5, "\(scheme): --\(status) on \(background) is \(ratio):1, below 4.5:1")
      }
    }
    // The three cell backgrounds differ from one another and from the page.
    let backgrounds = ["--satisfied-bg", "--not-satisfied-bg", "--not-assessed-bg", "--bg"].compactMap {
      variables[$0]
    }
    #expect(Set(backgrounds).count == 4)
  }

  @Test func verdictCellsCarryTheirStatusAsAClass() throws {
    // The sample pack's verdicts table: one classed cell per requirement, class and text agreeing.
    let html = Self.text("index.html")
    let results = try #require(
      try JSONSerialization.jsonObject(with: Data(Self.pack["data/results.json"] ?? []))
        as? [String: Any])
    let statuses = (results["requirements"] as? [[String: Any]] ?? []).compactMap { $0["status"] as? String }
    #expect(statuses.count == 4)
    for status in Set(statuses) {
      #expect(
        html.components(separatedBy: "<td class=\"verdict-\(status)\">\(status)</td>").count - 1
          == statuses.filter { $0 == status }.count, "\(status)")
    }
    #expect(html.components(separatedBy: "<td class=\"verdict-").count - 1 == statuses.count)
    // Every status, rendered: the class comes from the status only; other text gets none.
    let table = ReportDocument.Table(
      columns: ["Requirement", "Status"],
      rows: [
        ["EXT-08.1", "satisfied"], ["EXT-08.2", "not-satisfied"], ["EXT-08.3", "not-assessed"],
        ["satisfied", "\" onmouseover=\"x"], ["EXT-08.4", "Satisfied"],
      ], verdictColumn: 1)
    let rendered = HTMLRenderer.render(ReportDocument(title: "t", blocks: [.table(table)]), css: "")
    #expect(rendered.contains("<tr><td>EXT-08.1</td><td class=\"verdict-satisfied\">satisfied</td></tr>"))
    #expect(
      rendered.contains("<tr><td>EXT-08.2</td><td class=\"verdict-not-satisfied\">not-satisfied</td></tr>"))
    #expect(
      rendered.contains("<tr><td>EXT-08.3</td><td class=\"verdict-not-assessed\">not-assessed</td></tr>"))
    #expect(rendered.contains("<tr><td>satisfied</td><td>&quot; onmouseover=&quot;x</td></tr>"))
    #expect(rendered.contains("<tr><td>EXT-08.4</td><td>Satisfied</td></tr>"))
  }

  @Test func focusIsVisible() throws {
    let css = try #require(BundledTemplates.text("report.css"))
    let rule = try #require(css.split(separator: "\n").first { $0.contains(":focus-visible") })
    #expect(rule.contains("outline: 3px solid var(--accent)"))
    #expect(!css.contains("outline: none") && !css.contains("outline: 0"))
  }

  // MARK: - A real browser

  /// Runs Scripts/browser-check.sh (headless Chromium, pdfinfo, pdftotext); skipped when Chromium
  /// cannot be installed here, unless CI is set.
  @Test func printsToPDFAndNothingIsWiderThanThePage() throws {
    let script = Self.packageRoot.appendingPathComponent("Scripts/browser-check.sh").path
    let (setup, setupOutput) = try Self.bash([script, "--setup"])
    if setup == 3 && ProcessInfo.processInfo.environment["CI"] == nil {
      print("skipped: headless Chromium could not be installed here: \(setupOutput)")
      return
    }
    #expect(setup == 0, "\(setupOutput)")
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "da-browser-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    let pack = folder.appendingPathComponent("pack")
    try PackWriter.write(Self.pack, to: pack, force: false)
    let (status, output) = try Self.bash([
      script, pack.appendingPathComponent("index.html").path, folder.appendingPathComponent("check").path,
    ])
    #expect(status == 0, "\(output)")
    #expect(output.contains("ok: print width: nothing is wider than"))
  }

  static func bash(_ arguments: [String]) throws -> (Int32, String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/bash")
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return (process.terminationStatus, output)
  }
}
