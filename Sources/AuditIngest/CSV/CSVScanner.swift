import AuditModel

/// A byte-level CSV tokenizer over one buffer: rows of cells, RFC 4180 quoting, line tracking.
struct CSVScanner {
  /// A cell as a byte range; `escapedQuotes` tells that `""` pairs inside must be collapsed.
  struct Cell {
    var start: Int
    var length: Int
    var escapedQuotes: Bool
  }

  /// A syntax problem that stops the scan (an unterminated quote).
  struct Problem {
    var line: Int
    var column: Int
    var message: String

    func diagnostic(file: String) -> Diagnostic {
      Diagnostic(
        .error, at: SourceLocation(file: file, line: line, column: column), message,
        hint: "the file looks truncated or hand-edited; re-export it with Export-Csv")
    }
  }

  let bytes: UnsafeBufferPointer<UInt8>
  var offset = 0
  /// 1-based line of `offset`.
  var line = 1
  var lineStart = 0
  var problem: Problem?
  private var scratch: [UInt8] = []
  private var interner = CSVValueInterner()

  init(bytes: UnsafeBufferPointer<UInt8>) {
    self.bytes = bytes
  }

  /// A scanner that starts at `offset`, the start of line `line`.
  init(bytes: UnsafeBufferPointer<UInt8>, offset: Int, line: Int) {
    self.bytes = bytes
    self.offset = offset
    self.line = line
    self.lineStart = offset
  }

  /// Skips a `#TYPE …` first line and returns the type name.
  mutating func skipTypeLine() -> String? {
    let prefix: [UInt8] = Array("#TYPE".utf8)
    guard bytes.count >= prefix.count else { return nil }
    for (i, byte) in prefix.enumerated() where bytes[i] != byte { return nil }
    var end = prefix.count
    while end < bytes.count && bytes[end] != CSVRecordReader.lineFeed { end += 1 }
    var textEnd = end
    if textEnd > prefix.count && bytes[textEnd - 1] == CSVRecordReader.carriageReturn { textEnd -= 1 }
    let name = String(
      validating: UnsafeBufferPointer(rebasing: bytes[prefix.count..<textEnd]), as: UTF8.self)
    offset = min(end + 1, bytes.count)
    line = 2
    lineStart = offset
    return name.map { CSVRecordReader.trimmed($0) }
  }

  /// Chooses `,` or `;` by counting each outside quotes on the header line.
  func detectDelimiter() -> UInt8 {
    var commas = 0
    var semicolons = 0
    var inQuotes = false
    var i = offset
    while i < bytes.count {
      let byte = bytes[i]
      if byte == CSVRecordReader.quote {
        inQuotes.toggle()
      } else if !inQuotes {
        if byte == CSVRecordReader.lineFeed { break }
        if byte == CSVRecordReader.comma { commas += 1 }
        if byte == CSVRecordReader.semicolon { semicolons += 1 }
      }
      i += 1
    }
    return semicolons > commas ? CSVRecordReader.semicolon : CSVRecordReader.comma
  }

  /// Reads the next row into `cells`; false at the end of the input.
  mutating func nextRow(delimiter: UInt8, into cells: inout [Cell]) -> Bool {
    cells.removeAll(keepingCapacity: true)
    guard offset < bytes.count else { return false }
    while true {
      // One cell.
      if offset < bytes.count && bytes[offset] == CSVRecordReader.quote {
        let quoteLine = line
        let quoteColumn = offset - lineStart + 1
        offset += 1
        let start = offset
        var escaped = false
        var closed = false
        while offset < bytes.count {
          let byte = bytes[offset]
          if byte == CSVRecordReader.quote {
            if offset + 1 < bytes.count && bytes[offset + 1] == CSVRecordReader.quote {
              escaped = true
              offset += 2
              continue
            }
            closed = true
            break
          }
          if byte == CSVRecordReader.lineFeed {
            line += 1
            lineStart = offset + 1
          }
          offset += 1
        }
        if !closed {
          problem = Problem(
            line: quoteLine, column: quoteColumn,
            message: "unterminated quoted field")
          cells.append(Cell(start: start, length: offset - start, escapedQuotes: escaped))
          return true
        }
        cells.append(Cell(start: start, length: offset - start, escapedQuotes: escaped))
        offset += 1  // closing quote
        // Anything between the closing quote and the delimiter is kept leniently out of the cell.
        while offset < bytes.count && bytes[offset] != delimiter
          && bytes[offset] != CSVRecordReader.lineFeed && bytes[offset] != CSVRecordReader.carriageReturn
        {
          offset += 1
        }
      } else {
        let start = offset
        while offset < bytes.count {
          let byte = bytes[offset]
          if byte == delimiter || byte == CSVRecordReader.lineFeed || byte == CSVRecordReader.carriageReturn {
            break
          }
          offset += 1
        }
        cells.append(Cell(start: start, length: offset - start, escapedQuotes: false))
      }
      // After a cell: delimiter, end of line or end of input.
      if offset >= bytes.count { return true }
      let byte = bytes[offset]
      if byte == delimiter {
        offset += 1
        continue
      }
      if byte == CSVRecordReader.carriageReturn {
        offset += 1
        if offset < bytes.count && bytes[offset] == CSVRecordReader.lineFeed { offset += 1 }
      } else {
        offset += 1
      }
      line += 1
      lineStart = offset
      return true
    }
  }

  /// The cell's text, with `""` collapsed; nil when it is not valid UTF-8.
  mutating func string(_ cell: Cell) -> String? {
    let range = cell.start..<(cell.start + cell.length)
    if !cell.escapedQuotes {
      return interner.string(UnsafeBufferPointer(rebasing: bytes[range]), make: Self.validatedString)
    }
    scratch.removeAll(keepingCapacity: true)
    var i = range.lowerBound
    while i < range.upperBound {
      let byte = bytes[i]
      scratch.append(byte)
      i +=
        (byte == CSVRecordReader.quote && i + 1 < range.upperBound && bytes[i + 1] == CSVRecordReader.quote)
        ? 2 : 1
    }
    return scratch.withUnsafeBufferPointer { Self.validatedString($0) }
  }

  /// The text of UTF-8 bytes; nil when they are not valid UTF-8. ASCII (most cells) takes a
  /// direct path; anything else is validated.
  static func validatedString(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
    var isASCII = true
    for byte in bytes where byte >= 0x80 {
      isASCII = false
      break
    }
    if isASCII { return String(decoding: bytes, as: UTF8.self) }
    return String(validating: bytes, as: UTF8.self)
  }
}
