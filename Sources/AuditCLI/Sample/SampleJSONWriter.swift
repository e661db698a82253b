/// ConvertTo-Json in the two layouts PowerShell hosts produce (FORMATS.md §2.3).
///
/// PowerShell 7 (Newtonsoft): two-space indentation, `"key": value`, enums as integers, dates
/// ISO 8601, only `"`, `\` and control characters escaped. Windows PowerShell 5.1
/// (JavaScriptSerializer): four-space indentation, two spaces after the colon, dates as
/// `\/Date(ms)\/`, and `'`, `<`, `>`, `&` escaped as `\u0027` etc. One object gives an object,
/// several an array.
enum SampleJSONWriter {
  enum Layout: Sendable, Hashable {
    case powerShell7
    case windowsPowerShell
  }

  static func text(_ table: SampleTable, layout: Layout, lineEnding: String = "\r\n") -> String {
    var writer = Writer(layout: layout, newline: lineEnding)
    if table.records.count == 1 {
      writer.object(table.records[0].properties + table.records[0].notes, indent: 0)
    } else {
      writer.out += "["
      for (index, record) in table.records.enumerated() {
        writer.out += lineEnding + writer.pad(1)
        writer.object(record.properties + record.notes, indent: 1)
        if index < table.records.count - 1 { writer.out += "," }
      }
      writer.out += lineEnding + "]"
    }
    return writer.out + lineEnding
  }

  private struct Writer {
    let layout: Layout
    let newline: String
    var out = ""

    func pad(_ level: Int) -> String {
      String(repeating: " ", count: level * (layout == .powerShell7 ? 2 : 4))
    }

    mutating func object(_ properties: [SampleProperty], indent: Int) {
      guard !properties.isEmpty else {
        out += "{}"
        return
      }
      out += "{"
      for (index, property) in properties.enumerated() {
        out += newline + pad(indent + 1)
        SampleJSONWriter.string(property.name, layout: layout, into: &out)
        out += layout == .powerShell7 ? ": " : ":  "
        value(property.value, indent: indent + 1)
        if index < properties.count - 1 { out += "," }
      }
      out += newline + pad(indent) + "}"
    }

    mutating func value(_ value: SampleValue, indent: Int) {
      switch value {
      case .string(let text), .guid(let text): SampleJSONWriter.string(text, layout: layout, into: &out)
      case .bool(let flag): out += flag ? "true" : "false"
      case .int(let number): out += String(number)
      case .null: out += "null"
      case .date(let instant):
        out +=
          layout == .powerShell7 ? "\"\(SampleClock.iso(instant))\"" : "\"\(SampleClock.msDate(instant))\""
      case .enumeration(_, let number, _): out += String(number)
      case .flags(_, let values): array(values.map(SampleValue.int), indent: indent)
      case .list(let items, _, _): array(items, indent: indent)
      case .object(_, _, let properties): object(properties, indent: indent)
      }
    }

    mutating func array(_ items: [SampleValue], indent: Int) {
      guard !items.isEmpty else {
        out += "[]"
        return
      }
      out += "["
      for (index, item) in items.enumerated() {
        out += newline + pad(indent + 1)
        value(item, indent: indent + 1)
        if index < items.count - 1 { out += "," }
      }
      out += newline + pad(indent) + "]"
    }
  }

  /// A string literal with the host's escapes.
  static func string(_ text: String, layout: Layout, into out: inout String) {
    out += "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case "'", "<", ">", "&":
        if layout == .windowsPowerShell {
          out += "\\u00" + String(scalar.value, radix: 16)
        } else {
          out.unicodeScalars.append(scalar)
        }
      default:
        if scalar.value < 0x20 {
          let hex = String(scalar.value, radix: 16)
          out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    out += "\""
  }
}
