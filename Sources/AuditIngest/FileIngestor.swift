import AuditModel
import Digest
import Foundation

/// What reading one file gave: how it was read, what kind it is, and its facts.
public struct IngestedFile: Sendable {
  public var input: InputFile
  public var sha256: String
  public var size: Int
  public var report: ReaderReport
  public var kind: InputKind?
  public var kindReason: String?
  public var facts: FileFacts
}

/// Reads one file: encoding, serialisation, kind, then the normaliser of that kind.
public enum FileIngestor {
  /// Reads one input: an archive member from the bytes it carries, a file from disk.
  ///
  /// The returned `IngestedFile.input` no longer carries an archive member's bytes.
  public static func ingest(_ input: InputFile, kindOverride: InputKind? = nil) -> IngestedFile {
    var recorded = input
    recorded.contents = nil
    let bytes: [UInt8]
    do {
      if let contents = input.contents {
        bytes = contents
      } else {
        switch input.source {
        case .file(let url):
          bytes = Array(try Data(contentsOf: url))
        case .archiveMember(let archive, let path):
          let archiveName = String(input.displayPath.dropLast(path.count + 1))
          bytes = try ZipInputExpander.readMember(
            path, of: archive, displayPath: archiveName, limits: .standard)
        }
      }
    } catch {
      let reason = (error as? IngestError)?.message ?? error.localizedDescription
      var report = ReaderReport(serialisation: .csv, encoding: .utf8)
      report.diagnostics.append(
        Diagnostic(.error, at: SourceLocation(file: input.displayPath), "cannot read the file: \(reason)"))
      return IngestedFile(
        input: recorded, sha256: "", size: 0, report: report, kind: nil, kindReason: nil,
        facts: FileFacts(ledger: FileLedger(file: input.displayPath, kind: nil, serialisation: "unknown", encoding: "unknown")))
    }
    return ingest(bytes: bytes, input: recorded, kindOverride: kindOverride)
  }

