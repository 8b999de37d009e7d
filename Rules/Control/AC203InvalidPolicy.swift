import AuditLintKit

/// AC203: a policy string libbsm rejects, so auditd falls back to `cnt`.
public struct AC203InvalidPolicy: Rule {
    public static let description = RuleDescription(
        id: "AC203",
        slug: "invalid-policy",
        title: "Invalid policy: auditd silently falls back to cnt",
        severity: .error,
        rationale:
            "`policy: ahlt,argv` (with a space, as some compliance scripts write it) or `policy:cnt, argv` looks right but is rejected; auditd then sets cnt alone, so argv (and ahlt) are silently lost.",
        behavior:
            "au_strtopol splits on commas with strsep and needs every element to be exactly a lowercase policy name: a blank, an empty element, uppercase or an unknown word returns EINVAL. auditd_set_policy then sets the kernel policy to cnt only.",
        references: references(
            Doc.auditControl("policy"), Doc.auditControl("policy-names"),
            code: "libbsm bsm_control.c au_strtopol; libauditd auditd_lib.c auditd_set_policy"),
        triggeringExamples: [
            RuleExample("policy:↓ ahlt,argv\n", comment: "as NIST's macOS fix writes it", fixed: "policy:ahlt,argv\n"),
            RuleExample("policy:cnt,↓ argv\n"),
            RuleExample("policy:cnt,↓,argv\n"),
            RuleExample("policy:↓CNT\n"),
        ],
        nonTriggeringExamples: [
            RuleExample("policy:cnt,argv\n"),
            RuleExample("policy:ahlt,argv,arge\n"),
        ]
    )

    public init() {}

    public func check(_ context: LintContext) -> [Finding] {
        let setting = context.control.policy
        guard let entry = setting.entry, let problem = setting.problems.first,
            let range = setting.range(of: problem)
        else { return [] }
        let described = setting.problems.map { setting.describe($0) }
        var message =
            "policy \(entry.value.map { QuotedText.code($0.text) } ?? "(no value)") is rejected by libbsm (\(described.joined(separator: "; "))), so auditd sets the kernel policy to cnt only"
        let lost = setting.lostBits.names
        if !lost.isEmpty {
            message += ": \(lost.joined(separator: " and ")) \(lost.count == 1 ? "is" : "are") silently lost"
        }
        let suggestion = setting.suggestedValue
        if let suggestion {
            message += "; write `policy:\(suggestion)`"
        } else {
            message += "; write lowercase names from cnt, ahlt, argv, arge separated by commas only"
        }
        let fix = suggestion.flatMap { value in
            entry.value.map { Fix(summary: "write `\(value)`", range: $0.range(from: 0), replacement: value) }
        }
        return [finding(message, at: range, fix: fix)]
    }
}
