import AuditModel

/// Walks the top-level shapes of a PowerShell JSON export and turns each object into a `Record`.
///
/// The file is read as a sequence of top-level values separated by whitespace, which covers:
/// - one array of objects (`ConvertTo-Json`): each element is a record;
/// - one object: it is the record;
/// - concatenated arrays (`][`, `]\n[` from `ConvertTo-Json | Out-File -Append`);
/// - JSONL and other runs of objects: each object is a record;
/// - the Exchange admin API envelope `{"@odata.context": …, "value": [ … ]}`: the elements of
///   `value` are the records. An object is taken as an envelope when its first key is `value`
///   holding an array, or starts with `@odata.` / `odata.`.
///
/// Record paths address the record among the top-level values:
/// - `[i]`: element i of the first top-level array;
/// - `[t][i]`: element i of top-level value t when t ≥ 1 (the second appended array is `[1]`);
/// - `[t]`: a top-level value that is itself the record (a single object is `[0]`; JSONL line
///   objects are `[0]`, `[1]`, …);
/// - `value[i]`: element i of an envelope's `value` (`[t].value[i]` when t ≥ 1).
/// The first array keeps the short form because records stream out before the reader can know
/// whether another top-level value follows. Line and column always locate the record's `{`.
///
/// Errors: a syntax error rejects the record it occurs in and is reported as
/// `file:line:col: error: invalid json: …`. The reader then resumes at the next line whose `{`
/// stands at the same indentation as the failed record's `{` (the next JSONL line, the next
/// element of a pretty-printed array); when there is none it stops. Records already emitted stay
/// emitted.
struct JSONDocumentReader {
  private var scanner: JSONScanner
  private var lines: JSONLineTracker
  private var report: ReaderReport
  private let file: String
  private var emitted = 0
  private var stopped = false
  private var sawError = false

  init(bytes: UnsafeBufferPointer<UInt8>, file: String, encoding: TextEncoding) {
    scanner = JSONScanner(bytes)
    lines = JSONLineTracker(bytes)
    report = ReaderReport(serialisation: .json, encoding: encoding)
    self.file = file
  }

  private var bytes: UnsafeBufferPointer<UInt8> { scanner.bytes }

  /// Reads every top-level value, calling `emit` for each record, and returns the report.
  mutating func read(emit: (Record) -> Void) -> ReaderReport {
    // Tolerate a byte order mark the caller left in place.
    if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF {
      scanner.offset = 3
    }
    scanner.skipWhitespace()
    if scanner.isAtEnd {
      let what = bytes.isEmpty ? "the file is empty" : "the file holds only whitespace"
      report.diagnostics.append(
        Diagnostic(.warning, at: SourceLocation(file: file), "\(what); it holds no records"))
      return finish()
    }
    var topIndex = 0
    while !stopped {
      scanner.skipWhitespace()
      if scanner.isAtEnd { break }
      let prefix = topIndex == 0 ? "" : "[\(topIndex)]"
      switch scanner.current {
      case JSONByte.openBracket:
        readRecordArray(prefix: prefix, depth: 0, emit: emit)
      case JSONByte.openBrace:
        if isEnvelope(at: scanner.offset) {
          readEnvelope(prefix: prefix, emit: emit)
        } else {
          readTopLevelRecord(path: "[\(topIndex)]", emit: emit)
        }
      case JSONByte.quote, JSONByte.minus, JSONByte.zero...JSONByte.nine, JSONByte.lowercaseT,
        JSONByte.lowercaseF, JSONByte.lowercaseN:
        readTopLevelRecord(path: "[\(topIndex)]", emit: emit)
      default:
        let message =
          topIndex == 0
          ? "unexpected \(JSONByte.describe(scanner.current)); a JSON export starts with '[' or '{'"
          : "unexpected \(JSONByte.describe(scanner.current)) after the end of the top-level value"
        reportSyntaxError(
          JSONSyntaxError(.invalidSyntax, message, offset: scanner.offset), path: nil, recordStart: nil)
        stopped = true
      }
      topIndex += 1
    }
    if emitted == 0 && report.rejected.isEmpty && !sawError {
      report.diagnostics.append(
        Diagnostic(.warning, at: SourceLocation(file: file), "the file holds no records"))
    }
    return finish()
  }

  private func finish() -> ReaderReport {
    var report = report
    report.recordCount = emitted + report.rejected.count
    return report
  }

  // MARK: - Shapes