  public static func ingest(bytes: [UInt8], input: InputFile, kindOverride: InputKind? = nil) -> IngestedFile {
    let sha = SHA256.hex(bytes)
    let file = input.displayPath
    var records: [Record] = []
    var report: ReaderReport
    let decoded = TextEncoding.decode(bytes)
    let first = decoded.utf8.first { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }
    switch first {
    case UInt8(ascii: "<"):
      report = CLIXMLReader.read(bytes: bytes, file: file) { records.append($0) }
    case UInt8(ascii: "["), UInt8(ascii: "{"):
      report = JSONRecordReader.read(utf8: decoded.utf8, file: file, encoding: decoded.encoding) { records.append($0) }
    default:
      report = CSVRecordReader.read(utf8: decoded.utf8, file: file, encoding: decoded.encoding) { records.append($0) }
    }
    if decoded.hadInvalidSequences {
      report.diagnostics.append(
        Diagnostic(.warning, at: SourceLocation(file: file), "the utf-16 text has invalid sequences; they were replaced"))
    }
    // A record beyond the limits is rejected before anything looks at it (kind detection included).
    var oversized: [(record: Record, reason: String)] = []
    records.removeAll { record in
      guard let reason = RecordLimits.violation(record) else { return false }
      oversized.append((record, reason))
      return true
    }
    if bytes.isEmpty {
      report.diagnostics = [
        Diagnostic(.error, at: SourceLocation(file: file), "the file is empty", hint: "export it again")
      ]
    }

    var kind = kindOverride
    var reason = kindOverride.map { _ in "given with --kind" }
    if kind == nil {
      let columns = records.first.map { $0.fields.map(\.name) } ?? report.columns
      let typeNames = records.first?.typeNames ?? []
      if let detected = KindDetector.detect(columns: columns, typeNames: typeNames) {
        kind = detected.kind
        reason = detected.reason
      }
    }
    var facts = FileFacts(
      ledger: FileLedger(
        file: file, kind: kind, serialisation: report.serialisation.rawValue,
        encoding: report.encoding.rawValue, recordsRead: report.recordCount))
    facts.rejected = report.rejected
    facts.ledger.rejected = report.rejected.count
    facts.diagnostics = report.diagnostics
    for (record, reason) in oversized {
      facts.reject(record, reason)
      facts.diagnostics.append(
        Diagnostic(
          .error, at: record.location, reason,
          hint: "the file is corrupt or was not written by PowerShell; re-export it"))
    }
    if kind == nil && !bytes.isEmpty && report.diagnostics.allSatisfy({ $0.level != .error }) {
      let columns = records.first.map { $0.fields.map(\.name) } ?? report.columns
      if let lookalike = KindDetector.lookalike(columns: columns) {
        facts.diagnostics.append(
          Diagnostic(
            .warning, at: SourceLocation(file: file),
            "this looks like \(lookalike.description), which holds no mailbox delegation",
            hint:
              "make the \(lookalike.instead.rawValue) export instead: \(lookalike.instead.exportCommand)"))
      } else {
        let shown = columns.prefix(8).map(RecordLimits.shown).joined(separator: ", ")
        facts.diagnostics.append(
          Diagnostic(
            .warning, at: SourceLocation(file: file), "not a recognised export (columns: \(shown))",
            hint: "see the README's export recipe for the cmdlets this tool reads, or pass --kind"))
      }
    }
    if let kind {
      for record in records {
        let before = facts.ledger.produced
        normalise(record, kind: kind, into: &facts)
        if facts.ledger.produced > before {
          facts.producedRowHashes.append((record.location, contentHash(record)))
        }
      }
    } else {
      for record in records { facts.reject(record, "the file's kind could not be detected") }
    }
    if facts.ledger.kind == .mailboxPermission || facts.ledger.kind == .mailbox {
      for column in facts.lossy.values.sorted() {
        facts.diagnostics.append(
          Diagnostic(
            .warning, at: column.firstLocation,
            "column \(column.column) holds the type name \(column.typeName) in \(column.rows) rows; the export lost these values",
            hint: "re-export: \(column.reexportCommand)"))
      }
    }
    if kind == .mailbox && !records.isEmpty
      && !records.contains(where: { $0["GrantSendOnBehalfTo"] != nil })
    {
      facts.diagnostics.append(
        Diagnostic(
          .warning, at: SourceLocation(file: file),
          "the mailbox export has no GrantSendOnBehalfTo column, so SendOnBehalf delegates (EXT-08.2) "
            + "cannot be assessed",
          hint: "re-export: \(InputKind.mailbox.exportCommand)"))
    }
    if report.encoding == .ascii && records.contains(where: { $0.fields.contains { $0.value.text?.contains("?") == true } }) {
      facts.diagnostics.append(
        Diagnostic(
          .note, at: SourceLocation(file: file),
          "the file is ASCII and some values contain '?': non-ASCII characters may have been lost",
          hint: "Windows PowerShell 5.1 Export-Csv writes ASCII by default; re-export with -Encoding UTF8"))
    }
    return IngestedFile(
      input: input, sha256: sha, size: bytes.count, report: report, kind: kind, kindReason: reason,
      facts: facts)
  }

  /// A hash of a record's values, ignoring remoting columns that differ between sessions.
  static func contentHash(_ record: Record) -> Int {
    var hasher = Hasher()
    for field in record.fields {
      switch field.name.lowercased() {
      case "pscomputername", "runspaceid", "psshowcomputername": continue
      default:
        hasher.combine(field.name.lowercased())
        hasher.combine(field.value)
      }
    }
    return hasher.finalize()
  }

  static func normalise(_ record: Record, kind: InputKind, into facts: inout FileFacts) {
    switch kind {
    case .mailboxPermission: MailboxPermissionNormaliser.consume(record, into: &facts)
    case .recipientPermission: RecipientPermissionNormaliser.consume(record, into: &facts)
    case .adPermission: ADPermissionNormaliser.consume(record, into: &facts)
    case .mailbox: MailboxNormaliser.consume(record, into: &facts)
    case .folderPermission: FolderPermissionNormaliser.consume(record, into: &facts)
    case .orgConfig: OrgConfigNormaliser.consume(record, into: &facts)
    case .auditBypass: AuditBypassNormaliser.consume(record, into: &facts)
    case .auditLog: AuditLogNormaliser.consume(record, into: &facts)
    case .directory: DirectoryNormaliser.consume(record, into: &facts)
    case .register: RegisterNormaliser.consume(record, into: &facts)
    }
  }
}
