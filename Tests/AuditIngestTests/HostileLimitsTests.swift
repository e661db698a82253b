import AuditModel
import Foundation
import Testing

@testable import AuditIngest

// Inputs far beyond any genuine export: a 64 MB value, a million columns, JSON nested 200,000
// deep, CLIXML nested without end, random bytes. Each gives an error diagnostic with a location,
// promptly, without a crash, and leaves the file's ledger reconciled. (Memory is measured on the
// built binary in AuditCLITests/HostileLimitsEndToEndTests.)

/// Reads bytes as one input file, timing it.
private struct TimedIngest {
  var file: IngestedFile
  var elapsed: Duration

  var errors: [Diagnostic] { file.facts.diagnostics.filter { $0.level == .error } }
}

private func timedIngest(_ bytes: [UInt8], name: String, kind: InputKind? = nil) -> TimedIngest {
  let input = InputFile(displayPath: name, url: URL(fileURLWithPath: "/nonexistent/" + name))
  var file: IngestedFile?
  let elapsed = ContinuousClock().measure {
    file = FileIngestor.ingest(bytes: bytes, input: input, kindOverride: kind)
  }
  return TimedIngest(file: file!, elapsed: elapsed)
}

/// Hostile inputs shared with the end-to-end tests: name and bytes.
enum HostileInputs {
  static let header = Array("Identity,User,AccessRights,IsInherited,Deny\r\n".utf8)
  static let goodRow = Array("ceo@contoso.com,ana@contoso.com,FullAccess,False,False\r\n".utf8)

  /// A mailbox-permission CSV whose second row has a 64 MB User value.
  static func hugeField(megabytes: Int = 64) -> [UInt8] {
    var bytes = header + goodRow
    bytes += Array("ceo@contoso.com,\"".utf8)
    bytes += [UInt8](repeating: UInt8(ascii: "a"), count: megabytes << 20)
    bytes += Array("\",FullAccess,False,False\r\n".utf8)
    bytes += Array("cfo@contoso.com,bo@contoso.com,FullAccess,False,False\r\n".utf8)
    return bytes
  }

  /// A CSV whose header has a million columns (and one data row to match).
  static func millionColumnHeader() -> [UInt8] {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(9_000_000)
    for column in 0..<1_000_000 {
      if column > 0 { bytes.append(UInt8(ascii: ",")) }
      bytes += Array("c\(column)".utf8)
    }
    bytes += Array("\r\n".utf8)
    bytes += [UInt8](repeating: UInt8(ascii: ","), count: 999_999) + Array("\r\n".utf8)
    return bytes
  }

  /// A mailbox-permission CSV with one good row and then a row of a million fields.
  static func millionColumnRow() -> [UInt8] {
    header + goodRow + Array("a".utf8) + [UInt8](repeating: UInt8(ascii: ","), count: 999_999)
      + Array("\r\n".utf8) + Array("cfo@contoso.com,bo@contoso.com,FullAccess,False,False\r\n".utf8)
  }

