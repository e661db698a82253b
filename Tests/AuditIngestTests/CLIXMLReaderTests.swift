import AuditModel
import Foundation
import Testing

@testable import AuditIngest

// MARK: - Helpers

/// What one read produced.
private struct Read {
  var records: [Record] = []
  var report: ReaderReport

  var errors: [Diagnostic] { report.diagnostics.filter { $0.level == .error } }
  var warnings: [Diagnostic] { report.diagnostics.filter { $0.level == .warning } }
}

private func read(_ bytes: [UInt8], file: String = "test.xml") -> Read {
  var records: [Record] = []
  let report = CLIXMLReader.read(bytes: bytes, file: file) { records.append($0) }
  return Read(records: records, report: report)
}

private func read(_ text: String, file: String = "test.xml") -> Read {
  read(Array(text.utf8), file: file)
}

private func fixture(_ name: String) throws -> [UInt8] {
  let folder = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
  return try [UInt8](Data(contentsOf: folder.appendingPathComponent("clixml").appendingPathComponent(name)))
}

/// A CLIXML document around `body` (the children of `<Objs>`).
private func document(_ body: String) -> String {
  """
  <Objs Version="1.1.0.1" xmlns="http://schemas.microsoft.com/powershell/2004/04">
  \(body)
  </Objs>
  """
}

/// One record with the given members as `<MS>` children.
private func record(_ members: String, refId: Int = 0) -> String {
  """
    <Obj RefId="\(refId)">
      <TN RefId="\(refId)"><T>Deserialized.System.Management.Automation.PSCustomObject</T><T>Deserialized.System.Object</T></TN>
      <MS>
        \(members)
      </MS>
    </Obj>
  """
}

/// A long property, so that what follows it lies beyond libxml2's first 512-byte chunk
/// (an error inside the first chunk stops the reader before it hands out any node).
private let filler = #"<S N="Filler">"# + String(repeating: "x", count: 1200) + "</S>"

/// The byte offset of the first occurrence of `needle`.
private func offset(of needle: String, in bytes: [UInt8]) -> Int? {
  let pattern = Array(needle.utf8)
  guard pattern.count <= bytes.count else { return nil }
  for start in 0...(bytes.count - pattern.count)
  where bytes[start..<(start + pattern.count)].elementsEqual(pattern) {
    return start
  }
  return nil
}

// MARK: - Exchange exports

