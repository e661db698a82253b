import AuditModel
import Testing

@testable import AuditIngest

@Suite struct DirectoryIngestTests {
  static let permissions =
    "\"Identity\",\"User\",\"AccessRights\",\"IsInherited\",\"Deny\"\r\n"
    + "\"hr\",\"Irvin Sayers\",\"FullAccess\",\"False\",\"False\"\r\n"
    + "\"hr\",\"S-1-5-21-10-20-30-1104\",\"FullAccess\",\"False\",\"False\"\r\n"
    + "\"hr\",\"Finance Team\",\"FullAccess\",\"False\",\"False\"\r\n"
    + "\"hr\",\"partner_fabrikam.com#EXT#@contoso.onmicrosoft.com\",\"FullAccess\",\"False\",\"False\"\r\n"

  @Test func getUserDisabledAccountsFeedAccountEnabled() {
    let users =
      "\"Name\",\"UserPrincipalName\",\"DisplayName\",\"RecipientTypeDetails\",\"AccountDisabled\",\"Sid\"\r\n"
      + "\"Irvin Sayers\",\"irvin.sayers@contoso.com\",\"Irvin Sayers\",\"UserMailbox\",\"True\",\"S-1-5-21-10-20-30-1101\"\r\n"
      + "\"Former Employee\",\"former@contoso.com\",\"Former Employee\",\"User\",\"True\",\"S-1-5-21-10-20-30-1104\"\r\n"
      + "\"hr\",\"hr@contoso.com\",\"Human Resources\",\"SharedMailbox\",\"False\",\"S-1-5-21-10-20-30-1105\"\r\n"
      + "\"\",\"\",\"\",\"\",\"False\",\"\"\r\n"
    let (files, inventory) = ingestCSV([("users.csv", users), ("mp.csv", Self.permissions)])
    #expect(files[0].kind == .directory)
    let ledger = inventory.ledgers.first { $0.file == "users.csv" }
    #expect(ledger?.produced == 3)
    #expect(ledger?.rejected == 1)
    expectReconciled(inventory)
    #expect(
      inventory.accountEnabled == [
        "irvin.sayers@contoso.com": false, "former@contoso.com": false, "hr@contoso.com": true,
      ])
    // Display name and SID resolve through the directory entries.
    let trustees = Set(inventory.grants.map(\.key.trustee))
    #expect(trustees.contains("irvin.sayers@contoso.com"))
    #expect(trustees.contains("former@contoso.com"))
    #expect(inventory.grants.allSatisfy { $0.key.mailbox == "hr@contoso.com" })
    #expect(inventory.principals["hr@contoso.com"]?.kind == .sharedMailbox)
  }

  @Test func entraExportWithGuestsAndAccountEnabled() {
    let entra =
      "id,userPrincipalName,displayName,mail,accountEnabled,userType\n"
      + "8a1c0e4e-1111-4d7b-9f0a-5d1f2c3b4a01,partner_fabrikam.com#EXT#@contoso.onmicrosoft.com,Fabrikam Partner,partner@fabrikam.com,true,Guest\n"
      + "8a1c0e4e-2222-4d7b-9f0a-5d1f2c3b4a02,left@contoso.com,Left Company,left@contoso.com,false,Member\n"
    let (files, inventory) = ingestCSV([("entra.csv", entra), ("mp.csv", Self.permissions)])
    #expect(files[0].kind == .directory)
    expectReconciled(inventory)
    let guest = inventory.grants.first { $0.key.trustee.contains("fabrikam") }
    #expect(guest?.trusteeKind == .guest)
    #expect(inventory.accountEnabled["left@contoso.com"] == false)
    #expect(inventory.principals["left@contoso.com"]?.kind == .user)
  }

  @Test func getRecipientGroups() {
    let recipients =
      "Name,Alias,PrimarySmtpAddress,RecipientType\n"
      + "Finance Team,financeteam,financeteam@contoso.com,MailUniversalSecurityGroup\n"
    let (files, inventory) = ingestCSV([("recipients.csv", recipients), ("mp.csv", Self.permissions)])
    #expect(files[0].kind == .directory)
    let group = inventory.grants.first { $0.key.trustee == "financeteam@contoso.com" }
    #expect(group?.trusteeKind == .group)
    #expect(inventory.accountEnabled.isEmpty)
    expectReconciled(inventory)
  }

  @Test func entriesJoinTheMailboxPrincipalTheyDescribe() {
    // The mailbox export knows Alex by SMTP address and UPN; the directory only by UPN.
    let mailboxes =
      "Name,Alias,DisplayName,UserPrincipalName,PrimarySmtpAddress,RecipientTypeDetails\n"
      + "Alex Wilber,alex.wilber,Alex Wilber,alexw@contoso.onmicrosoft.com,alex.wilber@contoso.com,UserMailbox\n"
    let users =
      "UserPrincipalName,DisplayName,AccountDisabled\n"
      + "alexw@contoso.onmicrosoft.com,Alex Wilber,True\n"
      + "John Smith,John Smith,False\n"
    let permissions = "Identity,User,AccessRights,IsInherited,Deny\nceo,Alex Wilber,FullAccess,False,False\n"
    let (_, inventory) = ingestCSV([
      ("a-users.csv", users), ("b-mailboxes.csv", mailboxes), ("c-mp.csv", permissions),
    ])
    #expect(inventory.accountEnabled["alex.wilber@contoso.com"] == false)
    #expect(inventory.grants.first?.key.trustee == "alex.wilber@contoso.com")
    #expect(!inventory.diagnostics.contains { $0.message.contains("matches") })
    expectReconciled(inventory)
  }

  @Test func structuredRecords() {
    let file = "users.json"
    let inventory = InventoryBuilder.build([
      ingestRecords(
        file, kind: .directory,
        [
          record(
            file, 0,
            [
              ("UserPrincipalName", .string("a@contoso.com")), ("DisplayName", .string("A")),
              ("AccountDisabled", .bool(true)),
            ]),
          record(file, 1, [("AccountEnabled", .bool(true))]),
        ])
    ])
    #expect(inventory.accountEnabled == ["a@contoso.com": false])
    #expect(inventory.rejected.count == 1)
    expectReconciled(inventory)
  }
}
