import AuditLintKit

/// AC310: `-all,^-fr`: an exclusion that stops auditing a failure class the baselines require.
public struct AC310ExclusionDropsFailures: Rule {
    /// The failure classes baselines require (`-fr`, `-fw`, `-fd`, `-fm`, `-ex`), in words.
    static let requiredFailures: [(name: String, words: String)] = [
        ("fr", "failed reads"), ("fw", "failed writes"), ("fd", "failed deletions"),
        ("fm", "failed attribute changes"), ("ex", "failed executions"),
    ]

    public static let description = RuleDescription(
        id: "AC310",
        slug: "exclusion-drops-failures",
        title: "A ^ exclusion stops auditing failed reads, writes, deletions, attribute changes or executions",
        severity: .note,
        rationale:
            "`-all,^-fr` is a common way to cut noise, but failed reads are exactly the denied accesses that CIS 3.2 and the DISA STIG ask for (-fr, -fw, -fd, -fm, -ex). String-based checkers pass it because they find `-fr` in the text. The noisy failure classes are fa (attribute access), fc (create) and cl (close), which the old STIG string `-all,^-fa,^-fc,^-cl` drops instead.",
        behavior:
            "getauditflagsbin applies `^-fr` after `-all` by clearing fr's bit in the failure half, so failed reads are not recorded for any user whose mask comes from flags.",
        references: [
            Doc.auditControl("audit-flags-grammar"), Doc.compliance("failure-only-classes"),
            Doc.compliance("what-literal-checks-miss"), "libbsm bsm_flags.c getauditflagsbin",
        ],
        triggeringExamples: [
            RuleExample("flags:lo,aa,-all,↓^-fr\n"),
            RuleExample("flags:lo,aa,ad,-all,^-fa,↓^fw\n", dialect: .openbsm),
        ],
        nonTriggeringExamples: [
            RuleExample("flags:lo,aa,ad,-all,^-fa,^-fc,^-cl\n"),
            RuleExample("flags:lo,aa,-fr,^-fr,-fr\n", comment: "added back afterwards"),
            RuleExample("flags:lo,aa,^-fr\n", comment: "nothing to remove"),
        ]
    )

    public init() {}

    public func check(_ context: LintContext) -> [Finding] {
        let setting = context.control.flags
        guard let parsed = setting.parsed, let final = setting.mask else { return [] }
        let masks = PostureRuleSupport.runningMasks(parsed)
        var findings: [Finding] = []
        for (index, element) in parsed.elements.enumerated() where element.remove && index > 0 {
            let removed = masks[index - 1].failure & PostureRuleSupport.change(of: element).failure
            let dropped = Self.requiredFailures.filter { item in
                let bits = PostureRuleSupport.bits(item.name, in: context)
                return bits != 0 && removed & bits == bits && final.failure & bits == 0
            }
            guard !dropped.isEmpty, let range = setting.range(ofElement: index) else { continue }
            let words = dropped.map { "\($0.words) (-\($0.name))" }.joined(separator: ", ")
            findings.append(
                finding(
                    "\(QuotedText.code(element.text)) removes \(words) that earlier elements add, so they are not audited; CIS 3.2 and the DISA STIG require them; if the exclusion is meant to cut noise, exclude fa, fc or cl instead",
                    at: range
                ))
        }
        return findings
    }
}