@Suite("CLIXML reader: Exchange exports")
struct CLIXMLExchangeExportTests {
  @Test("Get-MailboxPermission over remoting: fields, types, report")
  func mailboxPermission() throws {
    let result = read(try fixture("mailbox-permission.xml"), file: "mailbox-permission.xml")
    #expect(result.report.diagnostics.isEmpty)
    #expect(result.report.serialisation == .clixml)
    #expect(result.report.encoding == .utf8BOM)
    #expect(result.report.recordCount == 4)
    #expect(result.records.count == 4)
    #expect(
      result.report.columns == [
        "AccessRights", "Deny", "InheritanceType", "User", "Identity", "IsInherited", "IsValid",
        "ObjectState", "PSComputerName", "RunspaceId", "PSShowComputerName", "ToString",
      ])
    #expect(
      result.report.typeName
        == "Deserialized.Microsoft.Exchange.Management.RecipientTasks.MailboxAcePresentationObject")

    let first = try #require(result.records.first)
    #expect(first.location == SourceLocation(file: "mailbox-permission.xml", line: 2, path: "Obj[1]"))
    #expect(first.typeNames.count == 4)
    #expect(first["AccessRights"] == .list([.string("FullAccess, ReadPermission")]))
    #expect(first["Deny"] == .bool(false))
    #expect(first["IsInherited"] == .bool(false))
    #expect(first["User"] == .string(#"NT AUTHORITY\SELF"#))
    #expect(first["InheritanceType"] == .string("All"))
    #expect(first["PSComputerName"] == .string("outlook.office365.com"))
    #expect(first["RunspaceId"] == .string("3f6c1a52-9d0e-4b7a-8c21-5e0f4d2a9b13"))
    #expect(first["PSShowComputerName"] == .bool(false))
    #expect(
      first["ToString"]
        == .string("Microsoft.Exchange.Management.RecipientTasks.MailboxAcePresentationObject"))
    #expect(result.records.map(\.location.path) == ["Obj[1]", "Obj[2]", "Obj[3]", "Obj[4]"])
    #expect(result.records.map(\.location.line) == [2, 35, 68, 96])
  }

  @Test("AccessRights as enum objects, with TNRef reuse across records")
  func enumAccessRights() throws {
    let records = read(try fixture("mailbox-permission.xml")).records
    try #require(records.count == 4)
    #expect(records[1]["AccessRights"] == .list([.enumeration(name: "FullAccess", value: 1)]))
    #expect(records[1].typeNames == records[0].typeNames)
    #expect(
      records[2]["AccessRights"]
        == .list([
          .enumeration(name: "ChangeOwner, ChangePermission, DeleteItem, ReadPermission", value: 983_040)
        ]))
    #expect(records[2]["Deny"] == .bool(true))
    #expect(records[2]["IsInherited"] == .bool(true))
    #expect(records[2]["AccessRights"]?.text == "ChangeOwner, ChangePermission, DeleteItem, ReadPermission")
  }

  @Test("A Ref resolves to the value of the earlier object")
  func refReuse() throws {
    let records = read(try fixture("mailbox-permission.xml")).records
    try #require(records.count == 4)
    #expect(records[3]["AccessRights"] == records[1]["AccessRights"])
    #expect(records[3]["User"] == .string(#"CONTOSO\jonas.berg"#))
  }

  @Test("Get-Mailbox from Windows PowerShell 5.1: UTF-16LE, GrantSendOnBehalfTo, audit settings")
  func mailbox() throws {
    let result = read(try fixture("mailbox-utf16le.xml"), file: "mailbox.xml")
    #expect(result.report.diagnostics.isEmpty)
    #expect(result.report.encoding == .utf16LE)
    try #require(result.records.count == 2)
    let shared = result.records[0]
    #expect(shared.typeNames.first == "Microsoft.Exchange.Data.Directory.Management.Mailbox")
    #expect(shared["RecipientTypeDetails"] == .enumeration(name: "SharedMailbox", value: 34_359_738_368))

    let delegates = try #require(shared["GrantSendOnBehalfTo"]?.items)
    #expect(delegates.count == 2)
    #expect(
      delegates.map(\.text) == ["contoso.local/Users/Priya Natarajan", "contoso.local/Users/Jonas Berg"])
    #expect(delegates[0]["DistinguishedName"] == .string("CN=Priya Natarajan,CN=Users,DC=contoso,DC=local"))
    #expect(delegates[0]["ObjectGuid"] == .string("8d3f1c2e-4b5a-4c6d-9e7f-0a1b2c3d4e5f"))
    #expect(delegates[1]["Name"] == .string("Jonas Berg"))
    #expect(delegates[1]["ToString"] == .string("contoso.local/Users/Jonas Berg"))

    #expect(shared["AuditEnabled"] == .bool(true))
    #expect(shared["AuditLogAgeLimit"] == .string("P90D"))
    #expect(
      shared["AuditDelegate"]
        == .list(
          ["Update", "MoveToDeletedItems", "SoftDelete", "HardDelete", "SendAs", "SendOnBehalf", "Create"]
            .map(
              FieldValue.string)))
    #expect(shared["ForwardingAddress"] == .null)
    #expect(shared["ForwardingSmtpAddress"] == .null)
    #expect(shared["WhenChanged"] == .string("2025-11-02T09:14:27.5+01:00"))
    #expect(shared["Identity"]?.text == "contoso.local/Users/Finance Shared")
    #expect(shared["Id"] == shared["Identity"])
    #expect(shared["ToString"] == .string("Finance Shared"))

    let user = result.records[1]
    #expect(user.typeNames == shared.typeNames)
    #expect(user["RecipientTypeDetails"] == .enumeration(name: "UserMailbox", value: 1))
    #expect(user["GrantSendOnBehalfTo"] == .list([]))
    #expect(user["AuditDelegate"]?.items.count == 3)
    #expect(user["ForwardingSmtpAddress"] == .string("smtp:jonas@fabrikam.example"))
    #expect(user["Identity"] == delegates[1])
    #expect(user["Id"] == delegates[1])
  }

  @Test("_xHHHH_ escapes are decoded; empty strings stay empty")
  func escapesInValues() throws {
    let records = read(try fixture("mailbox-utf16le.xml")).records
    try #require(records.count == 2)
    #expect(records[0]["CustomAttribute1"] == .string("Cost centre 4410\r\nOwner: CFO office"))
    #expect(records[0]["CustomAttribute2"] == .string("ref_x0041_literal"))
    #expect(records[1]["CustomAttribute1"] == .string(""))
    #expect(records[1]["CustomAttribute2"] == .string(""))
  }
}

