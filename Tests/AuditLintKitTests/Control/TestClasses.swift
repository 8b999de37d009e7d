import AuditLintKit
import AuditLintTestSupport

/// Parses `text` as an audit_control file named `audit_control`.
func parseControl(_ text: String, dialect: Dialect = .openbsm) -> AuditControl {
    AuditControl.parse(SourceText(path: "audit_control", text: text), dialect: dialect, classes: TestClasses.table)
}
