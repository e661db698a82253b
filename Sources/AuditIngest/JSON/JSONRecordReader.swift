import AuditModel

/// Reads PowerShell JSON exports (`ConvertTo-Json`, JSONL, admin API envelopes) into records.
///
/// A byte-level streaming reader: it scans UTF-8 bytes without `JSONDecoder`, builds a `String`
/// only for each key (shared across records) and each kept value, and hands each record to
/// `emit` as soon as its closing brace is read. See `JSONDocumentReader` for the shapes it
/// accepts, the record paths it assigns and how it recovers from errors.
public enum JSONRecordReader {
  /// Reads the records of a PowerShell JSON export (UTF-8 bytes, BOM already removed), calling
  /// `emit` for each.
  ///
  /// - Parameters:
  ///   - utf8: the file's bytes, transcoded to UTF-8 and without a byte order mark.
  ///   - file: the file name used in locations and diagnostics.
  ///   - encoding: the encoding the file was detected in, copied into the report.
  ///   - emit: called once per record, in file order.
  /// - Returns: columns (keys of the first record), rejected records and diagnostics.
  /// - Complexity: O(n) in the input bytes; memory is bounded by the largest record.
  public static func read(
    utf8: UnsafeBufferPointer<UInt8>, file: String, encoding: TextEncoding, emit: (Record) -> Void
  ) -> ReaderReport {
    var reader = JSONDocumentReader(bytes: utf8, file: file, encoding: encoding)
    var report = reader.read(emit: emit)
    if encoding == .windows1252 {
      report.diagnostics.insert(TextEncoding.legacyCodePageDiagnostic(file: file), at: 0)
    }
    return report
  }

  /// Reads the records of a PowerShell JSON export held in an array; see
  /// `read(utf8:file:encoding:emit:)` for an unsafe buffer.
  public static func read(
    utf8: [UInt8], file: String, encoding: TextEncoding, emit: (Record) -> Void
  ) -> ReaderReport {
    utf8.withUnsafeBufferPointer { buffer in
      read(utf8: buffer, file: file, encoding: encoding, emit: emit)
    }
  }

  /// Parses one JSON text (e.g. an AuditData cell) into a value; nil plus a diagnostic message
  /// on error.
  ///
  /// The whole text must be one value, optionally surrounded by whitespace. Duplicate keys keep
  /// the last value; unpaired surrogate escapes become U+FFFD.
  ///
  /// - Returns: the value, or the syntax error with its line and column in `text`.
  public static func parseValue(_ text: String) -> Result<FieldValue, JSONSyntaxError> {
    var text = text
    return text.withUTF8 { buffer in
      var scanner = JSONScanner(buffer, sharing: .text)
      var lines = JSONLineTracker(buffer)
      func located(_ error: JSONSyntaxError) -> JSONSyntaxError {
        var error = error
        (error.line, error.column) = lines.position(of: error.offset)
        return error
      }
      scanner.skipWhitespace()
      guard !scanner.isAtEnd else {
        return .failure(located(JSONSyntaxError(.truncated, "the text holds no value", offset: 0)))
      }
      do throws(JSONSyntaxError) {
        let value = try scanner.parseValue(depth: 0)
        scanner.skipWhitespace()
        guard scanner.isAtEnd else {
          return .failure(located(scanner.unexpectedByte("after the end of the value")))
        }
        return .success(value)
      } catch {
        return .failure(located(error))
      }
    }
  }
}
