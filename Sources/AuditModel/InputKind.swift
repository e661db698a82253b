/// What an input file holds, detected from its content.
public enum InputKind: String, Sendable, Hashable, CaseIterable, Comparable {
  case mailboxPermission = "mailbox-permission"
  case recipientPermission = "recipient-permission"
  case adPermission = "ad-permission"
  case mailbox
  case folderPermission = "folder-permission"
  case orgConfig = "org-config"
  case auditBypass = "audit-bypass"
  case auditLog = "audit-log"
  case directory
  case register

  /// The PowerShell that produces this kind, as the README's export recipe gives it.
  public var exportCommand: String {
    switch self {
    case .mailboxPermission:
      "Get-EXOMailbox -ResultSize Unlimited | Get-MailboxPermission -IncludeUnresolvedPermissions | Select-Object Identity,User,UserSid,@{n='AccessRights';e={$_.AccessRights -join ','}},IsInherited,Deny,InheritanceType | Export-Csv mailbox-permissions.csv -NoTypeInformation -Encoding UTF8"
    case .recipientPermission:
      "Get-EXORecipientPermission -ResultSize Unlimited | ConvertTo-Json -Depth 5 | Out-File recipient-permissions.json -Encoding utf8"
    case .adPermission:
      "Get-Mailbox -ResultSize Unlimited | Get-ADPermission | Where-Object { $_.ExtendedRights -like '*Send-As*' } | Select-Object Identity,User,@{n='ExtendedRights';e={$_.ExtendedRights -join ','}},IsInherited,Deny | Export-Csv ad-permissions.csv -NoTypeInformation -Encoding UTF8"
    case .mailbox:
      "Get-EXOMailbox -ResultSize Unlimited -Properties GrantSendOnBehalfTo,AuditEnabled,AuditOwner,AuditDelegate,AuditAdmin,RecipientTypeDetails | Export-Clixml mailboxes.xml"
    case .folderPermission:
      "Get-EXOMailbox -ResultSize Unlimited | ForEach-Object { Get-EXOMailboxFolderPermission -Identity \"$($_.UserPrincipalName):\\Calendar\" } | Export-Clixml folder-permissions.xml"
    case .orgConfig:
      "Get-OrganizationConfig | Select-Object Name,AuditDisabled | ConvertTo-Json | Out-File org-config.json; Get-AdminAuditLogConfig | Select-Object UnifiedAuditLogIngestionEnabled | ConvertTo-Json | Out-File admin-audit-log-config.json"
    case .auditBypass:
      "Get-MailboxAuditBypassAssociation -ResultSize Unlimited | Select-Object Identity,AuditBypassEnabled | Export-Csv audit-bypass.csv -NoTypeInformation -Encoding UTF8"
    case .auditLog:
      "Search-UnifiedAuditLog -StartDate <period start> -EndDate <period end> -RecordType ExchangeAdmin -SessionCommand ReturnLargeSet -ResultSize 5000 (repeat until ResultIndex reaches ResultCount) | Export-Csv audit-log.csv -NoTypeInformation -Encoding UTF8"
    case .directory:
      "Get-User -ResultSize Unlimited | Select-Object UserPrincipalName,DisplayName,RecipientTypeDetails,AccountDisabled,Sid | Export-Csv directory.csv -NoTypeInformation -Encoding UTF8"
    case .register:
      "delegation-audit register init exports/ --out register.csv (then fill approvals and reviews)"
    }
  }

  public static func < (lhs: InputKind, rhs: InputKind) -> Bool { lhs.rawValue < rhs.rawValue }
}
