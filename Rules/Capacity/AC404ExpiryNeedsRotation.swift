import AuditLintKit

/// AC404: `filesz:0` with expire-after: expiry never runs, because it runs only at rotation.
public struct AC404ExpiryNeedsRotation: Rule {
    public static let description = RuleDescription(
        id: "AC404",
        slug: "expiry-needs-rotation",
        title: "filesz:0 with expire-after: expiry never runs, because it runs only at rotation",
        severity: .warning,
        rationale:
            "auditd has no timer: it deletes old trails only right after a rotation. With filesz:0 the kernel never asks for one, so expire-after does nothing and the single active trail grows until the soft limit forces rotations, unless something else rotates (audit -n from cron).",
        behavior:
            "Expiry (auditd_expire_trails) runs after every rotation (size trigger, low space, audit -n, audit -s) and on audit -e, and never otherwise; filesz 0 turns the size trigger off. The active trail counts in the total but is never deleted. An invalid or missing filesz is AC208's. "
            + CapacityRuleSupport.assumptionsNote,
        references: CapacityRuleSupport.references("the-daemon", "expiry", "worked-examples"),
        triggeringExamples: [
            RuleExample("filesz:↓0\nexpire-after:10M\n"),
            RuleExample("filesz:↓0\nexpire-after:60d OR 5G\n", dialect: .openbsm),
        ],
        nonTriggeringExamples: [
            RuleExample("filesz:2M\nexpire-after:10M\n"),
            RuleExample("filesz:0\n", comment: "nothing is set to expire"),
            RuleExample("filesz:1K\nexpire-after:10M\n", comment: "invalid: AC208"),
        ]
    )

    public init() {}

    public func check(_ context: LintContext) -> [Finding] {
        let control = context.control
        guard control.filesz.isValid, control.filesz.effectiveBytes == 0, control.expireAfter.expiresAnything,
            let entry = control.filesz.entry, let expire = control.expireAfter.written
        else { return [] }
        var message =
            "filesz 0 never rotates trails by size, and auditd expires trails only right after a rotation, so expire-after \(QuotedText.code(expire)) deletes nothing unless something else rotates (audit -n from cron, or low space)"
        if let evaluation = context.capacityEvaluation(), evaluation.bytesPerDay > 0 {
            let horizon = evaluation.inputs.horizonSeconds
            message +=
                ": at \(evaluation.volumeText) the one trail grows to \(CapacityRuleSupport.size(evaluation.bytesPerDay * horizon / 86_400)) in \(evaluation.horizonText)"
        }
        message += "; set a filesz such as `filesz:2M`"
        return [finding(message, at: CapacityRuleSupport.valueRange(entry))]
    }
}
