import AuditModel
import Foundation
import Testing

@testable import AuditReport

/// The output writers write bytes directly; these tests hold them to the string-based writers
/// they replaced, kept here as the reference.
enum ReferenceWriters {
  /// JSON as `JSONValue` wrote it before: a `String`, scalar by scalar.
  static func json(_ value: JSONValue) -> String {
    var out = ""
    write(value, to: &out, indent: 0)
    out += "\n"
    return out
  }

  static func write(_ value: JSONValue, to out: inout String, indent: Int) {
    switch value {
    case .null: out += "null"
    case .bool(let b): out += b ? "true" : "false"
    case .int(let n): out += String(n)
    case .string(let s): jsonString(s, to: &out)
    case .array(let items):
      if items.isEmpty {
        out += "[]"
        return
      }
      out += "[\n"
      for (index, item) in items.enumerated() {
        out += String(repeating: " ", count: indent + 2)
        write(item, to: &out, indent: indent + 2)
        out += index == items.count - 1 ? "\n" : ",\n"
      }
      out += String(repeating: " ", count: indent) + "]"
    case .object(let members):
      if members.isEmpty {
        out += "{}"
        return
      }
      out += "{\n"
      for (index, (key, member)) in members.enumerated() {
        out += String(repeating: " ", count: indent + 2)
        jsonString(key, to: &out)
        out += ": "
        write(member, to: &out, indent: indent + 2)
        out += index == members.count - 1 ? "\n" : ",\n"
      }
      out += String(repeating: " ", count: indent) + "}"
    }
  }

  static func jsonString(_ s: String, to out: inout String) {
    out += "\""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case "\u{2028}": out += "\\u2028"
      case "\u{2029}": out += "\\u2029"
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

  /// A CSV row as `CSVWriter` wrote it before: neutralise into a new string, then quote.
  static func csvRow(_ cells: [String]) -> [UInt8] {
    var bytes: [UInt8] = []
    for (index, cell) in cells.enumerated() {
      if index > 0 { bytes.append(0x2C) }
      let safe = CSVWriter.neutralised(cell)
      if !safe.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) {
        bytes.append(contentsOf: safe.utf8)
        continue
      }
      bytes.append(0x22)
      for byte in safe.utf8 {
        if byte == 0x22 { bytes.append(0x22) }
        bytes.append(byte)
      }
      bytes.append(0x22)
    }
    return bytes + [0x0D, 0x0A]
  }
}

/// Strings that exercise every escaping and quoting branch.
enum TrickyStrings {
  static let controls = (0..<0x20).map { String(UnicodeScalar(UInt8($0))) }
  static let all: [String] =
    controls + [
      "", "plain", "\"", "\\", "\"quoted\"", "back\\slash", "a\u{7F}b",
      // U+2028 and U+2029 are escaped; their neighbours and other E2-led characters are not.
      "\u{2028}", "\u{2029}", "x\u{2028}y\u{2029}z", "\u{2027}\u{202A}\u{202E}\u{2066}", "€", "\u{E2}",
      "line\u{2028}", "\u{2029}\u{2029}",
      // Non-ASCII: Latin, CJK, emoji with modifier, combining and decomposed forms.
      "Zoë", "日本語のメールボックス", "👍🏽 thumbs", "e\u{301}", "\u{E9}", "ﬁ", "\u{FEFF}bom",
      // Invalid UTF-8 is repaired when a string is made; the writers see U+FFFD.
      String(decoding: [0x61, 0xFF, 0x62], as: UTF8.self), String(decoding: [0xE2, 0x80], as: UTF8.self),
      String(decoding: [0xE2, 0x80, 0xA8, 0xC3], as: UTF8.self),
      // Formula starts and CSV specials.
      "=1+1", "+1", "-", "-2", "@SUM(A1)", "\tx", "\rx", "\nx", "'already", "a,b", "a\"b", "a\nb",
      "a\r\nb", "\"\"", ",", "=\"x\",y", "-\"", "@\n",
      String(repeating: "long run of plain text ", count: 40) + "\u{1}" + String(repeating: "é", count: 30),
      "\u{0}\u{0}", "end\\", "\"start",
    ]
}

