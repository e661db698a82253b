/// The objects each export cmdlet returns for the tenant, shaped as the pipeline that exported
/// them left them (Select-Object with `-join`, ConvertTo-Json of REST objects, Export-Clixml of
/// deserialized objects). Writers only serialise these tables.
struct SampleExports {
  /// Which state of the tenant an export shows.
  enum Snapshot: Sendable, Hashable {
    /// Today (as-of).
    case current
    /// The start of the period: grants added since are absent, grants removed since present.
    case baseline
  }

  /// How the exporting pipeline treated objects (one per serialisation).
  enum Shape: Sendable, Hashable {
    /// Select-Object with multi-valued properties joined, then Export-Csv.
    case csv
    /// REST objects (`Get-EXO*`) through ConvertTo-Json: enums as integers, lists as arrays.
    case json
    /// Deserialized remoting objects or Select-Object PSCustomObjects through Export-Clixml.
    case clixml
  }

  let tenant: SampleTenant

  private var principals: [SamplePrincipal] { tenant.principals }

  /// The grants a snapshot shows (folder grants only exist in the current snapshot).
  func grants(_ snapshot: Snapshot) -> [SampleGrant] {
    switch snapshot {
    case .current: return tenant.grants
    case .baseline:
      return tenant.grants.filter { $0.addedAt == nil && $0.folder == nil } + tenant.removedGrants
    }
  }

  private static let remoting: [SampleProperty] = [
    SampleProperty("PSComputerName", .string("outlook.office365.com")),
    SampleProperty("RunspaceId", .guid("6f717724-2b8e-4c61-9a0d-3c5e7b2f1a48")),
    SampleProperty("PSShowComputerName", .bool(false)),
  ]

  // MARK: - Get-MailboxPermission

  /// One ACE as Get-MailboxPermission shows it.
  private struct ACE {
    var mailbox: Int
    var user: String
    var rights: [(String, Int64)]
    var inherited: Bool
    var deny: Bool
  }

  /// The inherited entries of the platform on every EXO mailbox (FORMATS.md §2.1).
  private func platformACEs(_ mailbox: Int) -> [ACE] {
    let prefix = tenant.forestPrefix
    let admins = ["Administrator", "Domain Admins", "Enterprise Admins", "Organization Management"]
    var aces = admins.map {
      ACE(
        mailbox: mailbox, user: "\(prefix)\\\($0)", rights: [("FullAccess", 1)], inherited: true, deny: true)
    }
    aces.append(
      ACE(
        mailbox: mailbox, user: "NT AUTHORITY\\SYSTEM", rights: [("FullAccess", 1)], inherited: true,
        deny: false))
    aces.append(
      ACE(
        mailbox: mailbox, user: "NT AUTHORITY\\NETWORK", rights: [("ReadPermission", 131_072)],
        inherited: true, deny: false))
    let adminRights: [(String, Int64)] = [
      ("DeleteItem", 65_536), ("ReadPermission", 131_072), ("ChangePermission", 262_144),
      ("ChangeOwner", 524_288),
    ]
    aces += admins.map {
      ACE(mailbox: mailbox, user: "\(prefix)\\\($0)", rights: adminRights, inherited: true, deny: false)
    }
    aces.append(
      ACE(
        mailbox: mailbox, user: "\(prefix)\\Exchange Servers",
        rights: [("FullAccess", 1), ("ReadPermission", 131_072)], inherited: true, deny: false))
    aces.append(
      ACE(
        mailbox: mailbox, user: "\(prefix)\\Exchange Trusted Subsystem",
        rights: [("FullAccess", 1)] + adminRights, inherited: true, deny: false))
    aces.append(
      ACE(
        mailbox: mailbox, user: "\(prefix)\\Managed Availability Servers",
        rights: [("ReadPermission", 131_072)], inherited: true, deny: false))
    aces.append(
      ACE(
        mailbox: mailbox, user: "PRDTSB01\\JitUsers", rights: [("ReadPermission", 131_072)], inherited: true,
        deny: false))
    aces.append(
      ACE(
        mailbox: mailbox, user: "ExchFullAccessAdmin", rights: [("FullAccess", 1)], inherited: true,
        deny: false))
    aces.append(
      ACE(
        mailbox: mailbox, user: "\(prefix)\\View-Only Organization Management",
        rights: [("ReadPermission", 131_072)], inherited: true, deny: false))
    return aces
  }

