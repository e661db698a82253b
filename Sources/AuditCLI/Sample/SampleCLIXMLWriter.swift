/// Export-Clixml (FORMATS.md §2.4): `<Objs>` of `<Obj>` with a type-name list (`TN`, reused
/// through `TNRef`), properties in `<Props>` (adapted, deserialized objects) or `<MS>` (note
/// properties of Select-Object's PSCustomObjects), typed primitives, enums as `Obj` with
/// `ToString` and `I32`, multi-valued properties as `LST`. Two-space indentation, CRLF, no XML
/// declaration and no line break after `</Objs>`, as PowerShell writes it.
enum SampleCLIXMLWriter {
  static let namespace = "http://schemas.microsoft.com/powershell/2004/04"
  static let enumTail = ["System.Enum", "System.ValueType", "System.Object"]

  static func text(_ table: SampleTable) -> String {
    var writer = Writer(deserialized: table.deserialized)
    writer.line(0, "<Objs Version=\"1.1.0.1\" xmlns=\"\(namespace)\">")
    for record in table.records {
      let refId = writer.nextObject()
      writer.line(1, "<Obj RefId=\"\(refId)\">")
      writer.typeNames(table.types, level: 2)
      if table.deserialized {
        writer.line(2, "<ToString>\(escape(table.types[0]))</ToString>")
        writer.members("Props", record.properties, level: 2)
        writer.members("MS", record.notes, level: 2)
      } else {
        writer.members("MS", record.properties + record.notes, level: 2)
      }
      writer.line(1, "</Obj>")
    }
    writer.out += "</Objs>"
    return writer.out
  }

  /// Text with `&`, `<`, `>` (and in attributes `"`) escaped.
  static func escape(_ text: String, attribute: Bool = false) -> String {
    var copy = text
    let special = copy.withUTF8 { bytes in
      for byte in bytes where byte == 0x26 || byte == 0x3C || byte == 0x3E || (attribute && byte == 0x22) {
        return true
      }
      return false
    }
    guard special else { return text }
    var out = ""
    for character in text {
      switch character {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"" where attribute: out += "&quot;"
      default: out.append(character)
      }
    }
    return out
  }

  private struct Writer {
    let deserialized: Bool
    var out = ""
    var objects = 0
    var typeLists: [String: Int] = [:]

    init(deserialized: Bool) { self.deserialized = deserialized }

    mutating func line(_ level: Int, _ text: String) {
      out += String(repeating: "  ", count: level) + text + "\r\n"
    }

    mutating func nextObject() -> Int {
      objects += 1
      return objects - 1
    }

    /// `<TN RefId>` with its `<T>`s the first time a list is used, `<TNRef>` after.
    mutating func typeNames(_ types: [String], level: Int) {
      let names = types.map { deserialized ? "Deserialized.\($0)" : $0 }
      let key = names.joined(separator: "\n")
      if let id = typeLists[key] {
        line(level, "<TNRef RefId=\"\(id)\" />")
        return
      }
      let id = typeLists.count
      typeLists[key] = id
      line(level, "<TN RefId=\"\(id)\">")
      for name in names { line(level + 1, "<T>\(escape(name))</T>") }
      line(level, "</TN>")
    }

    mutating func members(_ element: String, _ properties: [SampleProperty], level: Int) {
      guard !properties.isEmpty else { return }
      line(level, "<\(element)>")
      for property in properties { value(property.value, name: property.name, level: level + 1) }
      line(level, "</\(element)>")
    }

    mutating func value(_ value: SampleValue, name: String?, level: Int) {
      let n = name.map { " N=\"\(escape($0, attribute: true))\"" } ?? ""
      switch value {
      case .string(let text): line(level, "<S\(n)>\(escape(text))</S>")
      case .bool(let flag): line(level, "<B\(n)>\(flag ? "true" : "false")</B>")
      case .int(let number):
        let tag = Int32(exactly: number) == nil ? "I64" : "I32"
        line(level, "<\(tag)\(n)>\(number)</\(tag)>")
      case .null: line(level, "<Nil\(n) />")
      case .guid(let text): line(level, "<G\(n)>\(text)</G>")
      case .date(let instant): line(level, "<DT\(n)>\(SampleClock.iso(instant))</DT>")
      case .enumeration(let enumName, let number, let type):
        line(level, "<Obj\(n) RefId=\"\(nextObject())\">")
        typeNames([type] + SampleCLIXMLWriter.enumTail, level: level + 1)
        line(level + 1, "<ToString>\(escape(enumName))</ToString>")
        line(level + 1, "<I32>\(number)</I32>")
        line(level, "</Obj>")
      case .flags(let names, let values):
        let type = "Microsoft.Exchange.Management.RecipientTasks.MailboxRights"
        line(level, "<Obj\(n) RefId=\"\(nextObject())\">")
        typeNames(["\(type)[]", "System.Array", "System.Object"], level: level + 1)
        line(level + 1, "<LST>")
        self.value(
          .enumeration(name: names.joined(separator: ", "), value: values.reduce(0, |), type: type),
          name: nil,
          level: level + 2)
        line(level + 1, "</LST>")
        line(level, "</Obj>")
      case .list(let items, _, let types):
        line(level, "<Obj\(n) RefId=\"\(nextObject())\">")
        typeNames(types, level: level + 1)
        if items.isEmpty {
          line(level + 1, "<LST />")
        } else {
          line(level + 1, "<LST>")
          for item in items { self.value(item, name: nil, level: level + 2) }
          line(level + 1, "</LST>")
        }
        line(level, "</Obj>")
      case .object(let types, let toString, let properties):
        line(level, "<Obj\(n) RefId=\"\(nextObject())\">")
        typeNames(types, level: level + 1)
        line(level + 1, "<ToString>\(escape(toString))</ToString>")
        members("Props", properties, level: level + 1)
        line(level, "</Obj>")
      }
    }
  }
}