// MARK: - Values

@Suite("CLIXML reader: values")
struct CLIXMLValueTests {
  @Test("Primitive elements map to strings, numbers, booleans and null")
  func primitives() throws {
    let result = read(
      document(
        record(
          """
          <S N="S">text</S><C N="C">97</C><G N="G">0f8fad5b-d9cb-469f-a165-70867728950e</G>
          <URI N="URI">https://outlook.office365.com/</URI><Version N="Version">15.20.7452.28</Version>
          <DT N="DT">2026-01-05T08:00:00Z</DT><TS N="TS">PT1H30M</TS><BA N="BA">AAEC</BA><SS N="SS">AQID</SS>
          <B N="T">true</B><B N="F">false</B><I16 N="I16">-3</I16><I32 N="I32">131073</I32>
          <I64 N="I64">34359738368</I64><U16 N="U16">3</U16><U32 N="U32">4294967295</U32>
          <U64 N="U64">18446744073709551615</U64><By N="By">255</By><SB N="SB">-1</SB><Db N="Db">1.5</Db>
          <Sg N="Sg">2.25</Sg><D N="D">79228162514264337593543950335</D><Nil N="Nil" />
          """)))
    #expect(result.report.diagnostics.isEmpty)
    let fields = try #require(result.records.first).fields
    let expected: [Field] = [
      Field("S", .string("text")), Field("C", .string("97")),
      Field("G", .string("0f8fad5b-d9cb-469f-a165-70867728950e")),
      Field("URI", .string("https://outlook.office365.com/")), Field("Version", .string("15.20.7452.28")),
      Field("DT", .string("2026-01-05T08:00:00Z")), Field("TS", .string("PT1H30M")),
      Field("BA", .string("AAEC")),
      Field("SS", .string("AQID")), Field("T", .bool(true)), Field("F", .bool(false)),
      Field("I16", .number("-3")), Field("I32", .number("131073")), Field("I64", .number("34359738368")),
      Field("U16", .number("3")), Field("U32", .number("4294967295")),
      Field("U64", .number("18446744073709551615")), Field("By", .number("255")), Field("SB", .number("-1")),
      Field("Db", .number("1.5")), Field("Sg", .number("2.25")),
      Field("D", .number("79228162514264337593543950335")), Field("Nil", .null),
    ]
    #expect(fields == expected)
  }