  /// How Get-MailboxPermission's User column names a trustee.
  private func userName(_ index: Int) -> String {
    let principal = principals[index]
    switch principal.kind {
    case .user, .shared, .room, .discovery, .guest: return principal.upn
    default: return principal.name
    }
  }

  /// Every ACE of every mailbox, in mailbox order: SELF, explicit grants, explicit Deny rows,
  /// the platform's inherited entries, inherited grants to people.
  private func mailboxACEs(_ snapshot: Snapshot) -> [ACE] {
    let grants = grants(snapshot)
    var byMailbox: [Int: [SampleGrant]] = [:]
    for grant in grants where grant.right.mailboxRightsBit != nil {
      byMailbox[grant.mailbox, default: []].append(grant)
    }
    var denies: [Int: [Int]] = [:]
    for deny in tenant.denies { denies[deny.mailbox, default: []].append(deny.trustee) }
    var aces: [ACE] = []
    for mailbox in tenant.mailboxIndices {
      aces.append(
        ACE(
          mailbox: mailbox, user: "NT AUTHORITY\\SELF",
          rights: [("FullAccess", 1), ("ReadPermission", 131_072)], inherited: false, deny: false))
      let own = byMailbox[mailbox] ?? []
      for grant in own where !grant.inherited {
        aces.append(
          ACE(
            mailbox: mailbox, user: userName(grant.trustee),
            rights: [(grant.right.name, grant.right.mailboxRightsBit!)], inherited: false, deny: false))
      }
      for trustee in denies[mailbox] ?? [] {
        aces.append(
          ACE(
            mailbox: mailbox, user: userName(trustee), rights: [("FullAccess", 1)], inherited: false,
            deny: true))
      }
      if principals[mailbox].kind == .discovery {
        aces.append(
          ACE(
            mailbox: mailbox, user: "\(tenant.forestPrefix)\\Discovery Management",
            rights: [("FullAccess", 1)], inherited: false, deny: false))
      } else if principals[mailbox].platformRows {
        aces += platformACEs(mailbox)
      }
      for grant in own where grant.inherited {
        aces.append(
          ACE(
            mailbox: mailbox, user: userName(grant.trustee),
            rights: [(grant.right.name, grant.right.mailboxRightsBit!)], inherited: true, deny: false))
      }
    }
    return aces
  }

  static let mailboxACEType = "Microsoft.Exchange.Management.RecipientTasks.MailboxAcePresentationObject"

  /// Get-MailboxPermission for every mailbox.
  func mailboxPermissions(_ snapshot: Snapshot, shape: Shape) -> SampleTable {
    let records = mailboxACEs(snapshot).map { ace -> SampleRecord in
      let rights = SampleValue.flags(names: ace.rights.map(\.0), values: ace.rights.map(\.1))
      let mailbox = principals[ace.mailbox]
      switch shape {
      case .csv:
        return SampleRecord(properties: [
          SampleProperty("Identity", .string(mailbox.alias)), SampleProperty("User", .string(ace.user)),
          SampleProperty("AccessRights", rights), SampleProperty("IsInherited", .bool(ace.inherited)),
          SampleProperty("Deny", .bool(ace.deny)), SampleProperty("InheritanceType", .string("All")),
        ])
      case .json:
        return SampleRecord(properties: [
          SampleProperty("Identity", .string(mailbox.name)), SampleProperty("User", .string(ace.user)),
          SampleProperty("AccessRights", rights), SampleProperty("IsInherited", .bool(ace.inherited)),
          SampleProperty("Deny", .bool(ace.deny)),
          SampleProperty(
            "InheritanceType",
            .enumeration(
              name: "All", value: 1, type: "System.DirectoryServices.ActiveDirectorySecurityInheritance")),
        ])
      case .clixml:
        return SampleRecord(
          properties: [
            SampleProperty("AccessRights", rights), SampleProperty("Deny", .bool(ace.deny)),
            SampleProperty("InheritanceType", .string("All")), SampleProperty("User", .string(ace.user)),
            SampleProperty("Identity", .string(mailbox.alias)),
            SampleProperty("IsInherited", .bool(ace.inherited)),
            SampleProperty("IsValid", .bool(true)), SampleProperty("ObjectState", .string("Unchanged")),
          ], notes: Self.remoting)
      }
    }
    switch shape {
    case .csv: return .selected(Self.mailboxACEType, records)
    case .json: return SampleTable(types: [], deserialized: false, records: records)
    case .clixml:
      return SampleTable(
        types: [
          Self.mailboxACEType, "Microsoft.Exchange.Management.RecipientTasks.AcePresentationObject",
          "Microsoft.Exchange.Data.ConfigurableObject", "System.Object",
        ], deserialized: true, records: records)
    }
  }

