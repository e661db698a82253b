import AuditReport

/// Which file each export goes to in each format, how PowerShell produced it, and its bytes.
///
/// The folder is laid out for `delegation-audit run exports --register register.csv --policy
/// policy.json --baseline baseline --as-of <as-of>`: `exports/` (today's exports), `baseline/`
/// (the raw exports of the period's start: mailbox-permission, recipient-permission, mailbox).
struct SampleLayout {
  /// One written file and the PowerShell behind it.
  struct File: Sendable {
    var path: String
    var bytes: [UInt8]
    var kind: String
    var encoding: SampleTextEncoding
    var producedBy: String
  }

  let tenant: SampleTenant
  private var exports: SampleExports { SampleExports(tenant: tenant) }

  init(_ tenant: SampleTenant) { self.tenant = tenant }

  private enum Serialiser {
    case csv(SampleCSVWriter.Style)
    case json(SampleJSONWriter.Layout)
    case clixml
  }

  private static let ps51 = SampleCSVWriter.Style(typeLine: true, quoteAll: true)
  private static let ps51NoType = SampleCSVWriter.Style(typeLine: false, quoteAll: true)
  private static let ps7AsNeeded = SampleCSVWriter.Style(typeLine: false, quoteAll: false)

  private func file(
    _ path: String, _ kind: String, _ table: SampleTable, _ serialiser: Serialiser,
    _ encoding: SampleTextEncoding,
    _ producedBy: String
  ) -> File {
    let text: String
    switch serialiser {
    case .csv(let style): text = SampleCSVWriter.text(table, style: style)
    case .json(let layout): text = SampleJSONWriter.text(table, layout: layout)
    case .clixml: text = SampleCLIXMLWriter.text(table)
    }
    return File(
      path: path, bytes: encoding.bytes(text), kind: kind, encoding: encoding, producedBy: producedBy)
  }

  /// Which serialisation each kind uses in this format.
  private func shape(_ kind: String) -> SampleFormat {
    guard tenant.options.format == .mixed else { return tenant.options.format }
    switch kind {
    case "mailbox-permission", "audit-bypass": return .csv
    case "mailbox", "directory": return .clixml
    default: return .json
    }
  }

