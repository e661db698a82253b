import AuditModel

/// Builds the report document: the sections an auditor reads, from facts already established.
struct ReportContent {
  var inventory: Inventory
  var assessment: Assessment
  var catalogs: [FrameworkCatalog]
  var inputs: [PackInput]
  var settings: RunSettings
  var templateOverrides: [String: [UInt8]]

  /// Rows shown per table in the report; the data files hold every row.
  static let tableLimit = 200

  func document() throws -> ReportDocument {
    var doc = ReportDocument(title: "Mailbox delegation evidence — EXT-08")
    let sections = AssessmentSections(inventory: inventory, assessment: assessment, catalogs: catalogs)
    doc.blocks += scope()
    doc.blocks += sections.verdicts()
    doc.blocks += completeness()
    doc.blocks += population()
    doc.blocks += sections.findings()
    doc.blocks += sections.changes()
    doc.blocks += exclusions()
    doc.blocks += problems()
    doc.blocks += sections.limitations()
    doc.blocks += try method()
    doc.blocks += signOff()
    doc.blocks += appendix()
    return doc
  }

  func scope() -> [ReportDocument.Block] {
    var lines: [[ReportDocument.Inline]] = [
      [.markdown("**Control:** EXT-08 Audit Mailbox Delegation")],
      [.markdown("**As of:** "), .text(DateParser.iso(settings.asOf))],
      [.markdown("**Tool:** delegation-audit "), .text(settings.toolVersion)],
    ]
    if let organisation = settings.organisation {
      lines.insert([.markdown("**Organisation:** "), .text(organisation)], at: 0)
    }
    return [
      .heading(level: 2, text: "Scope", anchor: "scope"),
      .bulletList(lines),
    ]
  }

  func completeness() -> [ReportDocument.Block] {
    let rows = inventory.ledgers.map { ledger in
      [
        ledger.file, ledger.kind?.rawValue ?? "unrecognised", ledger.serialisation, ledger.encoding,
        String(ledger.recordsRead), String(ledger.produced), String(ledger.excluded), String(ledger.rejected),
        ledger.reconciles ? "yes" : "NO",
      ]
    }
    return [
      .heading(level: 2, text: "Inputs and completeness", anchor: "completeness"),
      .paragraph([
        .markdown(
          "Every record read is accounted for: records read = produced + excluded by a named rule + rejected with a reason."
        )
      ]),
      .table(
        ReportDocument.Table(
          columns: [
            "File", "Kind", "Format", "Encoding", "Read", "Produced", "Excluded", "Rejected", "Reconciles",
          ],
          rows: rows)),
    ]
  }

  func population() -> [ReportDocument.Block] {
    var counts: [Right: Int] = [:]
    for grant in inventory.grants { counts[grant.key.right, default: 0] += 1 }
    let countRows = counts.keys.sorted().map { [$0.name, String(counts[$0]!)] }
    let fullAccess = inventory.grants.filter { $0.key.right == .fullAccess }
    var blocks: [ReportDocument.Block] = [
      .heading(level: 2, text: "Grant population", anchor: "population"),
      .paragraph([
        .markdown(
          "\(inventory.grants.count) effective grants (one per mailbox × trustee × right); all are listed in "
        ),
        .code("data/grants.csv"), .markdown("."),
      ]),
      .table(ReportDocument.Table(columns: ["Right", "Grants"], rows: countRows)),
      .heading(level: 3, text: "FullAccess grants", anchor: "fullaccess"),
    ]
    blocks.append(.table(grantTable(fullAccess)))
    return blocks
  }

  func grantTable(_ grants: [Grant]) -> ReportDocument.Table {
    let shown = grants.prefix(Self.tableLimit)
    return ReportDocument.Table(
      columns: ["Mailbox", "Trustee", "Trustee kind", "Inherited", "Source"],
      rows: shown.map {
        [
          $0.key.mailbox, $0.key.trustee, $0.trusteeKind.rawValue, $0.isInherited ? "yes" : "no",
          $0.sources.first?.description ?? "",
        ]
      },
      note: grants.count > shown.count
        ? "First \(shown.count) of \(grants.count); every grant is in data/grants.csv." : nil)
  }

