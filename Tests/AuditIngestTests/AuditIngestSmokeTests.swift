import Testing
@testable import AuditIngest

