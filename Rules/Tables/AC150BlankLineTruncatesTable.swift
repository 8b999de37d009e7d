import AuditLintKit

/// A blank line in audit_class, audit_event or audit_user ends libbsm's reading of the file.
public struct AC150BlankLineTruncatesTable: Rule {
    public static let description = RuleDescription(
        id: "AC150",
        slug: "blank-line-truncates-table",
        title: "A blank line ends audit_class, audit_event or audit_user",
        severity: .error,
        rationale: """
            A blank line looks harmless, but libbsm stops reading the file at it: every class, \
            event or user entry below it silently disappears for auditd and login. \
            A blank line at the very end loses nothing yet and is reported as a warning.
            """,
        behavior: """
            libbsm reads these files with fgets and parses every line that does not start with `#`; \
            a line that does not parse (an empty or blanks-only line has too few fields) makes the \
            iterator return NULL, which ends the enumeration. A blank line after `fc` in \
            the default audit_class leaves 6 of its 20 classes; one at line 100 of audit_event leaves \
            79 of 677 events.
            """,
        references: [TableReferences.common],
        triggeringExamples: [
            RuleExample(
                "flags:lo\n",
                classes: "0x00001000:lo:login_logout\n↓\n0x00002000:aa:authentication and authorization\n",
                comment: "`aa` is invisible"),
            RuleExample(
                "flags:lo\n", events: "6152:AUE_login:login - local:lo\n↓   \n6153:AUE_logout:logout - local:lo\n",
                comment: "a line of blanks"),
            RuleExample("flags:lo\n", users: "root:lo:no\n↓\nalice:lo,aa:no\n", dialect: .openbsm),
            RuleExample("flags:lo\n", users: "root:lo:no\n↓\n", comment: "at the end nothing is lost yet: a warning"),
        ],
        nonTriggeringExamples: [
            RuleExample(
                "flags:lo\n",
                classes: "#\n# classes\n#\n0x00001000:lo:login_logout\n0x00002000:aa:authentication and authorization\n"
            ),
            RuleExample(
                "flags:lo\n", users: "root:lo:no\n#\nalice:lo,aa:no\n",
                comment: "use `#` in column 1 to separate entries"),
        ]
    )

    public init() {}

    public func check(_ context: LintContext) -> [Finding] {
        context.tableFiles.compactMap { file in
            guard let stop = file.stop, stop.problem == .blankLine else { return nil }
            return finding(
                "blank line: \(file.truncationMessage(stop)); delete the line, or start it with `#` in column 1",
                at: stop.range,
                severity: stop.hiddenLines.isEmpty ? .warning : nil
            )
        }
    }
}
