import AuditModel
import Foundation
import Testing

@testable import AuditIngest

/// One test per item of the FORMATS.md §10 pitfall checklist, each reading fixtures written for
/// this project through `FileIngestor.ingest(bytes:input:)` and `InventoryBuilder.build`, and
/// asserting grants, exclusions with their rule, lossy columns, diagnostics with locations, and
/// that every ledger reconciles (read = produced + excluded + rejected).
@Suite("FORMATS.md §10 pitfalls")
struct FormatPitfallTests {
  static let permissionHeader = ["Identity", "User", "AccessRights", "IsInherited", "Deny"]

  // MARK: - 1. BOM and encoding

  struct EncodingCase: Sendable, CustomTestStringConvertible {
    var serialisation: Serialisation
    var encoding: FileEncoding

    init(_ serialisation: Serialisation, _ encoding: FileEncoding) {
      self.serialisation = serialisation
      self.encoding = encoding
    }

    var testDescription: String { "\(serialisation.rawValue) in \(encoding.rawValue)" }

    var fileName: String { "permissions." + (serialisation == .clixml ? "xml" : serialisation.rawValue) }

    /// What the ledger and the manifest say the encoding was.
    var ledgerEncoding: String {
      switch encoding {
      case .utf8: "utf-8"
      case .utf8BOM: "utf-8-bom"
      case .utf16LE: "utf-16le"
      case .utf16BE: "utf-16be"
      case .ascii: "ascii"
      case .windows1252: "windows-1252"
      }
    }

    var diagnostics: [String] {
      switch encoding {
      case .ascii:
        [
          "\(fileName): note: the file is ASCII and some values contain '?': non-ASCII characters may have been lost"
            + "\n  hint: Windows PowerShell 5.1 Export-Csv writes ASCII by default; re-export with -Encoding UTF8"
        ]
      case .windows1252:
        [
          "\(fileName): warning: the file is not utf-8 and has no byte order mark; it was read as windows-1252 (ansi)"
            + "\n  hint: -Encoding Default in Windows PowerShell 5.1 writes the ANSI code page;"
            + " if names look wrong, re-export with -Encoding UTF8"
        ]
      default: []
      }
    }
  }

  static let encodingCases: [EncodingCase] = [
    .init(.csv, .utf8BOM), .init(.csv, .utf16LE), .init(.csv, .utf16BE), .init(.csv, .ascii),
    .init(.csv, .windows1252), .init(.csv, .utf8),
    .init(.json, .utf8BOM), .init(.json, .utf16LE), .init(.json, .windows1252), .init(.json, .utf8),
    .init(.clixml, .utf16LE), .init(.clixml, .utf8BOM), .init(.clixml, .utf8),
  ]

  /// Two ACEs on a mailbox with a non-ASCII name, in one serialisation.
  static func encodingFixture(_ serialisation: Serialisation) -> String {
    let rows = [
      ("Zoë Ångström", "Jörg Müller", "FullAccess"),
      ("Zoë Ångström", #"NT AUTHORITY\SELF"#, "FullAccess, ReadPermission"),
    ]
    switch serialisation {
    case .csv:
      return exportCSV([permissionHeader] + rows.map { [$0.0, $0.1, $0.2, "False", "False"] })
    case .json:
      return jsonArray(
        rows.map {
          [
            ("Identity", jsonString($0.0)), ("User", jsonString($0.1)),
            ("AccessRights", jsonList([jsonString($0.2)])),
            ("IsInherited", "false"), ("Deny", "false"),
          ]
        })
    case .clixml:
      var writer = CLIXMLWriter()
      var body = ""
      for row in rows {
        body += writer.mailboxACE(identity: row.0, user: row.1, rights: .strings([row.2]))
      }
      return CLIXMLWriter.document(body)
    }
  }

  @Test(arguments: encodingCases)
  func pitfall01_encodings(_ encodingCase: EncodingCase) {
    let name = encodingCase.fileName
    let outcome = ingestFiles([
      PitfallFile(name, Self.encodingFixture(encodingCase.serialisation), encodingCase.encoding)
    ])
    let file = outcome.files[0]
    #expect(file.report.serialisation == encodingCase.serialisation)
    #expect(file.kind == .mailboxPermission)
    #expect(file.facts.ledger.encoding == encodingCase.ledgerEncoding)
    let lossy = encodingCase.encoding == .ascii
    let mailbox = lossy ? "Zo? ?ngstr?m" : "Zoë Ångström"
    let trustee = lossy ? "J?rg M?ller" : "Jörg Müller"
    #expect(grantLines(outcome.inventory) == ["\(mailbox)|\(trustee)|FullAccess|explicit|unknown"])
    #expect(outcome.inventory.excluded.map(\.rule) == [.selfPrincipal])
    #expect(outcome.inventory.excluded.first?.mailbox == mailbox)
    #expect(
      ledgerLines(outcome.inventory) == ["\(name) mailbox-permission read=2 produced=1 excluded=1 rejected=0"]
    )
    #expect(diagnosticLines(outcome.inventory) == encodingCase.diagnostics)
    expectReconciled(outcome.inventory)
  }

  // MARK: - 2. Optional #TYPE line

  static let typeLines: [String?] = [
    nil,
    "Deserialized.Microsoft.Exchange.Management.RecipientTasks.MailboxAcePresentationObject",
    "Selected.Microsoft.Exchange.Management.RecipientTasks.MailboxAcePresentationObject",
    "Selected.Deserialized.Microsoft.Exchange.Management.RecipientTasks.MailboxAcePresentationObject",
    "System.Management.Automation.PSCustomObject",
    "Deserialized.System.Management.Automation.PSCustomObject",
    "System.Collections.Generic.KeyValuePair`2[[System.String, mscorlib, Version=4.0.0.0],[System.Object, mscorlib]]",
  ]

