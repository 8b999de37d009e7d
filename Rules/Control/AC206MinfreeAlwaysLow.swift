import AuditLintKit

/// AC206: minfree 51–100 makes every write a low-space event.
public struct AC206MinfreeAlwaysLow: Rule {
    public static let description = RuleDescription(
        id: "AC206",
        slug: "minfree-always-low",
        title: "minfree above 50: space is always \"low\", a rotation every 30 s",
        severity: .warning,
        rationale:
            "A large minfree looks like extra safety, but the kernel's integer arithmetic turns every value from 51 to 100 into a 100 % threshold: the disk is always \"low\".",
        behavior:
            "The kernel's soft limit is f_blocks / (100 / minfree) with integer division; for 51–100 that is f_blocks, so every record write sends AUDIT_TRIGGER_LOW_SPACE (at most once a second). auditd ignores a repeat within 30 s, so it rotates (and runs expiry and audit_warn soft) every 30 seconds.",
        references: references(
            Doc.kernel("checks-before-every-record-write"), Doc.kernel("triggers-and-auditd"),
            code: "xnu and FreeBSD audit_worker.c audit_record_write; auditd.c DUPLICATE_INTERVAL"),
        triggeringExamples: [
            RuleExample("minfree:↓51\n"),
            RuleExample("minfree:↓100\n"),
        ],
        nonTriggeringExamples: [
            RuleExample("minfree:50\n"),
            RuleExample("minfree:5\n"),
        ]
    )

    public init() {}

    public func check(_ context: LintContext) -> [Finding] {
        let setting = context.control.minfree
        guard let percent = setting.effectivePercent, percent > 50, let value = setting.entry?.value else { return [] }
        return [
            finding(
                "minfree \(percent): the kernel's threshold f_blocks/(100/\(percent)) is 100 % with integer division, so every write reports low space and auditd rotates every 30 s; use 50 or less (e.g. `minfree:20`)",
                at: value.range(from: 0)
            )
        ]
    }
}
