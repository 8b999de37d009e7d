import AuditLintKit

/// AC218: a negative expire-after term: libbsm reads it, signed or wrapped.
public struct AC218NegativeExpireAfter: Rule {
    public static let description = RuleDescription(
        id: "AC218",
        slug: "negative-expire-after",
        title: "expire-after with a negative term",
        severity: .error,
        rationale:
            "`expire-after:-1d` looks like \"never\", and a wrapped unsigned reading would make it about 584 billion years, but libbsm stores the age signed: auditd deletes every closed trail at the next rotation. A negative size wraps to about 16 EiB, a limit trails never reach.",
        behavior:
            "getacexpire scans the number with `%lu`, which accepts a minus sign and wraps; au_timetosec casts it to a signed time_t, so `-1d` is −86400 s (and the `y` unit's leap-day term is the signed quotient, `-5y` = −1821 days). auditd_expire_trails compares each closed trail's time with now − age, a time in the future, so every closed trail is expired (with AND, whenever the size term also holds). A size goes through au_spacetobytes into a size_t, where −1G wraps to 2⁶⁴ − 2³⁰ bytes.",
        references: references(
            Doc.auditControl("expire-after"), Doc.kernel("expiry"),
            code:
                "libbsm bsm_control.c getacexpire, au_timetosec, au_spacetobytes; libauditd auditd_lib.c auditd_expire_trails"
        ),
        triggeringExamples: [
            RuleExample("expire-after:↓-1d\n"),
            RuleExample("expire-after:60d OR ↓-1G\n", comment: "the size term never holds"),
        ],
        nonTriggeringExamples: [
            RuleExample("expire-after:60d OR 1G\n")
        ]
    )

    public init() {}

    public func check(_ context: LintContext) -> [Finding] {
        let setting = context.control.expireAfter
        guard setting.isValid, let value = setting.entry?.value else { return [] }
        return setting.terms.indices.compactMap { index in
            let term = setting.terms[index]
            guard term.isNegative, let range = setting.range(ofTerm: index) else { return nil }
            let written = QuotedText.code(String(decoding: value.bytes[term.offsets], as: UTF8.self))
            switch term.kind {
            case .age:
                // A later age overwrites an earlier one: only the one in force deletes trails.
                guard let seconds = term.seconds, seconds == setting.ageSeconds, seconds < 0 else { return nil }
                let when =
                    setting.combinator == .and
                    ? "every closed trail counts as expired, so auditd deletes trails whenever the size term holds"
                    : "auditd deletes every closed trail at the next rotation"
                return finding(
                    "expire-after \(written) is a negative age (\(seconds) s, stored signed by getacexpire): \(when); write a positive age such as `60d`",
                    at: range
                )
            case .size:
                return finding(
                    "expire-after \(written) is a negative size: libbsm wraps it to \(term.amount ?? 0) bytes, a total trails never reach, so this term never deletes anything; write a positive size such as `5G`",
                    at: range
                )
            }
        }
    }
}
