import AuditLintKit

/// A `#` comment that does not start in column 1 ends libbsm's reading of the table file.
public struct AC151IndentedCommentTruncatesTable: Rule {
    public static let description = RuleDescription(
        id: "AC151",
        slug: "indented-comment-truncates-table",
        title: "An indented comment ends audit_class, audit_event or audit_user",
        severity: .error,
        rationale: """
            Only a `#` in the very first column makes a comment. An indented comment is parsed as \
            data; when it does not parse, libbsm stops reading the file there and everything below \
            it is invisible (a warning when nothing follows it yet).
            """,
        behavior: """
            libbsm skips a line only when its first byte is `#`; any other line must parse, and the \
            first one that does not ends the enumeration. (An indented comment that happens \
            to contain enough `:`-separated fields is even read as an entry.)
            """,
        references: [TableReferences.common],
        triggeringExamples: [
            RuleExample(
                "flags:lo\n",
                classes:
                    "0x00001000:lo:login_logout\n↓  # local classes\n0x00002000:aa:authentication and authorization\n"),
            RuleExample("flags:lo\n", users: "root:lo:no\n↓\t# admins\nalice:lo,aa:no\n"),
        ],
        nonTriggeringExamples: [
            RuleExample(
                "flags:lo\n",
                classes: "0x00001000:lo:login_logout\n# local classes\n0x00002000:aa:authentication and authorization\n"
            )
        ]
    )

    public init() {}

    public func check(_ context: LintContext) -> [Finding] {
        context.tableFiles.compactMap { file in
            guard let stop = file.stop, stop.problem == .indentedComment else { return nil }
            return finding(
                "indented comment: only `#` in column 1 is a comment; \(file.truncationMessage(stop)); remove the blanks before `#`",
                at: stop.range,
                severity: stop.hiddenLines.isEmpty ? .warning : nil
            )
        }
    }
}
