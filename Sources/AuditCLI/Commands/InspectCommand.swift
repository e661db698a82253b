import AuditIngest
import AuditModel
import AuditReport

/// `delegation-audit inspect`: what each file is, its columns, counts and problems.
struct InspectCommand {
  var arguments: ParsedArguments
  var console: Console

  func execute() -> ExitCode {
    var kind: InputKind?
    if let name = arguments.value("kind") {
      guard let parsed = InputKind(rawValue: name) else {
        let suggestion = NearMiss.suggest(name, among: InputKind.allCases.map(\.rawValue))
        console.err(
          UsageError(
            message: "unknown kind '\(name)'",
            hint: suggestion.map { "did you mean '\($0)'?" }
              ?? "kinds: \(InputKind.allCases.map(\.rawValue).joined(separator: ", "))"
          ).description)
        return .usage
      }
      kind = parsed
    }
    let files: [IngestedFile]
    do {
      files = try InputCollector.collect(arguments.positionals).map {
        FileIngestor.ingest($0, kindOverride: kind)
      }
    } catch {
      console.err(error.description)
      return .inputUnusable
    }
    if arguments.has("json") {
      console.out(JSONValue.array(files.map(json)).serialised())
    } else {
      for file in files { console.out(text(file)) }
    }
    return files.contains { $0.kind != nil } ? .packWritten : .inputUnusable
  }

  func text(_ file: IngestedFile) -> String {
    let report = file.report
    let ledger = file.facts.ledger
    var lines = [
      "\(file.input.displayPath)",
      "  format:    \(report.serialisation.rawValue), \(report.encoding.rawValue)"
        + (report.delimiter.map { ", delimiter '\(Character(Unicode.Scalar($0)))'" } ?? ""),
      "  kind:      \(file.kind?.rawValue ?? "unrecognised")" + (file.kindReason.map { " (\($0))" } ?? ""),
    ]
    if let typeName = report.typeName { lines.append("  type:      \(typeName)") }
    lines.append("  columns:   \(report.columns.joined(separator: ", "))")
    if let kind = file.kind {
      let missing = ExpectedColumns.missing(kind: kind, columns: report.columns)
      if !missing.isEmpty { lines.append("  missing:   \(missing.joined(separator: ", "))") }
    }
    lines.append(
      "  records:   \(ledger.recordsRead) read, \(ledger.produced) produced, \(ledger.excluded) excluded, "
        + "\(ledger.rejected) rejected")
    for lossy in file.facts.lossy.values.sorted() {
      lines.append("  lossy:     column \(lossy.column) holds \(lossy.typeName) in \(lossy.rows) rows")
      lines.append("             re-export: \(lossy.reexportCommand)")
    }
    for diagnostic in file.facts.diagnostics.prefix(10) { lines.append("  \(diagnostic)") }
    return lines.joined(separator: "\n")
  }

  func json(_ file: IngestedFile) -> JSONValue {
    let ledger = file.facts.ledger
    return .object([
      ("file", .string(file.input.displayPath)),
      ("serialisation", .string(file.report.serialisation.rawValue)),
      ("encoding", .string(file.report.encoding.rawValue)),
      ("delimiter", file.report.delimiter.map { .string(String(Character(Unicode.Scalar($0)))) } ?? .null),
      ("kind", file.kind.map { .string($0.rawValue) } ?? .null),
      ("kindReason", file.kindReason.map { .string($0) } ?? .null),
      ("columns", .array(file.report.columns.map { .string($0) })),
      (
        "missingColumns",
        .array(
          file.kind.map { ExpectedColumns.missing(kind: $0, columns: file.report.columns) }?.map {
            .string($0)
          } ?? [])
      ),
      ("read", .int(Int64(ledger.recordsRead))),
      ("produced", .int(Int64(ledger.produced))),
      ("excluded", .int(Int64(ledger.excluded))),
      ("rejected", .int(Int64(ledger.rejected))),
      (
        "lossy",
        .array(
          file.facts.lossy.values.sorted().map {
            .object([
              ("column", .string($0.column)), ("rows", .int(Int64($0.rows))),
              ("typeName", .string($0.typeName)),
              ("reexport", .string($0.reexportCommand)),
            ])
          })
      ),
      ("diagnostics", .array(file.facts.diagnostics.map { .string($0.description) })),
    ])
  }
}