  /// Get-MailboxPermission, Get-RecipientPermission and Get-Mailbox of a snapshot.
  private func grantExports(_ snapshot: SampleExports.Snapshot, folder: String) -> [File] {
    var files: [File] = []
    let mailboxCmd =
      "Get-EXOMailbox -ResultSize Unlimited | Get-MailboxPermission -IncludeUnresolvedPermissions"
    switch shape("mailbox-permission") {
    case .json:
      files.append(
        file(
          "\(folder)/mailbox-permissions.json", "mailbox-permission",
          exports.mailboxPermissions(snapshot, shape: .json),
          .json(.powerShell7), .utf8,
          "PowerShell 7: Get-EXOMailbox -ResultSize Unlimited | Get-EXOMailboxPermission | ConvertTo-Json | Out-File mailbox-permissions.json"
        ))
    case .clixml:
      files.append(
        file(
          "\(folder)/mailbox-permissions.xml", "mailbox-permission",
          exports.mailboxPermissions(snapshot, shape: .clixml),
          .clixml, .utf16LE,
          "Windows PowerShell 5.1 (remote session): \(mailboxCmd) | Export-Clixml mailbox-permissions.xml"))
    default:
      files.append(
        file(
          "\(folder)/mailbox-permissions.csv", "mailbox-permission",
          exports.mailboxPermissions(snapshot, shape: .csv),
          .csv(Self.ps51), .utf8BOM,
          "Windows PowerShell 5.1: \(mailboxCmd) | Select-Object Identity,User,@{n='AccessRights';e={$_.AccessRights -join ', '}},IsInherited,Deny,InheritanceType | Export-Csv mailbox-permissions.csv -Encoding UTF8"
        ))
    }
    switch shape("recipient-permission") {
    case .json:
      files.append(
        file(
          "\(folder)/recipient-permissions.json", "recipient-permission",
          exports.recipientPermissions(snapshot, shape: .json),
          .json(.powerShell7), .utf8,
          "PowerShell 7: Get-EXORecipientPermission -ResultSize Unlimited | ConvertTo-Json | Out-File recipient-permissions.json"
        ))
    case .clixml:
      files.append(
        file(
          "\(folder)/recipient-permissions.xml", "recipient-permission",
          exports.recipientPermissions(snapshot, shape: .clixml),
          .clixml, .utf8,
          "PowerShell 7 (remote session): Get-RecipientPermission -ResultSize Unlimited | Export-Clixml recipient-permissions.xml"
        ))
    default:
      files.append(
        file(
          "\(folder)/recipient-permissions.csv", "recipient-permission",
          exports.recipientPermissions(snapshot, shape: .csv),
          .csv(Self.ps51NoType), .utf8BOM,
          "Windows PowerShell 5.1: Get-EXORecipientPermission -ResultSize Unlimited | Select-Object Identity,Trustee,AccessControlType,@{n='AccessRights';e={$_.AccessRights -join ','}},IsInherited,InheritanceType | Export-Csv recipient-permissions.csv -NoTypeInformation -Encoding UTF8"
        ))
    }
    let select =
      "Select-Object Name,Alias,DisplayName,UserPrincipalName,PrimarySmtpAddress,RecipientTypeDetails,ExternalDirectoryObjectId,GrantSendOnBehalfTo,AuditEnabled,AuditOwner,AuditDelegate,AuditAdmin"
    let getMailbox =
      "Get-EXOMailbox -ResultSize Unlimited -Properties GrantSendOnBehalfTo,AuditEnabled,AuditOwner,AuditDelegate,AuditAdmin"
    switch shape("mailbox") {
    case .json:
      files.append(
        file(
          "\(folder)/mailboxes.json", "mailbox", exports.mailboxes(snapshot, shape: .json),
          .json(.powerShell7), .utf8,
          "PowerShell 7: \(getMailbox) | \(select) | ConvertTo-Json | Out-File mailboxes.json"))
    case .clixml:
      files.append(
        file(
          "\(folder)/mailboxes.xml", "mailbox", exports.mailboxes(snapshot, shape: .clixml), .clixml,
          .utf16LE,
          "Windows PowerShell 5.1: \(getMailbox) | \(select) | Export-Clixml mailboxes.xml"))
    default:
      files.append(
        file(
          "\(folder)/mailboxes.csv", "mailbox", exports.mailboxes(snapshot, shape: .csv), .csv(Self.ps51),
          .utf8BOM,
          "Windows PowerShell 5.1: \(getMailbox) | Select-Object Name,Alias,DisplayName,UserPrincipalName,PrimarySmtpAddress,RecipientTypeDetails,ExternalDirectoryObjectId,@{n='GrantSendOnBehalfTo';e={$_.GrantSendOnBehalfTo -join ';'}},AuditEnabled,@{n='AuditOwner';e={$_.AuditOwner -join ','}},@{n='AuditDelegate';e={$_.AuditDelegate -join ','}},@{n='AuditAdmin';e={$_.AuditAdmin -join ','}} | Export-Csv mailboxes.csv -Encoding UTF8"
        ))
    }
    return files
  }

