import AuditLintKit

/// AC101: a blank before a key hides the whole line from libbsm.
public struct AC101LeadingBlank: Rule {
    public static let description = RuleDescription(
        id: "AC101",
        slug: "leading-blank",
        title: "A blank before a key makes auditd ignore the line",
        severity: .error,
        rationale:
            "Indenting a line looks harmless, but libbsm compares the key exactly: ` filesz` is not `filesz`, so the setting silently does not exist.",
        behavior:
            "libbsm splits each line at the first `:` and compares the key with strcmp; leading spaces or tabs are not removed (libbsm/bsm_control.c getstrfromtype_locked). The line is skipped like an unknown key, and a later or missing line decides the setting.",
        references: references(Doc.auditControl("how-libbsm-reads-the-file")),
        triggeringExamples: [
            RuleExample(
                "dir:/var/audit\nminfree:5\n↓ filesz:2M\n",
                comment: "filesz is missing: the kernel never rotates trails by size",
                fixed: "dir:/var/audit\nminfree:5\nfilesz:2M\n"),
            RuleExample(
                "↓\tpolicy:cnt,argv\npolicy:cnt\n", dialect: .openbsm,
                comment: "the second line, not the first, is in force"),
        ],
        nonTriggeringExamples: [
            RuleExample("dir:/var/audit\nminfree:5\nfilesz:2M\n"),
            RuleExample("  # an indented comment (AC103)\nminfree:5\n"),
        ]
    )

    public init() {}

    public func check(_ context: LintContext) -> [Finding] {
        let control = context.control
        return control.leadingBlankEntries.compactMap { entry in
            guard let key = ControlKey(rawValue: entry.strippedKey) else { return nil }
            let blanks = ControlRuleSupport.width(entry.rawKey) - ControlRuleSupport.width(entry.strippedKey)
            let start = entry.keyRange.start.column
            let fix = Fix(
                summary: "remove the leading blank",
                range: ControlRuleSupport.range(
                    file: entry.keyRange.file, line: entry.line, from: start, through: start + blanks - 1),
                replacement: ""
            )
            return finding(
                "\(QuotedText.code(entry.rawKey)) starts with a blank and libbsm compares keys exactly, so this line is ignored and \(ControlRuleSupport.inForceOrMissing(key, in: control)); remove the blank before `\(key.rawValue)`",
                at: entry.keyRange,
                fix: fix
            )
        }
    }
}
