import AuditLintKit

/// AC210: an expire-after size that is really a number of bytes.
public struct AC210ExpireAfterBytes: Rule {
    public static let description = RuleDescription(
        id: "AC210",
        slug: "expire-after-bytes",
        title: "expire-after `10 M` or `10` means 10 bytes",
        severity: .error,
        rationale:
            "`expire-after:10 M` reads naturally as 10 MiB, but libbsm takes the space as the unit (bytes) and ignores the M: at every rotation auditd deletes every closed trail.",
        behavior:
            "getacexpire reads the byte right after the number as the unit; a space means bytes, and a bare number is bytes too (the man page's \"(space) or B\"). With a size limit of a few bytes, expiry deletes oldest trails until the total is below it, i.e. all but the active one.",
        references: references(
            Doc.auditControl("expire-after"), Doc.kernel("expiry"), Doc.auditControl("where-the-manual-page-is-wrong"),
            code: "libbsm bsm_control.c getacexpire, au_spacetobytes"),
        triggeringExamples: [
            RuleExample("expire-after:↓10 M\n", fixed: "expire-after:10M\n"),
            RuleExample("expire-after:↓10\n", comment: "a bare number: 10 bytes"),
            RuleExample("expire-after:60d OR ↓5 G\n"),
        ],
        nonTriggeringExamples: [
            RuleExample("expire-after:10M\n"),
            RuleExample("expire-after:0\n", comment: "0: nothing expires"),
        ]
    )

    public init() {}

    public func check(_ context: LintContext) -> [Finding] {
        let setting = context.control.expireAfter
        guard setting.isValid, let value = setting.entry?.value else { return [] }
        return setting.terms.enumerated().compactMap { index, term in
            guard term.kind == .size, term.unit == nil || term.unit == 0x20, term.number != 0,
                let range = setting.range(ofTerm: index)
            else { return nil }
            let number = String(decoding: value.bytes[term.numberOffsets], as: UTF8.self)
            if term.unit == nil {
                return finding(
                    "expire-after `\(number)` has no unit, so it means \(term.number) bytes: expiry deletes old trails until all of them total less than that; add a unit such as `\(number)M` or `\(number)d`",
                    at: range,
                    severity: .warning
                )
            }
            var message =
                "`\(number) ` followed by a space means \(term.number) bytes (libbsm takes the space as the unit), so expiry deletes every closed trail at each rotation"
            var fix: Fix?
            if let unitOffset = term.unitOffset, unitOffset + 1 < value.bytes.count,
                "BKMG".utf8.contains(value.bytes[unitOffset + 1])
            {
                let joined = number + String(Character(Unicode.Scalar(value.bytes[unitOffset + 1])))
                message += "; write `\(joined)` without the space"
                fix = Fix(
                    summary: "write `\(joined)`",
                    range: value.range(
                        offset: term.numberOffsets.lowerBound, length: unitOffset + 2 - term.numberOffsets.lowerBound),
                    replacement: joined)
            } else {
                message += "; write the unit right after the number, e.g. `\(number)M`"
            }
            return finding(message, at: range, fix: fix)
        }
    }
}
