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
            RuleExample("# auditlint disable-next-line=↓AC203 -- policy reviewed\ndir:/var/audit\nflags:lo,aa\nminfree:5\nnaflags:lo,aa\npolicy:cnt,argv\nfilesz:2M\nexpire-after:10M\n"),
        ],
        nonTriggeringExamples: [
            RuleExample("dir:/var/audit\nflags:lo,aa\nminfree:5\nnaflags:lo,aa\npolicy:cnt,argv\nfilesz:2M\nexpire-after:10M\n"),
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
            RuleExample("↓# auditlint disable-next-line=ac203\ndir:/var/audit\nflags:lo,aa\nminfree:5\nnaflags:lo,aa\npolicy:cnt,argv\nfilesz:2M\nexpire-after:10M\n"),
            RuleExample("↓# auditlint enable=AC203\ndir:/var/audit\nflags:lo,aa\nminfree:5\nnaflags:lo,aa\npolicy:cnt,argv\nfilesz:2M\nexpire-after:10M\n"),
        ],
        nonTriggeringExamples: [
            RuleExample("# auditlint checks this file in CI\ndir:/var/audit\nflags:lo,aa\nminfree:5\nnaflags:lo,aa\npolicy:cnt,argv\nfilesz:2M\nexpire-after:10M\n"),
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
            RuleExample("↓# auditlint disable-file=AC402\ndir:/var/audit\nflags:lo,aa\nminfree:5\nnaflags:lo,aa\npolicy:cnt,argv\nfilesz:2M\nexpire-after:10M\n"),
        ],
        nonTriggeringExamples: [
            RuleExample("# auditlint disable-file=AC402 -- trails are shipped hourly\ndir:/var/audit\nflags:lo,aa\nminfree:5\nnaflags:lo,aa\npolicy:cnt,argv\nfilesz:2M\nexpire-after:10M\n"),
        ]
    )

    /// The meta rules, in id order.
    public static let all = [unusedSuppression, malformedSuppression, suppressionWithoutReason]

    /// Whether `id` belongs to the meta family (`AC0xx`).
    public static func isMeta(_ id: String) -> Bool { isRuleID(id) && id.hasPrefix("AC0") }

    /// Whether `text` is written like a rule id: `AC` and three digits.
    public static func isRuleID(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        return bytes.count == 5 && bytes[0] == UInt8(ascii: "A") && bytes[1] == UInt8(ascii: "C")
            && bytes[2...].allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }
}
