import AuditModel

/// Detects what a file holds from its first record's property names and type names, never its file name.
public enum KindDetector {
  /// The kind and a short reason, or nil when nothing matches.
  public static func detect(columns: [String], typeNames: [String]) -> (kind: InputKind, reason: String)? {
    let names = Set(columns.map { $0.lowercased() })
    func has(_ name: String) -> Bool { names.contains(name.lowercased()) }
    let types = typeNames.joined(separator: " ").lowercased()

    if has("AuditData") || (has("Operations") && has("CreationDate"))
      || (has("Operation") && has("CreationTime") && (has("Workload") || has("RecordType")))
    {
      return (.auditLog, "columns AuditData/Operation/CreationDate of an audit-log search")
    }
    if has("ApprovedBy") || has("ReviewOutcome") || has("LastReviewedOn") {
      return (.register, "register columns ApprovedBy/ReviewOutcome")
    }
    if has("FolderName") || has("SharingPermissionFlags") || types.contains("mailboxfolderpermission") {
      return (.folderPermission, "columns FolderName/SharingPermissionFlags of Get-MailboxFolderPermission")
    }
    if has("ExtendedRights") {
      return (.adPermission, "column ExtendedRights of Get-ADPermission")
    }
    if has("PermissionList") || types.contains("mailboxacepresentationobject")
      || (has("User") && has("Identity") && names.contains(where: { $0.hasSuffix("accessrights") }))
    {
      return (.mailboxPermission, "columns Identity/User/AccessRights of Get-MailboxPermission")
    }
    if has("Trustee") && (has("AccessRights") || has("AccessControlType")) {
      return (.recipientPermission, "columns Trustee/AccessRights of Get-RecipientPermission")
    }
    if has("AuditBypassEnabled") && !has("RecipientTypeDetails") {
      return (.auditBypass, "column AuditBypassEnabled of Get-MailboxAuditBypassAssociation")
    }
    if has("AuditDisabled") || has("UnifiedAuditLogIngestionEnabled") {
      return (.orgConfig, "column AuditDisabled/UnifiedAuditLogIngestionEnabled of the organisation config")
    }
    if has("GrantSendOnBehalfTo") || has("AuditDelegate")
      || (has("RecipientTypeDetails") && (has("PrimarySmtpAddress") || has("Alias")) && !has("AccountDisabled"))
      || types.contains("directory.management.mailbox")
    {
      return (.mailbox, "columns RecipientTypeDetails/GrantSendOnBehalfTo of Get-Mailbox")
    }
    if has("UserPrincipalName") || has("AccountDisabled") || has("AccountEnabled") || has("RecipientType") {
      return (.directory, "columns UserPrincipalName/AccountDisabled of a directory export")
    }
    return nil
  }
}
