import AuditLintKit

/// AC401: the history the trails keep is shorter than required (or than the age expire-after names).
public struct AC401RetentionBelowRequirement: Rule {
    public static let description = RuleDescription(
        id: "AC401",
        slug: "retention-below-requirement",
        title: "The trails keep less history than required (or than the age expire-after names)",
        severity: .warning,
        rationale:
            "Retention is what an auditor asks about, and it is decided by the write volume, not by the text: `expire-after:60d OR 5G` keeps 60 days only while 60 days of trails fit in 5 GiB, and the stock `10M` keeps minutes on a busy host. Checkers that compare strings cannot see this.",
        behavior:
            "Expiry runs after each rotation and deletes closed trails oldest first while the total is over the size term or a trail is older than the age term (either, with OR or a single term). The capacity model simulates that at the assumed volume; the history kept is the age of the oldest trail left at the end. The requirement is --retention, or else the age term of an OR whose size term can evict younger trails. "
            + CapacityRuleSupport.assumptionsNote,
        references: CapacityRuleSupport.references("expiry", "outputs", "worked-examples") + [
            Doc.compliance("retention")
        ],
        triggeringExamples: [
            RuleExample(
                "flags:lo,aa,ad,-fr\nminfree:5\nfilesz:2M\nexpire-after:↓60d OR 10M\n",
                comment: "the 10M term evicts trails after about a day")
        ],
        nonTriggeringExamples: [
            RuleExample("flags:lo,aa\nminfree:5\nfilesz:2M\nexpire-after:60d OR 5G\n"),
            RuleExample(
                "flags:lo,aa,ad,-fr\nminfree:5\nfilesz:2M\nexpire-after:10M\n",
                comment: "no retention required, and none named"),
            RuleExample("flags:lo,aa,ad,-fr\nminfree:5\nfilesz:2M\nexpire-after:60d\n"),
        ]
    )

    public init() {}

    public func check(_ context: LintContext) -> [Finding] {
        guard let (evaluation, simulation) = CapacityRuleSupport.simulate(context) else { return [] }
        let assumptions = evaluation.assumptions
        let expire = evaluation.inputs.configuration.expireAfter
        let required: Double
        let requirement: String
        if let retention = assumptions.retentionSeconds {
            required = retention
            requirement =
                "the retention of \(Quantity.formatDuration(retention)) (\(assumptions.origins[.retention] ?? "--retention"))"
        } else if let age = expire.ageSeconds, age > 0, (expire.sizeBytes ?? 0) > 0, expire.combinator == .or {
            required = age
            requirement =
                "the \(Quantity.formatDuration(age)) its age term names (with OR the size term deletes younger trails; give --retention for a different requirement)"
        } else {
            return []
        }
        guard simulation.outcome < .systemBlocked else { return [] }
        let kept = simulation.historyDays * 86_400
        // Shorter runs are conclusive only once expiry has started deleting trails.
        guard kept < required, simulation.endSeconds >= required || simulation.expiredFiles > 0 else { return [] }
        let written =
            context.control.expireAfter.written.map { "expire-after \(QuotedText.code($0))" } ?? "no expire-after"
        let needed = CapacityRuleSupport.size(
            evaluation.bytesPerDay * required / 86_400 + Double(evaluation.inputs.configuration.filesz))
        var advice: [String] = []
        if expire.sizeBytes.map({ $0 > 0 }) == true { advice.append("the size term to at least \(needed)") }
        if let age = expire.ageSeconds, age > 0, age < required {
            advice.append("the age term to at least \(Quantity.formatDuration(required))")
        }
        return [
            finding(
                "at \(evaluation.volumeText) \(written) keeps \(CapacityRuleSupport.duration(kept)) of history (\(simulation.filesOnDisk) trail files, \(Quantity.formatSize(simulation.finalAuditBytes))), below \(requirement); keeping \(Quantity.formatDuration(required)) takes about \(needed) of trails at this volume"
                    + (advice.isEmpty ? "" : ", so raise \(advice.joined(separator: " and "))"),
                at: CapacityRuleSupport.expireRange(context),
                severity: assumptions.retentionSeconds != nil ? .error : nil
            )
        ]
    }
}
