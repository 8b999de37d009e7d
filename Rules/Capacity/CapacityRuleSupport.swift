import AuditLintKit

/// Helpers shared by the capacity and retention rules (AC4xx).
enum CapacityRuleSupport {
    /// The configuration's evaluation and its simulation; nil when auditd cannot start with
    /// the file (an invalid minfree, which AC205 reports), so there is nothing to simulate.
    static func simulate(_ context: LintContext) -> (evaluation: CapacityEvaluation, simulation: CapacitySimulation)? {
        guard context.control.minfree.effectivePercent != nil, let evaluation = context.capacityEvaluation(),
            let simulation = context.capacitySimulation()
        else { return nil }
        return (evaluation, simulation)
    }

    /// The range a capacity finding about expiry points at: the expire-after value, else
    /// its key, else the whole file.
    static func expireRange(_ context: LintContext) -> SourceRange {
        guard let entry = context.control.expireAfter.entry else { return .wholeFile(context.controlSource.path) }
        return entry.value.flatMap { $0.bytes.isEmpty ? nil : $0.range(from: 0) } ?? entry.keyRange
    }

    /// The range of a key's value (or its key when it has none).
    static func valueRange(_ entry: ControlEntry) -> SourceRange {
        entry.value.flatMap { $0.bytes.isEmpty ? nil : $0.range(from: 0) } ?? entry.keyRange
    }

    /// A byte count from libbsm's unsigned arithmetic, clamped to `Int64.max`.
    static func bytes(_ value: UInt64) -> Int64 {
        value > UInt64(Int64.max) ? Int64.max : Int64(value)
    }

    /// A duration for people (`13 minutes`, `0.9 days`).
    static func duration(_ seconds: Double) -> String {
        seconds.isFinite ? Quantity.formatDuration(seconds) : "forever"
    }

    /// A size for people from a possibly fractional byte count.
    static func size(_ bytes: Double) -> String {
        Quantity.formatSize(bytes >= 4.6e18 ? Int64.max : Int64(bytes.rounded()))
    }

    /// The largest `N` + `G`, `M` or `K` term (as expire-after writes sizes) not above `bytes`.
    static func sizeTerm(_ bytes: Int64) -> String {
        for (shift, unit) in [(30, "G"), (20, "M"), (10, "K")] where bytes >> shift >= 1 {
            return "\(bytes >> shift)\(unit)"
        }
        return "\(max(bytes, 1))B"
    }

    /// The references every capacity rule cites: the given sections of the capacity model
    /// page, then the kernel and auditd behaviour it models.
    static func references(_ anchors: String...) -> [String] {
        anchors.map(Doc.capacityModel) + [
            Doc.capacityModel("default-assumptions"), Doc.capacityModel("rules-of-thumb"),
            Doc.kernel("checks-before-every-record-write"), Doc.kernel("expiry"),
            "libauditd auditd_lib.c auditd_expire_trails; xnu and FreeBSD audit_worker.c audit_record_write",
        ]
    }

    /// What the assumptions are, for a rule's behaviour text.
    static let assumptionsNote =
        "Without --rate, --workload, --disk-size and the other capacity options, the rule assumes \(CapacityAssumptions.standardDescription), and says so in each message."
}
