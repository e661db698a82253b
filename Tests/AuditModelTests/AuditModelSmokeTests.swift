import Testing
@testable import AuditModel