  @Test("Lists, stacks, queues and enumerables become lists; dictionaries become objects")
  func collections() throws {
    let result = read(
      document(
        record(
          """
          <Obj N="L" RefId="1"><TN RefId="1"><T>System.Object[]</T></TN><LST><S>a</S><I32>2</I32><Nil /></LST></Obj>
          <Obj N="E" RefId="2"><TN RefId="2"><T>System.Collections.ArrayList</T></TN><IE><S>b</S></IE></Obj>
          <Obj N="K" RefId="3"><TN RefId="3"><T>System.Collections.Stack</T></TN><STK><S>c</S></STK></Obj>
          <Obj N="Q" RefId="4"><TN RefId="4"><T>System.Collections.Queue</T></TN><QUE><S>d</S></QUE></Obj>
          <Obj N="D" RefId="5">
            <TN RefId="5"><T>System.Collections.Hashtable</T><T>System.Object</T></TN>
            <DCT>
              <En><S N="Key">team</S><S N="Value">finance</S></En>
              <En><S N="Key">tier</S><I32 N="Value">2</I32></En>
              <En><I32 N="Key">7</I32><Nil N="Value" /></En>
            </DCT>
          </Obj>
          """, refId: 9)))
    #expect(result.report.diagnostics.isEmpty)
    let record = try #require(result.records.first)
    #expect(record["L"] == .list([.string("a"), .number("2"), .null]))
    #expect(record["E"] == .list([.string("b")]))
    #expect(record["K"] == .list([.string("c")]))
    #expect(record["Q"] == .list([.string("d")]))
    #expect(
      record["D"]
        == .object([Field("team", .string("finance")), Field("tier", .number("2")), Field("7", .null)]))
  }

  @Test("Objects: with properties, with only ToString, wrapping a primitive, enums")
  func objects() throws {
    let result = read(
      document(
        record(
          """
          <Obj N="Nested" RefId="1">
            <TN RefId="1"><T>Deserialized.Microsoft.Exchange.Data.Directory.ADObjectId</T></TN>
            <ToString>contoso.local/Users/Ana</ToString>
            <Props><S N="Name">Ana</S></Props>
            <MS><S N="Note">from MS</S></MS>
          </Obj>
          <Obj N="OnlyToString" RefId="2"><TN RefId="2"><T>Deserialized.System.TimeZoneInfo</T></TN><ToString>(UTC) Dublin</ToString></Obj>
          <Obj N="Wrapped" RefId="3"><TN RefId="3"><T>System.String</T></TN><ToString>x</ToString><S>wrapped</S></Obj>
          <Obj N="Enum" RefId="4">
            <TN RefId="4"><T>System.DirectoryServices.ActiveDirectorySecurityInheritance</T><T>System.Enum</T><T>System.ValueType</T><T>System.Object</T></TN>
            <ToString>Descendents</ToString><I32>2</I32>
          </Obj>
          <Obj N="EnumAgain" RefId="5"><TNRef RefId="4" /><ToString>All</ToString><I32>1</I32></Obj>
          """, refId: 9)))
    #expect(result.report.diagnostics.isEmpty)
    let record = try #require(result.records.first)
    #expect(
      record["Nested"]
        == .object([
          Field("Name", .string("Ana")), Field("Note", .string("from MS")),
          Field("ToString", .string("contoso.local/Users/Ana")),
        ]))
    #expect(record["OnlyToString"] == .string("(UTC) Dublin"))
    #expect(record["Wrapped"] == .string("wrapped"))
    #expect(record["Enum"] == .enumeration(name: "Descendents", value: 2))
    #expect(record["EnumAgain"] == .enumeration(name: "All", value: 1))
  }

  @Test("Property names and type names are unescaped too")
  func escapedNames() throws {
    let result = read(
      document(
        """
          <Obj RefId="0">
            <TN RefId="0"><T>Selected.Deserialized_x005F_xType</T></TN>
            <MS><S N="Display_x0020_Name">Zoë Ångström 日本</S><S N="Tab_x0009_Name">a_x0009_b</S></MS>
          </Obj>
        """))
    let record = try #require(result.records.first)
    #expect(record.typeNames == ["Selected.Deserialized_xType"])
    #expect(record.fields.map(\.name) == ["Display Name", "Tab\tName"])
    #expect(record["Display Name"] == .string("Zoë Ångström 日本"))
    #expect(record["Tab\tName"] == .string("a\tb"))
  }

  @Test(
    "Escape decoding",
    arguments: [
      ("plain", "plain"),
      ("a_x000A_b", "a\nb"),
      ("_x000D__x000A_", "\r\n"),
      ("keep_x005F_x0041_", "keep_x0041_"),
      ("upper_X0041_", "upperA"),
      ("pair_xD83D__xDE00_", "pair😀"),
      ("lone_xD83D_end", "lone\u{FFFD}end"),
      ("low_xDE00_", "low\u{FFFD}"),
      ("wide_x0001F600_", "wide😀"),
      ("short_x41_", "short_x41_"),
      ("nothex_xZZZZ_", "nothex_xZZZZ_"),
      ("unterminated_x0041", "unterminated_x0041"),
      ("user_name_x", "user_name_x"),
    ])
  func escapes(input: String, expected: String) {
    let bytes = Array(input.utf8)
    let decoded = bytes.withUnsafeBytes { CLIXMLText.string($0) }
    #expect(decoded == expected)
  }
}

// MARK: - Encodings

