import AuditLintKit

/// AC209: expire-after libbsm cannot parse: nothing is ever deleted.
public struct AC209InvalidExpireAfter: Rule {
    public static let description = RuleDescription(
        id: "AC209",
        slug: "invalid-expire-after",
        title: "Invalid expire-after: old trails are never deleted",
        severity: .error,
        rationale:
            "An unparsable retention setting fails quietly: auditd logs a parse error at each rotation and keeps every trail until the disk fills.",
        behavior:
            "getacexpire scans `%ju%c%[ \\tadnorADNOR]%ju%c`: one term (`N` + unit) or two joined by text containing `and` or `or`. Uppercase units and a space are sizes (B, K, M, G; other uppercase letters are errors), anything else an age (s, h, d, y; other letters are errors). A missing second term, or an operator that is neither and nor or, is an error; auditd_expire_trails then returns ADE_PARSE and deletes nothing.",
        references: references(
            Doc.auditControl("expire-after"), Doc.kernel("expiry"),
            code: "libbsm bsm_control.c getacexpire, setexpirecond; libauditd auditd_lib.c auditd_expire_trails"),
        triggeringExamples: [
            RuleExample("expire-after:60d ↓XOR 1G\n"),
            RuleExample("expire-after:60↓w\n"),
            RuleExample("expire-after:↓60d AND\n"),
            RuleExample("expire-after:↓ten days\n"),
        ],
        nonTriggeringExamples: [
            RuleExample("expire-after:60d OR 1G\n"),
            RuleExample("expire-after:10M\n"),
            RuleExample("expire-after:10m\n", comment: "wrong-case units are AC211's"),
        ]
    )

    public init() {}

    public func check(_ context: LintContext) -> [Finding] {
        let setting = context.control.expireAfter
        guard let entry = setting.entry, var problem = setting.problem else { return [] }
        if case .badUnit = problem {
            // Wrong-case units are AC211's; report the first other bad unit, if any.
            let wrongCase = Set(AC211ExpireAfterUnitCase.wrongCaseUnits(setting).map(\.term))
            guard
                let other = setting.terms.indices.first(where: {
                    !setting.terms[$0].isKnownUnit && !wrongCase.contains($0)
                })
            else {
                return []
            }
            problem = .badUnit(termIndex: other)
        }
        let range = setting.range(of: problem) ?? entry.keyRange
        return [
            finding(
                "expire-after \(entry.value.flatMap { $0.bytes.isEmpty ? nil : QuotedText.code($0.text) } ?? "(no value)"): \(setting.describe(problem)), so auditd logs a parse error at every rotation and never deletes trails; write e.g. `expire-after:60d`, `expire-after:1G` or `expire-after:60d OR 5G`",
                at: range
            )
        ]
    }
}
