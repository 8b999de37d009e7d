import AuditLintKit

/// AC109: macOS keeps blanks after a value.
public struct AC109TrailingBlank: Rule {
    public static let description = RuleDescription(
        id: "AC109",
        slug: "trailing-blank",
        title: "Trailing blanks are part of the value on macOS",
        severity: .warning,
        rationale:
            "Trailing spaces are invisible in review. OpenBSM 1.2 trims them, but Apple's libbsm keeps them, so `policy:cnt,argv ` or `dir:/var/audit ` fail on macOS only.",
        behavior:
            "Apple OpenBSM-21 removes only the trailing `\\n`; OpenBSM 1.2 also removes trailing spaces and tabs.",
        references: references(Doc.auditControl("how-libbsm-reads-the-file")),
        triggeringExamples: [
            RuleExample("policy:cnt,argv↓  \n", dialect: .macos, fixed: "policy:cnt,argv\n")
        ],
        nonTriggeringExamples: [
            RuleExample("policy:cnt,argv  \n", dialect: .openbsm, comment: "OpenBSM trims trailing blanks"),
            RuleExample("policy:cnt,argv\n", dialect: .macos),
        ]
    )

    public init() {}

    public func check(_ context: LintContext) -> [Finding] {
        guard context.dialect == .macos else { return [] }
        return context.control.entries.compactMap { entry in
            guard let key = entry.key, key.isRead(by: .macos), let value = entry.value,
                let last = value.bytes.last, last == 0x20 || last == 0x09
            else { return nil }
            var blanks = 0
            while blanks < value.bytes.count, [0x20, 0x09].contains(value.bytes[value.bytes.count - 1 - blanks]) {
                blanks += 1
            }
            let end = value.range.end.column
            let range = ControlRuleSupport.range(
                file: value.range.file, line: entry.line, from: end - blanks + 1, through: end)
            return finding(
                "blank after the \(key.rawValue) value: macOS's libbsm keeps it, so the value is \(QuotedText.code(value.text)); remove it",
                at: range,
                fix: Fix(summary: "remove the trailing blank", range: range, replacement: "")
            )
        }
    }
}