  /// The lossy variant: an earlier Export-Csv of a few shared mailboxes without `-join`, whose
  /// AccessRights cells hold `System.Collections.ArrayList`.
  func lossyMailboxPermissions() -> SampleTable {
    var records: [SampleRecord] = []
    for mailbox in tenant.lossyMailboxes {
      let users =
        ["NT AUTHORITY\\SELF"]
        + tenant.grants.filter { $0.mailbox == mailbox && $0.right == .fullAccess && !$0.inherited }.map {
          userName($0.trustee)
        }
      for user in users {
        records.append(
          SampleRecord(properties: [
            SampleProperty("Identity", .string(principals[mailbox].alias)),
            SampleProperty("User", .string(user)),
            SampleProperty("AccessRights", .string("System.Collections.ArrayList")),
            SampleProperty("IsInherited", .bool(false)), SampleProperty("Deny", .bool(false)),
          ]))
      }
    }
    return SampleTable(types: [], deserialized: false, records: records)
  }

  // MARK: - Get-RecipientPermission

  static let sendAsRight = "Microsoft.Exchange.Management.RecipientTasks.RecipientAccessRight"

  /// Get-RecipientPermission: SELF on every mailbox, then the SendAs grants.
  func recipientPermissions(_ snapshot: Snapshot, shape: Shape) -> SampleTable {
    var rows: [(mailbox: Int, trustee: String)] = tenant.mailboxIndices.map { ($0, "NT AUTHORITY\\SELF") }
    for grant in grants(snapshot) where grant.right == .sendAs {
      rows.append((grant.mailbox, userName(grant.trustee)))
    }
    let control = SampleValue.enumeration(
      name: "Allow", value: 0, type: "System.Security.AccessControl.AccessControlType")
    let inheritance = SampleValue.enumeration(
      name: "None", value: 0, type: "System.DirectoryServices.ActiveDirectorySecurityInheritance")
    let rights = SampleValue.list(
      [.enumeration(name: "SendAs", value: 1, type: Self.sendAsRight)], join: ",",
      types: [
        "Microsoft.Exchange.Data.MultiValuedProperty`1[[\(Self.sendAsRight), Microsoft.Exchange.Management, Version=15.0.0.0, Culture=neutral, PublicKeyToken=31bf3856ad364e35]]",
        "Microsoft.Exchange.Data.MultiValuedPropertyBase", "System.Object",
      ])
    let records = rows.map { row -> SampleRecord in
      var properties = [
        SampleProperty("Identity", .string(principals[row.mailbox].name)),
        SampleProperty("Trustee", .string(row.trustee)),
        SampleProperty("AccessControlType", control), SampleProperty("AccessRights", rights),
        SampleProperty("IsInherited", .bool(false)), SampleProperty("InheritanceType", inheritance),
      ]
      if shape == .clixml {
        properties += [
          SampleProperty("IsValid", .bool(true)), SampleProperty("ObjectState", .string("Unchanged")),
        ]
        return SampleRecord(properties: properties, notes: Self.remoting)
      }
      return SampleRecord(properties: properties)
    }
    return SampleTable(
      types: [
        "Microsoft.Exchange.Data.Directory.Permission.RecipientPermission",
        "Microsoft.Exchange.Data.ConfigurableObject", "System.Object",
      ],
      deserialized: shape == .clixml, records: records)
  }

  // MARK: - Get-Mailbox

