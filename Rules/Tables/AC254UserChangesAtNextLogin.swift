import AuditLintKit

/// audit_user entries apply only when the user next logs in.
public struct AC254UserChangesAtNextLogin: Rule {
    public static let description = RuleDescription(
        id: "AC254",
        slug: "user-changes-at-next-login",
        title: "audit_user changes take effect only at the user's next login",
        severity: .note,
        rationale: """
            Editing audit_user (like editing `flags`) does not change the audit mask of sessions \
            that already exist, and `audit -s` does not push it either: a user who stays logged in \
            keeps the old mask.
            """,
        behavior: """
            The per-user mask `(flags + always) − never` is computed by au_user_mask / \
            getfauditflags when a login program sets up the session; auditd never reads audit_user.
            """,
        references: [TableReferences.users, TableReferences.timing],
        triggeringExamples: [
            RuleExample("flags:lo\n", users: "↓root:lo:no\nalice:lo,aa:no\n")
        ],
        nonTriggeringExamples: [
            RuleExample("flags:lo\n", comment: "no audit_user file"),
            RuleExample("flags:lo\n", users: "# no entries\n"),
        ]
    )

    public init() {}

    public func check(_ context: LintContext) -> [Finding] {
        guard context.usersSource != nil, let users = context.users, let first = users.users.first,
            let range = first.range
        else { return [] }
        let count = users.users.count
        return [
            finding(
                "\(count) audit_user entr\(count == 1 ? "y applies" : "ies apply") only when the user next logs in; existing sessions keep their mask (`audit -s` does not change them): have affected users log out and in, or reboot",
                at: range
            )
        ]
    }
}
