import AuditModel

/// Report sections drawn from the assessment: verdicts, findings by code, changes, limitations.
struct AssessmentSections {
  var inventory: Inventory
  var assessment: Assessment
  var catalogs: [FrameworkCatalog]

  func verdicts() -> [ReportDocument.Block] {
    [
      .heading(level: 2, text: "Verdicts", anchor: "verdicts"),
      .paragraph([
        .markdown("Assessment period "), .text(DateParser.day(assessment.periodStart)), .markdown(" to "),
        .text(DateParser.day(assessment.periodEnd)),
        .markdown(
          ". A requirement is satisfied only when its evidence was supplied and no unwaived exception was found; missing evidence makes it not assessed."
        ),
      ]),
      .table(
        ReportDocument.Table(
          columns: ["Requirement", "Statement", "Status", "Population", "Exceptions", "Reason"],
          rows: assessment.results.map {
            [
              $0.requirement.rawValue, $0.requirement.statement, $0.status.rawValue,
              $0.population.map(String.init) ?? "not supplied", String($0.exceptions), $0.reason,
            ]
          }, verdictColumn: 2)),
    ]
  }

  func findings() -> [ReportDocument.Block] {
    var blocks: [ReportDocument.Block] = [
      .heading(level: 2, text: "Findings", anchor: "findings"),
      .paragraph([
        .markdown(
          "\(assessment.findings.count) findings (\(assessment.findings.filter(\.waived).count) waived); every finding is in "
        ),
        .code("data/findings.csv"), .markdown(" and "), .code("data/findings.json"), .markdown("."),
      ]),
    ]
    var byCode: [String: [Finding]] = [:]
    for finding in assessment.findings { byCode[finding.code, default: []].append(finding) }
    let codes = byCode.keys.sorted {
      let a = byCode[$0]!.map(\.severity).max() ?? .info
      let b = byCode[$1]!.map(\.severity).max() ?? .info
      return a != b ? a > b : $0 < $1
    }
    if !codes.isEmpty {
      blocks.append(
        .table(
          ReportDocument.Table(
            columns: ["Code", "Requirement", "Severity", "Findings", "Waived"],
            rows: codes.map { code in
              let list = byCode[code]!
              return [
                code, list[0].requirement, (list.map(\.severity).max() ?? .info).rawValue, String(list.count),
                String(list.filter(\.waived).count),
              ]
            })))
    }
    for code in codes {
      let list = byCode[code]!
      let shown = list.prefix(ReportContent.tableLimit)
      blocks.append(.heading(level: 3, text: code, anchor: "finding-\(code.lowercased())"))
      blocks.append(
        .table(
          ReportDocument.Table(
            columns: ["Id", "Severity", "Mailbox", "Trustee", "Right", "Message", "Evidence"],
            rows: shown.map {
              [
                $0.id + ($0.waived ? " (waived)" : ""), $0.severity.rawValue, $0.mailbox ?? "",
                $0.trustee ?? "",
                $0.right ?? "", $0.message, $0.evidence.first?.description ?? "",
              ]
            },
            note: list.count > shown.count
              ? "First \(shown.count) of \(list.count) \(code) findings; all are in data/findings.csv." : nil)
        ))
    }
    return blocks
  }

  func changes() -> [ReportDocument.Block] {
    let shown = assessment.changes.prefix(ReportContent.tableLimit)
    return [
      .heading(level: 2, text: "Delegation changes", anchor: "changes"),
      .paragraph([
        .markdown(
          "\(assessment.changes.count) changes from the audit log and the baseline, each reconciled; see "),
        .code("data/changes.csv"), .markdown("."),
      ]),
      .table(
        ReportDocument.Table(
          columns: ["Time", "Source", "Change", "Mailbox", "Trustee", "Right", "Reconciliation"],
          rows: shown.map {
            [
              $0.time.map(DateParser.iso) ?? "", $0.source.rawValue, $0.change.rawValue, $0.mailbox,
              $0.trustee,
              $0.right, $0.reconciliation,
            ]
          },
          note: assessment.changes.count > shown.count
            ? "First \(shown.count) of \(assessment.changes.count); all are in data/changes.csv." : nil)),
    ]
  }

  func limitations() -> [ReportDocument.Block] {
    var items: [[ReportDocument.Inline]] = []
    for result in assessment.results where result.status == .notAssessed {
      items.append([.markdown("**\(result.requirement.rawValue) not assessed:** "), .text(result.reason)])
      for missing in result.missingEvidence { items.append([.markdown("missing: "), .text(missing)]) }
    }
    for lossy in inventory.lossyColumns {
      items.append([
        .text("\(lossy.file): column \(lossy.column) lost its values in \(lossy.rows) rows; re-export with "),
        .code(lossy.reexportCommand),
      ])
    }
    if items.isEmpty {
      items.append([.markdown("Every export this control needs was supplied and readable.")])
    }
    for catalog in catalogs {
      items.append([
        .markdown("**Not covered by \(Escaping.markdown(catalog.shortTitle)):** "), .text(catalog.notCovered),
      ])
    }
    return [
      .heading(level: 2, text: "Limitations", anchor: "limitations"),
      .bulletList(items),
    ]
  }
}
