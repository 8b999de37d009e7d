import AuditLintKit

/// AC110: the file is not text (a trail, an archive, random bytes).
public struct AC110NotText: Rule {
    public static let description = RuleDescription(
        id: TextCheck.ruleId,
        slug: "not-text",
        title: "The file is not text",
        severity: .error,
        rationale:
            "A binary file in place of audit_control or a table (a trail copied to the wrong name, an archive, a file damaged on disk) is not a configuration anyone can review. Linting it line by line would bury the one real problem under hundreds of findings about garbage, and quote control bytes that can drive a terminal.",
        behavior:
            "libbsm reads these files as C strings line by line: a NUL byte ends a line early and bytes that are not text become parts of keys and values, so auditd's behaviour with such a file is accidental (auditlint reports this one finding for the file and none of the other rules' findings).",
        references: [Doc.auditControl("how-libbsm-reads-the-file"), Doc.tables("how-the-tables-are-read")],
        triggeringExamples: [
            RuleExample("↓dir:/var/audit\n\u{0}\u{0}\u{1}\u{2}flags:lo\n"),
            RuleExample("↓\u{1}\u{2}\u{3}\u{4}\u{5}\u{6}\u{7}\u{8}\u{E}\u{F}\n"),
        ],
        nonTriggeringExamples: [
            RuleExample(
                "# Paramètres d'audit (café)\ndir:/var/audit\nflags:lo,aa\nminfree:5\nnaflags:lo,aa\npolicy:cnt,argv\nfilesz:2M\nexpire-after:10M\n"
            )
        ]
    )

    public init() {}

    public func check(_ context: LintContext) -> [Finding] {
        context.sources.compactMap { source in
            guard let problem = TextCheck.problem(source.bytes) else { return nil }
            return finding(
                "this file is not text (\(problem)): is it the right file? auditlint reports nothing else about it; replace it with the real configuration file",
                at: SourceRange(file: source.path, line: 1, column: 1, length: 1)
            )
        }
    }
}
