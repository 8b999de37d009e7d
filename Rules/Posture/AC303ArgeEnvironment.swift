import AuditLintKit

/// AC303: `arge` writes every audited program's environment into the trail.
public struct AC303ArgeEnvironment: Rule {
    public static let description = RuleDescription(
        id: "AC303",
        slug: "arge-environment",
        title: "policy arge: environment variables (tokens, passwords) go into the trail",
        severity: .warning,
        rationale:
            "Environment variables routinely carry API tokens, passwords and keys. With arge every audited exec record stores the program's whole environment, so those secrets end up in trail files that the audit group can read and that are shipped off the host. The environment is also the largest size multiplier of an exec record.",
        behavior:
            "arge (0x8) makes the kernel add an exec_env token (0x3d) to execve records: 1 + 4 + Σ(len + 1) bytes of environment strings (on macOS capped near 16 KiB per token, on FreeBSD the whole area). Environments commonly run to several KiB per exec.",
        references: [
            Doc.auditControl("policy-names"), Doc.kernel("exec-arguments-and-environment"),
            "xnu audit_arg.c audit_arg_envv; OpenBSM bsm_token.c au_to_exec_env",
        ],
        triggeringExamples: [
            RuleExample("flags:lo,aa,ex\npolicy:cnt,argv,↓arge\n", fixed: "flags:lo,aa,ex\npolicy:cnt,argv\n"),
            RuleExample(
                "policy:↓arge,cnt\n", dialect: .openbsm, comment: "no exec audited yet; audit_user can still select ex"),
        ],
        nonTriggeringExamples: [
            RuleExample("flags:lo,aa,ex\npolicy:cnt,argv\n"),
            RuleExample("policy:cnt,arge,seq\n", comment: "the kernel rejects the whole policy and keeps cnt only"),
        ]
    )

    public init() {}

    public func check(_ context: LintContext) -> [Finding] {
        let policy = context.control.policy
        guard policy.effective.contains(.arge), let value = policy.entry?.value,
            let word = PostureRuleSupport.policyWord("arge", in: value)
        else { return [] }
        let kept = value.text.split(separator: ",", omittingEmptySubsequences: false).filter { $0 != "arge" }
        let fix =
            kept.isEmpty
            ? nil : Fix(summary: "remove arge", range: value.range(from: 0), replacement: kept.joined(separator: ","))
        return [
            finding(
                "policy arge adds the whole environment of every audited program to its exec record: tokens, passwords and keys in environment variables end up in the trail (readable by the audit group), and each exec record grows by the environment's size, often several KiB; remove arge (argv already records command lines)",
                at: value.range(offset: word.offset, length: word.length),
                fix: fix
            )
        ]
    }
}
