import AuditLintKit

/// An audit_user line without all three fields ends libbsm's reading of audit_user.
public struct AC154MalformedUserLine: Rule {
    public static let description = RuleDescription(
        id: "AC154",
        slug: "malformed-user-line",
        title: "An audit_user line lacks a field",
        severity: .error,
        rationale: """
            `alice:lo:` looks like "always lo, never nothing", but libbsm rejects it, and a rejected \
            line ends audit_user: alice and every user below her get plain `flags` at login.
            """,
        behavior: """
            userfromstr needs three non-empty fields `user:always:never`; strtok_r collapses empty \
            fields, so `alice:lo:` and `bob::lo` have two and are malformed, which ends the \
            enumeration. Write `no` for an empty mask.
            """,
        references: [TableReferences.users, TableReferences.common],
        triggeringExamples: [
            RuleExample("flags:lo\n", users: "root:lo:no\n↓alice:lo:\nbob:lo,aa:no\n", comment: "empty never field"),
            RuleExample("flags:lo\n", users: "↓bob::lo\nroot:lo:no\n", comment: "empty always field"),
        ],
        nonTriggeringExamples: [
            RuleExample("flags:lo\n", users: "root:lo:no\nalice:lo:no\nbob:no:lo\n")
        ]
    )

    public init() {}

    public func check(_ context: LintContext) -> [Finding] {
        context.tableFiles.compactMap { file in
            guard file.kind == .users, let stop = file.stop, case .missingFields(let found, _) = stop.problem else {
                return nil
            }
            return finding(
                "\(found) field\(found == 1 ? "" : "s") where libbsm needs `user:always:never` (empty fields collapse): \(file.truncationMessage(stop)); write `no` for an empty mask, e.g. `alice:lo:no`",
                at: stop.range
            )
        }
    }
}
