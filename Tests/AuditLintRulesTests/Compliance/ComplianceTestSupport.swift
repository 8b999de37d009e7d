import AuditLintKit
import AuditLintTestSupport

/// Builds a ``ComplianceInput`` from audit_control text with the real parser (openbsm
/// dialect) and the 20 default classes, as `lint --profile` does.
enum ComplianceTestInput {
    /// The 20 stock classes (Docs/reference/tables.md#audit_class).
    static let classes = TestClasses.table

    static func make(_ text: String) -> ComplianceInput {
        let source = SourceText(path: "audit_control", text: text)
        let control = AuditControl.parse(source, dialect: .openbsm, classes: classes)
        return ComplianceInput(control: control, controlText: source.bytes, classes: classes)
    }
}
