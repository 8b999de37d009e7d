import AuditLintKit

/// AC105: a repeated key; only the first occurrence counts.
public struct AC105DuplicateKey: Rule {
    public static let description = RuleDescription(
        id: "AC105",
        slug: "duplicate-key",
        title: "Repeated key: only the first line counts",
        severity: .warning,
        rationale:
            "Configuration management often appends a corrected line at the end of the file. libbsm never reads it: the first occurrence wins, so the fix has no effect.",
        behavior:
            "Every getac*() call scans from the top and returns the first line whose key matches (getstrfromtype_locked: `filesz:2M` then `filesz:4M` gives 2M). Only `dir` is enumerated and may repeat.",
        references: references(Doc.auditControl("how-libbsm-reads-the-file")),
        triggeringExamples: [
            RuleExample("filesz:2M\nminfree:5\n↓filesz:4M\n", comment: "the kernel rotates at 2 MiB")
        ],
        nonTriggeringExamples: [
            RuleExample("dir:/var/audit\ndir:/var/audit2\n", comment: "dir may repeat"),
            RuleExample("#filesz:2M\nfilesz:4M\n"),
        ]
    )

    public init() {}

    public func check(_ context: LintContext) -> [Finding] {
        context.control.duplicates.map { duplicate in
            let inForce = duplicate.inForce.value.map { QuotedText.code($0.text) } ?? "(no value)"
            let ignored = duplicate.ignored.value.map { QuotedText.code($0.text) } ?? "(no value)"
            return finding(
                "\(duplicate.key.rawValue) is repeated: libbsm reads only the first \(duplicate.key.rawValue) line (line \(duplicate.inForce.line), \(inForce)), so this line (\(ignored)) is ignored; keep one \(duplicate.key.rawValue) line with the value you want",
                at: duplicate.ignored.keyRange
            )
        }
    }
}
