import AuditLintKit

/// AC402: the trails' peak footprint is over the budget.
public struct AC402FootprintOverBudget: Rule {
    public static let description = RuleDescription(
        id: "AC402",
        slug: "footprint-over-budget",
        title: "The audit trails grow beyond the disk budget",
        severity: .warning,
        rationale:
            "Audit trails share the disk with everything else. A retention setting that keeps years of trails, or none at all, lets them take space the machine needs, long before the disk is full.",
        behavior:
            "The capacity model simulates rotation and expiry at the assumed volume over the horizon; the footprint is the largest total size of trail files at any moment (peakAuditBytes), compared with --budget (a size or a percentage of the disk; default 10 % of the disk). "
            + CapacityRuleSupport.assumptionsNote,
        references: CapacityRuleSupport.references("expiry", "outputs"),
        triggeringExamples: [
            RuleExample("flags:all\nminfree:5\nfilesz:2M\nexpire-after:↓1y\n", comment: "every class, kept for a year")
        ],
        nonTriggeringExamples: [
            RuleExample("flags:all\nminfree:5\nfilesz:2M\nexpire-after:30d OR 5G\n"),
            RuleExample("flags:lo,aa\nminfree:5\nfilesz:2M\n", comment: "nothing expires, but lo,aa stays small"),
        ]
    )

    public init() {}

    public func check(_ context: LintContext) -> [Finding] {
        guard let (evaluation, simulation) = CapacityRuleSupport.simulate(context) else { return [] }
        let budget = evaluation.assumptions.budget.bytes(diskSize: evaluation.inputs.diskSize)
        guard simulation.peakAuditBytes > budget else { return [] }
        let written =
            context.control.expireAfter.written.map { "with expire-after \(QuotedText.code($0))" }
            ?? "with no expire-after, nothing expires and"
        let reached = evaluation.secondsToWrite(Double(budget))
        let term = CapacityRuleSupport.sizeTerm(budget - evaluation.inputs.configuration.filesz)
        let days = Int((min(reached, 3_650 * 86_400) * 0.9 / 86_400).rounded(.down))
        let example = days >= 1 ? "\(days)d OR \(term)" : term
        return [
            finding(
                "at \(evaluation.volumeText) \(written) the trails grow to \(Quantity.formatSize(simulation.peakAuditBytes)) within \(evaluation.horizonText), over the budget of \(evaluation.budgetText), which they pass after about \(CapacityRuleSupport.duration(reached)); bound them with a size term, e.g. `expire-after:\(example)`, or audit fewer classes",
                at: CapacityRuleSupport.expireRange(context)
            )
        ]
    }
}
