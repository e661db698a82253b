/// Writes RFC 4180 CSV, UTF-8 with BOM (so spreadsheet programs open it right), CRLF line ends,
/// with cells that a spreadsheet would run as a formula neutralised.
///
/// Rows are written whole with ``row(_:)``, or cell by cell with ``cell(_:)-(String)`` and
/// ``endRow()``, which write the same bytes without an array per row.
public struct CSVWriter {
  private var bytes: [UInt8]
  /// No cell of the current row is written yet.
  private var atRowStart = true

  static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]
  static let comma: UInt8 = 0x2C
  static let quote: UInt8 = 0x22
  static let apostrophe: UInt8 = 0x27
  static let lineFeed: UInt8 = 0x0A
  static let carriageReturn: UInt8 = 0x0D
  static let tab: UInt8 = 0x09

  /// - Parameter capacity: Bytes to reserve up front; a good estimate of the file's size saves
  ///   the copies of growing a large file (see ``overheadPerCell``).
  public init(header: [String], reservingCapacity capacity: Int = 0) {
    bytes = []
    bytes.reserveCapacity(max(capacity, 64))
    bytes.append(contentsOf: Self.byteOrderMark)
    row(header)
  }

  /// Writes the cells after any already written on the current row, then ends the row.
  public mutating func row(_ cells: [String]) {
    for cell in cells { self.cell(cell) }
    endRow()
  }

  /// Writes one cell of the current row.
  public mutating func cell(_ text: String) {
    let separated = !atRowStart
    atRowStart = false
    OutputBytes.withUTF8(text) { Self.appendCell(utf8: $0, separated: separated, to: &bytes) }
  }

  /// Writes one cell holding `number` in decimal, the bytes `cell(String(number))` writes.
  public mutating func cell(_ number: Int) {
    if !atRowStart { bytes.append(Self.comma) }
    atRowStart = false
    // A negative number begins with `-`, which is neutralised like any other such cell.
    if number < 0 { bytes.append(Self.apostrophe) }
    OutputBytes.appendDecimal(Int64(number), to: &bytes)
  }

  /// Ends the current row (CRLF).
  public mutating func endRow() {
    bytes.append(Self.carriageReturn)
    bytes.append(Self.lineFeed)
    atRowStart = true
  }

  public var data: [UInt8] { bytes }

  /// The bytes a row takes at most besides its cells' UTF-8, per cell (separator, two quotes, a
  /// neutralising `'`) and per row (CRLF), unless quotes inside cells are doubled; for reserving.
  public static let overheadPerCell = 4
  public static let overheadPerRow = 2

  /// A cell beginning with `=`, `+`, `-`, `@`, tab or CR is prefixed with `'` so it stays text.
  public static func neutralised(_ cell: String) -> String {
    guard let first = cell.utf8.first, isFormulaStart(first) else { return cell }
    return "'" + cell
  }

  /// A first byte that makes a spreadsheet read the cell as a formula.
  @inline(__always)
  static func isFormulaStart(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), tab, carriageReturn:
      return true
    default:
      return false
    }
  }

  /// A byte that makes a cell need quotes.
  @inline(__always)
  static func needsQuotes(_ byte: UInt8) -> Bool {
    byte == comma || byte == quote || byte == lineFeed || byte == carriageReturn
  }

  /// Appends a comma when `separated`, then the neutralised cell, quoted (quotes doubled) when it
  /// holds a comma, quote or line end; written straight into the array's storage.
  static func appendCell(utf8 cell: UnsafeBufferPointer<UInt8>, separated: Bool, to bytes: inout [UInt8]) {
    // At most: comma, two quotes, apostrophe, and every byte doubled.
    bytes.append(addingCapacity: 4 + 2 * cell.count) { span in
      span.withUnsafeMutableBufferPointer { out, written in
        var at = 0
        if separated {
          out[at] = comma
          at += 1
        }
        guard let first = cell.first, let source = cell.baseAddress, let target = out.baseAddress else {
          written = at
          return
        }
        let neutralise = isFormulaStart(first)
        let quoted = cell.contains(where: needsQuotes)
        if quoted {
          out[at] = quote
          at += 1
        }
        if neutralise {
          out[at] = apostrophe
          at += 1
        }
        if quoted {
          for byte in cell {
            out[at] = byte
            at += 1
            if byte == quote {
              out[at] = quote
              at += 1
            }
          }
          out[at] = quote
          at += 1
        } else {
          (target + at).initialize(from: source, count: cell.count)
          at += cell.count
        }
        written = at
      }
    }
  }
}
