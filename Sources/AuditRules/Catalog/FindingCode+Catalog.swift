import AuditModel

/// What a finding code bears on: one requirement, the requirement of the grant's right, risk, or input.
public enum FindingScope: Sendable, Hashable {
  /// Always this requirement.
  case requirement(Requirement)
  /// The requirement of the right concerned (SendAs → EXT-08.1, SendOnBehalf → EXT-08.2,
  /// FullAccess → EXT-08.3), among these; any other right makes the finding a `risk`.
  case rightDependent([Requirement])
  /// A risk observation that no requirement's verdict counts.
  case risk
  /// A problem of the input files.
  case input

  /// `EXT-08.1`, `EXT-08.1/EXT-08.2`, `risk` or `input`, as the catalog table shows it.
  public var label: String {
    switch self {
    case .requirement(let requirement): requirement.rawValue
    case .rightDependent(let requirements): requirements.map(\.rawValue).joined(separator: "/")
    case .risk: "risk"
    case .input: "input"
    }
  }

  /// The requirement id a finding about `right` carries (`Finding.requirement`).
  public func requirement(for right: Right?) -> String {
    switch self {
    case .requirement(let requirement):
      return requirement.rawValue
    case .rightDependent(let requirements):
      guard let right, let requirement = Requirement.documenting(right), requirements.contains(requirement)
      else { return "risk" }
      return requirement.rawValue
    case .risk:
      return "risk"
    case .input:
      return "input"
    }
  }
}

extension Requirement {
  /// The requirement whose population holds grants of `right`, if any.
  static func documenting(_ right: Right) -> Requirement? {
    switch RightName.normalised(right.name) {
    case RightName.normalised(Right.sendAs.name): .sendAsDocumented
    case RightName.normalised(Right.sendOnBehalf.name): .sendOnBehalfTracked
    case RightName.normalised(Right.fullAccess.name): .fullAccessReviewed
    default: nil
    }
  }
}

extension FindingCode {
  /// One row of the catalog: scope, default severity and a one-line title.
  public struct CatalogEntry: Sendable, Hashable {
    public var code: FindingCode
    public var scope: FindingScope
    public var defaultSeverity: Severity
    public var title: String
  }

  /// The catalog: every code with its requirement, default severity and title, in code order.
  public static var catalog: [CatalogEntry] { allCases.map(\.entry) }

  /// This code's catalog row. This switch is the one table of codes; nothing else repeats it.
  public var entry: CatalogEntry {
    let (scope, severity, title): (FindingScope, Severity, String) =
      switch self {
      case .sendAsUndocumented:
        (.requirement(.sendAsDocumented), .high, "SendAs grant without an approved register row")
      case .sendOnBehalfUndocumented:
        (
          .requirement(.sendOnBehalfTracked), .medium,
          "SendOnBehalf delegate without an approved register row"
        )
      case .approvalExpired:
        (
          .rightDependent([.sendAsDocumented, .sendOnBehalfTracked]), .medium,
          "Register approval past its ExpiresOn date"
        )
      case .fullAccessNotReviewed:
        (.requirement(.fullAccessReviewed), .high, "FullAccess grant with no review record")
      case .fullAccessReviewOverdue:
        (.requirement(.fullAccessReviewed), .medium, "FullAccess review older than the review period")
      case .reviewByTrustee:
        (.requirement(.fullAccessReviewed), .high, "FullAccess reviewed or approved by its own trustee")
      case .reviewRemovalNotDone:
        (.requirement(.fullAccessReviewed), .high, "Review decided removal but the grant is still present")
      case .registerEntryStale:
        (
          .rightDependent([.sendAsDocumented, .sendOnBehalfTracked, .fullAccessReviewed]), .low,
          "Register documents a grant that no longer exists"
        )
      case .auditDisabled:
        (.requirement(.changesMonitored), .high, "Organisation mailbox auditing is disabled")
      case .ualIngestionDisabled:
        (.requirement(.changesMonitored), .high, "Unified audit log ingestion is off")
      case .auditBypassEnabled:
        (.requirement(.changesMonitored), .high, "An account bypasses mailbox auditing")
      case .mailboxAuditActionsMissing:
        (.requirement(.changesMonitored), .medium, "Mailbox does not audit a required delegate/admin action")
      case .auditLogIncomplete:
        (.requirement(.changesMonitored), .medium, "Audit log does not cover the period or was truncated")
      case .changeUnapproved:
        (.requirement(.changesMonitored), .high, "Grant-adding event without a matching approval")
      case .changeUnlogged:
        (.requirement(.changesMonitored), .medium, "Grant appeared since the baseline with no audit event")
      case .trusteeUnresolvedSID:
        (.risk, .medium, "Grant to an orphaned SID")
      case .trusteeExternal:
        (.risk, .high, "Grant to a guest or external principal")
      case .trusteeDisabled:
        (.risk, .medium, "Grant to a disabled account")
      case .trusteeBroadGroup:
        (.risk, .medium, "Grant to a group or broad principal")
      case .fullAccessWithSendAs:
        (.risk, .medium, "One trustee holds FullAccess and SendAs on one mailbox")
      case .sensitiveMailboxDelegation:
        (.risk, .low, "Delegation on a mailbox the policy lists as sensitive")
      case .permissionEscalationRight:
        (.risk, .high, "Explicit ChangePermission or ChangeOwner grant")
      case .folderBroadAccess:
        (.risk, .medium, "Default, Anonymous or a broad group can read a mailbox folder")
      case .inheritedFullAccess:
        (.risk, .medium, "Inherited FullAccess to a non-system principal")
      case .exportLossy:
        (.input, .medium, "An export lost values (type-name cells)")
      }
    return CatalogEntry(code: self, scope: scope, defaultSeverity: severity, title: title)
  }
}