  /// Get-EXOMailbox with the identity, type, SendOnBehalf and audit properties selected.
  func mailboxes(_ snapshot: Snapshot, shape: Shape) -> SampleTable {
    var delegates: [Int: [Int]] = [:]
    for grant in grants(snapshot) where grant.right == .sendOnBehalf {
      delegates[grant.mailbox, default: []].append(grant.trustee)
    }
    let records = tenant.mailboxIndices.map { index -> SampleRecord in
      let mailbox = principals[index]
      let audit = mailbox.audit ?? .defaults
      func list(_ items: [String], join: String) -> SampleValue {
        shape == .json
          ? .list(items.map(SampleValue.string), join: join, types: []) : .arrayList(items, join: join)
      }
      return SampleRecord(properties: [
        SampleProperty("Name", .string(mailbox.name)), SampleProperty("Alias", .string(mailbox.alias)),
        SampleProperty("DisplayName", .string(mailbox.displayName)),
        SampleProperty("UserPrincipalName", .string(mailbox.upn)),
        SampleProperty("PrimarySmtpAddress", .string(mailbox.upn)),
        SampleProperty("RecipientTypeDetails", .string(mailbox.kind.recipientTypeDetails)),
        SampleProperty("ExternalDirectoryObjectId", .string(mailbox.objectID)),
        SampleProperty(
          "GrantSendOnBehalfTo", list((delegates[index] ?? []).map { principals[$0].name }, join: ";")),
        SampleProperty("AuditEnabled", .bool(true)),
        SampleProperty("AuditOwner", list(audit.owner, join: ",")),
        SampleProperty("AuditDelegate", list(audit.delegate, join: ",")),
        SampleProperty("AuditAdmin", list(audit.admin, join: ",")),
      ])
    }
    return .selected("Microsoft.Exchange.Data.Directory.Management.Mailbox", records)
  }

  // MARK: - Get-MailboxFolderPermission

  /// Calendar permissions of every user and room mailbox: Default, Anonymous, then delegates.
  func folderPermissions(shape: Shape) -> SampleTable {
    var byMailbox: [Int: [SampleGrant]] = [:]
    for grant in tenant.grants where grant.folder != nil {
      byMailbox[grant.mailbox, default: []].append(grant)
    }
    var records: [SampleRecord] = []
    for index in tenant.mailboxIndices {
      guard let grants = byMailbox[index] else { continue }
      let mailbox = principals[index]
      let folder = mailbox.calendarName
      // Default first, then Anonymous (None, which grants nothing), then the delegates.
      let isDefault = { (grant: SampleGrant) in principals[grant.trustee].kind == .folderDefault }
      var rows: [(user: Int?, role: String, flags: [String])] =
        grants.filter(isDefault).map { ($0.trustee, $0.right.name, $0.sharingFlags) }
      rows.append((nil, "None", []))
      rows += grants.filter { !isDefault($0) }.map { ($0.trustee, $0.right.name, $0.sharingFlags) }
      for row in rows {
        let user = row.user.map { principals[$0] }
        let display = user?.displayName ?? "Anonymous"
        let userType: (String, Int64) =
          user?.kind == .folderDefault ? ("Default", 0) : user == nil ? ("Anonymous", 1) : ("Internal", 2)
        let flags = row.flags.isEmpty ? "None" : row.flags.joined(separator: ", ")
        var properties = [SampleProperty("Identity", .string("\(mailbox.alias):\\\(folder)"))]
        properties.append(SampleProperty("FolderName", .string(folder)))
        switch shape {
        case .csv:
          properties += [
            SampleProperty("User", .string(display)),
            SampleProperty("AccessRights", .list([.string(row.role)], join: ",", types: [])),
            SampleProperty("SharingPermissionFlags", .string(flags)),
          ]
        case .json:
          var userProperties = [SampleProperty("UserType", .int(userType.1))]
          if let user, user.kind != .folderDefault {
            userProperties.append(
              SampleProperty(
                "RecipientPrincipal",
                .string(
                  "/o=ExchangeLabs/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=Recipients/cn=\(user.objectID.replacingOccurrences(of: "-", with: "").prefix(32))-\(user.alias.prefix(8))"
                )))
          } else {
            userProperties.append(SampleProperty("RecipientPrincipal", .null))
          }
          userProperties.append(SampleProperty("DisplayName", .string(display)))
          properties += [
            SampleProperty("User", .object(types: [], toString: display, properties: userProperties)),
            SampleProperty("AccessRights", .list([.string(row.role)], join: ",", types: [])),
            SampleProperty("SharingPermissionFlags", row.flags.isEmpty ? .null : .string(flags)),
          ]
        case .clixml:
          properties = [
            SampleProperty("FolderName", .string(folder)),
            SampleProperty(
              "User",
              .object(
                types: ["Microsoft.Exchange.Management.StoreTasks.MailboxFolderUserId", "System.Object"],
                toString: display,
                properties: [
                  SampleProperty(
                    "UserType",
                    .enumeration(
                      name: userType.0, value: userType.1,
                      type:
                        "Microsoft.Exchange.Management.StoreTasks.MailboxFolderUserId+MailboxFolderUserType")),
                  SampleProperty("DisplayName", .string(display)),
                ])),
            SampleProperty(
              "AccessRights",
              .list(
                [.string(row.role)], join: ",",
                types: [
                  "System.Collections.ObjectModel.Collection`1[[Microsoft.Exchange.Management.StoreTasks.MailboxFolderAccessRight, Microsoft.Exchange.Management, Version=15.0.0.0, Culture=neutral, PublicKeyToken=31bf3856ad364e35]]",
                  "System.Object",
                ])),
            SampleProperty("SharingPermissionFlags", .string(flags)),
            SampleProperty("Identity", .string("\(mailbox.alias):\\\(folder)")),
            SampleProperty("IsValid", .bool(true)), SampleProperty("ObjectState", .string("New")),
          ]
        }
        records.append(SampleRecord(properties: properties, notes: shape == .clixml ? Self.remoting : []))
      }
    }
    return SampleTable(
      types: [
        "Microsoft.Exchange.Management.StoreTasks.MailboxFolderPermission",
        "Microsoft.Exchange.Data.ConfigurableObject", "System.Object",
      ],
      deserialized: shape == .clixml, records: records)
  }

