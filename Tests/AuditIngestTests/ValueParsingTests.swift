import AuditModel
import Testing

@testable import AuditIngest

@Suite struct AccessRightsParserTests {
  static let expected: [Right] = [.fullAccess, .readPermission]

  @Test(arguments: [
    "FullAccess, ReadPermission", "FullAccess,ReadPermission", "FullAccess; ReadPermission",
    "{FullAccess, ReadPermission}", "FullAccess|ReadPermission", "131073", "fullaccess, readpermission",
  ])
  func tokenForms(text: String) {
    #expect(AccessRightsParser.parse(.string(text), integers: .mailboxRights) == .rights(Self.expected))
  }

  @Test func structuredForms() {
    #expect(
      AccessRightsParser.parse(
        .list([.string("FullAccess"), .string("ReadPermission")]), integers: .mailboxRights)
        == .rights(Self.expected))
    #expect(
      AccessRightsParser.parse(.list([.number("131073")]), integers: .mailboxRights) == .rights(Self.expected)
    )
    #expect(
      AccessRightsParser.parse(
        .enumeration(name: "FullAccess, ReadPermission", value: 131073), integers: .mailboxRights)
        == .rights(Self.expected))
    #expect(
      AccessRightsParser.parse(.number("983040"), integers: .mailboxRights)
        == .rights([.deleteItem, .readPermission, .changePermission, .changeOwner]))
  }

  @Test func recipientAccessRightIntegerIsSendAs() {
    #expect(
      AccessRightsParser.parse(.list([.number("1")]), integers: .recipientAccessRight) == .rights([.sendAs]))
  }

  @Test(arguments: [
    "System.Collections.ArrayList", "System.Object[]",
    "System.Collections.Generic.List`1[Microsoft.Exchange.Management.AdminApiProvider.RecipientAccessRight]",
    "Microsoft.Exchange.Management.RecipientTasks.MailboxRights[]",
    "Microsoft.Exchange.Data.MultiValuedProperty`1[Microsoft.Exchange.Data.Directory.ADObjectId]",
  ])
  func typeNamesAreLossy(text: String) {
    #expect(AccessRightsParser.parse(.string(text), integers: .mailboxRights) == .lossy(typeName: text))
  }

  @Test(arguments: ["alex.wilber@contoso.com", "CONTOSO\\jdoe", "contoso.com/Users/Han", "Finance Team"])
  func identitiesAreNotTypeNames(text: String) {
    #expect(TypeNameCell.typeName(in: text) == nil)
  }
}

@Suite struct BooleanParserTests {
  @Test func everyForm() {
    #expect(BooleanParser.parse(.string("True")) == true)
    #expect(BooleanParser.parse(.string("false")) == false)
    #expect(BooleanParser.parse(.bool(true)) == true)
    #expect(BooleanParser.parse(.string("$false")) == false)
    #expect(BooleanParser.parse(.number("1")) == true)
    #expect(BooleanParser.parse(.string("maybe")) == nil)
    #expect(BooleanParser.parse(nil) == nil)
  }
}

@Suite struct FirstCharacterTests {
  @Test func readsThroughEveryByteOrderMarkWithoutDecoding() {
    let xml = "\r\n <Objs/>"
    #expect(TextEncoding.firstCharacter(of: Array(xml.utf8)) == UInt8(ascii: "<"))
    #expect(TextEncoding.firstCharacter(of: [0xEF, 0xBB, 0xBF] + Array(xml.utf8)) == UInt8(ascii: "<"))
    let littleEndian = xml.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
    #expect(TextEncoding.firstCharacter(of: [0xFF, 0xFE] + littleEndian) == UInt8(ascii: "<"))
    let bigEndian = "\t[1]".utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
    #expect(TextEncoding.firstCharacter(of: [0xFE, 0xFF] + bigEndian) == UInt8(ascii: "["))
    #expect(TextEncoding.firstCharacter(of: Array(" é".utf8)) == 0xFF)
    #expect(TextEncoding.firstCharacter(of: Array(" \n".utf8)) == nil)
    #expect(TextEncoding.firstCharacter(of: []) == nil)
  }
}
