import AuditLintKit

/// AC212: two expire-after terms of one kind.
public struct AC212ExpireAfterSameKind: Rule {
    public static let description = RuleDescription(
        id: "AC212",
        slug: "expire-after-same-kind",
        title: "expire-after with two ages or two sizes",
        severity: .error,
        rationale:
            "`1G AND 2G` or `30d OR 60d` look like stricter or looser limits, but libbsm keeps one value per kind: the second term overwrites the first, and AND with no age never holds.",
        behavior:
            "getacexpire stores each term in the age or the size slot by its unit, so a second term of the same kind overwrites the first. Expiry with AND needs both a non-zero age and a non-zero size; with two sizes the age is 0 and nothing ever expires. With OR the first term is silently ignored.",
        references: references(
            Doc.auditControl("expire-after"), Doc.kernel("expiry"),
            code: "libbsm bsm_control.c getacexpire; libauditd auditd_lib.c auditd_expire_trails"),
        triggeringExamples: [
            RuleExample("expire-after:↓1G AND 2G\n", comment: "never expires"),
            RuleExample(
                "expire-after:↓30d OR 60d\n", comment: "the same as 60d (a warning)", fixed: "expire-after:60d\n"),
        ],
        nonTriggeringExamples: [
            RuleExample("expire-after:60d AND 1G\n")
        ]
    )

    public init() {}

    public func check(_ context: LintContext) -> [Finding] {
        let setting = context.control.expireAfter
        guard setting.isValid, let kind = setting.repeatedKind, let value = setting.entry?.value,
            let first = setting.range(ofTerm: 0), let second = setting.range(ofTerm: 1)
        else { return [] }
        let both = kind == .age ? "ages" : "sizes"
        let secondText = String(decoding: value.bytes[setting.terms[1].offsets], as: UTF8.self)
        let firstText = String(decoding: value.bytes[setting.terms[0].offsets], as: UTF8.self)
        if setting.combinator == .and {
            let other = kind == .age ? "a size such as `1G`" : "an age such as `60d`"
            return [
                finding(
                    "both expire-after terms are \(both): libbsm keeps only the second (`\(secondText)`) and AND needs an age and a size, so no trail ever expires; combine \(secondText) with \(other)",
                    at: SourceRange(file: first.file, start: first.start, end: second.end)
                )
            ]
        }
        return [
            finding(
                "both expire-after terms are \(both): the second (`\(secondText)`) overwrites the first (`\(firstText)`), which has no effect; keep one, e.g. `expire-after:\(secondText)`",
                at: SourceRange(file: first.file, start: first.start, end: second.end),
                severity: .warning,
                fix: Fix(summary: "keep `\(secondText)`", range: value.range(from: 0), replacement: secondText)
            )
        ]
    }
}