@Suite struct JSONBytesTests {
  @Test(arguments: TrickyStrings.all)
  func stringsMatchTheReferenceWriter(text: String) throws {
    let value = JSONValue.object([(text, .string(text)), ("list", .array([.string(text), .string(text)]))])
    let bytes = value.serialisedBytes()
    #expect(bytes == Array(ReferenceWriters.json(value).utf8))
    #expect(value.serialised() == ReferenceWriters.json(value))
    // Always valid UTF-8 that a JSON parser reads back to the same value.
    let decoded = try #require(String(validating: bytes, as: UTF8.self))
    let parsed = try JSONSerialization.jsonObject(with: Data(decoded.utf8)) as? [String: Any]
    // Foundation's parser drops a U+FEFF that opens a string; the bytes above hold it.
    if !text.hasPrefix("\u{FEFF}") { #expect(parsed?["list"] as? [String] == [text, text]) }
  }

  @Test func escapesAsSpecified() {
    let cases: [(String, String)] = [
      ("\u{0}", "\\u0000"), ("\u{1F}", "\\u001f"), ("\u{1B}", "\\u001b"), ("\u{8}", "\\u0008"),
      ("\u{C}", "\\u000c"), ("\n", "\\n"), ("\r", "\\r"), ("\t", "\\t"), ("\"", "\\\""), ("\\", "\\\\"),
      ("\u{2028}", "\\u2028"), ("\u{2029}", "\\u2029"), ("\u{7F}", "\u{7F}"), ("/", "/"), ("é", "é"),
      ("\u{202E}", "\u{202E}"), ("💡", "💡"),
    ]
    for (text, escaped) in cases {
      #expect(
        JSONValue.string(text).serialised() == "\"\(escaped)\"\n", "\(text.unicodeScalars.map(\.value))")
    }
  }

  @Test(arguments: [0, 1, -1, 9, 10, 1234567890, -987654321, Int64.max, Int64.min])
  func integersAreSpelledAsStringDoes(number: Int64) {
    #expect(JSONValue.int(number).serialisedBytes() == Array((String(number) + "\n").utf8))
  }

  @Test func nestedValuesMatchTheReferenceWriter() {
    var deep = JSONValue.array([.string("bottom")])
    // Deeper than the precomputed indentation, so it is appended in pieces.
    for level in 0..<80 {
      deep = .object([("level\(level)", deep), ("empty", .array([])), ("none", .object([]))])
    }
    let value = JSONValue.object([
      ("null", .null), ("true", .bool(true)), ("false", .bool(false)), ("ints", .array([.int(0), .int(-3)])),
      ("deep", deep), ("strings", .array(TrickyStrings.all.map(JSONValue.string))),
    ])
    #expect(value.serialisedBytes() == Array(ReferenceWriters.json(value).utf8))
    #expect(JSONValue.array([]).serialised() == "[]\n")
    #expect(JSONValue.object([]).serialised() == "{}\n")
  }

  @Test func escapingWorksOnAnyBuffer() {
    // The path a string without contiguous UTF-8 takes: its bytes copied into an array.
    for text in TrickyStrings.all {
      var out: [UInt8] = []
      Array(text.utf8).withUnsafeBufferPointer { JSONBytes.appendEscaped($0, to: &out) }
      var reference = ""
      ReferenceWriters.jsonString(text, to: &reference)
      #expect([0x22] + out + [0x22] == Array(reference.utf8))
    }
  }
}

@Suite struct CSVWriterEquivalenceTests {
  @Test(arguments: TrickyStrings.all)
  func cellsMatchTheReferenceWriter(text: String) {
    let cells = [text, "x", text, "", text]
    var byRow = CSVWriter(header: ["H"])
    byRow.row(cells)
    var byCell = CSVWriter(header: ["H"], reservingCapacity: 1)
    for cell in cells { byCell.cell(cell) }
    byCell.endRow()
    let expected = [0xEF, 0xBB, 0xBF] + ReferenceWriters.csvRow(["H"]) + ReferenceWriters.csvRow(cells)
    #expect(byRow.data == expected)
    #expect(byCell.data == expected)
  }

  @Test func everyTrickyStringInOneFile() {
    var csv = CSVWriter(header: ["A", "B", "C"], reservingCapacity: 1 << 16)
    var expected = [0xEF, 0xBB, 0xBF] + ReferenceWriters.csvRow(["A", "B", "C"])
    for (index, text) in TrickyStrings.all.enumerated() {
      let row = [text, TrickyStrings.all[(index + 1) % TrickyStrings.all.count], "\(index)"]
      csv.row(row)
      expected += ReferenceWriters.csvRow(row)
    }
    csv.row([])
    expected += ReferenceWriters.csvRow([])
    #expect(csv.data == expected)
  }

