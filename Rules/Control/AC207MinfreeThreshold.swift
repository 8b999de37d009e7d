import AuditLintKit

/// AC207: the kernel's low-space threshold differs from the written percentage.
public struct AC207MinfreeThreshold: Rule {
    public static let description = RuleDescription(
        id: "AC207",
        slug: "minfree-threshold-differs",
        title: "The kernel's low-space threshold is not the written percentage",
        severity: .note,
        rationale:
            "Capacity planning with `minfree:30` expects a warning at 30 % free; the kernel warns at 33.3 %. Only values that divide 100 exactly mean what they say.",
        behavior:
            "The kernel computes f_blocks / (100 / minfree) with integer division: 3 → 3.03 %, 7 → 7.14 %, 15 → 16.7 %, 30 → 33.3 %, 40 → 50 %. auditd's own soft check uses the exact percentage, so the two disagree.",
        references: references(
            Doc.kernel("checks-before-every-record-write"), Doc.kernel("directories-and-trail-names"),
            code: "xnu and FreeBSD audit_worker.c audit_record_write; libauditd auditd_lib.c auditd_read_dirs"),
        triggeringExamples: [
            RuleExample("minfree:↓30\n"),
            RuleExample("minfree:↓15\n"),
        ],
        nonTriggeringExamples: [
            RuleExample("minfree:5\n"),
            RuleExample("minfree:25\n"),
            RuleExample("minfree:75\n", comment: "51–100 is AC206's"),
        ]
    )

    public init() {}

    public func check(_ context: LintContext) -> [Finding] {
        let setting = context.control.minfree
        guard let percent = setting.effectivePercent, (1...50).contains(percent),
            let threshold = setting.kernelThresholdPercent, threshold != Double(percent),
            let value = setting.entry?.value
        else { return [] }
        let exact = [1, 2, 4, 5, 10, 20, 25, 50].min { abs($0 - percent) < abs($1 - percent) } ?? 5
        return [
            finding(
                "minfree \(percent): the kernel warns below \(MinfreeSetting.format(threshold)) % free, not \(percent) % (integer division 100/\(percent) = \(100 / percent)); to get what you write, use a divisor of 100 such as `minfree:\(exact)`",
                at: value.range(from: 0)
            )
        ]
    }
}
