import AuditLintKit

/// AC407: minfree's soft limit comes too few days before the disk is full.
public struct AC407MinfreeWarnsTooLate: Rule {
    /// How much warning the soft limit should give.
    static let warningDays = 7.0

    public static let description = RuleDescription(
        id: "AC407",
        slug: "minfree-warns-too-late",
        title: "minfree warns less than a week before the trails fill the disk",
        severity: .warning,
        rationale:
            "minfree is the only early warning auditd has: below it, audit_warn runs `soft`/`allsoft` (a syslog message by default) at every rotation. If the trails can grow without bound, the gap between that warning and a full disk is minfree's share of the disk divided by the write volume, and it should leave days to react.",
        behavior:
            "The kernel sends LOW_SPACE below f_blocks / (100 / minfree) free blocks (integer division) and fails writes below 4 blocks; minfree 0 disables the soft limit. The rule applies when the trails are not bounded below the free space by an expire-after size or age term at the assumed volume. "
            + CapacityRuleSupport.assumptionsNote,
        references: CapacityRuleSupport.references("the-writer") + [Doc.kernel("audit_warn")],
        triggeringExamples: [
            RuleExample("flags:lo,aa\nminfree:↓0\nfilesz:2M\n", comment: "no soft limit, and nothing expires")
        ],
        nonTriggeringExamples: [
            RuleExample(
                "flags:lo,aa\nminfree:0\nfilesz:2M\nexpire-after:10M\n", comment: "the trails stay at about 12 MiB"),
            RuleExample("flags:all\nminfree:5\nfilesz:2M\n", comment: "12.8 GiB of warning is weeks at this volume"),
        ]
    )

    public init() {}

    public func check(_ context: LintContext) -> [Finding] {
        guard let entry = context.control.minfree.entry, context.control.minfree.effectivePercent != nil,
            let evaluation = context.capacityEvaluation()
        else { return [] }
        let inputs = evaluation.inputs
        let config = inputs.configuration
        let growth = evaluation.bytesPerDay + Double(max(0, inputs.otherGrowthPerDay))
        guard growth > 0 else { return [] }
        let soft = Double((inputs.softLimitBlocks ?? 0) * inputs.blockSize)
        // The most the trails can hold: with OR the smaller active term, with AND the larger.
        let rate = evaluation.bytesPerDay / 86_400
        let bySize = config.expireAfter.sizeBytes.flatMap { $0 > 0 ? Double($0) : nil }
        let byAge = config.expireAfter.ageSeconds.flatMap { $0 > 0 ? rate * $0 : nil }
        let terms = [bySize, byAge].compactMap { $0 }
        let bound: Double
        if config.filesz == 0 || terms.isEmpty || (config.expireAfter.combinator == .and && terms.count < 2) {
            bound = .infinity
        } else {
            bound = (config.expireAfter.combinator == .and ? terms.max()! : terms.min()!) + Double(config.filesz)
        }
        guard bound + soft >= Double(inputs.freeAtStart) else { return [] }
        let gapSeconds = max(0, soft - Double(4 * inputs.blockSize)) / growth * 86_400
        guard gapSeconds < Self.warningDays * 86_400 else { return [] }
        let at = "at \(evaluation.volumeText) on \(evaluation.diskText)"
        let message: String
        if config.minfree == 0 {
            message =
                "minfree 0 disables the soft limit: auditd gets no low-space warning and no rotation before the disk is full, and \(at) nothing bounds the trails; set minfree so that the warning comes days ahead, e.g. `minfree:5`"
        } else {
            let needed = Self.percentGiving(days: Self.warningDays, growthPerDay: growth, diskSize: inputs.diskSize)
            message =
                "minfree \(config.minfree) warns at \(Quantity.formatSize(Int64(soft))) free: \(at), with nothing bounding the trails, the disk goes from that warning to full in \(CapacityRuleSupport.duration(gapSeconds)), less than \(Int(Self.warningDays)) days"
                + (needed.map { "; `minfree:\($0)` gives \(Int(Self.warningDays)) days" }
                    ?? "; bound the trails with an expire-after size term")
        }
        return [finding(message, at: CapacityRuleSupport.valueRange(entry))]
    }

    /// The smallest minfree (at most 50) whose kernel threshold covers `days` of growth.
    static func percentGiving(days: Double, growthPerDay: Double, diskSize: Int64) -> Int? {
        (1...50).first { percent in
            Double(diskSize) * MinfreeSetting.kernelThreshold(percent: percent) / 100 >= days * growthPerDay
        }
    }
}
