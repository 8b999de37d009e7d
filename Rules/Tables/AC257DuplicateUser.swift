import AuditLintKit

/// A user listed more than once in audit_user.
public struct AC257DuplicateUser: Rule {
    public static let description = RuleDescription(
        id: "AC257",
        slug: "duplicate-user",
        title: "A user appears more than once in audit_user",
        severity: .warning,
        rationale: """
            Only the first line for a user is ever used; masks added on a later line for the same \
            user have no effect.
            """,
        behavior: """
            getauusernam_r scans audit_user from the top and returns the first line whose name \
            matches.
            """,
        references: [TableReferences.users],
        triggeringExamples: [
            RuleExample("flags:lo\n", users: "root:lo:no\nalice:lo:no\n↓alice:lo,aa,ex:no\n")
        ],
        nonTriggeringExamples: [
            RuleExample("flags:lo\n", users: "root:lo:no\nalice:lo,aa,ex:no\n")
        ]
    )

    public init() {}

    public func check(_ context: LintContext) -> [Finding] {
        guard context.usersSource != nil, let users = context.users else { return [] }
        var first: [String: AuditUserEntry] = [:]
        var findings: [Finding] = []
        for entry in users.users {
            guard let earlier = first[entry.name] else {
                first[entry.name] = entry
                continue
            }
            guard let range = entry.nameRange else { continue }
            let line = earlier.range.map { "line \($0.start.line)" } ?? "an earlier line"
            findings.append(
                finding(
                    "user `\(entry.name)` is already listed on \(line) (`\(earlier.alwaysText):\(earlier.neverText)`); libbsm uses only that line and ignores this one; merge the masks into one line",
                    at: range
                ))
        }
        return findings
    }
}
