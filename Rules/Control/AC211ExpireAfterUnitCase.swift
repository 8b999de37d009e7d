import AuditLintKit

/// AC211: an expire-after unit in the wrong case.
public struct AC211ExpireAfterUnitCase: Rule {
    public static let description = RuleDescription(
        id: "AC211",
        slug: "expire-after-unit-case",
        title: "expire-after unit in the wrong case (`5g`, `60D`)",
        severity: .error,
        rationale:
            "The case of the unit decides whether it is a size or an age: sizes are uppercase (B, K, M, G), ages lowercase (s, h, d, y). `5g` or `60D` is rejected and nothing ever expires.",
        behavior:
            "setexpirecond treats an uppercase letter (or a space) as a size unit and anything else as an age unit; `g` is not an age unit and `D` not a size unit, so getacexpire returns EINVAL and auditd deletes nothing.",
        references: references(Doc.auditControl("expire-after"), code: "libbsm bsm_control.c setexpirecond"),
        triggeringExamples: [
            RuleExample("expire-after:60↓D OR 5↓g\n", fixed: "expire-after:60d OR 5G\n"),
            RuleExample("expire-after:10↓m\n", comment: "there is no minutes unit; M is MiB"),
        ],
        nonTriggeringExamples: [
            RuleExample("expire-after:60d OR 5G\n")
        ]
    )

    public init() {}

    /// The wrong-case units of an expire-after value: term index, unit offset, and the
    /// replacement when it is certain (`m` might mean minutes, so it has none).
    static func wrongCaseUnits(_ setting: ExpireAfterSetting) -> [(
        term: Int, offset: Int, unit: UInt8, replacement: String?
    )] {
        setting.terms.enumerated().compactMap { index, term in
            guard !term.isKnownUnit, let unit = term.unit, let offset = term.unitOffset else { return nil }
            switch unit {
            case UInt8(ascii: "b"), UInt8(ascii: "k"), UInt8(ascii: "g"):
                return (index, offset, unit, String(Character(Unicode.Scalar(unit - 0x20))))
            case UInt8(ascii: "m"):
                return (index, offset, unit, nil)
            case UInt8(ascii: "S"), UInt8(ascii: "H"), UInt8(ascii: "D"), UInt8(ascii: "Y"):
                return (index, offset, unit, String(Character(Unicode.Scalar(unit + 0x20))))
            default:
                return nil
            }
        }
    }

    public func check(_ context: LintContext) -> [Finding] {
        let setting = context.control.expireAfter
        guard let value = setting.entry?.value else { return [] }
        return Self.wrongCaseUnits(setting).map { item in
            let range = value.range(offset: item.offset, length: 1)
            let unit = String(Character(Unicode.Scalar(item.unit)))
            let message: String
            if let replacement = item.replacement {
                let kind =
                    (0x61...0x7A).contains(item.unit)
                    ? "sizes are uppercase (B, K, M, G)" : "ages are lowercase (s, h, d, y)"
                message =
                    "expire-after unit `\(unit)` is in the wrong case: \(kind), so libbsm rejects the value and no trail is ever deleted; write `\(replacement)`"
                return finding(
                    message, at: range,
                    fix: Fix(summary: "write `\(replacement)`", range: range, replacement: replacement))
            }
            message =
                "expire-after unit `m` is neither a size nor an age (there is no minutes unit), so libbsm rejects the value and no trail is ever deleted; write `M` for MiB, or use `h`/`d` for an age"
            return finding(message, at: range)
        }
    }
}
