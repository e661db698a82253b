/// Writes RFC 4180 CSV, UTF-8 with BOM (so spreadsheet programs open it right), CRLF line ends,
/// with cells that a spreadsheet would run as a formula neutralised.
public struct CSVWriter {
  private var bytes: [UInt8] = [0xEF, 0xBB, 0xBF]

  public init(header: [String]) {
    row(header)
  }

  public mutating func row(_ cells: [String]) {
    for (index, cell) in cells.enumerated() {
      if index > 0 { bytes.append(0x2C) }
      Self.appendCell(cell, to: &bytes)
    }
    bytes.append(0x0D)
    bytes.append(0x0A)
  }

  public var data: [UInt8] { bytes }

  /// A cell beginning with `=`, `+`, `-`, `@`, tab or CR is prefixed with `'` so it stays text.
  public static func neutralised(_ cell: String) -> String {
    guard let first = cell.utf8.first else { return cell }
    switch first {
    case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D:
      return "'" + cell
    default:
      return cell
    }
  }

  static func appendCell(_ cell: String, to bytes: inout [UInt8]) {
    let safe = neutralised(cell)
    var needsQuotes = false
    for byte in safe.utf8 where byte == 0x2C || byte == 0x22 || byte == 0x0A || byte == 0x0D {
      needsQuotes = true
      break
    }
    if !needsQuotes {
      bytes.append(contentsOf: safe.utf8)
      return
    }
    bytes.append(0x22)
    for byte in safe.utf8 {
      if byte == 0x22 { bytes.append(0x22) }
      bytes.append(byte)
    }
    bytes.append(0x22)
  }
}
