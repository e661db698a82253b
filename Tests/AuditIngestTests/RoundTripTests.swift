import AuditModel
import Foundation
import Testing

@testable import AuditIngest

/// One logical tenant, written by the test as Windows PowerShell 5.1 Export-Csv, PowerShell 7
/// ConvertTo-Json, Export-Clixml, a `;`/as-needed/LF CSV and JSONL, must give the same Inventory
/// whatever the serialisation: same grants (with inheritance and trustee kind), same mailboxes
/// (type and audit actions), same exclusions by rule, same ledger counts per kind.
@Suite("Round trip: one tenant in every serialisation")
struct RoundTripTests {
  // MARK: - The tenant

  struct TenantMailbox: Sendable {
    var name: String
    var alias: String
    var displayName: String
    var address: String
    var type: String
    var guid: String
    var sendOnBehalf: [String]
    var auditOwner: [String]
    var auditDelegate: [String]
    var auditAdmin: [String]
  }

  /// One Get-MailboxPermission ACE; rights by name, in MailboxRights bit order.
  struct TenantACE: Sendable {
    var identity: String
    var user: String
    var rights: [String]
    var inherited = false
    var deny = false
  }

  /// One Get-RecipientPermission entry (always SendAs).
  struct TenantSendAs: Sendable {
    var identity: String
    var trustee: String
    var deny = false
  }

  static let emilyGUID = "29319eac-0a9c-4b29-a780-065b6404ffbd"
  static let discovery = "DiscoverySearchMailbox{D919BA05-46A6-415f-80AD-7E09334BB852}"
  static let orphan = "S-1-5-21-1004336348-1177238915-682003330-512123"

  static let ownerActions = [
    "Update", "MoveToDeletedItems", "SoftDelete", "HardDelete", "UpdateFolderPermissions",
  ]
  static let delegateActions = [
    "Update", "MoveToDeletedItems", "SoftDelete", "HardDelete", "SendAs", "SendOnBehalf", "Create",
    "UpdateFolderPermissions",
  ]
  static let adminActions = delegateActions + ["UpdateCalendarDelegation"]

  static let mailboxes: [TenantMailbox] = [
    TenantMailbox(
      name: "ceo", alias: "ceo", displayName: "Patti Fernandez", address: "ceo@contoso.com",
      type: "UserMailbox",
      guid: "c7af242d-15c8-416d-b4c6-2b19f3d1337b", sendOnBehalf: ["Alex Wilber", emilyGUID],
      auditOwner: ownerActions, auditDelegate: delegateActions, auditAdmin: adminActions),
    TenantMailbox(
      name: "Alex Wilber", alias: "alex.wilber", displayName: "Alex Wilber",
      address: "alex.wilber@contoso.com",
      type: "UserMailbox", guid: "08fd221a-9354-4f4f-bd74-fa2eccfa3b74", sendOnBehalf: [],
      auditOwner: ownerActions, auditDelegate: delegateActions, auditAdmin: adminActions),
    // Created after the 2022–23 Name change: its Name is its ExternalDirectoryObjectId.
    TenantMailbox(
      name: emilyGUID, alias: "emily.braun", displayName: "Emily Braun", address: "emily.braun@contoso.com",
      type: "UserMailbox", guid: emilyGUID, sendOnBehalf: [],
      auditOwner: ownerActions, auditDelegate: delegateActions, auditAdmin: adminActions),
    TenantMailbox(
      name: "Megan Bowen", alias: "megan.bowen", displayName: "Megan Bowen",
      address: "megan.bowen@contoso.com",
      type: "UserMailbox", guid: "5e3b7f0a-61c2-4d8e-9a1f-2b3c4d5e6f70", sendOnBehalf: [],
      auditOwner: ownerActions, auditDelegate: delegateActions, auditAdmin: adminActions),
    TenantMailbox(
      name: "finance", alias: "finance", displayName: "Finance Team", address: "finance@contoso.com",
      type: "SharedMailbox", guid: "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d", sendOnBehalf: ["Megan Bowen"],
      auditOwner: ownerActions, auditDelegate: ["Update", "SoftDelete", "HardDelete", "SendAs"],
      auditAdmin: ["Update", "SoftDelete", "HardDelete", "SendAs", "SendOnBehalf"]),
    TenantMailbox(
      name: discovery, alias: discovery, displayName: "Discovery Search Mailbox",
      address: discovery + "@contoso.onmicrosoft.com", type: "DiscoveryMailbox",
      guid: "e0dc1c29-89c3-4034-b678-e6c29d823ed9", sendOnBehalf: [],
      auditOwner: [], auditDelegate: ["Update"], auditAdmin: ["Update"]),
  ]