@Suite("CLIXML reader: encodings")
struct CLIXMLEncodingTests {
  static let text = document(
    record(
      """
      <S N="User">Zoë Ångström</S><S N="Note">日本 😀</S><B N="Deny">false</B>
      """) + "\n" + record(#"<S N="User">CONTOSO\ana</S>"#, refId: 1))

  static func encoded(_ encoding: TextEncoding) -> [UInt8] {
    switch encoding {
    case .utf8, .ascii: Array(text.utf8)
    case .utf8BOM: [0xEF, 0xBB, 0xBF] + Array(text.utf8)
    case .utf16LE: [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
    case .utf16BE: [0xFE, 0xFF] + text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
    case .windows1252: []  // not an encoding Export-Clixml writes
    }
  }

  @Test(
    "The same document reads the same in every encoding PowerShell writes",
    arguments: [
      TextEncoding.utf8BOM, .utf8, .utf16LE, .utf16BE,
    ])
  func sameRecords(encoding: TextEncoding) throws {
    let reference = read(Self.encoded(.utf8))
    let result = read(Self.encoded(encoding))
    #expect(result.report.diagnostics.isEmpty)
    #expect(result.report.encoding == encoding)
    #expect(result.records.count == 2)
    #expect(result.records == reference.records)
    #expect(result.records.first?["User"] == .string("Zoë Ångström"))
    #expect(result.records.first?["Note"] == .string("日本 😀"))
  }

  @Test("A pure-ASCII file without a BOM is reported as ASCII")
  func ascii() {
    let result = read(document(record(#"<S N="User">ana</S>"#)))
    #expect(result.report.encoding == .ascii)
    #expect(result.records.count == 1)
  }

  @Test("UTF-16 with an XML declaration naming another encoding is still read as UTF-16")
  func utf16WithDeclaration() {
    let text = #"<?xml version="1.0" encoding="utf-8"?>"# + "\n" + document(record(#"<S N="User">Zoë</S>"#))
    let bytes: [UInt8] = [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
    let result = read(bytes)
    #expect(result.report.diagnostics.isEmpty)
    #expect(result.records.first?["User"] == .string("Zoë"))
  }

  @Test("Invalid UTF-8 stops reading with the byte offset in the file")
  func invalidUTF8() throws {
    let text = document(
      record(#"<S N="User">ana</S>"# + filler) + record(#"<S N="User">bad_here</S>"#, refId: 1))
    var bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array(text.utf8)
    let at = try #require(offset(of: "_here", in: bytes))
    bytes[at] = 0xFF
    let result = read(bytes)
    #expect(result.records.count == 1)
    let error = try #require(result.errors.first)
    #expect(error.message.hasPrefix("invalid utf-8 at byte \(at)"))
    #expect(error.location?.path == "Obj[2]")
    #expect(error.hint != nil)
  }

  @Test("Broken UTF-16 is repaired with U+FFFD and reported")
  func invalidUTF16() throws {
    var units = Array(document(record(#"<S N="User">a?b</S>"#)).utf16)
    let question = try #require(units.firstIndex(of: UInt16(UInt8(ascii: "?"))))
    units[question] = 0xD800
    let bytes: [UInt8] = [0xFF, 0xFE] + units.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
    let result = read(bytes)
    #expect(result.records.first?["User"] == .string("a\u{FFFD}b"))
    #expect(result.warnings.count == 1)
    #expect(result.warnings.first?.message.hasPrefix("invalid utf-16le") == true)
  }

  @Test(
    "An empty file is an error, whatever its BOM",
    arguments: [
      [UInt8](), [0xEF, 0xBB, 0xBF], [0xFF, 0xFE], Array(" \r\n\t".utf8),
    ])
  func empty(bytes: [UInt8]) {
    let result = read(bytes)
    #expect(result.records.isEmpty)
    #expect(result.report.recordCount == 0)
    #expect(result.errors.count == 1)
    #expect(result.errors.first?.message == "empty file: no Export-Clixml document")
    #expect(result.errors.first?.hint?.contains("re-export") == true)
  }
}

// MARK: - Untrusted input

@Suite("CLIXML reader: untrusted and broken input")
struct CLIXMLUntrustedInputTests {
  @Test("A billion-laughs DOCTYPE is refused at once, before any expansion")
  func billionLaughs() throws {
    let bytes = try fixture("billion-laughs.xml")
    let clock = ContinuousClock()
    var result: Read?
    let elapsed = clock.measure { result = read(bytes, file: "billion-laughs.xml") }
    let outcome = try #require(result)
    #expect(elapsed < .seconds(1))
    #expect(outcome.records.isEmpty)
    let error = try #require(outcome.errors.first)
    #expect(error.message.contains("DOCTYPE"))
    #expect(error.location?.line == 2)
    #expect(error.hint?.contains("re-export") == true)
    #expect(outcome.report.diagnostics.count == 1)
  }

  @Test("A DOCTYPE behind a second byte order mark is refused too")
  func doctypeBehindBOM() throws {
    let text = "\u{FEFF}<!DOCTYPE Objs [<!ENTITY a \"b\">]>" + document(record(#"<S N="User">&a;</S>"#))
    let result = read([0xEF, 0xBB, 0xBF] + Array(text.utf8))
    #expect(result.records.isEmpty)
    #expect(result.errors.first?.message.contains("DOCTYPE") == true)
  }

  @Test("External entities are refused: no file or network is read")
  func externalEntity() throws {
    let result = read(try fixture("external-entity.xml"))
    #expect(result.records.isEmpty)
    #expect(result.errors.first?.message.contains("DOCTYPE") == true)
    #expect(!result.report.diagnostics.contains { $0.message.contains("root:") })
  }

  @Test("An entity reference without a DOCTYPE is refused where it occurs")
  func undeclaredEntity() throws {
    let result = read(
      document(
        record(#"<S N="User">ana</S>"# + filler) + "\n" + record(#"<S N="User">&secret;</S>"#, refId: 1)))
    #expect(result.records.count == 1)
    let error = try #require(result.errors.first)
    #expect(error.message.hasPrefix("refused an entity reference"))
    #expect(error.message.contains("secret"))
    #expect(error.location?.path == "Obj[2]")
  }

  @Test("The five predefined entities and character references are fine")
  func predefinedEntities() {
    let result = read(
      document(record(#"<S N="User">a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos; &#65;&#x42;</S>"#)))
    #expect(result.report.diagnostics.isEmpty)
    #expect(result.records.first?["User"] == .string(#"a & b <c> "d" 'e' AB"#))
  }

  @Test("A truncated file keeps the records before the cut and says it is truncated")
  func truncated() throws {
    let bytes = try fixture("mailbox-permission.xml")
    let start = try #require(offset(of: #"<Obj RefId="5">"#, in: bytes))
    let result = read(Array(bytes[..<(start + 300)]), file: "cut.xml")
    #expect(result.records.count == 2)
    #expect(result.report.recordCount == 2)
    let error = try #require(result.errors.first)
    #expect(error.message.hasPrefix("truncated file"))
    #expect(error.location?.path == "Obj[3]")
    #expect(error.location?.file == "cut.xml")
    #expect(error.hint?.contains("truncated") == true)
  }

  @Test("Cutting a document at any byte never crashes and always reports an error")
  func truncatedEverywhere() throws {
    let text = document(
      record(#"<S N="User">ana</S><B N="Deny">false</B>"#) + "\n" + record(#"<S N="User">bo</S>"#, refId: 1))
    let bytes = Array(text.utf8)
    let complete = read(bytes).records
    try #require(complete.count == 2)
    let end = try #require(offset(of: "</Objs>", in: bytes))
    for cut in 1..<(end + "</Objs".utf8.count) {
      let result = read(Array(bytes[..<cut]))
      #expect(!result.errors.isEmpty, "cut at \(cut)")
      #expect(result.records == Array(complete.prefix(result.records.count)), "cut at \(cut)")
    }
  }

  @Test("Malformed XML stops reading where it breaks; earlier records stay emitted")
  func malformed() throws {
    let text = document(
      record(#"<S N="User">ana</S>"# + filler) + "\n" + record(#"<S N="User">bo</X>"#, refId: 1) + "\n"
        + record(#"<S N="User">cy</S>"#, refId: 2))
    let result = read(text, file: "broken.xml")
    #expect(result.records.map { $0["User"] } == [.string("ana")])
    let error = try #require(result.errors.first)
    #expect(error.message.hasPrefix("malformed xml: opening and ending tag mismatch"))
    #expect(error.location?.line == 11)
    #expect(error.location?.path == "Obj[2]")
    #expect(error.description.hasPrefix("broken.xml:11:"))
    #expect(error.hint?.contains("re-export") == true)
  }

  @Test("Trailing content after </Objs> is malformed, not truncated")
  func trailingGarbage() throws {
    let body = (0..<4).map { record(#"<S N="User">u\#($0)</S>"# + filler, refId: $0) }.joined(separator: "\n")
    let result = read(document(body) + "\n<Objs></Objs>\n")
    // The records parsed in the same 512-byte chunk as the error are lost with it.
    #expect((2...4).contains(result.records.count))
    #expect(result.records.map { $0["User"] } == (0..<result.records.count).map { .string("u\($0)") })
    #expect(result.errors.first?.message == "malformed xml: extra content at the end of the document")
  }

  @Test(
    "A document whose root is not <Objs> is not Export-Clixml",
    arguments: [
      #"<?xml version="1.0" encoding="utf-8"?><Objects><Object Type="System.String">x</Object></Objects>"#,
      #"<Obj RefId="0"><MS><S N="A">b</S></MS></Obj>"#,
      #"<S>just a string</S>"#,
    ])
  func wrongRoot(text: String) throws {
    let result = read(text)
    #expect(result.records.isEmpty)
    let error = try #require(result.errors.first)
    #expect(error.message.hasPrefix("not an Export-Clixml document"))
    #expect(error.hint?.contains("Export-Clixml") == true)
    #expect(result.report.diagnostics.count == 1)
  }

  @Test("JSON given to the CLIXML reader is malformed xml")
  func json() {
    let result = read(#"[{"User":"ana"}]"#)
    #expect(result.records.isEmpty)
    #expect(result.errors.first?.message.hasPrefix("malformed xml") == true)
  }

  @Test("Deep nesting is refused quickly", arguments: [300, 5000])
  func deepNesting(levels: Int) throws {
    let open = String(repeating: #"<Obj N="x"><TN><T>T</T></TN><Props>"#, count: levels)
    let close = String(repeating: "</Props></Obj>", count: levels)
    let text = document(#"<Obj RefId="0"><Props>"# + open + close + "</Props></Obj>")
    let clock = ContinuousClock()
    var result: Read?
    let elapsed = clock.measure { result = read(text) }
    let outcome = try #require(result)
    #expect(elapsed < .seconds(1))
    #expect(outcome.records.isEmpty)
    #expect(outcome.errors.first?.message == "elements nested deeper than 256 levels")
    #expect(outcome.errors.first?.location?.path == "Obj[1]")
  }
}

// MARK: - Structure

@Suite("CLIXML reader: structure and bookkeeping")
struct CLIXMLStructureTests {
  @Test("An export of nothing is a valid, empty document")
  func emptyExport() {
    let result = read(#"<Objs Version="1.1.0.1" xmlns="http://schemas.microsoft.com/powershell/2004/04" />"#)
    #expect(result.records.isEmpty)
    #expect(result.report.diagnostics.isEmpty)
    #expect(result.report.recordCount == 0)
    #expect(result.report.columns.isEmpty)
    #expect(result.report.typeName == nil)
  }

  @Test("Top-level values are rejected, not emitted, and counted")
  func topLevelValues() throws {
    let result = read(document(#"<S>just a string</S>"# + record(#"<S N="A">1</S>"#) + #"<I32>5</I32>"#))
    #expect(result.records.count == 1)
    #expect(result.report.rejected.count == 2)
    #expect(result.report.recordCount == 3)
    #expect(result.report.rejected.map(\.location.path) == ["S[1]", "I32[1]"])
    #expect(result.report.rejected.first?.reason == "a top-level <S> value, not an object")
    #expect(result.records.first?.location.path == "Obj[1]")
  }

  @Test("A top-level Ref repeats an earlier record")
  func topLevelRef() {
    let result = read(document(record(#"<S N="A">1</S>"#) + #"<Ref RefId="0" />"#))
    #expect(result.records.count == 2)
    #expect(result.records[0].fields == result.records[1].fields)
    #expect(result.records[1].typeNames == result.records[0].typeNames)
  }

  @Test("A leaf holding elements rejects its record only")
  func leafWithElements() throws {
    let result = read(document(record(#"<S N="A">x<b/>y</S>"#) + record(#"<S N="A">fine</S>"#, refId: 1)))
    #expect(result.records.map { $0["A"] } == [.string("fine")])
    let rejected = try #require(result.report.rejected.first)
    #expect(rejected.location.path == "Obj[1]")
    #expect(rejected.reason.contains("<S> holds child elements"))
    #expect(result.report.recordCount == 2)
  }

  @Test("An element CLIXML does not define is read as text, with a warning")
  func unknownElement() {
    let result = read(document(record(#"<PR N="Progress">50</PR><S N="A">b</S>"#)))
    #expect(result.records.first?["Progress"] == .string("50"))
    #expect(result.warnings.map(\.message) == ["unknown clixml element <PR> read as text"])
  }

  @Test("Unresolved Ref and TNRef leave values empty, with warnings")
  func unresolvedReferences() {
    let text = document(
      """
        <Obj RefId="0">
          <TNRef RefId="42" />
          <MS><Ref N="Gone" RefId="99" /><S N="A">b</S></MS>
        </Obj>
      """)
    let result = read(text)
    #expect(result.records.count == 1)
    #expect(result.records.first?["Gone"] == .null)
    #expect(result.records.first?.typeNames == [])
    #expect(result.warnings.count == 2)
    #expect(result.warnings.allSatisfy { $0.location?.path == "Obj[1]" })
  }

  @Test("Repeated warnings are capped with a note")
  func cappedWarnings() {
    let body = (0..<25).map { record(#"<Ref N="Gone" RefId="9999" />"#, refId: $0) }.joined(separator: "\n")
    let result = read(document(body))
    #expect(result.records.count == 25)
    #expect(result.warnings.count == 10)
    #expect(result.report.diagnostics.filter { $0.level == .note }.count == 1)
  }

  @Test("Records past line 65535 carry their exact line")
  func bigLineNumbers() throws {
    let recordLines = 8
    let body = (0..<10_000).map { index in
      """
        <Obj RefId="\(index)">
          <MS>
            <S N="User">user\(index)</S>
            <B N="Deny">false</B>
            <I32 N="Index">\(index)</I32>
          </MS>
          <ToString>x</ToString>
        </Obj>
      """
    }.joined(separator: "\n")
    let text =
      "<Objs Version=\"1.1.0.1\" xmlns=\"http://schemas.microsoft.com/powershell/2004/04\">\n" + body
      + "\n</Objs>\n"
    let result = read(text)
    #expect(result.report.diagnostics.isEmpty)
    try #require(result.records.count == 10_000)
    for index in [0, 1, 8_190, 8_191, 8_192, 9_999] {
      #expect(result.records[index].location.line == 2 + index * recordLines, "record \(index)")
    }
  }

  @Test("Records with the same values share nothing observable: fields repeat correctly")
  func repeatedValues() {
    let body = (0..<6).map { index in
      record(
        #"<S N="Same">x</S><S N="Changing">v\#(index % 2 == 0 ? "a" : "b")</S><B N="Deny">\#(index < 3)</B>"#,
        refId: index)
    }.joined(separator: "\n")
    let result = read(document(body))
    #expect(result.records.map { $0["Same"] } == Array(repeating: .string("x"), count: 6))
    #expect(
      result.records.map { $0["Changing"] } == ["va", "vb", "va", "vb", "va", "vb"].map(FieldValue.string))
    #expect(
      result.records.map { $0["Deny"] } == [true, true, true, false, false, false].map(FieldValue.bool))
  }

  @Test("The back-reference store is bounded")
  func referenceStoreBounds() {
    var references = CLIXMLReferences(capacity: 4, maximumObjectCost: 10)
    let object = CLIXMLReferences.Object(value: .string("v"), typeNames: [])
    references.keep(object, refId: 1, cost: 3)
    references.keep(object, refId: 2, cost: 11)
    #expect(references.object(1)?.value == .string("v"))
    #expect(references.object(2) == nil)
    references.keep(object, refId: 5, cost: 1)
    #expect(references.object(1) == nil)
    #expect(references.object(5) != nil)
  }
}
