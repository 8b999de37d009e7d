import AuditLintKit

/// AC302: `cnt` and `ahlt` together: no fail-stop, but a panic on any write error.
public struct AC302PanicOnWriteError: Rule {
    public static let description = RuleDescription(
        id: "AC302",
        slug: "panic-on-write-error",
        title: "policy cnt with ahlt: a panic on any trail write error, and no fail-stop before the disk fills",
        severity: .warning,
        rationale:
            "ahlt makes the kernel panic whenever a record cannot be written, a full disk included, which on a laptop or workstation means an unexpected reboot. Next to cnt the system does halt when the disk fills (a \"halt on audit failure\" requirement is met), but without the fail-stop that ahlt alone gives: audited activity is not blocked before space runs out, so the record that meets the full disk is lost (mSCP issue #78). It does not \"keep running\" either.",
        behavior:
            "The kernel panics on a trail write error when ahlt is set (audit_panic_on_write_fail), ENOSPC at the hard limit included; with cnt it does not fail-stop, so processes keep running until the write fails and that record is lost. The OpenBSM man page recommends cnt without ahlt unless halting is intended.",
        references: [
            Doc.auditControl("policy-names"), Doc.kernel("cnt-and-ahlt-when-space-runs-out"),
            Doc.compliance("policy-halt"), "usnistgov/macos_security #78",
            "xnu and FreeBSD audit_worker.c audit_record_write",
        ],
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
            let word = PostureRuleSupport.policyWord("ahlt", in: value)
        else { return [] }
        return [
            finding(
                // xnu and FreeBSD audit_worker.c audit_record_write: cnt clears audit_fail_stop, ahlt
                // sets audit_panic_on_write_fail, so ENOSPC at the hard limit goes to the panic.
                "policy has both cnt and ahlt: the system halts when the disk fills (the failed trail write panics the kernel), but with cnt there is no fail-stop first, so the record that meets the full disk is lost, and any other trail write error panics too (a reboot on a laptop or workstation); remove ahlt to keep running, or remove cnt to stop audited activity before a record is lost",
                at: value.range(offset: word.offset, length: word.length)
            )
        ]
    }
}
