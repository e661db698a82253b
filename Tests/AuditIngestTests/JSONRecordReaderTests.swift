import AuditModel
import Testing

@testable import AuditIngest

/// Reads JSON text and collects the records and the report.
private func read(_ text: String, file: String = "perm.json") -> (records: [Record], report: ReaderReport) {
  read(bytes: Array(text.utf8), file: file)
}

private func read(bytes: [UInt8], file: String = "perm.json") -> (records: [Record], report: ReaderReport) {
  var records: [Record] = []
  let report = JSONRecordReader.read(utf8: bytes, file: file, encoding: .utf8) { records.append($0) }
  return (records, report)
}

private func errors(_ report: ReaderReport) -> [Diagnostic] {
  report.diagnostics.filter { $0.level == .error }
}

private func warnings(_ report: ReaderReport) -> [Diagnostic] {
  report.diagnostics.filter { $0.level == .warning }
}

@Suite struct JSONRecordReaderTests {
  // MARK: - Shapes

  @Test func readsWindowsPowerShellLayout() {
    let json = #"""
      [
          {
              "AccessRights":  [
                                   "FullAccess, ReadPermission"
                               ],
              "Deny":  false,
              "InheritanceType":  1,
              "User":  "NT AUTHORITY\\SELF",
              "Identity":  "shared",
              "IsInherited":  false,
              "WhenChanged":  "\/Date(1777676368000)\/"
          },
          {
              "AccessRights":  [
                                   "FullAccess"
                               ],
              "Deny":  true,
              "InheritanceType":  1,
              "User":  "CONTOSO\\Domain Admins",
              "Identity":  "shared",
              "IsInherited":  true,
              "WhenChanged":  "\/Date(1777676368000)\/"
          }
      ]
      """#
    let (records, report) = read(json)
    #expect(records.count == 2)
    #expect(report.recordCount == 2)
    #expect(report.rejected.isEmpty)
    #expect(report.diagnostics.isEmpty)
    #expect(report.serialisation == .json)
    #expect(report.encoding == .utf8)
    #expect(
      report.columns == [
        "AccessRights", "Deny", "InheritanceType", "User", "Identity", "IsInherited", "WhenChanged",
      ])
    let first = records[0]
    #expect(first["AccessRights"] == .list([.string("FullAccess, ReadPermission")]))
    #expect(first["Deny"] == .bool(false))
    #expect(first["InheritanceType"] == .number("1"))
    #expect(first["User"] == .string(#"NT AUTHORITY\SELF"#))
    #expect(first["WhenChanged"] == .string("/Date(1777676368000)/"))
    #expect(first.location == SourceLocation(file: "perm.json", line: 2, column: 5, path: "[0]"))
    #expect(records[1]["User"] == .string(#"CONTOSO\Domain Admins"#))
    #expect(records[1]["Deny"] == .bool(true))
    #expect(records[1].location == SourceLocation(file: "perm.json", line: 13, column: 5, path: "[1]"))
  }

  @Test func readsPowerShell7Layout() {
    let json = """
      [
        {
          "Identity": "shared",
          "User": "alice@contoso.com",
          "AccessRights": [
            "FullAccess",
            "ReadPermission"
          ],
          "IsInherited": false,
          "Deny": false,
          "WhenChanged": "2026-05-01T12:19:28.0000000+00:00"
        }
      ]
      """
    let (records, report) = read(json)
    #expect(records.count == 1)
    #expect(report.diagnostics.isEmpty)
    #expect(records[0]["AccessRights"] == .list([.string("FullAccess"), .string("ReadPermission")]))
    #expect(records[0]["WhenChanged"] == .string("2026-05-01T12:19:28.0000000+00:00"))
    #expect(records[0].location == SourceLocation(file: "perm.json", line: 2, column: 3, path: "[0]"))
  }

  @Test func keepsEnumIntegersAsNumberText() {
    let json = """
      [{"Identity":"shared","AccessRights":[131073],"InheritanceType":1},
       {"Identity":"room","AccessRights":[1],"Deny":false,"Ratio":-1.5e-3}]
      """
    let (records, _) = read(json)
    #expect(records.count == 2)
    #expect(records[0]["AccessRights"] == .list([.number("131073")]))
    #expect(records[0]["InheritanceType"] == .number("1"))
    #expect(records[1]["AccessRights"] == .list([.number("1")]))
    #expect(records[1]["Ratio"] == .number("-1.5e-3"))
    #expect(records[1].location.line == 2 && records[1].location.column == 2)
  }

  @Test func readsSingleObject() {
    let (records, report) = read(#"  {"Identity": "shared", "User": "bob@contoso.com", "Note": null}"#)
    #expect(records.count == 1)
    #expect(report.recordCount == 1)
    #expect(records[0].fields.map(\.name) == ["Identity", "User", "Note"])
    #expect(records[0]["Note"] == .null)
    #expect(records[0].location == SourceLocation(file: "perm.json", line: 1, column: 3, path: "[0]"))
  }

  @Test func readsConcatenatedArrays() {
    let json = """
      [{"n":1},{"n":2}][{"n":3}]
      [
        {"n":4}
      ]
      """
    let (records, report) = read(json)
    #expect(records.map { $0["n"] } == [.number("1"), .number("2"), .number("3"), .number("4")])
    #expect(records.map { $0.location.path } == ["[0]", "[1]", "[1][0]", "[2][0]"])
    #expect(records[3].location.line == 3 && records[3].location.column == 3)
    #expect(report.diagnostics.isEmpty)
    #expect(report.recordCount == 4)
  }

  @Test func readsJSONLines() {
    let json = """
      {"Id":"a","Operation":"Add-MailboxPermission"}
      {"Id":"b","Operation":"Remove-MailboxPermission"}

      {"Id":"c","Operation":"Set-Mailbox"}
      """
    let (records, report) = read(json)
    #expect(records.map { $0["Id"] } == [.string("a"), .string("b"), .string("c")])
    #expect(records.map { $0.location.path } == ["[0]", "[1]", "[2]"])
    #expect(records.map { $0.location.line } == [1, 2, 4])
    #expect(report.diagnostics.isEmpty)
  }

  @Test func readsAdminAPIEnvelope() {
    let json = #"""
      {"value":[{"PermissionId":"TlQgQVVUSE9SSVRZXFNFTEY=","MailboxIdentity":"UserPropertiesTest",
        "User":"NT AUTHORITY\\SELF","IsOwner":false,
        "PermissionList":[{"ChangedProperties":[],"AccessRights":["FullAccess","ReadPermission"],
                           "IsInherited":false,"Deny":false,"InheritanceType":"None"},
                          {"ChangedProperties":[],"AccessRights":["FullAccess","ExternalAccount","ReadPermission"],
                           "IsInherited":false,"Deny":false,"InheritanceType":"Descendents"}]}]}
      """#
    let (records, report) = read(json)
    #expect(records.count == 1)
    #expect(report.diagnostics.isEmpty)
    let record = records[0]
    #expect(record.location == SourceLocation(file: "perm.json", line: 1, column: 11, path: "value[0]"))
    #expect(record["User"] == .string(#"NT AUTHORITY\SELF"#))
    #expect(record["IsOwner"] == .bool(false))
    let aces = record["PermissionList"]?.items ?? []
    #expect(aces.count == 2)
    #expect(aces[0]["ChangedProperties"] == .list([]))
    #expect(
      aces[1]["AccessRights"]
        == .list([.string("FullAccess"), .string("ExternalAccount"), .string("ReadPermission")]))
    #expect(aces[1]["InheritanceType"] == .string("Descendents"))
  }

  @Test func readsODataEnvelopeWithContextFirst() {
    let json = """
      {
        "@odata.context": "https://outlook.office365.com/adminapi/beta/t/$metadata#MailboxPermission",
        "value": [
          {"User": "a@contoso.com"},
          {"User": "b@contoso.com"}
        ],
        "@odata.nextLink": "https://outlook.office365.com/next"
      }
      """
    let (records, report) = read(json)
    #expect(records.map { $0["User"] } == [.string("a@contoso.com"), .string("b@contoso.com")])
    #expect(records.map { $0.location.path } == ["value[0]", "value[1]"])
    #expect(records[1].location.line == 5)
    #expect(report.diagnostics.isEmpty)
    #expect(report.columns == ["User"])
  }

  @Test func readsNestedObjects() {
    let json = """
      [{"Identity":"shared","User":{"Name":"Alice","Sid":{"Value":"S-1-5-21-1"},"Empty":{}},
        "Tags":[{"k":"a"},[1,[2]],null]}]
      """
    let (records, _) = read(json)
    #expect(records.count == 1)
    let user = records[0]["User"]
    #expect(user?["Name"] == .string("Alice"))
    #expect(user?["Sid"]?["Value"] == .string("S-1-5-21-1"))
    #expect(user?["Empty"] == .object([]))
    #expect(
      records[0]["Tags"]
        == .list([.object([Field("k", .string("a"))]), .list([.number("1"), .list([.number("2")])]), .null]))
  }

  // MARK: - Strings

  @Test func decodesEscapesAndSurrogatePairs() {
    let json = #"""
      [{"s":"caf\u00e9 \u4E2D \ud83d\ude00 \"q\" \\ \/ \b\f\n\r\t end","raw":"é 中 😀","ctl":"a	b"}]
      """#
    let (records, report) = read(json)
    #expect(report.diagnostics.isEmpty)
    #expect(records[0]["s"] == .string("café 中 😀 \"q\" \\ / \u{08}\u{0C}\n\r\t end"))
    #expect(records[0]["raw"] == .string("é 中 😀"))
    #expect(records[0]["ctl"] == .string("a\tb"))
  }

  @Test func replacesUnpairedSurrogateWithWarning() {
    let (records, report) = read(#"[{"s":"x\ud83dy","t":"\udc00"}]"#)
    #expect(records.count == 1)
    #expect(records[0]["s"] == .string("x\u{FFFD}y"))
    #expect(records[0]["t"] == .string("\u{FFFD}"))
    #expect(warnings(report).count == 2)
    #expect(
      warnings(report)[0].location == SourceLocation(file: "perm.json", line: 1, column: 9, path: "[0]"))
  }

  @Test func readsEscapedKeys() {
    let (records, report) = read(#"[{"A\u0063cess":1,"Acc\u0065ss":2,"Access":3}]"#)
    #expect(records[0].fields == [Field("Access", .number("3"))])
    #expect(warnings(report).count == 2)
  }

  // MARK: - Duplicate keys

  @Test func keepsTheLastValueOfDuplicateKeys() {
    let json = """
      [
        {"User": "a@contoso.com", "Deny": false, "User": "b@contoso.com"},
        {"User": "c@contoso.com", "Deny": false, "user": "d@contoso.com"}
      ]
      """
    let (records, report) = read(json)
    #expect(records.count == 2)
    #expect(records[0].fields == [Field("User", .string("b@contoso.com")), Field("Deny", .bool(false))])
    #expect(records[1].fields == [Field("user", .string("d@contoso.com")), Field("Deny", .bool(false))])
    let found = warnings(report)
    #expect(found.count == 2)
    #expect(found[0].message == "duplicate key 'User' in an object; the last value is kept")
    #expect(found[0].location == SourceLocation(file: "perm.json", line: 2, column: 44, path: "[0]"))
    #expect(found[1].location?.path == "[1]")
  }

  @Test func findsDuplicatesBeyondTheInternerCapacity() {
    var json = "[{"
    for k in 0..<(JSONKeyInterner.fileCapacity + 50) { json += "\"k\(k)\":\(k)," }
    json += "\"k550\":\"last\",\"K10\":\"ten\"}]"
    let (records, report) = read(json)
    #expect(records.count == 1)
    #expect(records[0].fields.count == JSONKeyInterner.fileCapacity + 50)
    #expect(records[0]["k550"] == .string("last"))
    #expect(records[0]["k10"] == .string("ten"))
    #expect(warnings(report).count == 2)
  }

  // MARK: - Rejected elements

  @Test func rejectsElementsThatAreNotObjects() {
    let json = """
      [
        {"n": 1},
        "text",
        42,
        null,
        [1, 2],
        {"n": 2}
      ]
      """
    let (records, report) = read(json)
    #expect(records.map { $0.location.path } == ["[0]", "[5]"])
    #expect(report.recordCount == 6)
    #expect(report.rejected.count == 4)
    #expect(
      report.rejected.map(\.reason) == [
        "not an object: the element is a string", "not an object: the element is a number",
        "not an object: the element is null", "not an object: the element is an array",
      ])
    #expect(report.rejected[0].location == SourceLocation(file: "perm.json", line: 3, column: 3, path: "[1]"))
    #expect(report.rejected[3].location == SourceLocation(file: "perm.json", line: 6, column: 3, path: "[4]"))
    #expect(errors(report).isEmpty)
  }

  @Test func rejectsTopLevelScalarInJSONLines() {
    let (records, report) = read("{\"n\":1}\n\"stray\"\n{\"n\":2}\n")
    #expect(records.count == 2)
    #expect(report.rejected.map(\.location.path) == ["[1]"])
    #expect(report.recordCount == 3)
  }

  // MARK: - Errors

  @Test func reportsTruncatedFile() {
    let json = """
      [
        {"n": 1},
        {"n": 2, "b": [1, 2
      """
    let (records, report) = read(json)
    #expect(records.count == 1)
    #expect(report.recordCount == 2)
    #expect(report.rejected.count == 1)
    #expect(report.rejected[0].location == SourceLocation(file: "perm.json", line: 3, column: 3, path: "[1]"))
    let found = errors(report)
    #expect(found.count == 1)
    #expect(found[0].message == "invalid json: unexpected end of file inside an array")
    #expect(
      found[0].hint?.hasPrefix("the file looks truncated; re-export with ConvertTo-Json -Depth 5") == true)
    #expect(found[0].location == SourceLocation(file: "perm.json", line: 3, column: 22, path: "[1]"))
    #expect(found[0].description.hasPrefix("perm.json:3:22 ([1]): error: invalid json:"))
  }

  @Test func reportsArrayCutAfterAnElement() {
    let (records, report) = read("[{\"n\":1},\n{\"n\":2}\n")
    #expect(records.count == 2)
    #expect(report.rejected.isEmpty)
    #expect(
      errors(report).map(\.message) == [
        "invalid json: unexpected end of file inside an array; expected ',' or ']'"
      ])
    #expect(errors(report)[0].location?.line == 3)
  }

  @Test func reportsUnterminatedString() {
    let (records, report) = read("[{\"n\": 1}, {\"User\": \"alice@contoso")
    #expect(records.count == 1)
    #expect(report.rejected.count == 1)
    let found = errors(report)
    #expect(found.map(\.message) == ["invalid json: unterminated string"])
    #expect(found[0].location == SourceLocation(file: "perm.json", line: 1, column: 21, path: "[1]"))
    #expect(found[0].hint?.contains("truncated") == true)
  }

  @Test func recoversFromUnterminatedStringInJSONLines() {
    let json = """
      {"Id":"a","User":"alice}
      {"Id":"b"}
      {"Id":"c"}
      """
    let (records, report) = read(json)
    #expect(records.map { $0["Id"] } == [.string("b"), .string("c")])
    #expect(records.map { $0.location.path } == ["[1]", "[2]"])
    #expect(
      report.rejected.map(\.location) == [SourceLocation(file: "perm.json", line: 1, column: 1, path: "[0]")])
    #expect(report.recordCount == 3)
    let found = errors(report)
    #expect(found.count == 1)
    #expect(
      found[0].hint
        == "the string at line 1, column 18 runs onto the next line; is its closing quote missing?")
    #expect(report.diagnostics.contains { $0.level == .note && $0.location?.line == 2 })
  }

  @Test func recoversFromBrokenElementInPrettyArray() {
    let json = """
      [
          {
              "n":  1,
              "ok":  tru
          },
          {
              "n":  2
          }
      ]
      """
    let (records, report) = read(json)
    #expect(records.map { $0["n"] } == [.number("2")])
    #expect(records[0].location == SourceLocation(file: "perm.json", line: 6, column: 5, path: "[1]"))
    #expect(report.rejected.map(\.location.path) == ["[0]"])
    #expect(errors(report).map(\.message) == ["invalid json: invalid literal 'tru'"])
    #expect(errors(report)[0].location == SourceLocation(file: "perm.json", line: 4, column: 16, path: "[0]"))
    #expect(report.rejected[0].reason == "invalid json: invalid literal 'tru' at line 4, column 16")
  }

  @Test func reportsMissingColonAndComma() {
    let (_, colon) = read(#"[{"a" 1}]"#)
    #expect(
      errors(colon).map(\.message) == ["invalid json: unexpected '1' after an object key; expected ':'"])
    #expect(errors(colon)[0].location?.column == 7)

    let (_, member) = read(#"[{"a":1 "b":2}]"#)
    #expect(
      errors(member).map(\.message) == [
        "invalid json: unexpected '\"' after an object member; expected ',' or '}'"
      ])

    let (records, element) = read(#"[{"a":1} {"a":2}]"#)
    #expect(records.count == 2)
    #expect(errors(element).map(\.message) == ["invalid json: missing ',' between array elements"])
    #expect(element.rejected.isEmpty)
  }

  @Test func reportsBadNumbersAndLiterals() {
    #expect(errors(read(#"[{"a":01}]"#).report).map(\.message) == ["invalid json: invalid number '01'"])
    #expect(errors(read(#"[{"a":1.}]"#).report).map(\.message) == ["invalid json: invalid number '1.'"])
    #expect(errors(read(#"[{"a":nul}]"#).report).map(\.message) == ["invalid json: invalid literal 'nul'"])
    #expect(
      errors(read(#"[{"a":True}]"#).report).map(\.message) == [
        "invalid json: unexpected 'T' where a value was expected"
      ])
    #expect(
      errors(read(#"[{"a":"\x"}]"#).report).map(\.message) == [
        "invalid json: invalid escape sequence '\\x' in a string"
      ])
    #expect(errors(read(#"[{"a":1,}]"#).report).map(\.message) == ["invalid json: trailing comma before '}'"])
  }

  @Test func reportsTrailingGarbage() {
    let (records, report) = read("[{\"n\":1}]\n]")
    #expect(records.count == 1)
    #expect(report.rejected.isEmpty)
    #expect(
      errors(report).map(\.message) == ["invalid json: unexpected ']' after the end of the top-level value"])
    #expect(errors(report)[0].location == SourceLocation(file: "perm.json", line: 2, column: 1))

    let (_, start) = read("Identity,User\nshared,bob")
    #expect(
      errors(start).map(\.message) == [
        "invalid json: unexpected 'I'; a JSON export starts with '[' or '{'"
      ])
  }

  @Test func rejectsRecordWithInvalidUTF8() {
    let bytes =
      Array(#"[{"User":"ab"#.utf8) + [0xC3, 0x28] + Array(#""},"#.utf8) + [0x0A]
      + Array(#"{"User":"ok"}]"#.utf8)
    let (records, report) = read(bytes: bytes)
    #expect(records.map { $0["User"] } == [.string("ok")])
    #expect(report.recordCount == 2)
    #expect(report.rejected.count == 1)
    #expect(report.rejected[0].reason == "invalid utf-8 in a string at line 1, column 10")
    #expect(report.rejected[0].location.path == "[0]")
    #expect(errors(report).map(\.message) == ["invalid utf-8 in a string"])
    #expect(errors(report)[0].location == SourceLocation(file: "perm.json", line: 1, column: 10, path: "[0]"))
  }

  @Test func rejectsRecordWithInvalidUTF8InKey() {
    let bytes = Array(#"[{""#.utf8) + [0xFF] + Array(#"":1}]"#.utf8)
    let (records, report) = read(bytes: bytes)
    #expect(records.isEmpty)
    #expect(report.rejected.count == 1)
  }

  @Test func survivesDeepNesting() {
    let deep = String(repeating: "[", count: 200_000)
    let (records, report) = read(deep)
    #expect(records.isEmpty)
    #expect(report.rejected.count == 1)
    #expect(errors(report).map(\.message) == ["invalid json: nesting deeper than 512 levels"])
    #expect(errors(report)[0].location?.column == 513)

    let value = JSONRecordReader.parseValue(String(repeating: "{\"a\":", count: 100_000))
    guard case .failure(let error) = value else {
      Issue.record("expected a failure")
      return
    }
    #expect(error.kind == .tooDeep)
  }

  @Test func skipsTooDeepRecordAndReadsOn() {
    let nested = String(repeating: "[", count: 600) + String(repeating: "]", count: 600)
    let (records, report) = read("[{\"deep\":\(nested)},\n{\"n\":2}]")
    #expect(records.map { $0["n"] } == [.number("2")])
    #expect(records[0].location.path == "[1]")
    #expect(report.rejected.map(\.location.path) == ["[0]"])
    #expect(errors(report).count == 1)
  }

  @Test func acceptsNestingUpToTheLimit() {
    // The top-level array and the record take two of the 512 levels.
    let nested = String(repeating: "[", count: 510) + String(repeating: "]", count: 510)
    let (records, report) = read("[{\"deep\":\(nested)}]")
    #expect(records.count == 1)
    #expect(report.diagnostics.isEmpty)
  }

  @Test(arguments: [
    ("", "the file is empty; it holds no records"),
    (" \n\t\r\n  ", "the file holds only whitespace; it holds no records"),
    ("[]", "the file holds no records"), ("[ ]\n[]", "the file holds no records"),
  ])
  func reportsFilesWithoutRecords(input: String, message: String) {
    let (records, report) = read(input)
    #expect(records.isEmpty)
    #expect(report.recordCount == 0)
    #expect(report.columns.isEmpty)
    #expect(report.diagnostics.map(\.message) == [message])
    #expect(report.diagnostics.map(\.level) == [.warning])
    #expect(report.diagnostics[0].location == SourceLocation(file: "perm.json"))
  }

  // MARK: - Locations

  @Test func locatesRecordsWithCRLFLineEndings() {
    let json = "[\r\n  {\"n\":1},\r\n\r\n    {\"n\":2}\r\n]\r\n"
    let (records, report) = read(json, file: "exports/perm.json")
    #expect(report.diagnostics.isEmpty)
    #expect(
      records.map(\.location) == [
        SourceLocation(file: "exports/perm.json", line: 2, column: 3, path: "[0]"),
        SourceLocation(file: "exports/perm.json", line: 4, column: 5, path: "[1]"),
      ])
  }

  @Test func locatesRecordsOnOneLongLine() {
    let objects = (0..<1000).map { "{\"n\":\($0)}" }
    let json = "[" + objects.joined(separator: ",") + "]"
    let (records, _) = read(json)
    #expect(records.count == 1000)
    let before = "[" + objects[..<999].joined(separator: ",") + ","
    #expect(
      records[999].location
        == SourceLocation(file: "perm.json", line: 1, column: before.utf8.count + 1, path: "[999]"))
  }

  @Test func locatesErrorsFoundAfterTheResumePoint() {
    // Every other line is broken; the error of each is found on the next line, behind the
    // point where reading resumes, so line numbers must also be counted backwards.
    let json = (0..<200).map {
      $0 % 2 == 0 ? "{\"Id\":\"\($0)\",\"User\":\"open}" : "{\"Id\":\"\($0)\"}"
    }.joined(separator: "\n")
    let (records, report) = read(json)
    #expect(records.count == 100)
    #expect(report.rejected.count == 100)
    #expect(report.rejected.map(\.location.line) == Array(stride(from: 1, through: 199, by: 2)))
    #expect(errors(report).map { $0.location?.line } == Array(stride(from: 2, through: 200, by: 2)))
    #expect(records.map(\.location.line) == Array(stride(from: 2, through: 200, by: 2)))
  }

  @Test func toleratesByteOrderMarkAndHintsAtUTF16() {
    let (records, report) = read(bytes: [0xEF, 0xBB, 0xBF] + Array(#"[{"a":1}]"#.utf8))
    #expect(records.count == 1)
    #expect(report.diagnostics.isEmpty)

    let utf16: [UInt8] = Array(#"[{"a":1}]"#.utf8).flatMap { [$0, UInt8(0)] }
    let (_, broken) = read(bytes: utf16)
    #expect(errors(broken).first?.hint?.contains("UTF-16") == true)
  }

  @Test func countsRejectedAndEmittedInRecordCount() {
    let (records, report) = read(#"[{"a":1},2,{"a":"\uZZZZ"}, {"b":2}]"#)
    #expect(records.count == 1)
    #expect(report.rejected.count == 2)
    #expect(report.recordCount == 3)
    #expect(errors(report).map(\.message) == ["invalid json: invalid \\u escape in a string"])
  }

  // MARK: - parseValue

  @Test func parsesAuditDataCell() {
    let auditData = #"""
      {"CreationTime":"2020-02-07T20:49:49","Operation":"Add-MailboxPermission","RecordType":1,
       "Parameters":[{"Name":"Identity","Value":"shared"},{"Name":"AccessRights","Value":"FullAccess"}],
       "ExternalAccess":false,"UserId":"NT AUTHORITY\\SYSTEM (Microsoft.Exchange.ServiceHost)"}
      """#
    let result = JSONRecordReader.parseValue(auditData)
    guard case .success(let value) = result else {
      Issue.record("expected a value, got \(result)")
      return
    }
    #expect(value["RecordType"] == .number("1"))
    #expect(value["Parameters"]?.items.count == 2)
    #expect(value["Parameters"]?.items[1]["Value"] == .string("FullAccess"))
    #expect(value["UserId"] == .string(#"NT AUTHORITY\SYSTEM (Microsoft.Exchange.ServiceHost)"#))
    #expect(JSONRecordReader.parseValue(" 42 ") == .success(.number("42")))
    #expect(JSONRecordReader.parseValue("\"x\"") == .success(.string("x")))
  }

  @Test func reportsParseValueErrorsWithLineAndColumn() {
    guard case .failure(let error) = JSONRecordReader.parseValue("{\"a\": 1,\n \"b\" 2}") else {
      Issue.record("expected a failure")
      return
    }
    #expect(error.line == 2 && error.column == 6)
    #expect(error.description == "2:6: invalid json: unexpected '2' after an object key; expected ':'")
    #expect(error.kind == .invalidSyntax)

    guard case .failure(let trailing) = JSONRecordReader.parseValue("{} x") else {
      Issue.record("expected a failure")
      return
    }
    #expect(trailing.message == "unexpected 'x' after the end of the value")

    guard case .failure(let empty) = JSONRecordReader.parseValue("  ") else {
      Issue.record("expected a failure")
      return
    }
    #expect(empty.message == "the text holds no value")

    guard case .failure(let truncated) = JSONRecordReader.parseValue("{\"a\": [1") else {
      Issue.record("expected a failure")
      return
    }
    #expect(truncated.kind == .truncated)
  }

  // MARK: - Interning

  @Test func sharesKeysAcrossRecords() {
    let json =
      "[" + (0..<100).map { "{\"Identity\":\"m\($0)\",\"User\":\"u\",\"Deny\":false}" }.joined(separator: ",")
      + "]"
    let (records, report) = read(json)
    #expect(records.count == 100)
    #expect(records.allSatisfy { $0.fields.map(\.name) == ["Identity", "User", "Deny"] })
    #expect(records[57]["Identity"] == .string("m57"))
    #expect(report.diagnostics.isEmpty)
  }

  // MARK: - Sharing keys and values

  @Test func predictsKeysButChecksEveryByte() {
    let json = """
      [{"User":1,"UserSid":2},{"UserSid":3,"User":4},{"Use":5},{"User":6},{"user":7,"User":8}]
      """
    let (records, report) = read(json)
    #expect(
      records.map { $0.fields.map(\.name) } == [
        ["User", "UserSid"], ["UserSid", "User"], ["Use"], ["User"], ["User"],
      ])
    #expect(records[1]["User"] == .number("4"))
    #expect(records[4].fields == [Field("User", .number("8"))])
    #expect(warnings(report).count == 1)
  }

  @Test func sharesRepeatedValuesWithoutMixingThemUp() {
    // Values of every length around the cache limits, repeated and colliding.
    var generator = SplitMix64(seed: 7)
    var expected: [[String]] = []
    var json = "["
    for n in 0..<3000 {
      var values: [String] = []
      for _ in 0..<4 {
        let length = Int(generator.next() % 72)
        let pool = Int(generator.next() % 40)
        var text = String(repeating: "v", count: length)
        if length > 0 {
          text = String(text.dropLast(min(length, 3))) + String(pool).prefix(min(length, 3))
        }
        values.append(text)
      }
      expected.append(values)
      if n > 0 { json += "," }
      json += "{" + values.enumerated().map { "\"k\($0.offset)\":\"\($0.element)\"" }.joined(separator: ",")
      json += ",\"n\":\(Int(generator.next() % 50) - 25)}"
    }
    json += "]"
    let (records, report) = read(json)
    #expect(report.diagnostics.isEmpty)
    #expect(records.count == expected.count)
    for (record, values) in zip(records, expected) {
      #expect(record.fields.prefix(4).map(\.value) == values.map { .string($0) })
    }
  }

  @Test func readsLiteralsAtTheEndOfTheInput() {
    #expect(JSONRecordReader.parseValue("true") == .success(.bool(true)))
    #expect(JSONRecordReader.parseValue("false") == .success(.bool(false)))
    #expect(JSONRecordReader.parseValue("null") == .success(.null))
    #expect(
      JSONRecordReader.parseValue("[true,false,null]") == .success(.list([.bool(true), .bool(false), .null])))
    #expect(JSONRecordReader.parseValue("-0.5E+2") == .success(.number("-0.5E+2")))
    for bad in ["truex", "nulll", "fals", "falsey ", "tru", "-", "1e", "[1,"] {
      guard case .failure = JSONRecordReader.parseValue(bad) else {
        Issue.record("\(bad) should not parse")
        continue
      }
    }
    guard case .failure(let cut) = JSONRecordReader.parseValue("[fals") else { return }
    #expect(cut.kind == .truncated)
  }

  @Test(arguments: [1, 2, 3, 4, 5, 6, 7, 8])
  func parsesRandomDocumentsExactly(seed: UInt64) {
    var generator = SplitMix64(seed: seed)
    for _ in 0..<40 {
      let value = RandomJSON.value(depth: 0, using: &generator)
      let text = RandomJSON.text(value, using: &generator)
      let parsed = JSONRecordReader.parseValue(text)
      #expect(parsed == .success(value), "\(text)")
    }
    // The same values as records in a file.
    var records: [FieldValue] = []
    while records.count < 50 {
      let value = RandomJSON.value(depth: 1, using: &generator)
      if case .object = value { records.append(value) }
    }
    let text = "[" + records.map { RandomJSON.text($0, using: &generator) }.joined(separator: ",\n") + "]"
    let (read, report) = read(text)
    #expect(report.diagnostics.isEmpty)
    #expect(read.map { FieldValue.object($0.fields) } == records)
  }
}

/// A small deterministic random number generator for reproducible test data.
private struct SplitMix64: RandomNumberGenerator {
  var state: UInt64

  init(seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// Random JSON values and a printer that varies escapes and whitespace, as a parser oracle.
private enum RandomJSON {
  static let pieces = [
    "a", "Z", "0", " ", "\"", "\\", "/", "\n", "\t", "\u{01}", "é", "中", "😀", "\u{7F}", "x",
  ]
  static let numbers = ["0", "-0", "1", "131073", "-42", "3.25", "1e10", "2.5E-3", "-0.0"]

  static func value(depth: Int, using generator: inout SplitMix64) -> FieldValue {
    let pick = depth >= 4 ? Int(generator.next() % 5) : Int(generator.next() % 8)
    switch pick {
    case 0: return .null
    case 1: return .bool(generator.next() % 2 == 0)
    case 2: return .number(numbers[Int(generator.next() % UInt64(numbers.count))])
    case 3, 4: return .string(string(using: &generator))
    case 5:
      return .list((0..<Int(generator.next() % 4)).map { _ in value(depth: depth + 1, using: &generator) })
    default:
      var fields: [Field] = []
      for _ in 0..<Int(generator.next() % 5) {
        let name = string(using: &generator)
        if fields.contains(where: { $0.name.caseInsensitiveEquals(name) }) { continue }
        fields.append(Field(name, value(depth: depth + 1, using: &generator)))
      }
      return .object(fields)
    }
  }

  static func string(using generator: inout SplitMix64) -> String {
    (0..<Int(generator.next() % 30)).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }
      .joined()
  }

  static func text(_ value: FieldValue, using generator: inout SplitMix64) -> String {
    let space = ["", " ", "\n  ", "\r\n", "\t", "  "][Int(generator.next() % 6)]
    switch value {
    case .null: return "null"
    case .bool(let b): return b ? "true" : "false"
    case .number(let n): return n
    case .string(let s): return quoted(s, using: &generator)
    case .list(let items):
      return "[" + space + items.map { text($0, using: &generator) }.joined(separator: "," + space) + space
        + "]"
    case .object(let fields):
      let members = fields.map {
        quoted($0.name, using: &generator) + space + ":" + space + text($0.value, using: &generator)
      }
      return "{" + space + members.joined(separator: space + "," + space) + "}"
    case .enumeration: return "null"
    }
  }

  static func quoted(_ string: String, using generator: inout SplitMix64) -> String {
    var out = "\""
    for scalar in string.unicodeScalars {
      let escape = generator.next() % 2 == 0
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "/": out += escape ? "\\/" : "/"
      case "\n": out += escape ? "\\n" : "\n"
      case "\t": out += escape ? "\\t" : "\t"
      default:
        if scalar.value < 0x20 || (escape && scalar.value > 0x7E) {
          for unit in String(scalar).utf16 {
            let hex = String(unit, radix: 16)
            out +=
              "\\u" + String(repeating: "0", count: 4 - hex.count)
              + (generator.next() % 2 == 0 ? hex : hex.uppercased())
          }
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out + "\""
  }
}