  func exclusions() -> [ReportDocument.Block] {
    let counts = inventory.exclusionCounts
    return [
      .heading(level: 2, text: "Exclusions", anchor: "exclusions"),
      .paragraph([
        .markdown("Rows left out of the population by a named rule; each row is listed in "),
        .code("data/excluded.csv"), .markdown("."),
      ]),
      .table(
        ReportDocument.Table(
          columns: ["Rule", "Rows", "Why"],
          rows: counts.keys.sorted().map { [$0.rawValue, String(counts[$0]!), $0.explanation] })),
    ]
  }

  func problems() -> [ReportDocument.Block] {
    var blocks: [ReportDocument.Block] = [
      .heading(level: 2, text: "Input problems", anchor: "problems")
    ]
    if inventory.rejected.isEmpty && inventory.lossyColumns.isEmpty && inventory.diagnostics.isEmpty {
      blocks.append(.paragraph([.markdown("No input problems were found.")]))
      return blocks
    }
    if !inventory.lossyColumns.isEmpty {
      blocks.append(
        .table(
          ReportDocument.Table(
            columns: ["File", "Column", "Rows", "Type name found", "Re-export with"],
            rows: inventory.lossyColumns.map {
              [$0.file, $0.column, String($0.rows), $0.typeName, $0.reexportCommand]
            })))
    }
    let diagnostics = inventory.diagnostics.prefix(Self.tableLimit)
    if !diagnostics.isEmpty {
      blocks.append(
        .table(
          ReportDocument.Table(
            columns: ["Where", "Level", "Message"],
            rows: diagnostics.map { [$0.location?.description ?? "", $0.level.rawValue, $0.message] },
            note: inventory.diagnostics.count > diagnostics.count
              ? "First \(diagnostics.count) of \(inventory.diagnostics.count) diagnostics." : nil)))
    }
    blocks.append(
      .paragraph([
        .markdown("\(inventory.rejected.count) rows were rejected; each is listed with its reason in "),
        .code("data/rejected.csv"), .markdown("."),
      ]))
    return blocks
  }

  /// The method section, rendered from `method.md.mustache` with every value Markdown-escaped.
  func method() throws -> [ReportDocument.Block] {
    let name = "method.md.mustache"
    guard let source = BundledTemplates.text(name, overrides: templateOverrides) else { return [] }
    let template = try MustacheTemplate(source, name: name)
    let context: MustacheValue = .object([
      "version": .string(settings.toolVersion),
      "asOf": .string(DateParser.iso(settings.asOf)),
      "periodStart": .string(DateParser.iso(assessment.periodStart)),
      "periodEnd": .string(DateParser.iso(assessment.periodEnd)),
      "options": .list(
        settings.options.map { .object(["name": .string("--" + $0.0), "value": .string($0.1)]) }),
      "commands": .list(
        InputKind.allCases.filter { $0 != .register }.map {
          .object(["kind": .string($0.rawValue), "command": .string($0.exportCommand)])
        }),
    ])
    let markdown = try template.render(context, escape: { Escaping.markdown($0) })
    return [
      .heading(level: 2, text: "Method", anchor: "method"),
      .markdown(markdown),
    ]
  }

  func signOff() -> [ReportDocument.Block] {
    [
      .heading(level: 2, text: "Sign-off", anchor: "sign-off"),
      .table(
        ReportDocument.Table(
          columns: ["Role", "Name", "Signature", "Date"],
          rows: [["Preparer", "", "", ""], ["Reviewer", "", "", ""]])),
    ]
  }

  func appendix() -> [ReportDocument.Block] {
    [
      .heading(level: 2, text: "Appendix: input files", anchor: "appendix"),
      .table(
        ReportDocument.Table(
          columns: ["Role", "File", "Kind", "Size (bytes)", "SHA-256"],
          rows: inputs.map { [$0.role, $0.path, $0.kind ?? "unrecognised", String($0.size), $0.sha256] })),
    ]
  }
}
