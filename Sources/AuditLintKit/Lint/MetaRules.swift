/// The tool's own rules (the `AC0xx` family): findings about auditlint's suppression
/// comments rather than about the audit configuration. The lint engine produces them
/// through ``InlineSuppressions``; they are listed with the other rules by `auditlint rules`.
public enum MetaRules {
    /// `AC001`: a suppression comment names a rule that has no finding where it applies.
    public static let unusedSuppression = RuleDescription(
        id: "AC001",
        slug: "unused-suppression",
        title: "Suppression comment suppresses nothing",
        severity: .warning,
        rationale: """
            A suppression that no longer hides anything is noise, and it will silently hide \
            the next real finding of that rule on that line or in that file.
            """,
        behavior: """
            Comments are ignored by libbsm and auditd; this rule is about auditlint's own \
            `# auditlint disable-next-line=` and `# auditlint disable-file=` comments. An id \
            of a rule that is disabled by configuration is not reported.
            """,
        references: [RuleReference.suppressions("meta-rules"), RuleReference.suppressions("grammar")],
        triggeringExamples: [
            RuleExample(
                "# auditlint disable-next-line=↓AC203 -- policy reviewed\ndir:/var/audit\nflags:lo,aa\nminfree:5\nnaflags:lo,aa\npolicy:cnt,argv\nfilesz:2M\nexpire-after:10M\n"
            )
        ],
        nonTriggeringExamples: [
            RuleExample(
                "dir:/var/audit\nflags:lo,aa\nminfree:5\nnaflags:lo,aa\npolicy:cnt,argv\nfilesz:2M\nexpire-after:10M\n")
        ]
    )

    /// `AC002`: a comment that starts like a suppression but does not follow the grammar.
    public static let malformedSuppression = RuleDescription(
        id: "AC002",
        slug: "malformed-suppression",
        title: "Malformed suppression comment",
        severity: .warning,
        rationale: """
            A suppression with a typo suppresses nothing, so the finding it was meant to hide \
            still fails the build, or the author believes a rule is silenced when it is not.
            """,
        behavior: """
            A whole-line comment whose text starts `auditlint disable` or `auditlint enable` must \
            read `disable-next-line=ID[,ID…] [-- reason]` or `disable-file=ID[,ID…] [-- reason]` \
            with ids such as `AC301`; anything else is ignored as a suppression and reported.
            """,
        references: [RuleReference.suppressions("meta-rules"), RuleReference.suppressions("grammar")],
        triggeringExamples: [
            RuleExample(
                "↓# auditlint disable-next-line=ac203\ndir:/var/audit\nflags:lo,aa\nminfree:5\nnaflags:lo,aa\npolicy:cnt,argv\nfilesz:2M\nexpire-after:10M\n"
            ),
            RuleExample(
                "↓# auditlint enable=AC203\ndir:/var/audit\nflags:lo,aa\nminfree:5\nnaflags:lo,aa\npolicy:cnt,argv\nfilesz:2M\nexpire-after:10M\n"
            ),
        ],
        nonTriggeringExamples: [
            RuleExample(
                "# auditlint checks this file in CI\ndir:/var/audit\nflags:lo,aa\nminfree:5\nnaflags:lo,aa\npolicy:cnt,argv\nfilesz:2M\nexpire-after:10M\n"
            )
        ]
    )

    /// `AC003`: a suppression comment without `-- reason`.
    public static let suppressionWithoutReason = RuleDescription(
        id: "AC003",
        slug: "suppression-without-reason",
        title: "Suppression comment gives no reason",
        severity: .note,
        rationale: """
            Reviewers and auditors need to know why a finding was accepted; the reason is \
            carried into JSON and SARIF output (shown by GitHub code scanning as the dismissal \
            justification). Raise this rule to `error` in `.auditlint.json` to require reasons.
            """,
        behavior: """
            The suppression still applies; only the missing justification is reported.
            """,
        references: [RuleReference.suppressions("meta-rules"), RuleReference.suppressions("grammar")],
        triggeringExamples: [
            RuleExample(
                "↓# auditlint disable-file=AC402\ndir:/var/audit\nflags:lo,aa\nminfree:5\nnaflags:lo,aa\npolicy:cnt,argv\nfilesz:2M\nexpire-after:10M\n"
            )
        ],
        nonTriggeringExamples: [
            RuleExample(
                "# auditlint disable-file=AC402 -- trails are shipped hourly\ndir:/var/audit\nflags:lo,aa\nminfree:5\nnaflags:lo,aa\npolicy:cnt,argv\nfilesz:2M\nexpire-after:10M\n"
            )
        ]
    )

    /// `AC004`: a file has more findings than a run reports for one file.
    public static let findingsNotShown = RuleDescription(
        id: "AC004",
        slug: "findings-not-shown",
        title: "More findings in this file than are shown",
        severity: .note,
        rationale: """
            A file with hundreds of findings (a wrong file, a generated one, a hostile one) \
            would flood the terminal, the pull request and the CI log; the first \
            \(maximumFindingsPerFile) tell the story. This finding says how many more there are, \
            with the severity of the worst of them, so the exit code stays what it would be.
            """,
        behavior: """
            Only auditlint's output is bounded: at most \(maximumFindingsPerFile) findings that \
            are not suppressed are reported per file, in source order, and this finding (placed at \
            line 1) counts the rest. \
            Disable AC004 to see them all. (No example is shown: it takes \
            \(maximumFindingsPerFile + 1) findings in one file.)
            """,
        references: [RuleReference.suppressions("findings-per-file")],
        triggeringExamples: [],
        nonTriggeringExamples: [
            RuleExample(
                "dir:/var/audit\nflags:lo,aa\nminfree:5\nnaflags:lo,aa\npolicy:cnt,argv\nfilesz:2M\nexpire-after:10M\n")
        ]
    )

    /// The most findings (not suppressed) reported for one file.
    public static let maximumFindingsPerFile = 100

    /// The meta rules, in id order.
    public static let all = [unusedSuppression, malformedSuppression, suppressionWithoutReason, findingsNotShown]

    /// Whether `id` belongs to the meta family (`AC0xx`).
    public static func isMeta(_ id: String) -> Bool { isRuleID(id) && id.hasPrefix("AC0") }

    /// Whether `text` is written like a rule id: `AC` and three digits.
    public static func isRuleID(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        return bytes.count == 5 && bytes[0] == UInt8(ascii: "A") && bytes[1] == UInt8(ascii: "C")
            && bytes[2...].allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }
}