  /// A JSON record (a recipient-permission export) whose value nests 200,000 arrays deep.
  static func deepJSON(depth: Int = 200_000) -> [UInt8] {
    Array(
      #"[{"Identity":"ceo","Trustee":"bo","AccessControlType":"Allow","AccessRights":["SendAs"],"X":"#.utf8)
      + [UInt8](repeating: UInt8(ascii: "["), count: depth)
      + [UInt8](repeating: UInt8(ascii: "]"), count: depth)
      + Array(
        #"},{"Identity":"cfo","Trustee":"cy","AccessControlType":"Allow","AccessRights":["SendAs"]}]"#.utf8)
  }

  /// A JSON object with 200,000 members (enough to hang a quadratic duplicate-key check).
  static func manyKeyJSON() -> [UInt8] {
    var bytes = Array(#"[{"Identity":"ceo","Trustee":"bo","AccessRights":"SendAs""#.utf8)
    bytes.reserveCapacity(3_000_000)
    for key in 0..<200_000 { bytes += Array(#","k\#(key)":1"#.utf8) }
    return bytes + Array("}]".utf8)
  }

  /// An Export-Clixml document whose first record nests `depth` objects.
  static func deepCLIXML(depth: Int = 100_000) -> [UInt8] {
    var text = #"<Objs Version="1.1.0.1" xmlns="http://schemas.microsoft.com/powershell/2004/04">"# + "\n"
    text += #"<Obj RefId="0"><MS><S N="User">ana</S><Obj N="Deep" RefId="1"><Props>"#
    text += String(repeating: #"<Obj N="x"><Props>"#, count: depth)
    text += String(repeating: "</Props></Obj>", count: depth)
    text += "</Props></Obj></MS></Obj>\n</Objs>\n"
    return Array(text.utf8)
  }

  /// Random bytes from a fixed seed (the same every run).
  static func randomBytes(count: Int = 1 << 20, seed: UInt64 = 0x5EED) -> [UInt8] {
    var state = seed
    return (0..<count).map { _ in
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return UInt8(truncatingIfNeeded: state >> 33)
    }
  }
}

@Suite("Hostile limits: inputs beyond any genuine export")
struct HostileLimitsTests {
  @Test("A 64 MB value rejects its row with a located error; the other rows are read")
  func hugeField() throws {
    let result = timedIngest(HostileInputs.hugeField(), name: "huge.csv")
    #expect(result.elapsed < .seconds(10))
    #expect(result.file.kind == .mailboxPermission)
    let ledger = result.file.facts.ledger
    #expect(ledger.reconciles)
    #expect(ledger.recordsRead == 3)
    #expect(ledger.produced == 2)
    #expect(ledger.rejected == 1)
    let error = try #require(result.errors.first)
    #expect(error.description.hasPrefix("huge.csv:3: error: the value of column User is 67108864 bytes long"))
    #expect(error.hint?.isEmpty == false)
    // The rejected row keeps its location and a short reason, never the value itself.
    let rejected = try #require(result.file.facts.rejected.first)
    #expect(rejected.location.line == 3)
    #expect(rejected.reason.utf8.count < 200)
  }

  @Test("A header of a million columns is refused at its first line")
  func millionColumnHeader() throws {
    let result = timedIngest(HostileInputs.millionColumnHeader(), name: "wide.csv")
    #expect(result.elapsed < .seconds(10))
    let error = try #require(result.errors.first)
    #expect(error.description.hasPrefix("wide.csv:1:1: error: the header has 1000000 columns"))
    #expect(result.file.facts.ledger.reconciles)
    #expect(result.file.facts.diagnostics.allSatisfy { $0.description.utf8.count < 1000 })
  }

  @Test("A row of a million fields is rejected with its line; the rows around it are read")
  func millionColumnRow() throws {
    let result = timedIngest(HostileInputs.millionColumnRow(), name: "row.csv")
    #expect(result.elapsed < .seconds(10))
    #expect(result.file.facts.ledger.reconciles)
    #expect(result.file.facts.ledger.produced == 2)
    let error = try #require(result.errors.first)
    #expect(error.description.hasPrefix("row.csv:3: error: row has 1000000 fields but the header has 5"))
  }

  @Test("An object of 200,000 members is rejected with its location, in linear time")
  func manyKeyObject() throws {
    let result = timedIngest(HostileInputs.manyKeyJSON(), name: "keys.json")
    #expect(result.elapsed < .seconds(10))
    #expect(result.file.facts.ledger.reconciles)
    #expect(result.file.facts.ledger.rejected == 1)
    let error = try #require(result.errors.first)
    #expect(error.description.hasPrefix("keys.json:1:2 ([0]): error: the record has 200003 fields"))
  }

  @Test("JSON nested 200,000 deep rejects its record with a located error; the next record is read")
  func deepJSON() throws {
    let result = timedIngest(HostileInputs.deepJSON(), name: "deep.json")
    #expect(result.elapsed < .seconds(10))
    #expect(result.file.kind == .recipientPermission)
    #expect(result.file.facts.ledger.reconciles)
    #expect(result.file.facts.ledger.produced == 1)
    #expect(result.file.facts.ledger.rejected == 1)
    let error = try #require(result.errors.first)
    #expect(error.description.hasPrefix("deep.json:1:"))
    #expect(error.message.contains("nesting deeper than"))
  }

  @Test("CLIXML nested 100,000 deep stops with a located error")
  func deepCLIXML() throws {
    let result = timedIngest(HostileInputs.deepCLIXML(), name: "deep.xml")
    #expect(result.elapsed < .seconds(10))
    #expect(result.file.facts.ledger.reconciles)
    let error = try #require(result.errors.first)
    #expect(error.description.hasPrefix("deep.xml:2:"))
    #expect(error.message == "elements nested deeper than 256 levels")
  }

  @Test(
    "Random bytes give located errors and no records, whatever the first byte",
    arguments: [UInt8(ascii: "a"), UInt8(ascii: "<"), UInt8(ascii: "["), UInt8(ascii: "{"), 0xFF, 0x00])
  func randomBytes(first: UInt8) throws {
    var bytes = HostileInputs.randomBytes(seed: UInt64(first) + 1)
    bytes[0] = first
    let result = timedIngest(bytes, name: "noise.bin")
    #expect(result.elapsed < .seconds(10))
    #expect(result.file.kind == nil)
    #expect(result.file.facts.ledger.reconciles)
    #expect(result.file.facts.ledger.produced == 0)
    let diagnostic = try #require(result.file.facts.diagnostics.first { $0.level != .note })
    #expect(diagnostic.location?.file == "noise.bin")
    #expect(result.file.facts.diagnostics.allSatisfy { $0.location?.file == "noise.bin" })
    #expect(result.file.facts.diagnostics.allSatisfy { $0.description.utf8.count < 2000 })
    // A column whose name was not UTF-8 is named by its position, never left blank.
    #expect(!result.file.facts.diagnostics.contains { $0.message.hasSuffix("in column ") })
  }

  @Test("A 64 MB value inside a JSON list or a CLIXML string is rejected the same way")
  func hugeNestedValues() throws {
    let big = String(repeating: "b", count: 2 << 20)
    let json = timedIngest(
      Array(#"[{"Identity":"ceo","Trustee":"bo","AccessRights":["SendAs","\#(big)"]}]"#.utf8),
      name: "big.json")
    #expect(json.file.facts.ledger.rejected == 1)
    #expect(json.errors.first?.message.hasPrefix("the value of column AccessRights is") == true)
    let xml = timedIngest(
      Array(
        (#"<Objs Version="1.1.0.1" xmlns="http://schemas.microsoft.com/powershell/2004/04">"#
          + #"<Obj RefId="0"><MS><S N="Identity">ceo</S><S N="User">\#(big)</S><S N="AccessRights">FullAccess</S></MS></Obj></Objs>"#)
          .utf8), name: "big.xml")
    #expect(xml.file.facts.ledger.rejected == 1)
    #expect(xml.errors.first?.message.hasPrefix("the value of column User is") == true)
  }
}
