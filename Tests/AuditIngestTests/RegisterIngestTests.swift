import AuditModel
import Testing

@testable import AuditIngest

@Suite struct RegisterIngestTests {
  static let header =
    "Mailbox,Trustee,Right,Folder,ApprovedBy,ApprovedOn,Ticket,Justification,ExpiresOn,LastReviewedOn,ReviewedBy,ReviewOutcome\n"

  /// Ingests a register (with `--register`, so the kind is given) next to other exports.
  func ingest(_ register: String, with exports: [(String, String)] = []) -> (IngestedFile, Inventory) {
    let file = FileIngestor.ingest(
      bytes: Array(register.utf8),
      input: InputFile(displayPath: "register.csv", url: .init(fileURLWithPath: "/nonexistent/register.csv")),
      kindOverride: .register)
    let others = exports.map {
      FileIngestor.ingest(
        bytes: Array($0.1.utf8),
        input: InputFile(displayPath: $0.0, url: .init(fileURLWithPath: "/nonexistent/\($0.0)")))
    }
    return (file, InventoryBuilder.build([file] + others))
  }

  @Test func happyPath() {
    let text =
      Self.header
      + "ceo@contoso.com,alex.wilber@contoso.com,FullAccess,,ceo@contoso.com,2025-03-10,CHG0010231,Executive assistant,,2026-10-05,ceo@contoso.com,keep\n"
      + "ceo,Alex Wilber,sendonbehalf,,ceo@contoso.com,2025-03-10,CHG0010231,\"Meetings, replies\",,,,\n"
      + "lee.gu@contoso.com,megan.bowen@contoso.com,Reviewer,\\Kalender,lee.gu@contoso.com,2026-11-01,,,2027-01-31,2026-11-02,Lee Gu,Remove\n"
    let mailboxes =
      "Name,Alias,DisplayName,PrimarySmtpAddress,RecipientTypeDetails\n"
      + "ceo,ceo,Patti Fernandez,ceo@contoso.com,UserMailbox\n"
      + "Alex Wilber,alex.wilber,Alex Wilber,alex.wilber@contoso.com,UserMailbox\n"
      + "Lee Gu,lee.gu,Lee Gu,lee.gu@contoso.com,UserMailbox\n"
    let (file, inventory) = ingest(text, with: [("mailboxes.csv", mailboxes)])
    #expect(file.kind == .register)
    #expect(file.facts.ledger.produced == 3)
    expectReconciled(inventory)
    #expect(inventory.grants.isEmpty)
    let register = inventory.register ?? []
    #expect(register.count == 3)
    #expect(
      register[0]
        == RegisterEntry(
          mailbox: "ceo@contoso.com", trustee: "alex.wilber@contoso.com", right: .fullAccess,
          approvedBy: "ceo@contoso.com", approvedOn: DateParser.parseDay("2025-03-10"), ticket: "CHG0010231",
          justification: "Executive assistant", lastReviewedOn: DateParser.parseDay("2026-10-05"),
          reviewedBy: "ceo@contoso.com", reviewOutcome: .keep,
          location: SourceLocation(file: "register.csv", line: 2)))
    // Identities in any form the resolver accepts end as canonical ids; the right is spelt canonically.
    #expect(
      (register[1].mailbox, register[1].trustee, register[1].right) == (
        "ceo@contoso.com", "alex.wilber@contoso.com", Right.sendOnBehalf
      ))
    #expect(register[1].justification == "Meetings, replies")
    #expect(register[1].reviewOutcome == nil)
    #expect(register[2].right == Right("Reviewer"))
    #expect(register[2].folder == "\\Kalender")
    #expect(register[2].expiresOn == DateParser.parseDay("2027-01-31"))
    #expect(register[2].reviewedBy == "lee.gu@contoso.com")
    #expect(register[2].reviewOutcome == .remove)
  }

  @Test func detectedAmongExportsAndColumnNamesInAnyCase() {
    let text =
      "mailbox,TRUSTEE,right,approvedby,approvedon\n"
      + "finance@contoso.com,diego.siciliani@contoso.com,FullAccess,lynne.robbins@contoso.com,2025-02-17\n"
    let (files, inventory) = ingestCSV([("register.csv", text)])
    #expect(files[0].kind == .register)
    #expect(inventory.register?.first?.trustee == "diego.siciliani@contoso.com")
    #expect(inventory.register?.first?.approvedOn == DateParser.parseDay("2025-02-17"))
    expectReconciled(inventory)
  }

  @Test func noRegisterIsNilAndAnEmptyOneIsEmpty() {
    let (_, without) = ingestCSV([("mp.csv", "Identity,User,AccessRights\nceo,a@contoso.com,FullAccess\n")])
    #expect(without.register == nil)
    let (_, empty) = ingest(Self.header)
    #expect(empty.register == [])
  }

  @Test func badDateIsARejectedRowWithADiagnostic() {
    let (_, inventory) = ingest(
      Self.header + "ceo@contoso.com,a@contoso.com,SendAs,,ceo@contoso.com,30/09/2026,,,,,,\n")
    #expect(inventory.register == [])
    #expect(inventory.ledgers[0].rejected == 1)
    expectReconciled(inventory)
    let error = inventory.diagnostics.first { $0.level == .error }
    #expect(
      error?.description.hasPrefix(
        "register.csv:2: error: ApprovedOn '30/09/2026' is not an ISO 8601 date (YYYY-MM-DD)") == true)
    #expect(
      inventory.rejected.first?.reason.hasPrefix("ApprovedOn '30/09/2026' is not an ISO 8601 date") == true)
  }

  @Test func unknownRightNamesTheAllowedValuesAndSuggests() {
    let (_, inventory) = ingest(Self.header + "ceo@contoso.com,a@contoso.com,FulAccess,,,,,,,,,\n")
    expectReconciled(inventory)
    let error = inventory.diagnostics.first { $0.level == .error }
    #expect(
      error?.message.hasPrefix(
        "Right 'FulAccess' is not one of FullAccess, SendAs, SendOnBehalf or a folder role (Owner,") == true)
    #expect(error?.hint == "did you mean 'FullAccess'?")
    #expect(inventory.rejected.first?.reason.hasSuffix("(did you mean 'FullAccess'?)") == true)
    let (_, far) = ingest(Self.header + "ceo@contoso.com,a@contoso.com,Approver,,,,,,,,,\n")
    #expect(far.diagnostics.first { $0.level == .error }?.hint == nil)
  }

  @Test func badOutcomeAndSeveralProblemsInOneRow() {
    let (_, inventory) = ingest(
      Self.header + ",a@contoso.com,FullAccess,,,2026-13-01,,,,,,maybe\n"
        + "ceo@contoso.com,a@contoso.com,FullAccess,,,,,,,,,KEEP\n")
    expectReconciled(inventory)
    #expect(inventory.ledgers[0].produced == 1)
    #expect(inventory.register?.first?.reviewOutcome == .keep)
    #expect(
      inventory.diagnostics.filter { $0.level == .error }.map(\.message) == [
        "row has no Mailbox value", "ApprovedOn '2026-13-01' is not an ISO 8601 date (YYYY-MM-DD)",
        "ReviewOutcome 'maybe' is not keep or remove",
      ])
    #expect(inventory.rejected.count == 1)
  }

  @Test func jsonRowsWithTheSameFields() {
    let file = "register.json"
    let inventory = InventoryBuilder.build([
      ingestRecords(
        file, kind: .register,
        [
          record(
            file, 0,
            [
              ("Mailbox", .string("hr@contoso.com")), ("Trustee", .string("henrietta.mueller@contoso.com")),
              ("Right", .string("SendAs")), ("Folder", .null), ("ApprovedBy", .string("ceo@contoso.com")),
              ("ApprovedOn", .string("2026-09-21")), ("ExpiresOn", .string("2027-09-30")),
            ]),
          record(
            file, 1,
            [
              ("mailbox", .string("hr@contoso.com")), ("trustee", .string("x")),
              ("right", .string("Send As")),
            ]),
        ])
    ])
    expectReconciled(inventory)
    #expect(inventory.register?.map(\.right) == [.sendAs])
    #expect(inventory.register?.first?.folder == nil)
    #expect(inventory.diagnostics.first?.location == SourceLocation(file: file, path: "[1]"))
    #expect(inventory.diagnostics.first?.hint == "did you mean 'SendAs'?")
  }
}
