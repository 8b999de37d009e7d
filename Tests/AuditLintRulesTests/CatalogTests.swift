import Testing
@testable import AuditLintRules
