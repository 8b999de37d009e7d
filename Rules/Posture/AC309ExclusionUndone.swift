import AuditLintKit

/// AC309: a `^` exclusion placed before the element that adds the class back.
public struct AC309ExclusionUndone: Rule {
    public static let description = RuleDescription(
        id: "AC309",
        slug: "exclusion-undone",
        title: "A ^ exclusion before the element that adds the class back has no effect",
        severity: .warning,
        rationale:
            "`^-fr,-all` reads like \"every failure except failed reads\", but libbsm applies the elements left to right: the exclusion removes nothing (nothing is set yet) and `-all` then adds failed reads. The class the user meant to drop is audited, and the trail is larger than planned.",
        behavior:
            "getauditflagsbin starts from an empty mask and, element by element, ORs in a class's bits or (with `^`) clears them, so an exclusion only affects bits set by earlier elements: `all,^fr` drops fr, `^fr,all` does not.",
        references: [
            Doc.auditControl("audit-flags-grammar"), Doc.compliance("what-literal-checks-miss"),
            "libbsm bsm_flags.c getauditflagsbin",
        ],
        triggeringExamples: [
            RuleExample("flags:lo,aa,↓^-fr,-all\n"),
            RuleExample("naflags:↓^fa,lo,all\n", dialect: .openbsm),
        ],
        nonTriggeringExamples: [
            RuleExample("flags:lo,aa,-all,^-fr\n"),
            RuleExample("flags:lo,aa,^fr\n", comment: "removes nothing, but nothing adds fr either"),
        ]
    )

    public init() {}

    public func check(_ context: LintContext) -> [Finding] {
        [context.control.flags, context.control.naflags].flatMap { setting -> [Finding] in
            guard let parsed = setting.parsed, setting.mask != nil else { return [] }
            let masks = PostureRuleSupport.runningMasks(parsed)
            var findings: [Finding] = []
            for (index, element) in parsed.elements.enumerated() where element.remove {
                let change = PostureRuleSupport.change(of: element)
                let before = index > 0 ? masks[index - 1] : .none
                let removed = AuditMask(
                    success: before.success & change.success, failure: before.failure & change.failure)
                guard removed == .none, change != .none,
                    let later = parsed.elements.enumerated().first(where: { laterIndex, later in
                        guard laterIndex > index, !later.remove else { return false }
                        let added = PostureRuleSupport.change(of: later)
                        return added.success & change.success != 0 || added.failure & change.failure != 0
                    })?.element,
                    let range = setting.range(ofElement: index)
                else { continue }
                findings.append(
                    finding(
                        "\(QuotedText.code(element.text)) comes before \(QuotedText.code(later.text)), which adds the class back: libbsm applies \(setting.key.rawValue) left to right, so the exclusion has no effect and \(element.className) is audited; move \(QuotedText.code(element.text)) after \(QuotedText.code(later.text))",
                        at: range
                    ))
            }
            return findings
        }
    }
}
