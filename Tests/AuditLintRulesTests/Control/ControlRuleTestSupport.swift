import AuditLintKit

@testable import AuditLintRules

/// The 20 default classes of §4.1, so these tests do not depend on the built-in tables.
enum TestClasses {
    static let table = AuditClassTable(
        classes: [
            ("no", 0x0000_0000), ("fr", 0x0000_0001), ("fw", 0x0000_0002), ("fa", 0x0000_0004),
            ("fm", 0x0000_0008), ("fc", 0x0000_0010), ("fd", 0x0000_0020), ("cl", 0x0000_0040),
            ("pc", 0x0000_0080), ("nt", 0x0000_0100), ("ip", 0x0000_0200), ("na", 0x0000_0400),
            ("ad", 0x0000_0800), ("lo", 0x0000_1000), ("aa", 0x0000_2000), ("ap", 0x0000_4000),
            ("io", 0x2000_0000), ("ex", 0x4000_0000), ("ot", 0x8000_0000), ("all", 0xFFFF_FFFF),
        ].map { AuditClass(name: $0.0, mask: $0.1, description: $0.0) })
}

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
