import AuditLintKit

/// A class name defined on more than one line of audit_class.
public struct AC252DuplicateClassName: Rule {
    public static let description = RuleDescription(
        id: "AC252",
        slug: "duplicate-class-name",
        title: "A class name appears more than once in audit_class",
        severity: .warning,
        rationale: """
            Every lookup of a class name (flags, naflags, audit_user, audit_event class lists) finds \
            the first line with that name; a later definition with other bits is dead text that \
            looks authoritative.
            """,
        behavior: """
            getauclassnam_r scans audit_class from the top and returns the first line whose name \
            matches with strcmp.
            """,
        references: [TableReferences.classes, TableReferences.flags],
        triggeringExamples: [
            RuleExample(
                "flags:lo\n",
                classes:
                    "0x00001000:lo:login_logout\n0x00002000:aa:authentication and authorization\n0x00003000:↓lo:login and auth\n"
            )
        ],
        nonTriggeringExamples: [
            RuleExample("flags:lo\n", classes: "0x00001000:lo:login_logout\n0x00003000:la:login and auth\n")
        ]
    )

    public init() {}

    public func check(_ context: LintContext) -> [Finding] {
        guard context.classesSource != nil else { return [] }
        var first: [String: AuditClass] = [:]
        var findings: [Finding] = []
        for entry in context.classes.classes {
            guard let earlier = first[entry.name] else {
                first[entry.name] = entry
                continue
            }
            guard let range = entry.nameRange else { continue }
            let line = earlier.range.map { "line \($0.start.line)" } ?? "an earlier line"
            let mask = "0x" + String(earlier.mask, radix: 16)
            findings.append(
                finding(
                    "class `\(entry.name)` is already defined on \(line) (mask \(mask)); libbsm always uses that first definition and ignores this one; remove it or give it another name",
                    at: range
                ))
        }
        return findings
    }
}