  /// Reads a top-level value that is itself the record (a single object, a JSONL line).
  private mutating func readTopLevelRecord(path: String, emit: (Record) -> Void) {
    let start = scanner.offset
    if !readRecord(path: path, depth: 0, emit: emit) {
      resume(after: start)
    }
  }

  /// Reads an array whose elements are records; the cursor is on its `[`.
  private mutating func readRecordArray(prefix: String, depth: Int, emit: (Record) -> Void) {
    scanner.offset += 1
    scanner.skipWhitespace()
    if !scanner.isAtEnd && scanner.current == JSONByte.closeBracket {
      scanner.offset += 1
      return
    }
    var index = 0
    while true {
      scanner.skipWhitespace()
      if scanner.isAtEnd {
        reportSyntaxError(
          JSONSyntaxError(.truncated, "unexpected end of file inside an array", offset: scanner.offset),
          path: nil, recordStart: nil)
        stopped = true
        return
      }
      let start = scanner.offset
      if !readRecord(path: Self.path(prefix, index), depth: depth + 1, emit: emit) {
        resume(after: start)
        if stopped { return }
        index += 1
        continue
      }
      index += 1
      scanner.skipWhitespace()
      if scanner.isAtEnd {
        reportSyntaxError(
          JSONSyntaxError(
            .truncated, "unexpected end of file inside an array; expected ',' or ']'",
            offset: scanner.offset),
          path: nil, recordStart: nil)
        stopped = true
        return
      }
      switch scanner.current {
      case JSONByte.comma:
        scanner.offset += 1
        scanner.skipWhitespace()
        if !scanner.isAtEnd && scanner.current == JSONByte.closeBracket {
          report.diagnostics.append(
            Diagnostic(.warning, at: location(of: scanner.offset, path: nil), "trailing comma before ']'"))
          scanner.offset += 1
          return
        }
      case JSONByte.closeBracket:
        scanner.offset += 1
        return
      case JSONByte.openBrace:
        // A missing comma between two objects: report it and read on.
        reportSyntaxError(
          JSONSyntaxError(.invalidSyntax, "missing ',' between array elements", offset: scanner.offset),
          path: nil, recordStart: nil)
      default:
        reportSyntaxError(
          scanner.unexpectedByte("after an array element; expected ',' or ']'"), path: nil,
          recordStart: nil)
        stopped = true
        return
      }
    }
  }

  /// Whether the object at `start` is an admin API envelope (`{"@odata.context":…, "value":[…]}`).
  private func isEnvelope(at start: Int) -> Bool {
    var i = start + 1
    while i < bytes.count && JSONByte.isWhitespace(bytes[i]) { i += 1 }
    guard i < bytes.count && bytes[i] == JSONByte.quote else { return false }
    let keyStart = i + 1
    var keyEnd = keyStart
    while keyEnd < bytes.count && bytes[keyEnd] != JSONByte.quote {
      if bytes[keyEnd] == JSONByte.backslash { return false }
      keyEnd += 1
    }
    guard keyEnd < bytes.count else { return false }
    let key = UnsafeBufferPointer(rebasing: bytes[keyStart..<keyEnd])
    if key.starts(with: "@odata.".utf8) || key.starts(with: "odata.".utf8) { return true }
    guard key.elementsEqual("value".utf8) else { return false }
    i = keyEnd + 1
    while i < bytes.count && JSONByte.isWhitespace(bytes[i]) { i += 1 }
    guard i < bytes.count && bytes[i] == JSONByte.colon else { return false }
    i += 1
    while i < bytes.count && JSONByte.isWhitespace(bytes[i]) { i += 1 }
    return i < bytes.count && bytes[i] == JSONByte.openBracket
  }

