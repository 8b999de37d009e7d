import AuditLintKit

/// AC204: policy names the FreeBSD and macOS kernels refuse.
public struct AC204PolicyRejectedByKernel: Rule {
    public static let description = RuleDescription(
        id: "AC204",
        slug: "policy-rejected-by-kernel",
        title: "Policy name the kernel rejects (seq, group, trail, …)",
        severity: .error,
        rationale:
            "Solaris-era names such as seq, group, trail or zonename parse in libbsm, but the kernel refuses the whole set call, so even the valid names in the same line are not applied.",
        behavior:
            "The FreeBSD and macOS kernels return EINVAL from A_SETPOLICY if any bit other than cnt|ahlt|argv|arge is set, and keep their previous policy, which at boot is cnt without argv or arge (xnu and FreeBSD audit_syscalls.c; the man page calls them \"not implemented\").",
        references: references(
            Doc.auditControl("policy-names"), Doc.auditControl("where-the-manual-page-is-wrong"),
            code: "xnu and FreeBSD audit_syscalls.c A_SETPOLICY"),
        triggeringExamples: [
            RuleExample("policy:cnt,argv,↓seq\n", fixed: "policy:cnt,argv\n"),
            RuleExample("policy:↓group,↓zonename,cnt\n"),
        ],
        nonTriggeringExamples: [
            RuleExample("policy:cnt,argv,arge,ahlt\n")
        ]
    )

    public init() {}

    public func check(_ context: LintContext) -> [Finding] {
        let setting = context.control.policy
        guard let value = setting.entry?.value, let parsed = setting.parsed, !setting.kernelRejected.isEmpty else {
            return []
        }
        let kept = parsed.intersection(.kernelSupported)
        let lost = kept.subtracting(.cnt).names
        var offset = 0
        var findings: [Finding] = []
        for word in value.text.split(separator: ",", omittingEmptySubsequences: false) {
            defer { offset += word.utf8.count + 1 }
            guard let policy = AuditPolicy.named(String(word)), !AuditPolicy.kernelSupported.contains(policy) else {
                continue
            }
            var message =
                "the FreeBSD and macOS kernels reject `\(word)`: the whole policy is refused and the kernel keeps its previous one (at boot: cnt only)"
            if !lost.isEmpty {
                message += ", so \(lost.joined(separator: " and ")) \(lost.count == 1 ? "is" : "are") lost"
            }
            let fix: Fix?
            if findings.isEmpty, !kept.isEmpty {
                message += "; write `policy:\(kept.names.joined(separator: ","))`"
                fix = Fix(
                    summary: "remove the names the kernel rejects", range: value.range(from: 0),
                    replacement: kept.names.joined(separator: ","))
            } else {
                message += "; remove it"
                fix = nil
            }
            findings.append(finding(message, at: value.range(offset: offset, length: word.utf8.count), fix: fix))
        }
        return findings
    }
}
