import Testing
@testable import AuditRules

