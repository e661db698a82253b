import AuditModel
import Testing

@testable import AuditRules

/// The code catalog and the rule registry agree: one rule per code, every code in PRODUCT.md §7.
@Suite struct CatalogTests {
  @Test func everyCodeHasExactlyOneRule() {
    let codes = RuleRegistry.rules.map { $0.code }
    #expect(codes.count == FindingCode.allCases.count)
    #expect(Set(codes) == Set(FindingCode.allCases))
  }

  @Test func catalogMatchesTheSpecification() {
    let table = FindingCode.catalog.map {
      "\($0.code.rawValue) \($0.scope.label) \($0.defaultSeverity.rawValue)"
    }
    #expect(
      table == [
        "SENDAS_UNDOCUMENTED EXT-08.1 high", "SENDOB_UNDOCUMENTED EXT-08.2 medium",
        "APPROVAL_EXPIRED EXT-08.1/EXT-08.2 medium", "FULLACCESS_NOT_REVIEWED EXT-08.3 high",
        "FULLACCESS_REVIEW_OVERDUE EXT-08.3 medium", "REVIEW_BY_TRUSTEE EXT-08.3 high",
        "REVIEW_REMOVAL_NOT_DONE EXT-08.3 high", "REGISTER_ENTRY_STALE EXT-08.1/EXT-08.2/EXT-08.3 low",
        "AUDIT_DISABLED EXT-08.4 high", "UAL_INGESTION_DISABLED EXT-08.4 high",
        "AUDIT_BYPASS_ENABLED EXT-08.4 high",
        "MAILBOX_AUDIT_ACTIONS_MISSING EXT-08.4 medium", "AUDIT_LOG_INCOMPLETE EXT-08.4 medium",
        "CHANGE_UNAPPROVED EXT-08.4 high", "CHANGE_UNLOGGED EXT-08.4 medium",
        "TRUSTEE_UNRESOLVED_SID risk medium",
        "TRUSTEE_EXTERNAL risk high", "TRUSTEE_DISABLED risk medium", "TRUSTEE_BROAD_GROUP risk medium",
        "FULLACCESS_WITH_SENDAS risk medium", "SENSITIVE_MAILBOX_DELEGATION risk low",
        "PERMISSION_ESCALATION_RIGHT risk high", "FOLDER_BROAD_ACCESS risk medium",
        "INHERITED_FULLACCESS risk medium",
        "EXPORT_LOSSY input medium",
      ])
    #expect(FindingCode.catalog.allSatisfy { !$0.title.isEmpty && !$0.title.hasSuffix(".") })
  }

  @Test func rightDependentRequirements() {
    let stale = FindingCode.registerEntryStale.entry.scope
    #expect(stale.requirement(for: .sendAs) == "EXT-08.1")
    #expect(stale.requirement(for: Right("sendonbehalf")) == "EXT-08.2")
    #expect(stale.requirement(for: .fullAccess) == "EXT-08.3")
    #expect(stale.requirement(for: Right("Reviewer")) == "risk")
    #expect(FindingCode.approvalExpired.entry.scope.requirement(for: .fullAccess) == "risk")
  }
}
