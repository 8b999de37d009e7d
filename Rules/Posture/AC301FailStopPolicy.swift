import AuditLintKit

/// AC301: a policy without `cnt`: the kernel fail-stops (blocks, then panics) when space runs out.
public struct AC301FailStopPolicy: Rule {
    public static let description = RuleDescription(
        id: "AC301",
        slug: "fail-stop-policy",
        title: "policy without cnt: the system blocks and panics when the disk fills",
        severity: .warning,
        rationale:
            "Without cnt the kernel prefers stopping the machine to losing a record: when the trail's file system runs out of space, audited processes block and the kernel panics. Some baselines want exactly that (NIST 800-53 AU-5, mSCP audit_failure_halt); on most machines it turns a full disk into an outage.",
        behavior:
            "The kernel sets fail-stop when cnt is absent. Before each record it then checks whether free space is at most (queued records + 1) × 32767 bytes (about 3.2 MiB with qsize 100): if so, unprivileged threads that need a record block forever and the kernel panics once the queue drains; a write that meets ENOSPC (or fewer than 4 free blocks) panics. With ahlt as well, any other trail write error panics too. With cnt the trail is suspended and records are dropped instead.",
        references: [
            Doc.auditControl("policy-names"), Doc.kernel("checks-before-every-record-write"),
            Doc.kernel("cnt-and-ahlt-when-space-runs-out"), Doc.compliance("policy-continue"),
            Doc.compliance("conflicts-between-baselines"),
            "xnu and FreeBSD audit_worker.c audit_record_write, audit_syscalls.c A_SETPOLICY",
        ],
        triggeringExamples: [
            RuleExample("policy:↓argv\n", comment: "neither cnt nor ahlt"),
            RuleExample("policy:↓ahlt,argv\n", comment: "a STIG-style halt: meant, but size the disk for it"),
            RuleExample("policy:↓ahlt\n", dialect: .openbsm),
        ],
        nonTriggeringExamples: [
            RuleExample("policy:cnt,argv\n"),
            RuleExample("policy: ahlt,argv\n", comment: "libbsm rejects the leading space, so auditd sets cnt (AC203)"),
            RuleExample("policy:ahlt,seq\n", comment: "the kernel rejects seq and keeps cnt (AC204)"),
            RuleExample("flags:lo,aa\n", comment: "no policy line: auditd sets cnt"),
        ]
    )

    public init() {}

    public func check(_ context: LintContext) -> [Finding] {
        let policy = context.control.policy
        guard !policy.effective.contains(.cnt), let value = policy.entry?.value else { return [] }
        let qsize = context.control.qsize.effective
        let estimate = Quantity.formatSize(Int64(qsize + 1) * 32_767)
        var message =
            "policy \(QuotedText.code(value.text)) has no cnt, so the kernel fail-stops: when free space falls to about \(estimate) ((qsize \(qsize) + 1) × 32767 bytes) audited processes block and the kernel panics once the queue drains, and a full disk panics at once"
        if policy.effective.contains(.ahlt) { message += "; with ahlt any other trail write error panics too" }
        message +=
            "; add cnt to drop records instead, or, if a baseline requires halting (NIST 800-53 AU-5), size the disk for it with `auditlint report`"
        return [finding(message, at: value.range(from: 0))]
    }
}