  /// The other exports of today: folder permissions, configuration, bypass, directory, audit log.
  private func otherExports() -> [File] {
    var files: [File] = []
    let folderCmd =
      "Get-EXOMailbox -RecipientTypeDetails UserMailbox,RoomMailbox -ResultSize Unlimited | ForEach-Object { Get-EXOMailboxFolderPermission -Identity \"$($_.Alias):\\$((Get-EXOMailboxFolderStatistics $_ -FolderScope Calendar)[0].Name)\" }"
    switch shape("folder-permission") {
    case .json:
      files.append(
        file(
          "exports/folder-permissions.json", "folder-permission", exports.folderPermissions(shape: .json),
          .json(.powerShell7),
          .utf8, "PowerShell 7: \(folderCmd) | ConvertTo-Json | Out-File folder-permissions.json"))
    case .clixml:
      files.append(
        file(
          "exports/folder-permissions.xml", "folder-permission", exports.folderPermissions(shape: .clixml),
          .clixml, .utf8BOM,
          "Windows PowerShell 5.1 (remote session): \(folderCmd) | Export-Clixml folder-permissions.xml -Encoding UTF8"
        ))
    default:
      files.append(
        file(
          "exports/folder-permissions.csv", "folder-permission", exports.folderPermissions(shape: .csv),
          .csv(Self.ps7AsNeeded),
          .utf8BOM,
          "PowerShell 7: \(folderCmd) | Select-Object Identity,FolderName,User,@{n='AccessRights';e={$_.AccessRights -join ','}},SharingPermissionFlags | Export-Csv folder-permissions.csv -UseQuotes AsNeeded -Encoding utf8BOM"
        ))
    }
    let orgSelect = "Get-OrganizationConfig | Select-Object Name,DisplayName,AuditDisabled,WhenChanged"
    let adminSelect =
      "Get-AdminAuditLogConfig | Select-Object Name,UnifiedAuditLogIngestionEnabled,AdminAuditLogEnabled"
    switch shape("org-config") {
    case .json:
      files.append(
        file(
          "exports/org-config.json", "org-config", exports.organizationConfig(), .json(.windowsPowerShell),
          .utf8BOM,
          "Windows PowerShell 5.1: \(orgSelect) | ConvertTo-Json | Out-File org-config.json -Encoding utf8"))
      files.append(
        file(
          "exports/admin-audit-log-config.json", "org-config", exports.adminAuditLogConfig(),
          .json(.windowsPowerShell),
          .utf16LE, "Windows PowerShell 5.1: \(adminSelect) | ConvertTo-Json > admin-audit-log-config.json"))
    case .clixml:
      files.append(
        file(
          "exports/org-config.xml", "org-config", exports.organizationConfig(), .clixml, .utf16LE,
          "Windows PowerShell 5.1: \(orgSelect) | Export-Clixml org-config.xml"))
      files.append(
        file(
          "exports/admin-audit-log-config.xml", "org-config", exports.adminAuditLogConfig(), .clixml,
          .utf16LE,
          "Windows PowerShell 5.1: \(adminSelect) | Export-Clixml admin-audit-log-config.xml"))
    default:
      files.append(
        file(
          "exports/org-config.csv", "org-config", exports.organizationConfig(), .csv(Self.ps51), .ascii,
          "Windows PowerShell 5.1: \(orgSelect) | Export-Csv org-config.csv"))
      files.append(
        file(
          "exports/admin-audit-log-config.csv", "org-config", exports.adminAuditLogConfig(), .csv(Self.ps51),
          .utf8BOM,
          "Windows PowerShell 5.1: \(adminSelect) | Export-Csv admin-audit-log-config.csv -Encoding UTF8"))
    }
    let bypassCmd = "Get-MailboxAuditBypassAssociation -ResultSize Unlimited"
    switch shape("audit-bypass") {
    case .json:
      files.append(
        file(
          "exports/audit-bypass.json", "audit-bypass", exports.auditBypass(shape: .json), .json(.powerShell7),
          .utf8,
          "PowerShell 7: \(bypassCmd) | Select-Object Identity,AuditBypassEnabled | ConvertTo-Json | Out-File audit-bypass.json"
        ))
    case .clixml:
      files.append(
        file(
          "exports/audit-bypass.xml", "audit-bypass", exports.auditBypass(shape: .clixml), .clixml, .utf16LE,
          "Windows PowerShell 5.1 (remote session): \(bypassCmd) | Export-Clixml audit-bypass.xml"))
    default:
      files.append(
        file(
          "exports/audit-bypass.csv", "audit-bypass", exports.auditBypass(shape: .csv), .csv(Self.ps51NoType),
          .utf8BOM,
          "Windows PowerShell 5.1: \(bypassCmd) | Select-Object Identity,AuditBypassEnabled | Export-Csv audit-bypass.csv -NoTypeInformation -Encoding UTF8"
        ))
    }
    let userSelect =
      "Get-User -ResultSize Unlimited | Select-Object UserPrincipalName,DisplayName,RecipientTypeDetails,AccountDisabled"
    switch shape("directory") {
    case .json:
      files.append(
        file(
          "exports/users.json", "directory", exports.directory(), .json(.powerShell7), .utf8,
          "PowerShell 7: \(userSelect) | ConvertTo-Json | Out-File users.json"))
    case .clixml:
      files.append(
        file(
          "exports/users.xml", "directory", exports.directory(), .clixml,
          tenant.options.format == .mixed ? .utf16LE : .utf8,
          "\(tenant.options.format == .mixed ? "Windows PowerShell 5.1" : "PowerShell 7"): \(userSelect) | Export-Clixml users.xml"
        ))
    default:
      files.append(
        file(
          "exports/users.csv", "directory", exports.directory(), .csv(Self.ps51NoType), .utf8BOM,
          "Windows PowerShell 5.1: \(userSelect) | Export-Csv users.csv -NoTypeInformation -Encoding UTF8"))
    }
    if tenant.options.format == .json {
      files.append(
        File(
          path: "exports/audit-log.jsonl",
          bytes: SampleTextEncoding.utf8.bytes(SampleAuditLogWriter.managementAPI(tenant)),
          kind: "audit-log", encoding: .utf8,
          producedBy:
            "Office 365 Management Activity API, Audit.Exchange content blobs: one AuditData object per line")
      )
    } else {
      files.append(
        File(
          path: "exports/audit-log.csv",
          bytes: SampleTextEncoding.utf8BOM.bytes(SampleAuditLogWriter.purviewCSV(tenant)),
          kind: "audit-log", encoding: .utf8BOM,
          producedBy:
            "Microsoft Purview portal, Audit (new search), Workload Exchange, Record type ExchangeAdmin, \(SampleClock.date(tenant.periodStart)) to \(SampleClock.date(tenant.options.asOf)): Export"
        ))
    }
    if tenant.exportLossy {
      files.append(
        file(
          "exports/mailbox-permissions-shared.csv", "mailbox-permission", exports.lossyMailboxPermissions(),
          .csv(Self.ps51NoType), .ascii,
          "an earlier Windows PowerShell 5.1 export without -join: Get-Mailbox -RecipientTypeDetails SharedMailbox | Get-MailboxPermission | Select-Object Identity,User,AccessRights,IsInherited,Deny | Export-Csv mailbox-permissions-shared.csv -NoTypeInformation"
        ))
    }
    return files
  }

