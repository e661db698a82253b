import AuditModel

/// One finding code's rule: looks at the evaluation context and returns its findings, with the
/// catalog's requirement and default severity (policy overrides and waivers come later).
protocol Rule {
  static var code: FindingCode { get }
  static func findings(in context: EvaluationContext) -> [Finding]
}

extension Rule {
  /// A finding of this rule's code; the requirement follows the catalog (and, for codes whose
  /// requirement depends on the right, `right`).
  static func finding(
    mailbox: String?, trustee: String?, right: String?, folder: String? = nil, message: String,
    evidence: [SourceLocation]
  ) -> Finding {
    let entry = code.entry
    return Finding(
      code: code.rawValue, requirement: entry.scope.requirement(for: right.map(Right.init)),
      severity: entry.defaultSeverity, mailbox: mailbox, trustee: trustee, right: right, folder: folder,
      message: message, evidence: evidence)
  }

  /// A finding about one grant: its mailbox, trustee, right and folder, its rows as evidence.
  static func finding(about grant: Grant, _ message: String, evidence extra: [SourceLocation] = []) -> Finding
  {
    finding(
      mailbox: grant.key.mailbox, trustee: grant.key.trustee, right: grant.key.right.name,
      folder: grant.key.folder,
      message: message, evidence: grant.sources + extra)
  }
}

/// Every rule, one per finding code.
enum RuleRegistry {
  static var rules: [any Rule.Type] {
    [
      SendAsUndocumentedRule.self, SendOnBehalfUndocumentedRule.self, ApprovalExpiredRule.self,
      FullAccessNotReviewedRule.self, FullAccessReviewOverdueRule.self, ReviewByTrusteeRule.self,
      ReviewRemovalNotDoneRule.self, RegisterEntryStaleRule.self, AuditDisabledRule.self,
      UALIngestionDisabledRule.self, AuditBypassEnabledRule.self, MailboxAuditActionsMissingRule.self,
      AuditLogIncompleteRule.self, ChangeUnapprovedRule.self, ChangeUnloggedRule.self,
      TrusteeUnresolvedSIDRule.self, TrusteeExternalRule.self, TrusteeDisabledRule.self,
      TrusteeBroadGroupRule.self, FullAccessWithSendAsRule.self, SensitiveMailboxDelegationRule.self,
      PermissionEscalationRightRule.self, FolderBroadAccessRule.self, InheritedFullAccessRule.self,
      ExportLossyRule.self,
    ]
  }
}
