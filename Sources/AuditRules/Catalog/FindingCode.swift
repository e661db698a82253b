/// The stable identifiers of EXT-08 findings (PRODUCT.md §7): the answer-key contract of
/// `sample` and of the tests. Never rename a case's raw value.
public enum FindingCode: String, Sendable, Hashable, CaseIterable, Comparable {
  case sendAsUndocumented = "SENDAS_UNDOCUMENTED"
  case sendOnBehalfUndocumented = "SENDOB_UNDOCUMENTED"
  case approvalExpired = "APPROVAL_EXPIRED"
  case fullAccessNotReviewed = "FULLACCESS_NOT_REVIEWED"
  case fullAccessReviewOverdue = "FULLACCESS_REVIEW_OVERDUE"
  case reviewByTrustee = "REVIEW_BY_TRUSTEE"
  case reviewRemovalNotDone = "REVIEW_REMOVAL_NOT_DONE"
  case registerEntryStale = "REGISTER_ENTRY_STALE"
  case auditDisabled = "AUDIT_DISABLED"
  case ualIngestionDisabled = "UAL_INGESTION_DISABLED"
  case auditBypassEnabled = "AUDIT_BYPASS_ENABLED"
  case mailboxAuditActionsMissing = "MAILBOX_AUDIT_ACTIONS_MISSING"
  case auditLogIncomplete = "AUDIT_LOG_INCOMPLETE"
  case changeUnapproved = "CHANGE_UNAPPROVED"
  case changeUnlogged = "CHANGE_UNLOGGED"
  case trusteeUnresolvedSID = "TRUSTEE_UNRESOLVED_SID"
  case trusteeExternal = "TRUSTEE_EXTERNAL"
  case trusteeDisabled = "TRUSTEE_DISABLED"
  case trusteeBroadGroup = "TRUSTEE_BROAD_GROUP"
  case fullAccessWithSendAs = "FULLACCESS_WITH_SENDAS"
  case sensitiveMailboxDelegation = "SENSITIVE_MAILBOX_DELEGATION"
  case permissionEscalationRight = "PERMISSION_ESCALATION_RIGHT"
  case folderBroadAccess = "FOLDER_BROAD_ACCESS"
  case inheritedFullAccess = "INHERITED_FULLACCESS"
  case exportLossy = "EXPORT_LOSSY"

  /// Orders codes by their stable identifier.
  public static func < (lhs: FindingCode, rhs: FindingCode) -> Bool { lhs.rawValue < rhs.rawValue }
}