  static let aces: [TenantACE] = [
    TenantACE(identity: "ceo", user: #"NT AUTHORITY\SELF"#, rights: ["FullAccess", "ReadPermission"]),
    TenantACE(identity: "ceo", user: "alex.wilber@contoso.com", rights: ["FullAccess"]),
    TenantACE(
      identity: "ceo", user: #"NAMPRD03\Administrator"#, rights: ["FullAccess"], inherited: true, deny: true),
    TenantACE(
      identity: "ceo", user: #"NAMPRD03\Administrator"#,
      rights: ["DeleteItem", "ReadPermission", "ChangePermission", "ChangeOwner"], inherited: true),
    TenantACE(identity: "ceo", user: #"NT AUTHORITY\SYSTEM"#, rights: ["FullAccess"], inherited: true),
    TenantACE(identity: "finance", user: "megan.bowen@contoso.com", rights: ["FullAccess"], inherited: true),
    TenantACE(identity: "finance", user: orphan, rights: ["FullAccess", "ReadPermission"]),
    // The explicit Deny overrides this Allow's FullAccess; its ReadPermission stays.
    TenantACE(
      identity: "finance", user: "emily.braun@contoso.com", rights: ["FullAccess", "ReadPermission"]),
    TenantACE(identity: "finance", user: "emily.braun@contoso.com", rights: ["FullAccess"], deny: true),
    TenantACE(identity: discovery, user: #"NAMPRD03\Discovery Management"#, rights: ["FullAccess"]),
    TenantACE(
      identity: "Megan Bowen", user: #"NT AUTHORITY\SELF"#, rights: ["FullAccess", "ReadPermission"]),
    TenantACE(identity: emilyGUID, user: #"NT AUTHORITY\SELF"#, rights: ["FullAccess", "ReadPermission"]),
    TenantACE(identity: emilyGUID, user: "megan.bowen@contoso.com", rights: ["FullAccess"]),
  ]

  static let sendAs: [TenantSendAs] = [
    TenantSendAs(identity: "ceo", trustee: #"NT AUTHORITY\SELF"#),
    TenantSendAs(identity: "finance", trustee: "alex.wilber@contoso.com"),
    TenantSendAs(identity: "ceo", trustee: "Megan Bowen"),
    // The Deny overrides this Allow: the row moves to the excluded ledger.
    TenantSendAs(identity: "finance", trustee: "emily.braun@contoso.com"),
    TenantSendAs(identity: "finance", trustee: "emily.braun@contoso.com", deny: true),
    TenantSendAs(identity: "Megan Bowen", trustee: orphan),
  ]

  /// MailboxRights bits (FORMATS.md §1.1).
  static let rightBits: [String: Int] = [
    "FullAccess": 1, "SendAs": 2, "ExternalAccount": 4, "DeleteItem": 65536, "ReadPermission": 131072,
    "ChangePermission": 262144, "ChangeOwner": 524288,
  ]

  static func flags(_ rights: [String]) -> Int { rights.reduce(0) { $0 | (rightBits[$1] ?? 0) } }

  /// `FullAccess, ReadPermission`: the ToString of the one combined flags value.
  static func flagsText(_ rights: [String]) -> String { rights.joined(separator: ", ") }

  // MARK: - The serialisations

  /// (a) Windows PowerShell 5.1 Export-Csv: UTF-8 BOM, `#TYPE`, every field quoted, CRLF;
  /// multi-valued columns joined by calculated properties.
  static func windowsPowerShellCSV() -> [PitfallFile] {
    let permissions = exportCSV(
      [["Identity", "User", "AccessRights", "IsInherited", "Deny", "InheritanceType"]]
        + aces.map {
          [
            $0.identity, $0.user, flagsText($0.rights), $0.inherited ? "True" : "False",
            $0.deny ? "True" : "False", "All",
          ]
        },
      type: "Selected.Microsoft.Exchange.Management.RecipientTasks.MailboxAcePresentationObject")
    let recipients = exportCSV(
      [["Identity", "Trustee", "AccessControlType", "AccessRights", "IsInherited", "InheritanceType"]]
        + sendAs.map { [$0.identity, $0.trustee, $0.deny ? "Deny" : "Allow", "SendAs", "False", "None"] },
      type: "Selected.Microsoft.Exchange.Data.Directory.Permission.RecipientPermission")
    let mailboxes = exportCSV(
      [
        [
          "Name", "Alias", "DisplayName", "UserPrincipalName", "PrimarySmtpAddress", "RecipientTypeDetails",
          "ExternalDirectoryObjectId", "GrantSendOnBehalfTo", "AuditEnabled", "AuditOwner", "AuditDelegate",
          "AuditAdmin",
        ]
      ]
        + Self.mailboxes.map {
          [
            $0.name, $0.alias, $0.displayName, $0.address, $0.address, $0.type, $0.guid,
            $0.sendOnBehalf.joined(separator: ";"), "True", $0.auditOwner.joined(separator: ","),
            $0.auditDelegate.joined(separator: ","), $0.auditAdmin.joined(separator: ","),
          ]
        },
      type: "Selected.Microsoft.Exchange.Data.Directory.Management.Mailbox")
    return [
      PitfallFile("mailbox-permissions.csv", permissions, .utf8BOM),
      PitfallFile("recipient-permissions.csv", recipients, .utf8BOM),
      PitfallFile("mailboxes.csv", mailboxes, .utf8BOM),
    ]
  }

  /// (b) PowerShell 7 ConvertTo-Json: enums as integers (AccessRights `[131073]`, InheritanceType,
  /// AccessControlType, RecipientAccessRight `[1]`), and AccessRights as names for the ACEs that
  /// came through the REST cmdlets; multi-valued properties as arrays.
  static func powerShell7JSON() -> [PitfallFile] {
    let permissions = jsonArray(
      aces.enumerated().map { index, ace in
        let rights =
          index.isMultiple(of: 2)
          ? jsonList([String(flags(ace.rights))]) : jsonList(ace.rights.map(jsonString))
        return [
          ("AccessRights", rights), ("Deny", ace.deny ? "true" : "false"), ("InheritanceType", "1"),
          ("User", jsonString(ace.user)), ("Identity", jsonString(ace.identity)),
          ("IsInherited", ace.inherited ? "true" : "false"), ("IsValid", "true"), ("ObjectState", "0"),
        ]
      })
    let recipients = jsonArray(
      sendAs.map {
        [
          ("Identity", jsonString($0.identity)), ("Trustee", jsonString($0.trustee)),
          ("AccessControlType", $0.deny ? "1" : "0"), ("AccessRights", "[1]"), ("IsInherited", "false"),
          ("InheritanceType", "0"),
        ]
      })
    let mailboxes = jsonArray(Self.mailboxes.map { mailboxMembers($0) })
    return [
      PitfallFile("mailbox-permissions.json", permissions),
      PitfallFile("recipient-permissions.json", recipients),
      PitfallFile("mailboxes.json", mailboxes),
    ]
  }

  static func mailboxMembers(_ mailbox: TenantMailbox) -> [(String, String)] {
    [
      ("Name", jsonString(mailbox.name)), ("Alias", jsonString(mailbox.alias)),
      ("DisplayName", jsonString(mailbox.displayName)), ("UserPrincipalName", jsonString(mailbox.address)),
      ("PrimarySmtpAddress", jsonString(mailbox.address)), ("RecipientTypeDetails", jsonString(mailbox.type)),
      ("ExternalDirectoryObjectId", jsonString(mailbox.guid)),
      ("GrantSendOnBehalfTo", jsonList(mailbox.sendOnBehalf.map(jsonString))), ("AuditEnabled", "true"),
      ("AuditOwner", jsonList(mailbox.auditOwner.map(jsonString))),
      ("AuditDelegate", jsonList(mailbox.auditDelegate.map(jsonString))),
      ("AuditAdmin", jsonList(mailbox.auditAdmin.map(jsonString))),
    ]
  }

  /// (c) Export-Clixml (Windows PowerShell 5.1 default: UTF-16LE with BOM): AccessRights as an `LST`
  /// of enum `Obj`s with `ToString` and `I32`, GrantSendOnBehalfTo as an `LST` of `S`, `TN`/`TNRef`.
  static func exportClixml() -> [PitfallFile] {
    var writer = CLIXMLWriter()
    var permissions = ""
    for ace in aces {
      permissions += writer.mailboxACE(
        identity: ace.identity, user: ace.user,
        rights: .enumList([CLIXMLEnumItem(flagsText(ace.rights), flags(ace.rights))]), deny: ace.deny,
        inherited: ace.inherited)
    }
    writer = CLIXMLWriter()
    var recipients = ""
    for entry in sendAs {
      recipients += writer.open(types: [
        "Deserialized.Microsoft.Exchange.Data.Directory.Permission.RecipientPermission",
        "Deserialized.Microsoft.Exchange.Data.ConfigurableObject", "Deserialized.System.Object",
      ])
      recipients += "<ToString>\(CLIXMLWriter.escape(entry.trustee))</ToString><Props>"
      recipients += CLIXMLWriter.s("Identity", entry.identity) + CLIXMLWriter.s("Trustee", entry.trustee)
      recipients += writer.enumeration(
        "AccessControlType", type: "System.Security.AccessControl.AccessControlType",
        text: entry.deny ? "Deny" : "Allow",
        value: entry.deny ? 1 : 0)
      recipients += writer.open(
        "AccessRights",
        types: [
          "Deserialized.Microsoft.Exchange.Data.MultiValuedProperty`1[[Microsoft.Exchange.Management.RecipientTasks.RecipientAccessRight]]",
          "Deserialized.Microsoft.Exchange.Data.MultiValuedPropertyBase", "Deserialized.System.Object",
        ])
      recipients += "<LST>"
      recipients += writer.enumeration(
        type: "Microsoft.Exchange.Management.RecipientTasks.RecipientAccessRight", text: "SendAs", value: 1)
      recipients += "</LST></Obj>" + CLIXMLWriter.b("IsInherited", false)
      recipients += writer.enumeration(
        "InheritanceType", type: "System.DirectoryServices.ActiveDirectorySecurityInheritance", text: "None",
        value: 0)
      recipients += "</Props></Obj>\r\n"
    }
    writer = CLIXMLWriter()
    var mailboxes = ""
    let listTypes = [
      "Deserialized.Microsoft.Exchange.Data.MultiValuedProperty`1[[System.String]]",
      "Deserialized.Microsoft.Exchange.Data.MultiValuedPropertyBase", "Deserialized.System.Object",
    ]
    for mailbox in Self.mailboxes {
      mailboxes += writer.open(types: [
        "Deserialized.Microsoft.Exchange.Data.Directory.Management.Mailbox",
        "Deserialized.Microsoft.Exchange.Data.Directory.Management.MailEnabledOrgPerson",
        "Deserialized.Microsoft.Exchange.Data.ConfigurableObject", "Deserialized.System.Object",
      ])
      mailboxes += "<ToString>\(CLIXMLWriter.escape(mailbox.name))</ToString><Props>"
      for (name, value) in [
        ("Name", mailbox.name), ("Alias", mailbox.alias), ("DisplayName", mailbox.displayName),
        ("UserPrincipalName", mailbox.address), ("PrimarySmtpAddress", mailbox.address),
        ("RecipientTypeDetails", mailbox.type), ("ExternalDirectoryObjectId", mailbox.guid),
      ] {
        mailboxes += CLIXMLWriter.s(name, value)
      }
      mailboxes += writer.list(
        "GrantSendOnBehalfTo",
        types: [
          "Deserialized.Microsoft.Exchange.Data.MultiValuedProperty`1[[Microsoft.Exchange.Data.Directory.ADObjectId]]",
          "Deserialized.Microsoft.Exchange.Data.MultiValuedPropertyBase", "Deserialized.System.Object",
        ], items: mailbox.sendOnBehalf.map { CLIXMLWriter.s(nil, $0) })
      mailboxes += CLIXMLWriter.b("AuditEnabled", true)
      mailboxes += writer.list(
        "AuditOwner", types: listTypes, items: mailbox.auditOwner.map { CLIXMLWriter.s(nil, $0) })
      mailboxes += writer.list(
        "AuditDelegate", types: listTypes, items: mailbox.auditDelegate.map { CLIXMLWriter.s(nil, $0) })
      mailboxes += writer.list(
        "AuditAdmin", types: listTypes, items: mailbox.auditAdmin.map { CLIXMLWriter.s(nil, $0) })
      mailboxes += "</Props><MS>" + CLIXMLWriter.s("PSComputerName", "outlook.office365.com")
      mailboxes +=
        "<G N=\"RunspaceId\">6f717724-3c5c-4b0a-9b43-1f0e5a3f9c11</G>"
        + CLIXMLWriter.b("PSShowComputerName", false)
      mailboxes += "</MS></Obj>\r\n"
    }
    return [
      PitfallFile("mailbox-permissions.xml", CLIXMLWriter.document(permissions), .utf16LE),
      PitfallFile("recipient-permissions.xml", CLIXMLWriter.document(recipients), .utf16LE),
      PitfallFile("mailboxes.xml", CLIXMLWriter.document(mailboxes), .utf16LE),
    ]
  }

  /// (d) PowerShell 7 `Export-Csv -Delimiter ';' -UseQuotes AsNeeded` on Linux: no BOM, LF, no `#TYPE`;
  /// REST AccessRights joined with `,`, delegates with `;` (quoted, since `;` is the delimiter).
  static func semicolonCSV() -> [PitfallFile] {
    func write(_ rows: [[String]]) -> String {
      exportCSV(rows, delimiter: ";", quoting: .asNeeded, newline: "\n")
    }
    let permissions = write(
      [["Identity", "User", "AccessRights", "IsInherited", "Deny"]]
        + aces.map {
          [
            $0.identity, $0.user, $0.rights.joined(separator: ","), $0.inherited ? "True" : "False",
            $0.deny ? "True" : "False",
          ]
        })
    let recipients = write(
      [["Identity", "Trustee", "AccessControlType", "AccessRights", "IsInherited"]]
        + sendAs.map { [$0.identity, $0.trustee, $0.deny ? "Deny" : "Allow", "SendAs", "False"] })
    let mailboxes = write(
      [
        [
          "Name", "Alias", "DisplayName", "PrimarySmtpAddress", "RecipientTypeDetails", "GrantSendOnBehalfTo",
          "AuditOwner", "AuditDelegate", "AuditAdmin",
        ]
      ]
        + Self.mailboxes.map {
          [
            $0.name, $0.alias, $0.displayName, $0.address, $0.type, $0.sendOnBehalf.joined(separator: ";"),
            $0.auditOwner.joined(separator: ","), $0.auditDelegate.joined(separator: ","),
            $0.auditAdmin.joined(separator: ","),
          ]
        })
    return [
      PitfallFile("mailbox-permissions.csv", permissions),
      PitfallFile("recipient-permissions.csv", recipients),
      PitfallFile("mailboxes.csv", mailboxes),
    ]
  }

  /// (e) JSONL: one compact object per line, enums as strings (`-EnumsAsStrings`), AccessRights as names.
  static func jsonLines() -> [PitfallFile] {
    let permissions = aces.map {
      jsonObject([
        ("Identity", jsonString($0.identity)), ("User", jsonString($0.user)),
        ("AccessRights", jsonList($0.rights.map(jsonString))),
        ("IsInherited", $0.inherited ? "true" : "false"),
        ("Deny", $0.deny ? "true" : "false"), ("InheritanceType", jsonString("All")),
      ]) + "\n"
    }.joined()
    let recipients = sendAs.map {
      jsonObject([
        ("Identity", jsonString($0.identity)), ("Trustee", jsonString($0.trustee)),
        ("AccessControlType", jsonString($0.deny ? "Deny" : "Allow")),
        ("AccessRights", jsonList([jsonString("SendAs")])),
        ("IsInherited", "false"),
      ]) + "\n"
    }.joined()
    let mailboxes = Self.mailboxes.map { jsonObject(mailboxMembers($0)) + "\n" }.joined()
    return [
      PitfallFile("mailbox-permissions.jsonl", permissions),
      PitfallFile("recipient-permissions.jsonl", recipients),
      PitfallFile("mailboxes.jsonl", mailboxes),
    ]
  }

  // MARK: - What must be equal

  /// The parts of an Inventory that must not depend on the serialisation.
  struct Summary: Equatable, CustomStringConvertible {
    var grants: [String]
    var mailboxes: [String]
    var excludedRules: [String: Int]
    var ledgers: [String]
    var problems: [String]

    init(_ inventory: Inventory) {
      grants = grantLines(inventory)
      mailboxes = mailboxLines(inventory)
      excludedRules = Dictionary(inventory.excluded.map { ($0.rule.rawValue, 1) }, uniquingKeysWith: +)
      var byKind: [String: [Int]] = [:]
      for ledger in inventory.ledgers {
        let counts = [ledger.recordsRead, ledger.produced, ledger.excluded, ledger.rejected]
        byKind[ledger.kind?.rawValue ?? "unknown", default: [0, 0, 0, 0]] = zip(
          byKind[ledger.kind?.rawValue ?? "unknown", default: [0, 0, 0, 0]], counts
        ).map(+)
      }
      ledgers = byKind.keys.sorted().map { kind in
        let c = byKind[kind] ?? []
        return "\(kind) read=\(c[0]) produced=\(c[1]) excluded=\(c[2]) rejected=\(c[3])"
      }
      problems = inventory.diagnostics.map(\.description)
    }

    var description: String {
      (grants + mailboxes + excludedRules.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" } + ledgers
        + problems)
        .joined(separator: "\n")
    }
  }

  enum Variant: String, Sendable, CaseIterable {
    case windowsPowerShellCSV = "5.1 Export-Csv"
    case powerShell7JSON = "7 ConvertTo-Json"
    case exportClixml = "Export-Clixml"
    case semicolonCSV = "; as-needed LF csv"
    case jsonLines = "jsonl"

    var files: [PitfallFile] {
      switch self {
      case .windowsPowerShellCSV: RoundTripTests.windowsPowerShellCSV()
      case .powerShell7JSON: RoundTripTests.powerShell7JSON()
      case .exportClixml: RoundTripTests.exportClixml()
      case .semicolonCSV: RoundTripTests.semicolonCSV()
      case .jsonLines: RoundTripTests.jsonLines()
      }
    }

    var serialisation: Serialisation {
      switch self {
      case .windowsPowerShellCSV, .semicolonCSV: .csv
      case .powerShell7JSON, .jsonLines: .json
      case .exportClixml: .clixml
      }
    }
  }

  /// What the tenant must give, stated once.
  static let expected = [
    "ceo@contoso.com|alex.wilber@contoso.com|FullAccess|explicit|user",
    "ceo@contoso.com|alex.wilber@contoso.com|SendOnBehalf|explicit|user",
    "ceo@contoso.com|emily.braun@contoso.com|SendOnBehalf|explicit|user",
    "ceo@contoso.com|megan.bowen@contoso.com|SendAs|explicit|user",
    "emily.braun@contoso.com|megan.bowen@contoso.com|FullAccess|explicit|user",
    "finance@contoso.com|\(orphan)|FullAccess|explicit|unresolved-sid",
    "finance@contoso.com|\(orphan)|ReadPermission|explicit|unresolved-sid",
    "finance@contoso.com|alex.wilber@contoso.com|SendAs|explicit|user",
    "finance@contoso.com|emily.braun@contoso.com|ReadPermission|explicit|user",
    "finance@contoso.com|megan.bowen@contoso.com|FullAccess|inherited|user",
    "finance@contoso.com|megan.bowen@contoso.com|SendOnBehalf|explicit|user",
    "megan.bowen@contoso.com|\(orphan)|SendAs|explicit|unresolved-sid",
  ]

  static var expectedMailboxes: [String] {
    let owner = ownerActions.joined(separator: ",")
    let delegate = delegateActions.joined(separator: ",")
    let admin = adminActions.joined(separator: ",")
    let audited = "owner=\(owner)|delegate=\(delegate)|admin=\(admin)"
    return [
      "alex.wilber@contoso.com|UserMailbox|" + audited,
      "ceo@contoso.com|UserMailbox|" + audited,
      // A system mailbox: known to the resolver, excluded from delegation scope, no audit settings.
      "DiscoverySearchMailbox{D919BA05-46A6-415f-80AD-7E09334BB852}@contoso.onmicrosoft.com".lowercased()
        + "|DiscoveryMailbox|owner=-|delegate=-|admin=-",
      "emily.braun@contoso.com|UserMailbox|" + audited,
      "finance@contoso.com|SharedMailbox|owner=\(owner)|delegate=Update,SoftDelete,HardDelete,SendAs"
        + "|admin=Update,SoftDelete,HardDelete,SendAs,SendOnBehalf",
      "megan.bowen@contoso.com|UserMailbox|" + audited,
    ]
  }

  // MARK: - Tests

  @Test("Each serialisation gives the tenant's inventory", arguments: Variant.allCases)
  func eachVariantGivesTheTenant(_ variant: Variant) {
    let outcome = ingestFiles(variant.files)
    #expect(outcome.files.map(\.kind) == [.mailboxPermission, .recipientPermission, .mailbox])
    #expect(outcome.files.allSatisfy { $0.report.serialisation == variant.serialisation })
    let summary = Summary(outcome.inventory)
    #expect(summary.grants == Self.expected)
    #expect(summary.mailboxes == Self.expectedMailboxes)
    #expect(
      summary.excludedRules == [
        "self-principal": 4, "deny-entry": 4, "inherited-system-principal": 2, "system-mailbox": 2,
      ])
    #expect(
      summary.ledgers == [
        "mailbox read=6 produced=5 excluded=1 rejected=0",
        "mailbox-permission read=13 produced=5 excluded=8 rejected=0",
        "recipient-permission read=6 produced=3 excluded=3 rejected=0",
      ])
    #expect(summary.problems == [])
    expectReconciled(outcome.inventory)
  }

  @Test("All serialisations give equal inventories")
  func allVariantsAreEqual() {
    let reference = Summary(ingestFiles(Variant.windowsPowerShellCSV.files).inventory)
    for variant in Variant.allCases.dropFirst() {
      let summary = Summary(ingestFiles(variant.files).inventory)
      #expect(
        summary == reference, "\(variant.rawValue) differs from \(Variant.windowsPowerShellCSV.rawValue)")
    }
    // Mixed: each kind from another serialisation.
    let mixed = [
      Variant.exportClixml.files[2], Variant.powerShell7JSON.files[0], Variant.semicolonCSV.files[1],
    ]
    #expect(Summary(ingestFiles(mixed).inventory) == reference)
  }

  @Test("Encodings of each variant are what its PowerShell writes")
  func encodings() {
    let expected: [Variant: String] = [
      .windowsPowerShellCSV: "utf-8-bom", .powerShell7JSON: "ascii", .exportClixml: "utf-16le",
      .semicolonCSV: "ascii",
      .jsonLines: "ascii",
    ]
    for variant in Variant.allCases {
      let outcome = ingestFiles(variant.files)
      #expect(
        outcome.inventory.ledgers.map(\.encoding) == Array(repeating: expected[variant], count: 3),
        "\(variant)")
    }
  }
}
