import Testing
@testable import AuditCLI

