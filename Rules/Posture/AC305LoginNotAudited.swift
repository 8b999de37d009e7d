import AuditLintKit

/// AC305: `flags` does not audit logins (`lo`) or authentication (`aa`), on the effective mask.
public struct AC305LoginNotAudited: Rule {
    public static let description = RuleDescription(
        id: "AC305",
        slug: "login-not-audited",
        title: "Logins (lo) or authentication (aa) not audited by flags",
        severity: .warning,
        rationale:
            "Who logged in, when, and which authentications failed is the first thing an investigation asks of an audit trail, and every baseline requires lo and aa (success and failure). The check is on the mask libbsm computes, so `+lo` (no failed logins) or an exclusion such as `^-aa` counts as missing.",
        behavior:
            "au_user_mask gives every login the mask parsed from flags, left to right (`^` removes); lo is class 0x1000 and aa 0x2000 in the default audit_class. An event is recorded on success only if the success half selects its class, and on failure only if the failure half does.",
        references: [
            Doc.auditControl("flags"), Doc.auditControl("audit-flags-grammar"), Doc.compliance("flags-requirements"),
            "libbsm bsm_user.c au_user_mask, bsm_flags.c getauditflagsbin",
        ],
        triggeringExamples: [
            RuleExample("flags:↓ad,-fr\n", comment: "neither lo nor aa"),
            RuleExample("flags:↓+lo,aa\n", comment: "failed logins are not audited"),
            RuleExample("flags:↓lo,aa,^-aa\n", dialect: .openbsm),
        ],
        nonTriggeringExamples: [
            RuleExample("flags:lo,aa\n"),
            RuleExample("flags:all\n"),
            RuleExample("flags:lo, aa\n", comment: "libbsm rejects the whole list (AC201)"),
            RuleExample("flags:\n", dialect: .openbsm, comment: "nothing at all is audited (AC202)"),
        ]
    )

    public init() {}

    public func check(_ context: LintContext) -> [Finding] {
        let flags = context.control.flags
        guard let mask = flags.mask, !flags.isEmpty, mask != .none, let value = flags.entry?.value else { return [] }
        var missing: [String] = []
        for (name, what) in [("lo", "logins and logouts"), ("aa", "authentication and authorization")] {
            let bits = PostureRuleSupport.bits(name, in: context)
            guard bits != 0 else { continue }
            switch (mask.success & bits != 0, mask.failure & bits != 0) {
            case (true, true): continue
            case (true, false): missing.append("failed \(what) (-\(name))")
            case (false, true): missing.append("successful \(what) (+\(name))")
            case (false, false): missing.append("\(what) (\(name))")
            }
        }
        guard !missing.isEmpty else { return [] }
        return [
            finding(
                "flags \(QuotedText.code(value.text)) does not audit \(missing.joined(separator: " or ")): the trail cannot say who logged in or which authentications failed; every baseline requires lo and aa (CIS 3.2, STIG APPL-xx-001002 and -001044), so add them, after any exclusion",
                at: value.range(from: 0)
            )
        ]
    }
}
