import AuditLintKit

/// AC103: a `#` that is not in column 1 does not start a comment.
public struct AC103IndentedComment: Rule {
    public static let description = RuleDescription(
        id: "AC103",
        slug: "indented-comment",
        title: "An indented `#` line is not a comment",
        severity: .warning,
        rationale:
            "libbsm treats a line as a comment only when its very first byte is `#`. An indented comment survives only by luck: it is read as a line with an unknown key. Tools and people that assume otherwise get surprised (and an indented suppression comment does nothing).",
        behavior:
            "getstrfromtype_locked skips a line only when linestr[0] == '#'; `  # text` is tokenised like any other line, its key `  # text` matches nothing, and the line is ignored.",
        references: references(Doc.auditControl("how-libbsm-reads-the-file")),
        triggeringExamples: [
            RuleExample(
                "dir:/var/audit\n↓  # rotate at 2 MiB\nfilesz:2M\n",
                fixed: "dir:/var/audit\n# rotate at 2 MiB\nfilesz:2M\n")
        ],
        nonTriggeringExamples: [
            RuleExample("# rotate at 2 MiB\nfilesz:2M\n")
        ]
    )

    public init() {}

    public func check(_ context: LintContext) -> [Finding] {
        context.control.indentedComments.map { entry in
            let blanks = ControlRuleSupport.width(entry.rawKey) - ControlRuleSupport.width(entry.strippedKey)
            let start = entry.keyRange.start.column
            return finding(
                "this is not a comment: libbsm only skips lines whose first byte is `#`, so it reads a line with the unknown key \(QuotedText.code(entry.rawKey)) and ignores it; move the `#` to column 1",
                at: entry.lineRange,
                fix: Fix(
                    summary: "move the `#` to column 1",
                    range: ControlRuleSupport.range(
                        file: entry.keyRange.file, line: entry.line, from: start, through: start + blanks - 1),
                    replacement: ""
                )
            )
        }
    }
}
