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
      || (has("RecipientTypeDetails") && (has("PrimarySmtpAddress") || has("Alias"))
        && !has("AccountDisabled"))
      || types.contains("directory.management.mailbox")
    {
      return (.mailbox, "columns RecipientTypeDetails/GrantSendOnBehalfTo of Get-Mailbox")
    }
    if has("UserPrincipalName") || has("AccountDisabled") || has("AccountEnabled") || has("RecipientType") {
      return (.directory, "columns UserPrincipalName/AccountDisabled of a directory export")
    }
    return nil
  }

  /// The output of a cmdlet that holds no delegation but is often handed over instead of one.
  public struct Lookalike: Sendable, Hashable {
    /// What the file looks like, e.g. `Get-MailboxStatistics output (mailbox sizes and item counts)`.
    public var description: String
    /// The export that was probably meant.
    public var instead: InputKind
  }

  /// Recognises the output of a cmdlet that is not one of the exports this tool reads, so that
  /// the message can say which it is and which export to make instead; nil when none matches.
  public static func lookalike(columns: [String]) -> Lookalike? {
    let names = Set(columns.map { $0.lowercased() })
    func has(_ name: String) -> Bool { names.contains(name.lowercased()) }
    if has("TotalItemSize") && has("ItemCount") {
      return Lookalike(
        description: "Get-MailboxStatistics output (mailbox sizes and item counts)",
        instead: .mailboxPermission)
    }
    if has("FolderPath") && (has("ItemsInFolder") || has("FolderSize")) {
      return Lookalike(
        description: "Get-MailboxFolderStatistics output (folder sizes)", instead: .folderPermission)
    }
    if has("OWAEnabled") || has("ActiveSyncEnabled") || has("MAPIEnabled") {
      return Lookalike(description: "Get-CASMailbox output (client access settings)", instead: .mailbox)
    }
    if has("RuleIdentity") || (has("MailboxOwnerId") && has("ForwardTo")) {
      return Lookalike(description: "Get-InboxRule output (inbox rules)", instead: .mailboxPermission)
    }
    if has("MessageTraceId") || (has("SenderAddress") && has("RecipientAddress") && has("Received")) {
      return Lookalike(description: "Get-MessageTrace output (mail flow)", instead: .auditLog)
    }
    if has("LogonType") && (has("LastAccessed") || has("Operation")) {
      return Lookalike(
        description: "Search-MailboxAuditLog output (mailbox item access)", instead: .auditLog)
    }
    return nil
  }
}
