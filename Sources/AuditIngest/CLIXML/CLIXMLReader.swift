import AuditModel

/// Reads PowerShell `Export-Clixml` documents, streaming, one record per top-level `<Obj>`.
///
/// The XML is parsed by libxml2's `xmlTextReader` through the `CXMLBridge` C target, which
/// refuses DOCTYPEs and entity references, never touches the network and bounds nesting.
/// Memory stays flat whatever the file size: only the record being read is held, plus a
/// bounded store of small objects for `<Ref>` (see `CLIXMLReferences`).
///
/// Mapping (FORMATS.md §2.4): a record's fields are the named children of its `<Props>` and
/// `<MS>`, then `ToString` when present; `Record.typeNames` are its `<TN>` (or `<TNRef>`)
/// names. Lists (`LST`, `IE`, `STK`, `QUE`) become `.list`, dictionaries (`DCT`) `.object`,
/// enums `.enumeration(name: ToString, value: I32)`, other objects `.object` (with their
/// `ToString`), objects with only a `ToString` `.string`, and `<Ref>` the referenced value.
/// `_xHHHH_` escapes are decoded in names and strings.
public enum CLIXMLReader {
  /// The deepest element nesting accepted (the root is depth 0).
  static let maximumDepth = 256

  /// Reads the top-level `<Obj>` records of an Export-Clixml document, calling `emit` for each.
  ///
  /// A malformed document stops reading where it breaks: records already emitted stay
  /// emitted, and a diagnostic says where and why. (libxml2 parses up to 512 bytes ahead of
  /// the events it hands out, so a record parsed in the same chunk as the break is not
  /// emitted; the diagnostic's path names the first record that was not.)
  ///
  /// - Parameters:
  ///   - bytes: The whole file, in any encoding PowerShell writes (UTF-16LE with a BOM,
  ///     UTF-8 with or without one).
  ///   - file: The file's name, for locations.
  ///   - emit: Called with each record, in document order.
  /// - Returns: The encoding, columns (the first record's field names), type name, counts,
  ///   rejected records and diagnostics.
  public static func read(
    bytes: UnsafeRawBufferPointer, file: String, emit: (Record) -> Void
  ) -> ReaderReport {
    CLIXMLInput.withUTF8(bytes) { input, utf8 in read(.buffer(utf8), of: input, file: file, emit: emit) }
  }

  /// Reads a UTF-16 document from disk, transcoded as the parser asks for it.
  static func read(_ source: UTF16FileSource, file: String, emit: (Record) -> Void) -> ReaderReport {
    let input = CLIXMLInput(encoding: source.bigEndian ? .utf16BE : .utf16LE, hadInvalidUTF16: false)
    var report = read(.source(source), of: input, file: file, emit: emit)
    if source.hadInvalidSequences {
      report.diagnostics.insert(
        CLIXMLDiagnostics.invalidUTF16(SourceLocation(file: file), encoding: input.encoding), at: 0)
    }
    return report
  }

  /// Where the UTF-8 comes from.
  private enum Text {
    case buffer(UnsafeRawBufferPointer)
    case source(UTF16FileSource)
  }

  /// Reads the records of `text`; `input` tells what encoding it came in.
  private static func read(
    _ text: Text, of input: CLIXMLInput, file: String, emit: (Record) -> Void
  ) -> ReaderReport {
    var report = ReaderReport(serialisation: .clixml, encoding: input.encoding)
    if input.hadInvalidUTF16 {
      report.diagnostics.append(
        CLIXMLDiagnostics.invalidUTF16(SourceLocation(file: file), encoding: input.encoding))
    }
    if case .buffer(let utf8) = text, isBlank(utf8) {
      report.diagnostics.append(CLIXMLDiagnostics.empty(SourceLocation(file: file)))
      return report
    }
    let fileOffsetOfInput: Int? =
      switch input.encoding {
      case .utf8BOM: 3
      case .utf8, .ascii: 0
      case .utf16LE, .utf16BE, .windows1252: nil
      }
    var builder = CLIXMLRecordBuilder(
      file: file, maxDepth: maximumDepth, fileOffsetOfInput: fileOffsetOfInput, report: report)
    let completed: Void? =
      switch text {
      case .buffer(let utf8):
        CLIXMLStream.reading(utf8, maxDepth: maximumDepth) { stream in builder.read(stream, emit: emit) }
      case .source(let source):
        CLIXMLStream.reading(source, maxDepth: maximumDepth) { stream in builder.read(stream, emit: emit) }
      }
    if completed == nil {
      builder.report.diagnostics.append(
        Diagnostic(
          .error, at: SourceLocation(file: file), "the xml reader could not be created",
          hint: "free memory and try again"))
    }
    return builder.report
  }

  /// Reads the top-level `<Obj>` records of an Export-Clixml document, calling `emit` for each.
  public static func read(bytes: [UInt8], file: String, emit: (Record) -> Void) -> ReaderReport {
    bytes.withUnsafeBytes { read(bytes: $0, file: file, emit: emit) }
  }

  /// Whether the bytes hold nothing but XML whitespace.
  private static func isBlank(_ bytes: UnsafeRawBufferPointer) -> Bool {
    bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
  }
}
