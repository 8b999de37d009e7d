import AuditLintKit
import AuditLintTestSupport

@testable import AuditLintRules

/// The audit_control rules (AC100–AC149, AC200–AC249).
let controlRules: [any Rule.Type] = RuleCatalog.all.filter { rule in
    let number = Int(rule.description.id.dropFirst(2)) ?? 0
    return (100...149).contains(number) || (200...249).contains(number)
}

/// A context for audit_control `text` read with the default classes.
func controlContext(_ text: String, dialect: Dialect = .macos) -> LintContext {
    let source = SourceText(path: "audit_control", bytes: Array(text.utf8))
    return LintContext(
        dialect: dialect,
        controlSource: source,
        control: AuditControl.parse(source, dialect: dialect, classes: TestClasses.table),
        classes: TestClasses.table,
        events: AuditEventTable(events: [])
    )
}

/// The findings of rule `id` for `text`.
func findings(_ id: String, _ text: String, dialect: Dialect = .macos) -> [Finding] {
    guard let rule = RuleCatalog.rule(id) else { return [] }
    return rule.init().check(controlContext(text, dialect: dialect))
}

/// `text` with `fixes` applied (they must not overlap).
func applying(_ fixes: [Fix], to text: String) -> String {
    let source = SourceText(path: "audit_control", bytes: Array(text.utf8))
    var bytes = source.bytes
    func offset(_ position: SourcePosition) -> Int { source.lineStarts[position.line - 1] + position.column - 1 }
    for fix in fixes.sorted(by: { $0.range.start > $1.range.start }) {
        bytes.replaceSubrange(offset(fix.range.start)...offset(fix.range.end), with: Array(fix.replacement.utf8))
    }
    return String(decoding: bytes, as: UTF8.self)
}