  /// Reads an envelope object: records from its `value` array, other members skipped.
  private mutating func readEnvelope(prefix: String, emit: (Record) -> Void) {
    let start = scanner.offset
    scanner.offset += 1
    var sawValue = false
    do throws(JSONSyntaxError) {
      while true {
        scanner.skipWhitespace()
        guard !scanner.isAtEnd && scanner.current == JSONByte.quote else {
          throw scanner.unexpectedByte("where an object key was expected")
        }
        let key = try scanner.readKey(after: JSONKeyInterner.unknown, depth: 0).string
        scanner.skipWhitespace()
        guard !scanner.isAtEnd && scanner.current == JSONByte.colon else {
          throw scanner.unexpectedByte("after an object key; expected ':'")
        }
        scanner.offset += 1
        scanner.skipWhitespace()
        if key == "value" && !scanner.isAtEnd && scanner.current == JSONByte.openBracket {
          readRecordArray(prefix: prefix.isEmpty ? "value" : prefix + ".value", depth: 1, emit: emit)
          if stopped { return }
          sawValue = true
        } else {
          _ = try scanner.parseValue(depth: 1)
          scanner.issues.removeAll(keepingCapacity: true)
        }
        scanner.skipWhitespace()
        guard !scanner.isAtEnd else {
          throw JSONSyntaxError(.truncated, "unexpected end of file inside an object", offset: scanner.offset)
        }
        if scanner.current == JSONByte.comma {
          scanner.offset += 1
          continue
        }
        guard scanner.current == JSONByte.closeBrace else {
          throw scanner.unexpectedByte("after an object member; expected ',' or '}'")
        }
        scanner.offset += 1
        break
      }
    } catch {
      reportSyntaxError(error, path: nil, recordStart: nil)
      stopped = true
      return
    }
    if !sawValue {
      report.diagnostics.append(
        Diagnostic(
          .warning, at: location(of: start, path: nil),
          "the object has '@odata' members but no 'value' array; it holds no records"))
    }
  }

  // MARK: - Records

  /// Parses the value at the cursor as one record and emits or rejects it.
  ///
  /// - Returns: false after a syntax error the caller must recover from (already reported).
  private mutating func readRecord(path: String, depth: Int, emit: (Record) -> Void) -> Bool {
    let start = scanner.offset
    let value: FieldValue
    do {
      value = try scanner.parseValue(depth: depth)
    } catch {
      scanner.issues.removeAll(keepingCapacity: true)
      reportSyntaxError(error, path: path, recordStart: start)
      if error.kind == .tooDeep, let end = endOfContainer(from: start) {
        scanner.offset = end
        return true
      }
      return false
    }
    let location = location(of: start, path: path)
    if !scanner.issues.isEmpty && !reportIssues(recordAt: location, path: path) {
      return true
    }
    guard case .object(let fields) = value else {
      report.rejected.append(
        RejectedRow(location: location, reason: "not an object: the element is \(describe(value))"))
      return true
    }
    if emitted == 0 { report.columns = fields.map(\.name) }
    emitted += 1
    emit(Record(fields: fields, location: location))
    return true
  }

  /// Reports the issues the scanner collected in one record.
  ///
  /// - Returns: false when the record must be rejected (invalid UTF-8).
  private mutating func reportIssues(recordAt recordLocation: SourceLocation, path: String) -> Bool {
    var rejection: String?
    for issue in scanner.issues {
      let at = location(of: issue.offset, path: path)
      switch issue.kind {
      case .duplicateKey(let key):
        report.diagnostics.append(
          Diagnostic(.warning, at: at, "duplicate key '\(key)' in an object; the last value is kept"))
      case .unpairedSurrogate:
        report.diagnostics.append(
          Diagnostic(.warning, at: at, "unpaired surrogate escape in a string; replaced with U+FFFD"))
      case .invalidUTF8:
        report.diagnostics.append(
          Diagnostic(
            .error, at: at, "invalid utf-8 in a string",
            hint: "save the export as UTF-8 (Out-File -Encoding utf8); the bytes look like another code page")
        )
        if rejection == nil {
          rejection = "invalid utf-8 in a string at line \(at.line), column \(at.column)"
        }
      }
    }
    scanner.issues.removeAll(keepingCapacity: true)
    guard let rejection else { return true }
    report.rejected.append(RejectedRow(location: recordLocation, reason: rejection))
    return false
  }

