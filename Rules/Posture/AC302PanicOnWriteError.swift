import AuditLintKit

/// AC302: `cnt` and `ahlt` together: no fail-stop, but a panic on any write error.
public struct AC302PanicOnWriteError: Rule {
    public static let description = RuleDescription(
        id: "AC302",
        slug: "panic-on-write-error",
        title: "policy cnt with ahlt: a panic on any trail write error, but no halt before the disk fills",
        severity: .warning,
        rationale: "ahlt makes the kernel panic whenever a record cannot be written, a full disk included, which on a laptop or workstation means an unexpected reboot. Next to cnt it is only half a halt: the kernel never stops auditing activity before space runs out, so it satisfies neither \"keep running\" nor \"halt on audit failure\" (mSCP issue #78).",
        behavior: "The kernel panics on a trail write error when ahlt is set (audit_panic_on_write_fail), ENOSPC included; with cnt it does not fail-stop, so processes keep running until the write fails. The OpenBSM man page recommends cnt without ahlt unless halting is intended.",
        references: [Doc.auditControl("policy-names"), Doc.kernel("cnt-and-ahlt-when-space-runs-out"), Doc.compliance("policy-halt"), "usnistgov/macos_security #78", "xnu and FreeBSD audit_worker.c audit_record_write"],
        triggeringExamples: [
            RuleExample("policy:cnt,↓ahlt,argv\n"),
            RuleExample("policy:↓ahlt,cnt\n", dialect: .openbsm),
        ],
        nonTriggeringExamples: [
            RuleExample("policy:ahlt,argv\n", comment: "a fail-stop halt (AC301)"),
            RuleExample("policy:cnt,argv\n"),
            RuleExample("policy:cnt,ahlt,seq\n", comment: "the kernel rejects the whole policy and keeps cnt only"),
        ]
    )

    public init() {}

    public func check(_ context: LintContext) -> [Finding] {
        let policy = context.control.policy
        guard policy.effective.isSuperset(of: [.cnt, .ahlt]), let value = policy.entry?.value,
              let word = PostureRuleSupport.policyWord("ahlt", in: value) else { return [] }
        return [finding(
            "policy has both cnt and ahlt: the kernel never halts before the disk fills, but panics on any trail write error, a full disk included (a reboot on a laptop or workstation); remove ahlt to keep running, or remove cnt if a baseline requires halting on audit failure",
            at: value.range(offset: word.offset, length: word.length)
        )]
    }
}
