import AuditModel

/// The CLIXML reader's diagnostics: lowercase messages without a trailing period, each with
/// a hint saying what to do.
enum CLIXMLDiagnostics {
  static let reexport = "re-export the data with Export-Clixml"

  /// The file holds nothing but whitespace (or a byte order mark).
  static func empty(_ location: SourceLocation) -> Diagnostic {
    Diagnostic(
      .error, at: location, "empty file: no Export-Clixml document",
      hint: "\(reexport); the file is empty")
  }

  /// The root element is not `<Objs>`.
  static func notCLIXML(root: String, _ location: SourceLocation) -> Diagnostic {
    Diagnostic(
      .error, at: location,
      "not an Export-Clixml document: the root element is <\(root)>, not <Objs>",
      hint: "export the data with Export-Clixml, or give the file as CSV or JSON")
  }

  /// UTF-16 input had unpaired surrogates or an odd final byte.
  static func invalidUTF16(_ location: SourceLocation, encoding: TextEncoding) -> Diagnostic {
    Diagnostic(
      .warning, at: location,
      "invalid \(encoding.rawValue): broken surrogate pairs were replaced with U+FFFD",
      hint: "\(reexport); names holding U+FFFD will not match the directory")
  }

  /// Reading stopped because of `error`.
  static func stopped(
    _ error: CLIXMLStreamError, _ location: SourceLocation, maxDepth: Int, byteOffset: Int?
  ) -> Diagnostic {
    let detail = lowercasingFirst(error.message)
    switch error.kind {
    case .malformed:
      if error.isRecoverable {
        return Diagnostic(
          .warning, at: location, "malformed xml: \(detail)",
          hint: "the parser recovered and kept reading; \(reexport) to be sure nothing was lost")
      }
      return Diagnostic(
        .error, at: location, "malformed xml: \(detail)",
        hint: "\(reexport); records after this point were not read (do not edit exports by hand)")
    case .truncated:
      return Diagnostic(
        .error, at: location, "truncated file: the xml ends before the document does (\(detail))",
        hint: "\(reexport); the file appears truncated, by an interrupted export or copy")
    case .encoding:
      let at = byteOffset.map { " at byte \($0)" } ?? ""
      return Diagnostic(
        .error, at: location,
        "invalid utf-8\(at): the file is neither UTF-8 nor UTF-16 with a byte order mark",
        hint: "\(reexport) (PowerShell 7 writes UTF-8), or convert the file to UTF-8")
    case .doctype:
      return Diagnostic(
        .error, at: location,
        "refused a document type declaration (DOCTYPE): Export-Clixml never writes one",
        hint: "the file is not a genuine Export-Clixml export; \(reexport)")
    case .entity:
      return Diagnostic(
        .error, at: location, "refused an entity reference: \(detail)",
        hint: "Export-Clixml writes no entities besides &amp; &lt; &gt; &quot; &apos;; \(reexport)")
    case .depth:
      return Diagnostic(
        .error, at: location, "elements nested deeper than \(maxDepth) levels",
        hint: "Export-Clixml nests a few levels per -Depth; \(reexport) with a smaller -Depth")
    case .resources:
      return Diagnostic(
        .error, at: location, "the xml reader ran out of memory: \(detail)",
        hint: "free memory, or split the export into smaller files")
    }
  }

  /// A `Ref` to an object that was not kept (too large, or forgotten to bound memory).
  static func unresolvedReference(_ refId: Int, _ location: SourceLocation) -> Diagnostic {
    Diagnostic(
      .warning, at: location,
      "reference to object RefId=\(refId) that is unknown or was not kept; value left empty",
      hint: "\(reexport) with -Depth 1, or check the property in PowerShell")
  }

  /// A `TNRef` to a type list that was never defined.
  static func unresolvedTypeNames(_ refId: Int, _ location: SourceLocation) -> Diagnostic {
    Diagnostic(
      .warning, at: location, "reference to unknown type list RefId=\(refId); type names left empty",
      hint: "the file may have been edited or spliced; \(reexport)")
  }

  /// An element CLIXML does not define, read as text.
  static func unknownElement(_ name: String, _ location: SourceLocation) -> Diagnostic {
    Diagnostic(
      .warning, at: location, "unknown clixml element <\(name)> read as text",
      hint: "check the file comes from Export-Clixml; newer PowerShell versions may add types")
  }

  /// More diagnostics of one kind than are worth printing.
  static func suppressed(_ count: Int, like message: String, file: String) -> Diagnostic {
    Diagnostic(
      .note, at: SourceLocation(file: file),
      "\(count) more diagnostics like \"\(message)\" were not listed",
      hint: "fix the first ones listed; the rest are alike")
  }

  /// libxml2's messages start with a capital; ours do not.
  static func lowercasingFirst(_ text: String) -> String {
    guard let first = text.first, first.isUppercase else { return text }
    // Keep acronyms (`UTF-8`, `DOCTYPE`) as written.
    if let second = text.dropFirst().first, second.isUppercase { return text }
    return first.lowercased() + text.dropFirst()
  }
}
