import AuditLintKit

/// AC403: within the horizon the disk reaches minfree's soft limit, or fills.
public struct AC403DiskFillsWithinHorizon: Rule {
    public static let description = RuleDescription(
        id: "AC403",
        slug: "disk-fills",
        title: "The disk reaches the minfree soft limit or fills within the horizon",
        severity: .warning,
        rationale:
            "What happens when the trails' file system fills depends on the policy: with cnt auditing stops silently (records dropped until someone intervenes), without cnt the machine blocks and panics, with ahlt it panics. Knowing when that happens at a realistic volume is the point of capacity planning.",
        behavior:
            "The capacity model writes records at the assumed volume and applies the kernel's checks before each: below the soft limit (f_blocks / (100 / minfree) free blocks) a LOW_SPACE trigger, after which auditd rotates about every 30 s and only expiry frees space; below 4 free blocks ENOSPC (cnt: trail suspended, records dropped; ahlt or no cnt: panic); without cnt the fail-stop estimate (qsize + 1) × 32767 bytes blocks the system first. A soft limit is a warning; the others are errors. "
            + CapacityRuleSupport.assumptionsNote,
        references: CapacityRuleSupport.references("the-writer", "the-daemon", "outputs") + [
            Doc.kernel("cnt-and-ahlt-when-space-runs-out")
        ],
        triggeringExamples: [
            RuleExample(
                "flags:lo,aa\nminfree:↓40\nfilesz:2M\nexpire-after:10M\n",
                comment: "the kernel's threshold is 50 % (100/40 = 2), and the assumed disk is only 50 % free")
        ],
        nonTriggeringExamples: [
            RuleExample("flags:lo,aa\nminfree:5\nfilesz:2M\nexpire-after:10M\n"),
            RuleExample("flags:all\nminfree:20\nfilesz:2M\n", comment: "no expiry, but 90 days of every class fit"),
        ]
    )

    public init() {}

    public func check(_ context: LintContext) -> [Finding] {
        guard let (evaluation, simulation) = CapacityRuleSupport.simulate(context), simulation.outcome != .ok,
            let seconds = simulation.outcomeSeconds
        else { return [] }
        let inputs = evaluation.inputs
        let at = "at \(evaluation.volumeText) on \(evaluation.diskText)"
        let when = CapacityRuleSupport.duration(seconds)
        let message: String
        var severity: Severity? = .error
        switch simulation.outcome {
        case .ok:
            return []
        case .lowSpace:
            severity = nil
            let threshold = MinfreeSetting.kernelThreshold(percent: inputs.configuration.minfree)
            let soft = Quantity.formatSize((inputs.softLimitBlocks ?? 0) * inputs.blockSize)
            message =
                "\(at), free space falls below minfree's soft limit (\(MinfreeSetting.format(threshold)) % of the disk, \(soft)) after \(when): auditd runs audit_warn soft and allsoft and rotates about every 30 s, and only expiry frees space"
        case .recordsDropped:
            message =
                "\(at), the disk fills after \(when): with cnt the kernel suspends the trail and drops every record (\(Quantity.formatSize(simulation.droppedBytes)) lost in \(Quantity.formatDuration(inputs.horizonSeconds))) until someone frees space and rotates"
        case .systemBlocked:
            message =
                "\(at), free space falls to the fail-stop estimate (\(Quantity.formatSize(inputs.failStopBytes))) after \(when): without cnt audited processes block and the kernel panics once the queue drains"
        case .panic:
            let reason = inputs.configuration.ahlt ? "with ahlt" : "without cnt"
            message = "\(at), the disk fills after \(when): \(reason) the kernel panics"
        }
        let fix =
            "; bound the trails with an expire-after size term or give them more space"
            + (simulation.outcome == .lowSpace ? ", or lower minfree" : "")
        let range: SourceRange
        if simulation.outcome == .lowSpace, let entry = context.control.minfree.entry {
            range = CapacityRuleSupport.valueRange(entry)
        } else {
            range = CapacityRuleSupport.expireRange(context)
        }
        return [finding(message + fix, at: range, severity: severity)]
    }
}