  /// Every file of the tenant folder except README.md and answer-key.json.
  func exportFiles() -> [File] {
    grantExports(.current, folder: "exports") + otherExports() + grantExports(.baseline, folder: "baseline")
      + [registerFile(), policyFile()]
  }

  /// register.csv: a compliance team's spreadsheet saved as CSV (UTF-8 without BOM, LF, quoted
  /// only where needed).
  func registerFile() -> File {
    let header =
      "Mailbox,Trustee,Right,Folder,ApprovedBy,ApprovedOn,Ticket,Justification,ExpiresOn,LastReviewedOn,ReviewedBy,ReviewOutcome"
    var text = header + "\n"
    for row in tenant.register {
      let cells = [
        row.mailboxForm, row.trusteeForm, row.right, row.folder ?? "", row.approvedByForm ?? "",
        row.approvedOn.map(SampleClock.date) ?? "", row.ticket, row.justification,
        row.expiresOn.map(SampleClock.date) ?? "",
        row.lastReviewedOn.map(SampleClock.date) ?? "", row.reviewedByForm ?? "", row.outcome ?? "",
      ]
      text += cells.map { SampleCSVWriter.field($0, quoteAll: false) }.joined(separator: ",") + "\n"
    }
    return File(
      path: "register.csv", bytes: SampleTextEncoding.utf8.bytes(text), kind: "register", encoding: .utf8,
      producedBy: "the approved-delegation register (PRODUCT.md §6), saved from a spreadsheet")
  }

  /// policy.json: review period, sensitive mailboxes, broad principals, internal domains, waivers.
  func policyFile() -> File {
    let principals = tenant.principals
    let policy = JSONValue.object([
      ("reviewPeriodDays", .int(Int64(SampleTenant.reviewPeriodDays))),
      ("sensitiveMailboxes", .array(tenant.sensitiveMailboxes.map { .string(principals[$0].upn) })),
      ("broadPrincipals", .array(tenant.broadPrincipals.map { .string(principals[$0].name) })),
      ("internalDomains", .array([.string(tenant.domain), .string(tenant.tenantDomain)])),
      ("severityOverrides", .object([])),
      (
        "waivers",
        .array(
          tenant.waivers.map { waiver in
            .object([
              ("code", .string(waiver.code)), ("mailbox", .string(principals[waiver.mailbox].upn)),
              ("trustee", .string(principals[waiver.trustee].upn)), ("reason", .string(waiver.reason)),
              ("expires", .string(SampleClock.date(waiver.expires))),
            ])
          })
      ),
    ])
    return File(
      path: "policy.json", bytes: SampleTextEncoding.utf8.bytes(policy.serialised()), kind: "policy",
      encoding: .utf8,
      producedBy: "the organisation's policy (--policy)")
  }
}