  // MARK: - Configuration, bypass, directory

  /// Get-OrganizationConfig | Select-Object Name,DisplayName,AuditDisabled,WhenChanged.
  func organizationConfig() -> SampleTable {
    .selected(
      "Microsoft.Exchange.Data.Directory.Management.OrganizationConfig",
      [
        SampleRecord(properties: [
          SampleProperty("Name", .string(tenant.tenantDomain)),
          SampleProperty("DisplayName", .string("Tailspin Toys")),
          SampleProperty("AuditDisabled", .bool(tenant.auditDisabled)),
          SampleProperty("WhenChanged", .date(tenant.orgConfigChanged)),
        ])
      ])
  }

  /// Get-AdminAuditLogConfig | Select-Object Name,UnifiedAuditLogIngestionEnabled,AdminAuditLogEnabled.
  func adminAuditLogConfig() -> SampleTable {
    .selected(
      "Microsoft.Exchange.Management.SystemConfigurationTasks.AdminAuditLogConfig",
      [
        SampleRecord(properties: [
          SampleProperty("Name", .string("Admin Audit Log Settings")),
          SampleProperty("UnifiedAuditLogIngestionEnabled", .bool(tenant.ualIngestionEnabled)),
          SampleProperty("AdminAuditLogEnabled", .bool(true)),
        ])
      ])
  }

  /// Get-MailboxAuditBypassAssociation: every mailbox, AuditBypassEnabled False except the planted.
  func auditBypass(shape: Shape) -> SampleTable {
    let records = tenant.mailboxIndices.map { index -> SampleRecord in
      var properties = [
        SampleProperty("Identity", .string(principals[index].name)),
        SampleProperty("AuditBypassEnabled", .bool(principals[index].auditBypass)),
      ]
      if shape == .clixml {
        properties += [
          SampleProperty("IsValid", .bool(true)), SampleProperty("ObjectState", .string("Unchanged")),
        ]
        return SampleRecord(properties: properties, notes: Self.remoting)
      }
      return SampleRecord(properties: properties)
    }
    if shape == .clixml {
      return SampleTable(
        types: [
          "Microsoft.Exchange.Management.RecipientTasks.MailboxAuditBypassAssociation",
          "Microsoft.Exchange.Data.ConfigurableObject", "System.Object",
        ],
        deserialized: true, records: records)
    }
    return .selected("Microsoft.Exchange.Management.RecipientTasks.MailboxAuditBypassAssociation", records)
  }

  /// Get-User | Select-Object UserPrincipalName,DisplayName,RecipientTypeDetails,AccountDisabled:
  /// mailbox users (shared and room accounts are disabled, as in Exchange Online) and guests.
  func directory() -> SampleTable {
    let records = principals.indices.filter { principals[$0].isMailbox || principals[$0].kind == .guest }.map
    { index in
      let principal = principals[index]
      return SampleRecord(properties: [
        SampleProperty("UserPrincipalName", .string(principal.upn)),
        SampleProperty("DisplayName", .string(principal.displayName)),
        SampleProperty("RecipientTypeDetails", .string(principal.kind.recipientTypeDetails)),
        SampleProperty("AccountDisabled", .bool(principal.accountDisabled)),
      ])
    }
    return .selected("Microsoft.Exchange.Data.Directory.Management.User", records)
  }
}
