/// Export-Csv: an optional `#TYPE` line, a header of the first object's property names, one
/// row per object, every value its ToString (multi-valued properties as their `-join`).
enum SampleCSVWriter {
  /// How one Export-Csv call was made.
  struct Style: Sendable, Hashable {
    /// Windows PowerShell 5.1 without `-NoTypeInformation` writes `#TYPE <type>` first.
    var typeLine: Bool
    /// 5.1 and PS 7's default quote every field; PS 7 `-UseQuotes AsNeeded` only when needed.
    var quoteAll: Bool
    var lineEnding = "\r\n"
  }

  static func text(_ table: SampleTable, style: Style) -> String {
    var out = ""
    if style.typeLine, let type = table.types.first {
      out += "#TYPE \(table.deserialized ? "Deserialized." : "")\(type)\(style.lineEnding)"
    }
    let columns = table.columns
    out += columns.map { field($0, quoteAll: style.quoteAll) }.joined(separator: ",") + style.lineEnding
    for record in table.records {
      let properties = record.properties + record.notes
      let values: [String]
      if properties.count == columns.count && zip(properties, columns).allSatisfy({ $0.name == $1 }) {
        values = properties.map { cell($0.value) }
      } else {
        // Export-Csv takes its columns from the first object only.
        var cells: [String: String] = [:]
        for property in properties { cells[property.name] = cell(property.value) }
        values = columns.map { cells[$0] ?? "" }
      }
      out += values.map { field($0, quoteAll: style.quoteAll) }.joined(separator: ",") + style.lineEnding
    }
    return out
  }

  /// A value as Export-Csv renders it (its ToString).
  static func cell(_ value: SampleValue) -> String {
    switch value {
    case .string(let text), .guid(let text): text
    case .bool(let flag): flag ? "True" : "False"
    case .int(let number): String(number)
    case .null: ""
    case .date(let instant): SampleClock.usCulture(instant)
    case .enumeration(let name, _, _): name
    case .flags(let names, _): names.joined(separator: ", ")
    case .list(let items, let join, _): items.map(cell).joined(separator: join)
    case .object(_, let toString, _): toString
    }
  }

  /// One field, quoted when the style or its content needs it (`"` doubled).
  static func field(_ text: String, quoteAll: Bool) -> String {
    var needsQuotes = quoteAll
    var hasQuote = false
    for byte in text.utf8 {
      switch byte {
      case UInt8(ascii: "\""): hasQuote = true
      case UInt8(ascii: ","), 0x0A, 0x0D: needsQuotes = true
      default: continue
      }
    }
    guard needsQuotes || hasQuote else { return text }
    guard hasQuote else { return "\"" + text + "\"" }
    var out = "\""
    for scalar in text.unicodeScalars {
      if scalar == "\"" { out += "\"\"" } else { out.unicodeScalars.append(scalar) }
    }
    return out + "\""
  }
}
