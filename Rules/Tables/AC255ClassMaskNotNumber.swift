import AuditLintKit

/// An audit_class mask field that `strtoul` cannot read entirely.
public struct AC255ClassMaskNotNumber: Rule {
    public static let description = RuleDescription(
        id: "AC255",
        slug: "class-mask-not-a-number",
        title: "An audit_class mask is not a number",
        severity: .warning,
        rationale: """
            libbsm never rejects a bad class mask: it uses whatever number the field starts with, or \
            0. A class with mask 0 selects nothing, so every flags entry naming it is silently inert.
            """,
        behavior: """
            classfromstr converts the mask with strtoul(…, 0): `0x` prefix hexadecimal, a leading \
            `0` octal (`010` is 8, `08` is 0), otherwise decimal; the conversion stops at the first \
            byte that is not a digit and garbage gives 0 (`zz` → 0), with no error.
            """,
        references: [TableReferences.classes],
        triggeringExamples: [
            RuleExample("flags:lo\n", classes: "↓zz:lo:login_logout\n"),
            RuleExample("flags:lo\n", classes: "↓0x1000h:lo:login_logout\n"),
        ],
        nonTriggeringExamples: [
            RuleExample("flags:lo\n", classes: "0x00001000:lo:login_logout\n4096:l2:decimal is fine\n")
        ]
    )

    public init() {}

    public func check(_ context: LintContext) -> [Finding] {
        guard context.classesSource != nil else { return [] }
        return context.classes.classes.compactMap { entry in
            guard !entry.maskIsNumber, let range = entry.maskRange else { return nil }
            let mask = "0x" + String(entry.mask, radix: 16)
            return finding(
                "`\(entry.maskText)` is not a number for strtoul: libbsm gives class `\(entry.name)` the mask \(mask)\(entry.mask == 0 ? ", so it selects nothing" : ""); write the bits in hexadecimal, e.g. `0x00010000`",
                at: range
            )
        }
    }
}
