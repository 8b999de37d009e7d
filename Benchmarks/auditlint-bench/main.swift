import AuditLintKit
import Foundation

// Benchmarks for auditlint. Each benchmark prints one line of figures.
// Run: swift run -c release auditlint-bench [name…]
print("auditlint-bench \(AuditLintTool.version)")