  @Test(arguments: [0, 1, 7, 10, 99, 100, 123456, -1, -42, Int.max, Int.min])
  func numberCellsMatchTheirText(number: Int) {
    var numeric = CSVWriter(header: [])
    numeric.cell("a")
    numeric.cell(number)
    numeric.cell(number)
    numeric.endRow()
    var text = CSVWriter(header: [])
    text.row(["a", String(number), String(number)])
    #expect(numeric.data == text.data)
  }

  @Test func neutralisedKeepsItsContract() {
    for text in TrickyStrings.all {
      let first = text.utf8.first
      let formula = first.map { "=+-@\t\r".utf8.contains($0) } ?? false
      #expect(CSVWriter.neutralised(text) == (formula ? "'" + text : text))
    }
  }
}

@Suite struct JSONStreamWriterTests {
  /// Writes `value` through the stream writer, opening containers for the outer levels.
  static func streamed(_ value: JSONValue, depth: Int, to json: inout JSONStreamWriter) {
    guard depth > 0 else {
      json.value(value)
      return
    }
    switch value {
    case .array(let items):
      json.beginArray()
      for item in items { streamed(item, depth: depth - 1, to: &json) }
      json.end()
    case .object(let members):
      json.beginObject()
      for (key, member) in members {
        if depth > 1, case .array = member {
          json.key(key)
          streamed(member, depth: depth - 1, to: &json)
        } else if depth > 1, case .object = member {
          json.key(key)
          streamed(member, depth: depth - 1, to: &json)
        } else {
          json.member(key, member)
        }
      }
      json.end()
    default:
      json.value(value)
    }
  }

  static let document = JSONValue.object([
    ("schemaVersion", .int(1)), ("empty", .array([])), ("none", .object([])),
    (
      "items",
      .array([
        .object([("a", .string("x\u{2028}\"")), ("nested", .array([.int(-1), .null, .array([])]))]),
        .array([]), .object([]), .string("tail"), .bool(true),
        .object([("deeper", .object([("list", .array([.object([("k", .string("v"))])]))]))]),
      ])
    ),
    ("last", .string(TrickyStrings.all.joined())),
  ])

  @Test(arguments: 0...6)
  func matchesTheTreeAtEveryDepth(depth: Int) {
    var json = JSONStreamWriter()
    Self.streamed(Self.document, depth: depth, to: &json)
    #expect(json.finish() == Self.document.serialisedBytes())
  }

  @Test func emptyContainersCloseOnTheirLine() {
    var json = JSONStreamWriter()
    json.beginObject()
    json.key("list")
    json.beginArray()
    json.end()
    json.key("object")
    json.beginObject()
    json.end()
    json.end()
    #expect(json.finish() == Array("{\n  \"list\": [],\n  \"object\": {}\n}\n".utf8))
    var empty = JSONStreamWriter()
    empty.beginArray()
    empty.end()
    #expect(empty.finish() == Array("[]\n".utf8))
  }

  @Test func aGrantWrittenMemberByMemberIsItsTree() {
    let grants = [
      Grant(
        key: Grant.Key(mailbox: "a@contoso.com", trustee: "b@contoso.com", right: .fullAccess),
        mailboxDisplayName: "A \"quoted\"", trusteeDisplayName: "B", trusteeKind: .user, isInherited: true,
        sources: [
          SourceLocation(file: "mp.csv", line: 4), SourceLocation(file: "mp.xml", line: 0, path: "[2].User"),
        ]),
      Grant(
        key: Grant.Key(
          mailbox: "a@contoso.com", trustee: "c@contoso.com", right: .sendAs, folder: "\\Calendar"),
        mailboxDisplayName: "A", trusteeDisplayName: "C", trusteeKind: .group, isInherited: false, sources: []
      ),
    ]
    var streamed = JSONStreamWriter()
    var tree = JSONStreamWriter()
    streamed.beginArray()
    tree.beginArray()
    for grant in grants {
      InventoryFiles.write(grant, to: &streamed)
      tree.value(InventoryFiles.grantJSON(grant))
    }
    streamed.end()
    tree.end()
    #expect(streamed.finish() == tree.finish())
  }
}
