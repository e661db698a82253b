import AuditModel

/// The columns each kind of export should carry, to tell a user what their export lacks.
public enum ExpectedColumns {
  /// Each entry is a set of alternatives; one of them present is enough.
  static let byKind: [InputKind: [[String]]] = [
    .mailboxPermission: [
      ["Identity", "MailboxIdentity"], ["User"], ["AccessRights", "PermissionList"],
      ["IsInherited", "PermissionList"], ["Deny", "PermissionList"],
    ],
    .recipientPermission: [
      ["Identity"], ["Trustee"], ["AccessRights"], ["AccessControlType"], ["IsInherited"],
    ],
    .adPermission: [["Identity"], ["User"], ["ExtendedRights"], ["IsInherited"], ["Deny"]],
    .mailbox: [
      ["PrimarySmtpAddress", "UserPrincipalName", "WindowsEmailAddress"], ["RecipientTypeDetails"],
      ["GrantSendOnBehalfTo"], ["AuditDelegate"], ["AuditAdmin"],
    ],
    .folderPermission: [["Identity"], ["User"], ["AccessRights"]],
    .orgConfig: [["AuditDisabled", "UnifiedAuditLogIngestionEnabled"]],
    .auditBypass: [["Identity", "Name"], ["AuditBypassEnabled"]],
    .auditLog: [["AuditData", "Parameters"], ["CreationDate", "CreationTime"]],
    .directory: [
      ["UserPrincipalName", "PrimarySmtpAddress"], ["DisplayName"],
      ["AccountDisabled", "AccountEnabled", "Enabled"],
    ],
    .register: [
      ["Mailbox"], ["Trustee"], ["Right"], ["ApprovedBy"], ["ApprovedOn"], ["LastReviewedOn"], ["ReviewedBy"],
      ["ReviewOutcome"],
    ],
  ]

  /// The expected columns a file of `kind` lacks, each named by its first alternative.
  public static func missing(kind: InputKind, columns: [String]) -> [String] {
    let present = Set(columns.map { $0.lowercased() })
    return (byKind[kind] ?? []).filter { alternatives in
      !alternatives.contains { present.contains($0.lowercased()) }
    }.map { $0.joined(separator: " or ") }
  }
}