  /// `prefix[index]`, built without string interpolation (it runs once per record).
  static func path(_ prefix: String, _ index: Int) -> String {
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 24) { buffer in
      var end = 24
      buffer[end - 1] = JSONByte.closeBracket
      end -= 1
      var rest = index
      repeat {
        end -= 1
        buffer[end] = JSONByte.zero &+ UInt8(truncatingIfNeeded: rest % 10)
        rest /= 10
      } while rest > 0 && end > 1
      end -= 1
      buffer[end] = JSONByte.openBracket
      let text = String(decoding: UnsafeBufferPointer(rebasing: buffer[end..<24]), as: UTF8.self)
      return prefix.isEmpty ? text : prefix + text
    }
  }

  private func describe(_ value: FieldValue) -> String {
    switch value {
    case .null: "null"
    case .string: "a string"
    case .bool: "a boolean"
    case .number: "a number"
    case .list: "an array"
    case .object: "an object"
    case .enumeration: "an enumeration"
    }
  }

  // MARK: - Errors and recovery

  private mutating func location(of offset: Int, path: String?) -> SourceLocation {
    let (line, column) = lines.position(of: offset)
    return SourceLocation(file: file, line: line, column: column, path: path)
  }

  /// Reports a syntax error and, when it happened inside a record, rejects that record.
  private mutating func reportSyntaxError(_ error: JSONSyntaxError, path: String?, recordStart: Int?) {
    sawError = true
    let recordLocation = recordStart.map { location(of: $0, path: path) }
    var error = error
    let at = location(of: error.offset, path: path)
    error.line = at.line
    error.column = at.column
    var hint = error.hint
    if error.offset < bytes.count && bytes[error.offset] == 0 {
      hint =
        "the file holds NUL bytes; it may be UTF-16 without a byte order mark: re-export with Out-File -Encoding utf8"
    } else if error.kind != .tooDeep, let recordStart,
      let open = stringRunningOntoNextLine(from: recordStart, to: error.offset)
    {
      let (line, column) = lines.position(of: open)
      hint =
        "the string at line \(line), column \(column) runs onto the next line; is its closing quote missing?"
    }
    report.diagnostics.append(Diagnostic(.error, at: at, "invalid json: \(error.message)", hint: hint))
    if let recordLocation {
      report.rejected.append(
        RejectedRow(
          location: recordLocation,
          reason: "invalid json: \(error.message) at line \(error.line), column \(error.column)"))
    }
  }

  /// Moves the cursor to the next record after a broken one, or stops the reader.
  ///
  /// The next record is the first later line whose first non-blank byte is a `{` at the same
  /// indentation as the broken record's `{`, which must itself open its line.
  private mutating func resume(after recordStart: Int) {
    guard let next = nextRecordStart(after: recordStart) else {
      stopped = true
      return
    }
    scanner.offset = next
    report.diagnostics.append(
      Diagnostic(.note, at: location(of: next, path: nil), "reading resumes at the next record"))
  }

  private func nextRecordStart(after recordStart: Int) -> Int? {
    var lineStart = recordStart
    while lineStart > 0 && bytes[lineStart - 1] != JSONByte.newline { lineStart -= 1 }
    for i in lineStart..<recordStart where bytes[i] != JSONByte.space && bytes[i] != JSONByte.tab {
      return nil
    }
    let indent = recordStart - lineStart
    var i = recordStart
    while true {
      while i < bytes.count && bytes[i] != JSONByte.newline { i += 1 }
      guard i < bytes.count else { return nil }
      i += 1
      let candidateLine = i
      while i < bytes.count && i - candidateLine < indent
        && (bytes[i] == JSONByte.space || bytes[i] == JSONByte.tab)
      {
        i += 1
      }
      if i - candidateLine == indent && i < bytes.count && bytes[i] == JSONByte.openBrace {
        return i
      }
    }
  }

  /// The offset just after the container that opens at `start`, found by counting brackets.
  private func endOfContainer(from start: Int) -> Int? {
    var depth = 0
    var inString = false
    var i = start
    while i < bytes.count {
      let byte = bytes[i]
      if inString {
        if byte == JSONByte.backslash {
          i += 1
        } else if byte == JSONByte.quote {
          inString = false
        }
      } else if byte == JSONByte.quote {
        inString = true
      } else if byte == JSONByte.openBrace || byte == JSONByte.openBracket {
        depth += 1
      } else if byte == JSONByte.closeBrace || byte == JSONByte.closeBracket {
        depth -= 1
        if depth == 0 { return i + 1 }
      }
      i += 1
    }
    return nil
  }

  /// The opening quote of the first string between the offsets that contains a raw line break.
  private func stringRunningOntoNextLine(from start: Int, to end: Int) -> Int? {
    var inString = false
    var open = 0
    var i = start
    let end = min(end, bytes.count)
    while i < end {
      let byte = bytes[i]
      if inString {
        if byte == JSONByte.backslash {
          i += 1
        } else if byte == JSONByte.quote {
          inString = false
        } else if byte == JSONByte.newline {
          return open
        }
      } else if byte == JSONByte.quote {
        inString = true
        open = i
      }
      i += 1
    }
    return nil
  }
}