  @Test(arguments: typeLines)
  func pitfall02_typeLine(_ type: String?) {
    let rows = [
      Self.permissionHeader,
      ["ceo", "alex.wilber@contoso.com", "FullAccess", "False", "False"],
      ["finance", "megan.bowen@contoso.com", "FullAccess", "False", "False"],
    ]
    let outcome = ingestFiles([PitfallFile("mp.csv", exportCSV(rows, type: type), .utf8BOM)])
    let file = outcome.files[0]
    #expect(file.report.typeName == type)
    #expect(file.report.columns == Self.permissionHeader)
    #expect(file.kind == .mailboxPermission)
    #expect(
      grantLines(outcome.inventory) == [
        "ceo|alex.wilber@contoso.com|FullAccess|explicit|unknown",
        "finance|megan.bowen@contoso.com|FullAccess|explicit|unknown",
      ])
    let firstRow = type == nil ? 2 : 3
    #expect(outcome.inventory.grants.map { $0.sources.map(\.line) } == [[firstRow], [firstRow + 1]])
    #expect(
      ledgerLines(outcome.inventory) == ["mp.csv mailbox-permission read=2 produced=2 excluded=0 rejected=0"])
    #expect(diagnosticLines(outcome.inventory) == [])
    expectReconciled(outcome.inventory)
  }

  // MARK: - 3. Delimiter and quoting

  struct DelimiterCase: Sendable, CustomTestStringConvertible {
    var delimiter: Character
    var quoting: CSVQuoting
    var newline: String

    var testDescription: String {
      "'\(delimiter)' \(quoting == .always ? "all quoted" : "as needed") \(newline == "\r\n" ? "CRLF" : "LF")"
    }
  }

  static let delimiterCases: [DelimiterCase] = [
    .init(delimiter: ",", quoting: .always, newline: "\r\n"),
    .init(delimiter: ",", quoting: .asNeeded, newline: "\n"),
    .init(delimiter: ";", quoting: .always, newline: "\r\n"),
    .init(delimiter: ";", quoting: .asNeeded, newline: "\n"),
  ]

  @Test(arguments: delimiterCases)
  func pitfall03_delimiterAndQuoting(_ delimiterCase: DelimiterCase) {
    let rows = [
      Self.permissionHeader,
      ["ceo", "alex.wilber@contoso.com", "FullAccess, ReadPermission", "False", "False"],
      ["ceo", #"Contoso "Legal"; EU"#, "FullAccess", "False", "False"],
      ["finance", "Wilber, Alex", "FullAccess", "True", "False"],
    ]
    let text = exportCSV(
      rows, delimiter: delimiterCase.delimiter, quoting: delimiterCase.quoting, newline: delimiterCase.newline
    )
    if delimiterCase.quoting == .asNeeded { #expect(text.hasPrefix("Identity")) }
    let outcome = ingestFiles([PitfallFile("mp.csv", text)])
    #expect(outcome.files[0].report.delimiter == delimiterCase.delimiter.asciiValue)
    #expect(
      grantLines(outcome.inventory) == [
        #"ceo|Contoso "Legal"; EU|FullAccess|explicit|unknown"#,
        "ceo|alex.wilber@contoso.com|FullAccess|explicit|unknown",
        "ceo|alex.wilber@contoso.com|ReadPermission|explicit|unknown",
        "finance|Wilber, Alex|FullAccess|inherited|unknown",
      ])
    #expect(
      outcome.inventory.grants.map { $0.sources.map(\.description) } == [
        ["mp.csv:3"], ["mp.csv:2"], ["mp.csv:2"], ["mp.csv:4"],
      ])
    #expect(
      ledgerLines(outcome.inventory) == ["mp.csv mailbox-permission read=3 produced=3 excluded=0 rejected=0"])
    #expect(diagnosticLines(outcome.inventory) == [])
    expectReconciled(outcome.inventory)
  }

  // MARK: - 4. Columns from the first object; remoting columns

  enum RemotingColumns: String, Sendable, CaseIterable {
    /// Exchange implicit remoting (RPS): PSComputerName, RunspaceId, PSShowComputerName first.
    case first
    /// Invoke-Command PSCustomObjects: the three notes last.
    case last
    /// EXO V3: none.
    case none
  }

  static func remotingCSV(_ position: RemotingColumns, runspace: String, _ rows: [[String]]) -> String {
    let notes = ["PSComputerName", "RunspaceId", "PSShowComputerName"]
    let values = ["outlook.office365.com", runspace, "False"]
    let header = Self.permissionHeader
    let all: [[String]] =
      switch position {
      case .first: [notes + header] + rows.map { values + $0 }
      case .last: [header + notes] + rows.map { $0 + values }
      case .none: [header] + rows
      }
    return exportCSV(
      all, type: "Deserialized.Microsoft.Exchange.Management.RecipientTasks.MailboxAcePresentationObject")
  }

  @Test(arguments: RemotingColumns.allCases)
  func pitfall04_firstObjectColumnsAndRemotingNotes(_ position: RemotingColumns) {
    let session1 = Self.remotingCSV(
      position, runspace: "6f717724-3c5c-4b0a-9b43-1f0e5a3f9c11",
      [
        ["ceo", "alex.wilber@contoso.com", "FullAccess", "False", "False"],
        ["finance", "megan.bowen@contoso.com", "FullAccess", "False", "False"],
        // Appended objects of another type: their properties are not columns, the cells are blank.
        ["finance", "", "", "", ""],
        ["finance", "adele.vance@contoso.com", "", "", ""],
        ["ceo", "megan.bowen@contoso.com", "FullAccess", "", ""],
      ])
    // The same ACE exported again from another session: only the remoting notes differ.
    let session2 = Self.remotingCSV(
      position, runspace: "0b8d2c55-91e4-4a7e-b0d4-55c1d2e3f4a5",
      [["ceo", "alex.wilber@contoso.com", "FullAccess", "False", "False"]])
    // Get-Mailbox objects whose first one had no AuditDelegate: no later object keeps it.
    let mailboxes = exportCSV([
      ["Name", "Alias", "PrimarySmtpAddress", "RecipientTypeDetails", "GrantSendOnBehalfTo"],
      ["ceo", "ceo", "ceo@contoso.com", "UserMailbox", "Alex Wilber"],
      ["finance", "finance", "finance@contoso.com", "SharedMailbox", ""],
    ])
    let outcome = ingestFiles([
      PitfallFile("mailboxes.csv", mailboxes), PitfallFile("rps1.csv", session1),
      PitfallFile("rps2.csv", session2),
    ])
    let inventory = outcome.inventory
    #expect(outcome.files[1].kind == .mailboxPermission)
    #expect(
      grantLines(inventory) == [
        "ceo@contoso.com|Alex Wilber|SendOnBehalf|explicit|unknown",
        "ceo@contoso.com|alex.wilber@contoso.com|FullAccess|explicit|unknown",
        "ceo@contoso.com|megan.bowen@contoso.com|FullAccess|explicit|unknown",
        "finance@contoso.com|megan.bowen@contoso.com|FullAccess|explicit|unknown",
      ])
    #expect(exclusionLines(inventory) == ["duplicate-row rps2.csv:3"])
    #expect(
      rejectionLines(inventory) == [
        "rps1.csv:5: row has no User value", "rps1.csv:6: row has no AccessRights value",
      ])
    #expect(
      mailboxLines(inventory) == [
        "ceo@contoso.com|UserMailbox|owner=-|delegate=-|admin=-",
        "finance@contoso.com|SharedMailbox|owner=-|delegate=-|admin=-",
      ])
    #expect(
      ledgerLines(inventory) == [
        "mailboxes.csv mailbox read=2 produced=2 excluded=0 rejected=0",
        "rps1.csv mailbox-permission read=5 produced=3 excluded=0 rejected=2",
        "rps2.csv mailbox-permission read=1 produced=0 excluded=1 rejected=0",
      ])
    #expect(diagnosticLines(inventory) == [])
    expectReconciled(inventory)
  }

  // MARK: - 5. Type-name cells: a lossy export

  struct LossyCase: Sendable, CustomTestStringConvertible {
    var kind: InputKind
    var column: String
    var typeName: String
    var csv: String
    /// Rows that carried the type name, and the line of the first.
    var rows: Int
    var firstLine: Int
    var ledger: String
    var rejected: [String] = []
    var excluded: [String] = []

    var testDescription: String { "\(kind.rawValue) \(column) = \(typeName)" }

    /// Whether the file ingestor names the lossy column in a diagnostic for this kind.
  }

  static func lossyPermissions(_ typeName: String) -> LossyCase {
    LossyCase(
      kind: .mailboxPermission, column: "AccessRights", typeName: typeName,
      csv: exportCSV([
        Self.permissionHeader,
        ["shared", #"NT AUTHORITY\SELF"#, typeName, "False", "False"],
        ["shared", "vasil@contoso.onmicrosoft.com", typeName, "False", "False"],
        ["ceo", "alex.wilber@contoso.com", typeName, "False", "False"],
      ]),
      rows: 2, firstLine: 3, ledger: "read=3 produced=0 excluded=1 rejected=2",
      rejected: [
        "lossy.csv:3: AccessRights holds a .NET type name, not values (lossy export)",
        "lossy.csv:4: AccessRights holds a .NET type name, not values (lossy export)",
      ],
      excluded: ["self-principal lossy.csv:2"])
  }

  static func lossyMailboxes(_ column: String, _ typeName: String) -> LossyCase {
    let header = ["Name", "Alias", "PrimarySmtpAddress", "RecipientTypeDetails", column]
    return LossyCase(
      kind: .mailbox, column: column, typeName: typeName,
      csv: exportCSV([
        header, ["ceo", "ceo", "ceo@contoso.com", "UserMailbox", typeName],
        ["finance", "finance", "finance@contoso.com", "SharedMailbox", typeName],
      ]),
      rows: 2, firstLine: 2, ledger: "read=2 produced=2 excluded=0 rejected=0")
  }

  static let lossyCases: [LossyCase] = [
    lossyPermissions("System.Collections.ArrayList"),
    lossyPermissions("System.Object[]"),
    lossyPermissions("Microsoft.Exchange.Management.RecipientTasks.MailboxRights[]"),
    LossyCase(
      kind: .recipientPermission, column: "AccessRights",
      typeName:
        "System.Collections.Generic.List`1[Microsoft.Exchange.Management.AdminApiProvider.RecipientAccessRight]",
      csv: exportCSV([
        ["Identity", "Trustee", "AccessControlType", "AccessRights", "IsInherited"],
        [
          "ceo", #"NT AUTHORITY\SELF"#, "Allow",
          "System.Collections.Generic.List`1[Microsoft.Exchange.Management.AdminApiProvider.RecipientAccessRight]",
          "False",
        ],
        [
          "ceo", "alex.wilber@contoso.com", "Allow",
          "System.Collections.Generic.List`1[Microsoft.Exchange.Management.AdminApiProvider.RecipientAccessRight]",
          "False",
        ],
      ]),
      rows: 1, firstLine: 3, ledger: "read=2 produced=0 excluded=1 rejected=1",
      rejected: ["lossy.csv:3: AccessRights holds a .NET type name, not values (lossy export)"],
      excluded: ["self-principal lossy.csv:2"]),
    lossyMailboxes("GrantSendOnBehalfTo", "System.Collections.ArrayList"),
    lossyMailboxes(
      "GrantSendOnBehalfTo",
      "Microsoft.Exchange.Data.MultiValuedProperty`1[Microsoft.Exchange.Data.Directory.ADObjectId]"),
    lossyMailboxes("AuditDelegate", "System.Collections.ArrayList"),
    LossyCase(
      kind: .adPermission, column: "ExtendedRights", typeName: "System.Collections.ArrayList",
      csv: exportCSV([
        ["Identity", "User", "ExtendedRights", "IsInherited", "Deny"],
        ["contoso.com/Users/ceo", #"CONTOSO\alex"#, "System.Collections.ArrayList", "False", "False"],
      ]),
      rows: 1, firstLine: 2, ledger: "read=1 produced=0 excluded=0 rejected=1",
      rejected: ["lossy.csv:2: ExtendedRights holds a .NET type name, not values (lossy export)"]),
    LossyCase(
      kind: .folderPermission, column: "AccessRights", typeName: "System.Collections.ArrayList",
      csv: exportCSV([
        ["Identity", "FolderName", "User", "AccessRights"],
        [#"ceo:\Calendar"#, "Calendar", "Alex Wilber", "System.Collections.ArrayList"],
      ]),
      rows: 1, firstLine: 2, ledger: "read=1 produced=0 excluded=0 rejected=1",
      rejected: ["lossy.csv:2: AccessRights holds a .NET type name, not values (lossy export)"]),
  ]

  @Test(arguments: lossyCases)
  func pitfall05_typeNameCells(_ lossyCase: LossyCase) {
    let inventory = ingestFiles([PitfallFile("lossy.csv", lossyCase.csv)]).inventory
    let first = SourceLocation(file: "lossy.csv", line: lossyCase.firstLine)
    let expected = LossyColumn(
      file: "lossy.csv", column: lossyCase.column, kind: lossyCase.kind, rows: lossyCase.rows,
      typeName: lossyCase.typeName, firstLocation: first)
    #expect(inventory.lossyColumns == [expected])
    // A type name is never taken for a right or a principal.
    #expect(grantLines(inventory) == [])
    #expect(!inventory.principals.keys.contains { $0.contains("System.") || $0.contains("Microsoft.") })
    #expect(rejectionLines(inventory) == lossyCase.rejected)
    #expect(exclusionLines(inventory) == lossyCase.excluded)
    #expect(ledgerLines(inventory) == ["lossy.csv \(lossyCase.kind.rawValue) \(lossyCase.ledger)"])
    expectReconciled(inventory)
    if lossyCase.kind == .mailbox {
      let mailbox = inventory.mailboxes["ceo@contoso.com"]
      #expect(mailbox != nil)
      // Not known, rather than "no delegates" or "no audit actions".
      if lossyCase.column == "AuditDelegate" { #expect(mailbox?.auditDelegate == nil) }
    }
    let warning =
      "\(first): warning: column \(lossyCase.column) holds the type name \(lossyCase.typeName) in \(lossyCase.rows) rows;"
      + " the export lost these values\n  hint: re-export: \(lossyCase.kind.exportCommand)"
    #expect(diagnosticLines(inventory) == [warning])
  }

  // MARK: - 6. AccessRights token forms

  struct TokenCase: Sendable, CustomTestStringConvertible {
    var label: String
    var file: PitfallFile
    var rights: [String]

    var testDescription: String { label }

    static func csv(
      _ cell: String, header: String = "AccessRights", _ rights: [String] = ["FullAccess", "ReadPermission"]
    ) -> TokenCase {
      let text = exportCSV([
        ["Identity", "User", header, "IsInherited", "Deny"],
        ["ceo", "alex.wilber@contoso.com", cell, "False", "False"],
      ])
      return TokenCase(label: "csv \(header) \(cell)", file: PitfallFile("rights.csv", text), rights: rights)
    }

    static func json(_ value: String, _ rights: [String] = ["FullAccess", "ReadPermission"]) -> TokenCase {
      let text = jsonArray([
        [
          ("AccessRights", value), ("Deny", "false"), ("InheritanceType", "1"),
          ("User", jsonString("alex.wilber@contoso.com")), ("Identity", jsonString("ceo")),
          ("IsInherited", "false"),
        ]
      ])
      return TokenCase(label: "json \(value)", file: PitfallFile("rights.json", text), rights: rights)
    }

    static func clixml(
      _ label: String, _ rights: CLIXMLRights, _ expected: [String] = ["FullAccess", "ReadPermission"]
    ) -> TokenCase {
      var writer = CLIXMLWriter()
      let text = CLIXMLWriter.document(
        writer.mailboxACE(identity: "ceo", user: "alex.wilber@contoso.com", rights: rights))
      return TokenCase(
        label: "clixml \(label)", file: PitfallFile("rights.xml", text, .utf16LE), rights: expected)
    }
  }

  static let tokenCases: [TokenCase] = [
    .csv("FullAccess, ReadPermission"),
    .csv("FullAccess,ReadPermission"),
    .csv("FullAccess; ReadPermission"),
    .csv("{FullAccess, ReadPermission}"),
    .csv("FullAccess|ReadPermission"),
    .csv("131073"),
    .csv("1", ["FullAccess"]),
    .csv("131077", ["FullAccess", "ExternalAccount", "ReadPermission"]),
    .csv("983040", ["DeleteItem", "ReadPermission", "ChangePermission", "ChangeOwner"]),
    .csv("FullAccess, ReadPermission", header: "$_.AccessRights"),
    .json("[131073]"),
    .json("131073"),
    .json("[1, 131072]"),
    .json(#"["FullAccess", "ReadPermission"]"#),
    .json(#"["FullAccess, ReadPermission"]"#),
    // An array deeper than -Depth: ConvertTo-Json writes it as its items joined by spaces.
    .json(#""FullAccess ReadPermission""#),
    .clixml("enum list", .enumList([CLIXMLEnumItem("FullAccess, ReadPermission", 131073)])),
    .clixml("enum without a name", .enumList([CLIXMLEnumItem("", 131073)])),
    .clixml("string list, one flags string", .strings(["FullAccess, ReadPermission"])),
    .clixml("string list, separate strings", .strings(["FullAccess", "ReadPermission"])),
    .clixml("one enum", .enumValue(text: "FullAccess, ReadPermission", value: 131073)),
  ]

  @Test(arguments: tokenCases)
  func pitfall06_accessRightsTokens(_ tokenCase: TokenCase) {
    let inventory = ingestFiles([tokenCase.file]).inventory
    #expect(inventory.ledgers.map(\.kind) == [.mailboxPermission])
    let expected = tokenCase.rights.map { "ceo|alex.wilber@contoso.com|\($0)|explicit|unknown" }
    #expect(grantLines(inventory) == expected.sorted())
    #expect(Set(inventory.grants.map { $0.sources.count }) == [1])
    #expect(
      ledgerLines(inventory) == [
        "\(tokenCase.file.name) mailbox-permission read=1 produced=1 excluded=0 rejected=0"
      ])
    #expect(diagnosticLines(inventory) == [])
    expectReconciled(inventory)
  }

  // MARK: - 7. Booleans

  /// Compact ExchangeAdmin AuditData; Parameters in the order given, all values strings.
  static func adminAuditData(
    id: String, time: String?, operation: String, parameters: [(String, String)], recordType: String = "1"
  ) -> String {
    var members: [(String, String)] = []
    if let time { members.append(("CreationTime", jsonString(time))) }
    members += [
      ("Id", jsonString(id)), ("Operation", jsonString(operation)),
      ("OrganizationId", jsonString("4d1c2b3a")),
      ("RecordType", recordType), ("ResultStatus", jsonString("True")), ("UserKey", jsonString("10032001")),
      ("UserType", "2"), ("Version", "1"), ("Workload", jsonString("Exchange")),
      ("UserId", jsonString("admin@contoso.onmicrosoft.com")),
      (
        "Parameters",
        jsonList(parameters.map { jsonObject([("Name", jsonString($0.0)), ("Value", jsonString($0.1))]) })
      ),
    ]
    return jsonObject(members)
  }

  /// A Search-UnifiedAuditLog export (EXO V3 columns), one row per AuditData.
  static func unifiedAuditLogCSV(_ rows: [(id: String, date: String, operation: String, data: String)])
    -> String
  {
    exportCSV(
      [
        [
          "RecordType", "CreationDate", "UserIds", "Operations", "AuditData", "ResultIndex", "ResultCount",
          "Identity", "IsValid", "ObjectState",
        ]
      ]
        + rows.enumerated().map { index, row in
          [
            "ExchangeAdmin", row.date, "admin@contoso.onmicrosoft.com", row.operation, row.data,
            "\(index + 1)",
            "\(rows.count)", row.id, "True", "Unchanged",
          ]
        })
  }

  static func booleanCSV(inherited: String, deny: String) -> PitfallFile {
    PitfallFile(
      "bool.csv",
      exportCSV([Self.permissionHeader, ["ceo", "megan.bowen@contoso.com", "FullAccess", inherited, deny]]))
  }

  static func booleanJSON(inherited: String, deny: String) -> PitfallFile {
    PitfallFile(
      "bool.json",
      jsonArray([
        [
          ("Identity", jsonString("ceo")), ("User", jsonString("megan.bowen@contoso.com")),
          ("AccessRights", "[1]"),
          ("IsInherited", inherited), ("Deny", deny),
        ]
      ]))
  }

  static func booleanCLIXML(inherited: Bool, deny: Bool) -> PitfallFile {
    var writer = CLIXMLWriter()
    let text = CLIXMLWriter.document(
      writer.mailboxACE(
        identity: "ceo", user: "megan.bowen@contoso.com",
        rights: .enumList([CLIXMLEnumItem("FullAccess", 1)]),
        deny: deny, inherited: inherited))
    return PitfallFile("bool.xml", text, .utf16LE)
  }

  static let inheritedGrant = ["ceo|megan.bowen@contoso.com|FullAccess|inherited|unknown"]

  static let booleanCases: [Scenario] = [
    Scenario(
      label: "csv True/False", files: [booleanCSV(inherited: "True", deny: "False")], grants: inheritedGrant),
    Scenario(
      label: "csv False/True", files: [booleanCSV(inherited: "False", deny: "True")],
      excluded: ["deny-entry bool.csv:2"]),
    Scenario(
      label: "json true/false", files: [booleanJSON(inherited: "true", deny: "false")], grants: inheritedGrant
    ),
    Scenario(
      label: "json false/true", files: [booleanJSON(inherited: "false", deny: "true")],
      excluded: ["deny-entry bool.json:2:3 ([0])"]),
    Scenario(
      label: "json \"True\"/\"False\" (deserialized)",
      files: [booleanJSON(inherited: #""True""#, deny: #""False""#)],
      grants: inheritedGrant),
    Scenario(
      label: "clixml B true/false", files: [booleanCLIXML(inherited: true, deny: false)],
      grants: inheritedGrant),
    Scenario(
      label: "clixml B false/true", files: [booleanCLIXML(inherited: false, deny: true)],
      excluded: ["deny-entry bool.xml:2 (Obj[1])"]),
    Scenario(
      label: "UAL Parameters \"True\"/\"False\" strings",
      files: [
        PitfallFile(
          "ual.csv",
          unifiedAuditLogCSV([
            (
              "b-1", "3/12/2025 8:31:34 AM", "Add-MailboxPermission",
              adminAuditData(
                id: "b-1", time: "2025-03-12T07:31:34", operation: "Add-MailboxPermission",
                parameters: [
                  ("Identity", "ceo"), ("User", "megan.bowen@contoso.com"), ("AccessRights", "FullAccess"),
                  ("Deny", "True"), ("AutoMapping", "False"),
                ])
            ),
            (
              "b-2", "3/12/2025 8:32:00 AM", "Add-MailboxPermission",
              adminAuditData(
                id: "b-2", time: "2025-03-12T07:32:00", operation: "Add-MailboxPermission",
                parameters: [
                  ("AutoMapping", "False"), ("Deny", "False"), ("Identity", "ceo"),
                  ("User", "alex.wilber@contoso.com"),
                  ("AccessRights", "FullAccess"),
                ])
            ),
          ]))
      ],
      excluded: ["deny-entry ual.csv:2"],
      events: [
        "added Add-MailboxPermission ceo <- alex.wilber@contoso.com [FullAccess] @2025-03-12T07:32:00Z"
      ]),
  ]

  @Test(arguments: booleanCases)
  func pitfall07_booleans(_ scenario: Scenario) {
    check(scenario)
  }

  // MARK: - 8. JSON shapes: concatenated arrays, JSONL, 5.1 dates, depth truncation

  static func permissionObject(_ mailbox: String, _ trustee: String, rights: String = "[131073]") -> [(
    String, String
  )] {
    [
      ("AccessRights", rights), ("Deny", "false"), ("InheritanceType", "1"), ("User", jsonString(trustee)),
      ("Identity", jsonString(mailbox)), ("IsInherited", "false"), ("IsValid", "true"), ("ObjectState", "0"),
    ]
  }

  static let concatenatedGrants = [
    "ceo|alex.wilber@contoso.com|FullAccess|explicit|unknown",
    "ceo|alex.wilber@contoso.com|ReadPermission|explicit|unknown",
    "finance|megan.bowen@contoso.com|FullAccess|explicit|unknown",
    "finance|megan.bowen@contoso.com|ReadPermission|explicit|unknown",
    "legal|adele.vance@contoso.com|FullAccess|explicit|unknown",
    "legal|adele.vance@contoso.com|ReadPermission|explicit|unknown",
  ]

  static let jsonShapeCases: [Scenario] = [
    Scenario(
      label: "arrays concatenated as ][",
      files: [
        PitfallFile(
          "pages.json",
          jsonList([
            jsonObject(permissionObject("ceo", "alex.wilber@contoso.com")),
            jsonObject(permissionObject("finance", "megan.bowen@contoso.com")),
          ]) + jsonList([jsonObject(permissionObject("legal", "adele.vance@contoso.com"))]))
      ],
      grants: concatenatedGrants,
      ledgers: ["pages.json mailbox-permission read=3 produced=3 excluded=0 rejected=0"]),
    Scenario(
      label: "Out-File -Append: ]\\r\\n[ in 5.1 with BOM",
      files: [
        PitfallFile(
          "pages.json",
          jsonArray([
            permissionObject("ceo", "alex.wilber@contoso.com"),
            permissionObject("finance", "megan.bowen@contoso.com"),
          ])
            + "\r\n" + jsonArray([permissionObject("legal", "adele.vance@contoso.com")]) + "\r\n", .utf8BOM)
      ],
      grants: concatenatedGrants,
      ledgers: ["pages.json mailbox-permission read=3 produced=3 excluded=0 rejected=0"]),
    Scenario(
      label: "JSONL",
      files: [
        PitfallFile(
          "perms.jsonl",
          [
            permissionObject("ceo", "alex.wilber@contoso.com"),
            permissionObject("finance", "megan.bowen@contoso.com"),
            permissionObject("legal", "adele.vance@contoso.com", rights: #"["FullAccess","ReadPermission"]"#),
          ].map { jsonObject($0) + "\n" }.joined())
      ],
      grants: concatenatedGrants,
      ledgers: ["perms.jsonl mailbox-permission read=3 produced=3 excluded=0 rejected=0"]),
    Scenario(
      label: "5.1 layout with \\/Date(ms)\\/ (Search-UnifiedAuditLog | ConvertTo-Json)",
      files: [
        PitfallFile(
          "ual.json",
          """
          [
              {
                  "RecordType":  1,
                  "CreationDate":  "\\/Date(1741764694000)\\/",
                  "UserIds":  "admin@contoso.onmicrosoft.com",
                  "Operations":  "Add-RecipientPermission",
                  "AuditData":  \(jsonString(adminAuditData(id: "d-1", time: nil, operation: "Add-RecipientPermission", parameters: [("Identity", "finance"), ("Trustee", "alex.wilber@contoso.com"), ("AccessRights", "SendAs")]))),
                  "ResultIndex":  1,
                  "ResultCount":  1,
                  "Identity":  "d-1",
                  "IsValid":  true,
                  "ObjectState":  0
              }
          ]
          """, .utf8BOM)
      ],
      events: [
        "added Add-RecipientPermission finance <- alex.wilber@contoso.com [SendAs] @2025-03-12T07:31:34Z"
      ],
      ledgers: ["ual.json audit-log read=1 produced=1 excluded=0 rejected=0"]),
    Scenario(
      label: "-Depth 2: PermissionList AccessRights joined by spaces",
      files: [
        PitfallFile(
          "rest.json",
          jsonArray([
            [
              ("PermissionId", jsonString("YWxleC53aWxiZXJAY29udG9zby5jb20=")),
              ("MailboxIdentity", jsonString("ceo")),
              ("User", jsonString("alex.wilber@contoso.com")), ("IsOwner", "false"),
              (
                "PermissionList",
                jsonList([
                  jsonObject([
                    ("ChangedProperties", #""""#), ("AccessRights", jsonString("FullAccess ReadPermission")),
                    ("IsInherited", "false"), ("Deny", "false"), ("InheritanceType", jsonString("All")),
                  ])
                ])
              ),
            ]
          ]))
      ],
      grants: [
        "ceo|alex.wilber@contoso.com|FullAccess|explicit|unknown",
        "ceo|alex.wilber@contoso.com|ReadPermission|explicit|unknown",
      ],
      ledgers: ["rest.json mailbox-permission read=1 produced=1 excluded=0 rejected=0"]),
    Scenario(
      label: "-Depth 1: folder User object and audit lists become strings",
      files: [
        PitfallFile(
          "folders.json",
          jsonArray([
            [
              ("FolderName", jsonString("Calendar")), ("User", jsonString("Alex Wilber")),
              ("AccessRights", jsonString("Editor")), ("SharingPermissionFlags", jsonString("Delegate")),
              ("Identity", jsonString(#"ceo:\Calendar"#)),
            ]
          ])),
        PitfallFile(
          "mailboxes.json",
          jsonArray([
            [
              ("Name", jsonString("ceo")), ("Alias", jsonString("ceo")),
              ("PrimarySmtpAddress", jsonString("ceo@contoso.com")),
              ("RecipientTypeDetails", jsonString("UserMailbox")), ("GrantSendOnBehalfTo", jsonString("")),
              ("AuditOwner", jsonString("Update HardDelete")),
              ("AuditDelegate", jsonString("SendAs SendOnBehalf UpdateFolderPermissions")),
              ("AuditAdmin", jsonString("SendAs SendOnBehalf UpdateFolderPermissions Create")),
            ]
          ])),
      ],
      grants: ["ceo@contoso.com|Alex Wilber|Editor|\\Calendar|explicit|unknown"],
      ledgers: [
        "folders.json folder-permission read=1 produced=1 excluded=0 rejected=0",
        "mailboxes.json mailbox read=1 produced=1 excluded=0 rejected=0",
      ],
      mailboxes: [
        "ceo@contoso.com|UserMailbox|owner=Update,HardDelete|delegate=SendAs,SendOnBehalf,UpdateFolderPermissions"
          + "|admin=SendAs,SendOnBehalf,UpdateFolderPermissions,Create"
      ]),
  ]

  @Test(arguments: jsonShapeCases)
  func pitfall08_jsonShapes(_ scenario: Scenario) {
    check(scenario)
  }

  // MARK: - 9. Deny overrides Allow

  static func permissions(_ name: String, _ rows: [[String]]) -> PitfallFile {
    PitfallFile(
      name,
      exportCSV(
        [Self.permissionHeader] + rows,
        type: "Deserialized.Microsoft.Exchange.Management.RecipientTasks.MailboxAcePresentationObject"))
  }

  static let denyCases: [Scenario] = [
    Scenario(
      label: "default admin ACEs: inherited Deny FullAccess with inherited Allow of the other rights",
      files: [
        permissions(
          "deny.csv",
          [
            ["ceo", #"NAMPRD03\Administrator"#, "FullAccess", "True", "True"],
            ["ceo", #"NAMPRD03\Domain Admins"#, "FullAccess", "True", "True"],
            [
              "ceo", #"NAMPRD03\Administrator"#, "DeleteItem, ReadPermission, ChangePermission, ChangeOwner",
              "True", "False",
            ],
            [
              "ceo", #"NAMPRD03\Domain Admins"#, "DeleteItem, ReadPermission, ChangePermission, ChangeOwner",
              "True", "False",
            ],
          ])
      ],
      excluded: [
        "deny-entry deny.csv:3", "deny-entry deny.csv:4", "inherited-system-principal deny.csv:5",
        "inherited-system-principal deny.csv:6",
      ]),
    Scenario(
      label: "explicit Deny FullAccess beats explicit Allow FullAccess; ReadPermission stays",
      files: [
        permissions(
          "deny.csv",
          [
            ["ceo", "megan.bowen@contoso.com", "FullAccess, ReadPermission", "False", "False"],
            ["ceo", "megan.bowen@contoso.com", "FullAccess", "False", "True"],
          ])
      ],
      grants: ["ceo|megan.bowen@contoso.com|ReadPermission|explicit|unknown"],
      excluded: ["deny-entry deny.csv:4"],
      ledgers: ["deny.csv mailbox-permission read=2 produced=1 excluded=1 rejected=0"]),
    Scenario(
      label: "explicit Deny overrides the only right of an explicit Allow row",
      files: [
        permissions(
          "deny.csv",
          [
            ["ceo", "megan.bowen@contoso.com", "FullAccess", "False", "False"],
            ["ceo", "megan.bowen@contoso.com", "FullAccess", "False", "True"],
          ])
      ],
      excluded: ["deny-entry deny.csv:3", "deny-entry deny.csv:4"],
      ledgers: ["deny.csv mailbox-permission read=2 produced=0 excluded=2 rejected=0"],
      excludedRights: ["FullAccess (overridden by the Deny entry at deny.csv:4)", "FullAccess"]),
    Scenario(
      label: "explicit Allow beats inherited Deny",
      files: [
        permissions(
          "deny.csv",
          [
            ["ceo", "megan.bowen@contoso.com", "FullAccess", "True", "True"],
            ["ceo", "megan.bowen@contoso.com", "FullAccess", "False", "False"],
          ])
      ],
      grants: ["ceo|megan.bowen@contoso.com|FullAccess|explicit|unknown"],
      excluded: ["deny-entry deny.csv:3"]),
    Scenario(
      label: "inherited Deny beats inherited Allow of a non-system group",
      files: [
        permissions(
          "deny.csv",
          [
            ["ceo", #"CONTOSO\Helpdesk"#, "FullAccess", "True", "False"],
            ["ceo", #"CONTOSO\Helpdesk"#, "FullAccess", "True", "True"],
          ])
      ],
      excluded: ["deny-entry deny.csv:3", "deny-entry deny.csv:4"],
      ledgers: ["deny.csv mailbox-permission read=2 produced=0 excluded=2 rejected=0"]),
    Scenario(
      label: "Get-RecipientPermission AccessControlType Deny beats Allow SendAs",
      files: [
        PitfallFile(
          "sendas.csv",
          exportCSV([
            ["Identity", "Trustee", "AccessControlType", "AccessRights", "IsInherited", "InheritanceType"],
            ["finance", "alex.wilber@contoso.com", "Allow", "SendAs", "False", "None"],
            ["finance", "alex.wilber@contoso.com", "Deny", "SendAs", "False", "None"],
            ["finance", "megan.bowen@contoso.com", "Allow", "SendAs", "False", "None"],
          ]))
      ],
      grants: ["finance|megan.bowen@contoso.com|SendAs|explicit|unknown"],
      excluded: ["deny-entry sendas.csv:2", "deny-entry sendas.csv:3"],
      ledgers: ["sendas.csv recipient-permission read=3 produced=1 excluded=2 rejected=0"]),
    Scenario(
      label: "a Deny in another chunk, naming the trustee by another identity form",
      files: [
        PitfallFile(
          "mailboxes.csv",
          exportCSV([
            ["Name", "Alias", "DisplayName", "PrimarySmtpAddress", "RecipientTypeDetails"],
            ["ceo", "ceo", "Patti Fernandez", "ceo@contoso.com", "UserMailbox"],
            ["Megan Bowen", "megan.bowen", "Megan Bowen", "megan.bowen@contoso.com", "UserMailbox"],
          ])),
        permissions("part1.csv", [["ceo", "Megan Bowen", "FullAccess", "False", "False"]]),
        permissions(
          "part2.csv", [["Patti Fernandez", "megan.bowen@contoso.com", "FullAccess", "False", "True"]]),
      ],
      excluded: ["deny-entry part1.csv:3", "deny-entry part2.csv:3"],
      ledgers: [
        "mailboxes.csv mailbox read=2 produced=2 excluded=0 rejected=0",
        "part1.csv mailbox-permission read=1 produced=0 excluded=1 rejected=0",
        "part2.csv mailbox-permission read=1 produced=0 excluded=1 rejected=0",
      ]),
  ]

  @Test(arguments: denyCases)
  func pitfall09_denyOverridesAllow(_ scenario: Scenario) {
    check(scenario)
  }

  // MARK: - 10. Inherited rows: system noise, or real access

  struct InheritedCase: Sendable, CustomTestStringConvertible {
    var trustee: String
    var rights: String
    var inherited: Bool
    /// The grant lines, or empty when the row is excluded as an inherited system principal.
    var grants: [String]

    var testDescription: String { "\(inherited ? "inherited" : "explicit") \(trustee) \(rights)" }
  }

  static func noise(_ trustee: String, _ rights: String) -> InheritedCase {
    InheritedCase(trustee: trustee, rights: rights, inherited: true, grants: [])
  }

  static let inheritedCases: [InheritedCase] = [
    noise(#"NT AUTHORITY\SYSTEM"#, "FullAccess"),
    noise(#"NT AUTHORITY\NETWORK"#, "ReadPermission"),
    noise("S-1-5-18", "FullAccess"),
    noise(#"NAMPRD03\Exchange Servers"#, "FullAccess, ReadPermission"),
    noise(
      #"NAMPRD03\Exchange Trusted Subsystem"#,
      "FullAccess, DeleteItem, ReadPermission, ChangePermission, ChangeOwner"),
    noise(#"NAMPRD03\Managed Availability Servers"#, "ReadPermission"),
    noise(#"NAMPRD03\Organization Management"#, "DeleteItem, ReadPermission, ChangePermission, ChangeOwner"),
    noise(#"PRDTSB01\JitUsers"#, "FullAccess"),
    noise("ExchFullAccessAdmin", "FullAccess"),
    noise(#"NAMPRD03\View-Only Organization Management"#, "ReadPermission"),
    noise(#"NAMPRD03\Discovery Management"#, "FullAccess"),
    // Granted at database or organisation level: real access, reported as inherited.
    InheritedCase(
      trustee: "megan.bowen@contoso.com", rights: "FullAccess", inherited: true,
      grants: ["ceo|megan.bowen@contoso.com|FullAccess|inherited|unknown"]),
    InheritedCase(
      trustee: #"CONTOSO\Helpdesk Tier 2"#, rights: "FullAccess", inherited: true,
      grants: [#"ceo|CONTOSO\Helpdesk Tier 2|FullAccess|inherited|unknown"#]),
    // An explicit grant to an admin group is someone's decision, not a platform default.
    InheritedCase(
      trustee: #"NAMPRD03\Organization Management"#, rights: "FullAccess", inherited: false,
      grants: [#"ceo|NAMPRD03\Organization Management|FullAccess|explicit|system"#]),
  ]

  @Test(arguments: inheritedCases)
  func pitfall10_inheritedRows(_ inheritedCase: InheritedCase) {
    let row = [
      "ceo", inheritedCase.trustee, inheritedCase.rights, inheritedCase.inherited ? "True" : "False", "False",
    ]
    check(
      Scenario(
        label: inheritedCase.testDescription, files: [Self.permissions("inherited.csv", [row])],
        grants: inheritedCase.grants,
        excluded: inheritedCase.grants.isEmpty ? ["inherited-system-principal inherited.csv:3"] : [],
        ledgers: [
          "inherited.csv mailbox-permission read=1 produced=\(inheritedCase.grants.isEmpty ? 0 : 1)"
            + " excluded=\(inheritedCase.grants.isEmpty ? 1 : 0) rejected=0"
        ],
        excludedRights: inheritedCase.grants.isEmpty ? [inheritedCase.rights] : []))
  }

  // MARK: - 11. Identity heterogeneity

  struct IdentityCase: Sendable, CustomTestStringConvertible {
    var form: String
    var id: String
    var kind: Principal.Kind
    var diagnostics: [String] = []

    var testDescription: String { form }
  }

  static let meganGUID = "7c1f9e2a-5b3d-4e6f-8a9b-0c1d2e3f4a5b"
  static let hostedOrganization =
    "OU=contoso.onmicrosoft.com,OU=Microsoft Exchange Hosted Organizations,DC=NAMPR03A001,DC=prod,DC=outlook,DC=com"

  static let identityMailboxes = exportCSV([
    [
      "Name", "Alias", "DisplayName", "UserPrincipalName", "PrimarySmtpAddress", "RecipientTypeDetails",
      "ExternalDirectoryObjectId", "DistinguishedName", "LegacyExchangeDN", "EmailAddresses",
    ],
    [
      "ceo", "ceo", "Patti Fernandez", "ceo@contoso.com", "ceo@contoso.com", "UserMailbox",
      "c7af242d-15c8-416d-b4c6-2b19f3d1337b", "CN=ceo," + hostedOrganization,
      "/o=ExchangeLabs/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=Recipients/cn=0a1b2c3d4e5f40718293a4b5c6d7e8f9-ceo",
      "SMTP:ceo@contoso.com",
    ],
    // A mailbox created after the Name change: its Name is the ExternalDirectoryObjectId.
    [
      meganGUID, "megan.bowen", "Megan Bowen", "megan.bowen@contoso.com", "megan.bowen@contoso.com",
      "UserMailbox",
      meganGUID, "CN=\(meganGUID)," + hostedOrganization,
      "/o=ExchangeLabs/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=Recipients/cn=4f2c1e0d9b8a4c7e8d6f5a4b3c2d1e0f-megan.bowen",
      "SMTP:megan.bowen@contoso.com;smtp:megan@contoso.onmicrosoft.com",
    ],
    [
      "NotWorking, User", "notworking", "NotWorking, User", "notworking@contoso.com",
      "notworking@contoso.com", "SharedMailbox", "", "", "", "",
    ],
    [
      "Alex Wilber", "alex.wilber", "Alex Wilber", "alex.wilber@contoso.com", "alex.wilber@contoso.com",
      "UserMailbox", "", "", "", "",
    ],
    [
      "alexw-fabrikam", "alexw", "Alex Wilber", "alex.wilber@fabrikam.com", "alex.wilber@fabrikam.com",
      "UserMailbox", "", "", "", "",
    ],
  ])

  static func megan(_ form: String) -> IdentityCase {
    IdentityCase(form: form, id: "megan.bowen@contoso.com", kind: .user)
  }

  static func notWorking(_ form: String) -> IdentityCase {
    IdentityCase(form: form, id: "notworking@contoso.com", kind: .sharedMailbox)
  }

  static let identityCases: [IdentityCase] = [
    megan("megan.bowen@contoso.com"),
    megan("Megan.Bowen@Contoso.com"),
    megan("SMTP:megan.bowen@contoso.com"),
    megan("smtp:megan@contoso.onmicrosoft.com"),
    megan("Megan Bowen"),
    megan("megan.bowen"),
    megan(#"CONTOSO\megan.bowen"#),
    megan(meganGUID),
    megan(
      "NAMPR03A001.prod.outlook.com/Microsoft Exchange Hosted Organizations/contoso.onmicrosoft.com/\(meganGUID)"
    ),
    megan("CN=\(meganGUID)," + hostedOrganization),
    megan(
      "/o=ExchangeLabs/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=Recipients/cn=4f2c1e0d9b8a4c7e8d6f5a4b3c2d1e0f-megan.bowen"
    ),
    notWorking("NotWorking, User"),
    notWorking("contoso.com/Users/NotWorking, User"),
    notWorking(#"CN=NotWorking\, User,OU=Users,DC=contoso,DC=com"#),
    IdentityCase(
      form: "partner_fabrikam.com#EXT#@contoso.onmicrosoft.com",
      id: "partner_fabrikam.com#ext#@contoso.onmicrosoft.com",
      kind: .guest),
    IdentityCase(
      form: "S-1-5-21-4288531086-171750275-1771573367-6121987",
      id: "S-1-5-21-4288531086-171750275-1771573367-6121987",
      kind: .unresolvedSID),
    IdentityCase(
      form: "s-1-5-21-4288531086-171750275-1771573367-6121987",
      id: "S-1-5-21-4288531086-171750275-1771573367-6121987",
      kind: .unresolvedSID),
    IdentityCase(
      form: "Alex Wilber", id: "Alex Wilber", kind: .unknown,
      diagnostics: [
        "ids.csv:3: warning: identity 'Alex Wilber' matches 2 principals: alex.wilber@contoso.com, alex.wilber@fabrikam.com"
          + "\n  hint: it is kept as given; add a directory export or use a unique UPN to resolve it"
      ]),
  ]

  @Test(arguments: identityCases)
  func pitfall11_identityForms(_ identityCase: IdentityCase) {
    check(
      Scenario(
        label: identityCase.form,
        files: [
          PitfallFile("mailboxes.csv", Self.identityMailboxes),
          Self.permissions("ids.csv", [["ceo", identityCase.form, "FullAccess", "False", "False"]]),
        ],
        grants: ["ceo@contoso.com|\(identityCase.id)|FullAccess|explicit|\(identityCase.kind.rawValue)"],
        diagnostics: identityCase.diagnostics,
        // Each mailbox keeps its own address, also the one whose Name is the other's display name.
        mailboxes: [
          "alex.wilber@contoso.com|UserMailbox|owner=-|delegate=-|admin=-",
          "alex.wilber@fabrikam.com|UserMailbox|owner=-|delegate=-|admin=-",
          "ceo@contoso.com|UserMailbox|owner=-|delegate=-|admin=-",
          "megan.bowen@contoso.com|UserMailbox|owner=-|delegate=-|admin=-",
          "notworking@contoso.com|SharedMailbox|owner=-|delegate=-|admin=-",
        ]))
  }

  // MARK: - 12. Localised folder names; Default and Anonymous on every folder

  struct FolderLocale: Sendable, CustomTestStringConvertible {
    var calendar: String
    var inbox: String

    var testDescription: String { "\(calendar) \(inbox)" }
  }

  static let folderLocales: [FolderLocale] = [
    FolderLocale(calendar: "Calendar", inbox: "Inbox"),
    FolderLocale(calendar: "Kalender", inbox: "Posteingang"),
    FolderLocale(calendar: "Calendrier", inbox: "Boîte de réception"),
    FolderLocale(calendar: "Agenda", inbox: "Postvak IN"),
  ]

  static let folderTypeNames = [
    "Deserialized.Microsoft.Exchange.Management.StoreTasks.MailboxFolderPermission",
    "Deserialized.Microsoft.Exchange.Data.ConfigurableObject", "Deserialized.System.Object",
  ]

  /// Get-MailboxFolderPermission rows for one mailbox: (folder, user, user type, role, sharing flags).
  static func folderRows(_ locale: FolderLocale) -> [(String, String, String, String, String)] {
    [
      (locale.calendar, "Default", "Default", "AvailabilityOnly", "None"),
      (locale.calendar, "Anonymous", "Anonymous", "None", "None"),
      (locale.calendar, "Alex Wilber", "Internal", "Editor", "Delegate, CanViewPrivateItems"),
      (locale.inbox, "Default", "Default", "None", "None"),
      (locale.inbox, "Anonymous", "Anonymous", "None", "None"),
      (locale.inbox, "Megan Bowen", "Internal", "Reviewer", "None"),
    ]
  }

  static func folderFile(_ locale: FolderLocale, _ serialisation: Serialisation) -> PitfallFile {
    let rows = folderRows(locale)
    if serialisation == .csv {
      return PitfallFile(
        "folders.csv",
        exportCSV(
          [["Identity", "FolderName", "User", "AccessRights", "SharingPermissionFlags"]]
            + rows.map { ["ceo:\\" + $0.0, $0.0, $0.1, $0.3, $0.4] }), .utf8BOM)
    }
    var writer = CLIXMLWriter()
    var body = ""
    let userTypes = ["Default": 0, "Anonymous": 1, "Internal": 2]
    for row in rows {
      body +=
        writer.open(types: folderTypeNames)
        + "<ToString>ceo:\\\(CLIXMLWriter.escape(row.0))</ToString><Props>"
      body += CLIXMLWriter.s("FolderName", row.0)
      body += writer.open(
        "User",
        types: [
          "Deserialized.Microsoft.Exchange.Management.StoreTasks.MailboxFolderUserId",
          "Deserialized.System.Object",
        ])
      body += "<ToString>\(CLIXMLWriter.escape(row.1))</ToString><Props>"
      body += writer.enumeration(
        "UserType",
        type: "Microsoft.Exchange.Management.StoreTasks.MailboxFolderUserId+MailboxFolderUserType",
        text: row.2, value: userTypes[row.2] ?? 4)
      body += CLIXMLWriter.s("DisplayName", row.1) + "</Props></Obj>"
      body += writer.list(
        "AccessRights",
        types: [
          "Deserialized.System.Collections.ObjectModel.Collection`1[[Microsoft.Exchange.Management.StoreTasks.MailboxFolderAccessRight]]",
          "Deserialized.System.Object",
        ],
        items: [CLIXMLWriter.s(nil, row.3)])
      body += CLIXMLWriter.s("SharingPermissionFlags", row.4)
      body += writer.open(
        "Identity",
        types: [
          "Deserialized.Microsoft.Exchange.Management.StoreTasks.MailboxFolderId",
          "Deserialized.System.Object",
        ])
      body +=
        "<ToString>ceo:\\\(CLIXMLWriter.escape(row.0))</ToString><Props>"
        + CLIXMLWriter.s("MailboxOwnerId", "ceo") + "</Props></Obj>"
      body += CLIXMLWriter.b("IsValid", true) + "</Props></Obj>\r\n"
    }
    return PitfallFile("folders.xml", CLIXMLWriter.document(body), .utf16LE)
  }

  @Test(arguments: folderLocales, [Serialisation.csv, .clixml])
  func pitfall12_localisedFoldersAndSpecialUsers(_ locale: FolderLocale, _ serialisation: Serialisation) {
    let file = Self.folderFile(locale, serialisation)
    func at(_ row: Int) -> String {
      serialisation == .csv ? "folders.csv:\(row + 1)" : "folders.xml:\(row + 1) (Obj[\(row)])"
    }
    let inventory = check(
      Scenario(
        label: locale.testDescription, files: [file],
        grants: [
          "ceo|Alex Wilber|Editor|\\\(locale.calendar)|explicit|unknown",
          "ceo|Default|AvailabilityOnly|\\\(locale.calendar)|explicit|folder-special",
          "ceo|Megan Bowen|Reviewer|\\\(locale.inbox)|explicit|unknown",
        ],
        excluded: [
          "folder-special-none \(at(2))", "folder-special-none \(at(4))", "folder-special-none \(at(5))",
        ],
        ledgers: ["\(file.name) folder-permission read=6 produced=3 excluded=3 rejected=0"]))
    #expect(inventory.grants.map(\.sharingFlags) == [["Delegate", "CanViewPrivateItems"], [], []])
    #expect(inventory.excluded.map(\.trustee) == ["Anonymous", "Default", "Anonymous"])
  }

  // MARK: - 13. Unified audit log

  static func addPermission(_ id: String, _ time: String, _ trustee: String, recordType: String = "1")
    -> String
  {
    adminAuditData(
      id: id, time: time, operation: "Add-MailboxPermission",
      parameters: [
        ("DomainController", ""), ("Identity", "finance"), ("User", trustee), ("AccessRights", "FullAccess"),
        ("InheritanceType", "All"), ("AutoMapping", "False"),
      ], recordType: recordType)
  }

  static let auditLogCases: [Scenario] = [
    Scenario(
      label: "culture-formatted CreationDate, UTC AuditData CreationTime without Z",
      files: [
        PitfallFile(
          "ual.csv",
          exportCSV(
            [
              [
                "PSComputerName", "RunspaceId", "PSShowComputerName", "RecordType", "CreationDate", "UserIds",
                "Operations",
                "AuditData", "ResultIndex", "ResultCount", "Identity", "IsValid", "ObjectState",
              ],
              [
                "outlook.office365.com", "6f717724-3c5c-4b0a-9b43-1f0e5a3f9c11", "False", "ExchangeAdmin",
                "3/12/2025 8:31:34 AM", "admin@contoso.onmicrosoft.com", "Add-MailboxPermission",
                addPermission("u-1", "2025-03-12T07:31:34", "alex.wilber@contoso.com"), "1", "1", "u-1",
                "True", "Unchanged",
              ],
            ], type: "Deserialized.Microsoft.Exchange.Data.ApplicationLogic.UnifiedAuditLogEvent"), .utf8BOM)
      ],
      events: [
        "added Add-MailboxPermission finance <- alex.wilber@contoso.com [FullAccess] @2025-03-12T07:31:34Z"
      ],
      coverage: "rows=1 unique=1 truncated=false from 2025-03-12T07:31:34Z to 2025-03-12T07:31:34Z"),
    Scenario(
      label: "ReturnLargeSet pages unsorted, with a duplicate across pages",
      files: [
        PitfallFile(
          "page1.csv",
          unifiedAuditLogCSV([
            (
              "r-3", "3/14/2025 9:00:00 AM", "Add-MailboxPermission",
              addPermission("r-3", "2025-03-14T09:00:00", "megan.bowen@contoso.com")
            ),
            (
              "r-1", "3/12/2025 9:00:00 AM", "Add-MailboxPermission",
              addPermission("r-1", "2025-03-12T09:00:00", "alex.wilber@contoso.com")
            ),
          ])),
        PitfallFile(
          "page2.csv",
          unifiedAuditLogCSV([
            (
              "r-2", "3/13/2025 9:00:00 AM", "Add-MailboxPermission",
              addPermission("r-2", "2025-03-13T09:00:00", "adele.vance@contoso.com")
            ),
            (
              "r-1", "3/12/2025 9:00:00 AM", "Add-MailboxPermission",
              addPermission("r-1", "2025-03-12T09:00:00", "alex.wilber@contoso.com")
            ),
          ])),
      ],
      excluded: ["duplicate-row page2.csv:3"],
      events: [
        "added Add-MailboxPermission finance <- alex.wilber@contoso.com [FullAccess] @2025-03-12T09:00:00Z",
        "added Add-MailboxPermission finance <- adele.vance@contoso.com [FullAccess] @2025-03-13T09:00:00Z",
        "added Add-MailboxPermission finance <- megan.bowen@contoso.com [FullAccess] @2025-03-14T09:00:00Z",
      ],
      ledgers: [
        "page1.csv audit-log read=2 produced=2 excluded=0 rejected=0",
        "page2.csv audit-log read=2 produced=1 excluded=1 rejected=0",
      ],
      coverage: "rows=4 unique=3 truncated=false from 2025-03-12T09:00:00Z to 2025-03-14T09:00:00Z"),
    Scenario(
      label: "record types as a name, an integer and a quoted integer",
      files: [
        PitfallFile(
          "search.csv",
          unifiedAuditLogCSV([
            (
              "t-1", "3/12/2025 9:00:00 AM", "Add-MailboxPermission",
              addPermission("t-1", "2025-03-12T09:00:00", "alex.wilber@contoso.com")
            )
          ])),
        PitfallFile(
          "api.jsonl", addPermission("t-2", "2025-03-13T09:00:00", "adele.vance@contoso.com") + "\n"),
        PitfallFile(
          "elastic.jsonl",
          addPermission("t-3", "2025-03-14T09:00:00", "megan.bowen@contoso.com", recordType: #""1""#) + "\n"),
      ],
      events: [
        "added Add-MailboxPermission finance <- alex.wilber@contoso.com [FullAccess] @2025-03-12T09:00:00Z",
        "added Add-MailboxPermission finance <- adele.vance@contoso.com [FullAccess] @2025-03-13T09:00:00Z",
        "added Add-MailboxPermission finance <- megan.bowen@contoso.com [FullAccess] @2025-03-14T09:00:00Z",
      ],
      ledgers: [
        "api.jsonl audit-log read=1 produced=1 excluded=0 rejected=0",
        "elastic.jsonl audit-log read=1 produced=1 excluded=0 rejected=0",
        "search.csv audit-log read=1 produced=1 excluded=0 rejected=0",
      ]),
    Scenario(
      label: "Parameters in any order, values as strings",
      files: [
        PitfallFile(
          "order.jsonl",
          [
            adminAuditData(
              id: "o-1", time: "2025-03-12T09:00:00", operation: "Add-RecipientPermission",
              parameters: [
                ("Identity", "finance"), ("Trustee", "alex.wilber@contoso.com"), ("AccessRights", "SendAs"),
                ("Confirm", "False"),
              ]),
            adminAuditData(
              id: "o-2", time: "2025-03-12T10:00:00", operation: "Add-RecipientPermission",
              parameters: [
                ("Confirm", "False"), ("AccessRights", "SendAs"), ("Trustee", "alex.wilber@contoso.com"),
                ("Identity", "finance"),
              ]),
            adminAuditData(
              id: "o-3", time: "2025-03-12T11:00:00", operation: "Set-Mailbox",
              parameters: [
                (
                  "GrantSendOnBehalfTo",
                  "NAMPR03A001.prod.outlook.com/Microsoft Exchange Hosted Organizations/contoso.onmicrosoft.com/Alex Wilber"
                ),
                ("Identity", "finance"),
              ]),
          ].map { $0 + "\n" }.joined())
      ],
      events: [
        "added Add-RecipientPermission finance <- alex.wilber@contoso.com [SendAs] @2025-03-12T09:00:00Z",
        "added Add-RecipientPermission finance <- alex.wilber@contoso.com [SendAs] @2025-03-12T10:00:00Z",
        "modified Set-Mailbox finance <- NAMPR03A001.prod.outlook.com/Microsoft Exchange Hosted Organizations/contoso.onmicrosoft.com/Alex Wilber [SendOnBehalf] @2025-03-12T11:00:00Z",
      ]),
  ]

  @Test(arguments: auditLogCases)
  func pitfall13_unifiedAuditLog(_ scenario: Scenario) {
    check(scenario)
  }

  // MARK: - 14. Audit bypass

  static func bypassFile(_ serialisation: Serialisation) -> PitfallFile {
    let rows = [("svc-backup", true), ("Megan Bowen", false), ("Journaling Svc", true)]
    switch serialisation {
    case .csv:
      return PitfallFile(
        "bypass.csv",
        exportCSV(
          [["Name", "AuditBypassEnabled", "Identity", "IsValid", "ObjectState"]]
            + rows.map { [$0.0, $0.1 ? "True" : "False", $0.0, "True", "Unchanged"] }), .utf8BOM)
    case .json:
      return PitfallFile(
        "bypass.json",
        jsonArray(
          rows.map {
            [
              ("Name", jsonString($0.0)), ("AuditBypassEnabled", $0.1 ? "true" : "false"),
              ("Identity", jsonString($0.0)),
            ]
          }))
    case .clixml:
      var writer = CLIXMLWriter()
      var body = ""
      for row in rows {
        body += writer.open(types: [
          "Deserialized.Microsoft.Exchange.Management.MapiTasks.Presentation.MailboxAuditBypassAssociation",
          "Deserialized.System.Object",
        ])
        body +=
          "<ToString>\(row.0)</ToString><Props>" + CLIXMLWriter.s("Name", row.0)
          + CLIXMLWriter.b("AuditBypassEnabled", row.1)
        body += CLIXMLWriter.s("Identity", row.0) + "</Props></Obj>\r\n"
      }
      return PitfallFile("bypass.xml", CLIXMLWriter.document(body), .utf16LE)
    }
  }

  @Test(arguments: [Serialisation.csv, .json, .clixml])
  func pitfall14_auditBypass(_ serialisation: Serialisation) {
    let mailboxes = exportCSV([
      ["Name", "Alias", "DisplayName", "PrimarySmtpAddress", "RecipientTypeDetails"],
      ["svc-backup", "svc-backup", "Backup Service", "svc-backup@contoso.com", "UserMailbox"],
      ["Megan Bowen", "megan.bowen", "Megan Bowen", "megan.bowen@contoso.com", "UserMailbox"],
    ])
    let file = Self.bypassFile(serialisation)
    let outcome = ingestFiles([PitfallFile("mailboxes.csv", mailboxes), file])
    #expect(outcome.files[1].kind == .auditBypass)
    let inventory = outcome.inventory
    // True means delegate activity by that account never reaches the audit log.
    #expect(
      inventory.auditConfig.bypassedAccounts?.map(\.account) == ["Journaling Svc", "svc-backup@contoso.com"])
    let lines: [String] =
      switch serialisation {
      case .csv: ["bypass.csv:4", "bypass.csv:2"]
      case .json: ["bypass.json:12:3 ([2])", "bypass.json:2:3 ([0])"]
      case .clixml: ["bypass.xml:4 (Obj[3])", "bypass.xml:2 (Obj[1])"]
      }
    #expect(inventory.auditConfig.bypassedAccounts?.map(\.location.description) == lines)
    #expect(
      ledgerLines(inventory) == [
        "\(file.name) audit-bypass read=3 produced=3 excluded=0 rejected=0",
        "mailboxes.csv mailbox read=2 produced=2 excluded=0 rejected=0",
      ])
    #expect(grantLines(inventory) == [])
    #expect(diagnosticLines(inventory) == [])
    expectReconciled(inventory)
  }

  // MARK: - 15. SendAs lives in two places; the MailboxRights SendAs bit is not one of them

  static let sendAsBitNote =
    "mp.csv:3: note: AccessRights SendAs in a mailbox permission is the MailboxRights bit, not the Send-As right;"
    + " it is not counted as a SendAs grant"
    + "\n  hint: Send-As is read from Get-RecipientPermission (Exchange Online) or Get-ADPermission (on-premises)"

  static let sendAsCases: [Scenario] = [
    Scenario(
      label: "Get-RecipientPermission CSV",
      files: [
        PitfallFile(
          "rp.csv",
          exportCSV([
            ["Identity", "Trustee", "AccessControlType", "AccessRights", "IsInherited", "InheritanceType"],
            ["ceo", #"NT AUTHORITY\SELF"#, "Allow", "SendAs", "False", "None"],
            ["ceo", "alex.wilber@contoso.com", "Allow", "SendAs", "False", "None"],
          ]))
      ],
      grants: ["ceo|alex.wilber@contoso.com|SendAs|explicit|unknown"],
      excluded: ["self-principal rp.csv:2"]),
    Scenario(
      label: "Get-EXORecipientPermission JSON, AccessRights [1]",
      files: [
        PitfallFile(
          "rp.json",
          jsonArray([
            [
              ("Identity", jsonString("ceo")), ("Trustee", jsonString(#"NT AUTHORITY\SELF"#)),
              ("AccessControlType", "0"),
              ("AccessRights", "[1]"), ("IsInherited", "false"), ("InheritanceType", "0"),
            ],
            [
              ("Identity", jsonString("ceo")), ("Trustee", jsonString("alex.wilber@contoso.com")),
              ("AccessControlType", "0"),
              ("AccessRights", "[1]"), ("IsInherited", "false"), ("InheritanceType", "0"),
            ],
          ]))
      ],
      grants: ["ceo|alex.wilber@contoso.com|SendAs|explicit|unknown"],
      excluded: ["self-principal rp.json:2:3 ([0])"]),
    Scenario(
      label: "Get-ADPermission ExtendedRights Send-As (on-premises)",
      files: [
        PitfallFile(
          "ad.csv",
          exportCSV([
            ["Identity", "User", "ExtendedRights", "AccessRights", "IsInherited", "Deny"],
            [
              "contoso.local/Users/ceo", #"CONTOSO\alex.wilber"#, "Send-As", "ExtendedRight", "False",
              "False",
            ],
            [
              "contoso.local/Users/ceo", #"NT AUTHORITY\SELF"#, "Send-As, Receive-As", "ExtendedRight",
              "False", "False",
            ],
            [
              "contoso.local/Users/ceo", #"CONTOSO\megan.bowen"#, "Receive-As", "ExtendedRight", "False",
              "False",
            ],
            [
              "contoso.local/Users/ceo", #"CONTOSO\Exchange Servers"#, "Send-As", "ExtendedRight", "True",
              "False",
            ],
          ]))
      ],
      grants: [#"contoso.local/Users/ceo|CONTOSO\alex.wilber|SendAs|explicit|unknown"#],
      excluded: [
        "self-principal ad.csv:3", "no-delegated-right ad.csv:4", "inherited-system-principal ad.csv:5",
      ]),
    Scenario(
      label: "Get-MailboxPermission SendAs bit is not a SendAs grant",
      files: [
        permissions(
          "mp.csv",
          [
            ["ceo", #"NT AUTHORITY\SELF"#, "FullAccess, SendAs, ReadPermission", "False", "False"],
            ["ceo", "alex.wilber@contoso.com", "SendAs", "False", "False"],
            ["ceo", "megan.bowen@contoso.com", "FullAccess, SendAs", "False", "False"],
            ["ceo", "adele.vance@contoso.com", "3", "False", "False"],
          ])
      ],
      grants: [
        "ceo|adele.vance@contoso.com|FullAccess|explicit|unknown",
        "ceo|megan.bowen@contoso.com|FullAccess|explicit|unknown",
      ],
      excluded: ["self-principal mp.csv:3", "no-delegated-right mp.csv:4"],
      diagnostics: [sendAsBitNote.replacing("mp.csv:3", with: "mp.csv:4")]),
    Scenario(
      label: "the same Send-As read from both places is one grant with two sources",
      files: [
        PitfallFile(
          "mailboxes.csv",
          exportCSV([
            ["Name", "Alias", "DisplayName", "PrimarySmtpAddress", "RecipientTypeDetails"],
            ["ceo", "ceo", "Patti Fernandez", "ceo@contoso.com", "UserMailbox"],
            ["Alex Wilber", "alex.wilber", "Alex Wilber", "alex.wilber@contoso.com", "UserMailbox"],
          ])),
        PitfallFile(
          "rp.csv",
          exportCSV([
            ["Identity", "Trustee", "AccessControlType", "AccessRights", "IsInherited"],
            ["ceo", "alex.wilber@contoso.com", "Allow", "SendAs", "False"],
          ])),
        PitfallFile(
          "ad.csv",
          exportCSV([
            ["Identity", "User", "ExtendedRights", "IsInherited", "Deny"],
            ["contoso.local/Users/ceo", #"CONTOSO\alex.wilber"#, "Send-As", "False", "False"],
          ])),
      ],
      grants: ["ceo@contoso.com|alex.wilber@contoso.com|SendAs|explicit|user"],
      grantSources: [["ad.csv:2", "rp.csv:2"]]),
  ]

  @Test(arguments: sendAsCases)
  func pitfall15_sendAsSources(_ scenario: Scenario) {
    let inventory = check(scenario)
    let sendAs = inventory.grants.filter { $0.key.right == .sendAs }
    // Every SendAs grant comes from a recipient- or AD-permission row, never a mailbox permission.
    let kinds = Dictionary(uniqueKeysWithValues: inventory.ledgers.map { ($0.file, $0.kind) })
    #expect(
      sendAs.allSatisfy {
        $0.sources.allSatisfy { kinds[$0.file] == .recipientPermission || kinds[$0.file] == .adPermission }
      })
  }
}
