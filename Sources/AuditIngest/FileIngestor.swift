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
  /// - Parameter listsExcludedRows: false to count excluded rows without listing them.
  public static func ingest(
    _ input: InputFile, kindOverride: InputKind? = nil, listsExcludedRows: Bool = true
  ) -> IngestedFile {
    var recorded = input
    recorded.contents = nil
    let bytes: [UInt8]
    do throws(IngestError) {
      if let contents = input.contents {
        bytes = contents
      } else {
        switch input.source {
        case .file(let url):
          if let source = try UTF16FileSource.openIfXML(path: url.path) {
            let file = ingest(
              source, input: recorded, kindOverride: kindOverride, listsExcludedRows: listsExcludedRows)
            if let failure = source.readError { throw failure }
            return file
          }
          bytes = try FileBytes.read(path: url.path)
        case .archiveMember(let archive, let path):
          let archiveName = String(input.displayPath.dropLast(path.count + 1))
          bytes = try ZipInputExpander.readMember(
            path, of: archive, displayPath: archiveName, limits: .standard)
        }
      }
    } catch {
      let reason = error.message
      var report = ReaderReport(serialisation: .csv, encoding: .utf8)
      report.diagnostics.append(
        Diagnostic(.error, at: SourceLocation(file: input.displayPath), "cannot read the file: \(reason)"))
      return IngestedFile(
        input: recorded, sha256: "", size: 0, report: report, kind: nil, kindReason: nil,
        facts: FileFacts(
          ledger: FileLedger(
            file: input.displayPath, kind: nil, serialisation: "unknown", encoding: "unknown")))
    }
    return ingest(
      bytes: bytes, input: recorded, kindOverride: kindOverride, listsExcludedRows: listsExcludedRows)
  }

  /// - Parameter csvSplit: how a large CSV file is read in two parts at once (tests choose where).
  public static func ingest(
    bytes: [UInt8], input: InputFile, kindOverride: InputKind? = nil, csvSplit: CSVSplit = .automatic,
    listsExcludedRows: Bool = true
  ) -> IngestedFile {
    let sha = SHA256.hex(bytes)
    let file = input.displayPath
    var report: ReaderReport
    // UTF-8 with a BOM (the common case) is read in place after the BOM, not copied without it.
    let hasUTF8BOM = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
    // The CLIXML reader transcodes Export-Clixml output (UTF-16 from Windows PowerShell) itself:
    // decoding it here as well would hold a large export's text twice.
    let isXML = TextEncoding.firstCharacter(of: bytes) == UInt8(ascii: "<")
    let decoded =
      hasUTF8BOM || isXML
      ? (encoding: TextEncoding.utf8BOM, utf8: [UInt8](), hadInvalidSequences: false)
      : TextEncoding.decode(bytes)
    func withText<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
      if hasUTF8BOM {
        return bytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[3...])) }
      }
      return decoded.utf8.withUnsafeBufferPointer(body)
    }
    let first: UInt8? =
      isXML
      ? UInt8(ascii: "<")
      : withText { text in text.first { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D } }

    // Records are normalised as the reader emits them, not kept: the kind is detected from the
    // first record. What the normalisers add is merged after the reader's own findings below, in
    // the order a read-everything-first pass gives.
    var sink = RecordSink(
      file: file, kindOverride: kindOverride,
      mayBeASCII: decoded.encoding == .ascii || first == UInt8(ascii: "<"),
      listsExcludedRows: listsExcludedRows)
    // A large XML file is parsed on one thread and normalised on another (a large CSV file is
    // read in two halves instead; JSON parses too fast for a second thread to pay).
    let pipeline = isXML && bytes.count >= RecordPipeline.minimumFileSize ? RecordPipeline(sink) : nil
    func emit(_ record: Record) {
      if let pipeline { pipeline.add(record) } else { sink.consume(record) }
    }
    switch first {
    case UInt8(ascii: "<"):
      report = CLIXMLReader.read(bytes: bytes, file: file, emit: emit)
    case UInt8(ascii: "["), UInt8(ascii: "{"):
      report = withText { text in
        JSONRecordReader.read(utf8: text, file: file, encoding: decoded.encoding, emit: emit)
      }
    default:
      report = withText { text in
        CSVSplitReader.read(utf8: text, file: file, encoding: decoded.encoding, into: &sink, split: csvSplit)
          .report
      }
    }
    if let pipeline { sink = pipeline.finish() }
    return finish(
      report, sink, input: input, sha256: sha, size: bytes.count,
      hadInvalidSequences: decoded.hadInvalidSequences)
  }

  /// Reads a UTF-16 CLIXML export from disk, transcoded as it is parsed; the caller reports a
  /// file that could not be read to its end (`source.readError`).
  static func ingest(
    _ source: UTF16FileSource, input: InputFile, kindOverride: InputKind?, listsExcludedRows: Bool
  ) -> IngestedFile {
    let pipeline = RecordPipeline(
      RecordSink(
        file: input.displayPath, kindOverride: kindOverride, mayBeASCII: true,
        listsExcludedRows: listsExcludedRows))
    let report = CLIXMLReader.read(source, file: input.displayPath) { pipeline.add($0) }
    let sink = pipeline.finish()
    let sha = source.finish() ?? ""
    return finish(
      report, sink, input: input, sha256: sha, size: source.size, hadInvalidSequences: false)
  }

  /// The file's kind, facts and notes once its reader is done.
  private static func finish(
    _ report: ReaderReport, _ sink: RecordSink, input: InputFile, sha256 sha: String, size: Int,
    hadInvalidSequences: Bool
  ) -> IngestedFile {
    let file = input.displayPath
    var report = report
    var kind = sink.kind
    var reason = sink.reason
    var facts = sink.facts
    if hadInvalidSequences {
      report.diagnostics.append(
        Diagnostic(
          .warning, at: SourceLocation(file: file),
          "the utf-16 text has invalid sequences; they were replaced"))
    }
    if size == 0 {
      report.diagnostics = [
        Diagnostic(.error, at: SourceLocation(file: file), "the file is empty", hint: "export it again")
      ]
    }

    if !sink.sawRecord && kind == nil {
      if let found = KindDetector.detect(columns: report.columns, typeNames: []) {
        kind = found.kind
        reason = found.reason
      }
    }
    facts.ledger.kind = kind
    facts.ledger.serialisation = report.serialisation.rawValue
    facts.ledger.encoding = report.encoding.rawValue
    facts.ledger.recordsRead = report.recordCount
    facts.rejected = report.rejected + facts.rejected
    facts.ledger.rejected += report.rejected.count
    var diagnostics = report.diagnostics + sink.limitDiagnostics
    if kind == nil && size > 0 && report.diagnostics.allSatisfy({ $0.level != .error }) {
      let columns = sink.firstColumns ?? report.columns
      if let lookalike = KindDetector.lookalike(columns: columns) {
        diagnostics.append(
          Diagnostic(
            .warning, at: SourceLocation(file: file),
            "this looks like \(lookalike.description), which holds no mailbox delegation",
            hint: "make the \(lookalike.instead.rawValue) export instead: \(lookalike.instead.exportCommand)")
        )
      } else {
        let shown = columns.prefix(8).map(RecordLimits.shown).joined(separator: ", ")
        diagnostics.append(
          Diagnostic(
            .warning, at: SourceLocation(file: file), "not a recognised export (columns: \(shown))",
            hint: "see the README's export recipe for the cmdlets this tool reads, or pass --kind"))
      }
    }
    facts.diagnostics = diagnostics + facts.diagnostics
    if kind == .mailbox && sink.mailboxRecords > 0 && !sink.sawSendOnBehalfColumn {
      facts.diagnostics.append(
        Diagnostic(
          .warning, at: SourceLocation(file: file),
          "the mailbox export has no GrantSendOnBehalfTo column, so SendOnBehalf delegates (EXT-08.2) "
            + "cannot be assessed",
          hint: "re-export: \(InputKind.mailbox.exportCommand)"))
    }
    do {
      for column in facts.lossy.values.sorted() {
        facts.diagnostics.append(
          Diagnostic(
            .warning, at: column.firstLocation,
            "column \(column.column) holds the type name \(column.typeName) in \(column.rows) rows; the export lost these values",
            hint: "re-export: \(column.reexportCommand)"))
      }
    }
    if report.encoding == .ascii && sink.sawQuestionMark {
      facts.diagnostics.append(
        Diagnostic(
          .note, at: SourceLocation(file: file),
          "the file is ASCII and some values contain '?': non-ASCII characters may have been lost",
          hint: "Windows PowerShell 5.1 Export-Csv writes ASCII by default; re-export with -Encoding UTF8"))
    }
    return IngestedFile(
      input: input, sha256: sha, size: size, report: report, kind: kind, kindReason: reason,
      facts: facts)
  }

  /// Whether a value's text holds `?` (byte search for ASCII text, as `contains("?")` finds it).
  static func hasQuestionMark(_ value: FieldValue) -> Bool {
    guard let text = value.text else { return false }
    return text.withASCIIBytes { $0.contains(0x3F) } ?? text.contains("?")
  }

  /// A hash of a record's values, ignoring remoting columns that differ between sessions.
  static func contentHash(_ record: Record) -> Int {
    var hasher = Hasher()
    for field in record.fields {
      // Only names of 10, 14 or 18 bytes can be one of the remoting columns.
      let length = field.name.utf8.count
      if (length == 10 || length == 14 || length == 18)
        && (field.name.lowercasedEquals("pscomputername") || field.name.lowercasedEquals("runspaceid")
          || field.name.lowercasedEquals("psshowcomputername"))
      {
        continue
      }
      // The name as lowercase bytes, without making a lowercased copy.
      let hashedASCII = field.name.withASCIIBytes { bytes -> Bool in
        for byte in bytes { hasher.combine(ASCIIMatching.folded(byte)) }
        return true
      }
      if hashedASCII == nil {
        for byte in field.name.lowercased().utf8 { hasher.combine(byte) }
      }
      hasher.combine(0xFF as UInt8)
      hasher.combine(field.value)
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
