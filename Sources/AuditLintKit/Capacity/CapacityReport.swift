import Foundation

/// What a capacity report concludes.
public enum CapacityVerdict: String, Sendable, Hashable, Codable {
    /// Nothing reached a limit and every requirement is met.
    case ok
    /// The soft limit was reached, or a requirement cannot be checked; nothing was lost.
    case warn
    /// Records are lost, the system blocks or panics, or a requirement is not met.
    case fail
}

/// What the user requires of the audit trail, beyond not filling the disk.
public struct CapacityRequirements: Sendable, Hashable {
    /// History that must stay on disk, in seconds.
    public var retentionSeconds: Double?
    /// The largest audit footprint allowed.
    public var budget: CapacityBudget?

    public init(retentionSeconds: Double? = nil, budget: CapacityBudget? = nil) {
        self.retentionSeconds = retentionSeconds
        self.budget = budget
    }
}

/// A capacity report: the verdict, why, on what assumptions, from which inputs, the
/// simulation's figures and the chart series. Reporters render it as text, JSON, markdown
/// or HTML (see ``CapacityReportFormat``).
public struct CapacityReport: Sendable, Hashable {
    /// The answer.
    public var verdict: CapacityVerdict
    /// The answer in one line, e.g. "Fills the disk in 23 days: records dropped from day 23 (policy cnt)".
    public var headline: String
    /// One sentence for each check that decided the verdict.
    public var reasons: [String]
    /// The decisions the model (and whoever built the inputs) made where the spec leaves them open.
    public var assumptions: [String]
    /// The inputs, as reported.
    public var inputs: CapacityReportInputs
    /// The simulation's figures.
    public var simulation: CapacitySimulation
    /// The chart series.
    public var series: [CapacitySeriesPoint]

    /// The decisions the model itself makes where the capacity spec leaves them open.
    public static let modelAssumptions = [
        "auditd handles each trigger the moment the record that sent it is written; that record goes into the old trail",
        "the audit directory starts empty, with a new active trail at the start time",
        "other data is the disk size minus the free space at start; it never goes below 0 bytes, and free space is shown as 0 when the disk is over-full",
        "a record that meets the hard limit with ahlt or without cnt (panic) is not counted in droppedBytes",
        "low-space is reached at the first LOW_SPACE trigger; verdict: warn for low-space, fail for dropped records, fail-stop, panic, an unmet retention or an exceeded budget",
    ]

    /// Builds the report from a run of the model.
    ///
    /// - Parameters:
    ///   - notes: further assumptions made by whoever built the inputs (defaults chosen,
    ///     the workload used), listed before the model's own.
    ///   - volumeSource: where the write rate came from, e.g. `--rate 2G/day` or `workload server`.
    public init(
        inputs: CapacityInputs, requirements: CapacityRequirements, run: CapacityRun, notes: [String] = [],
        volumeSource: String
    ) {
        let sim = run.simulation
        let horizon = inputs.horizonSeconds
        var verdict = CapacityVerdict.ok
        var reasons: [String] = []
        var qualifiers: [String] = []
        let policy = "policy \(inputs.configuration.policyDescription)"
        let outcomeTime = sim.outcomeSeconds ?? 0
        let fillsIn = Self.when(outcomeTime)
        switch sim.outcome {
        case .recordsDropped:
            verdict = .fail
            headline = "Fills the disk in \(fillsIn.in): records dropped \(fillsIn.from) (\(policy))"
            reasons.append(
                "free space fell below 4 blocks after \(Quantity.formatDuration(outcomeTime)); with cnt the trail is "
                    + "suspended and \(Quantity.formatSize(sim.droppedBytes)) of records are dropped until someone intervenes"
            )
        case .systemBlocked:
            verdict = .fail
            headline = "Fills the disk in \(fillsIn.in): the system blocks \(fillsIn.from) (fail-stop, \(policy))"
            reasons.append(
                "free space fell to the fail-stop estimate ((qsize + 1) × 32767 = "
                    + "\(Quantity.formatSize(inputs.failStopBytes))) after \(Quantity.formatDuration(outcomeTime)); "
                    + "without cnt, audited processes block; set policy cnt or free more space")
        case .panic:
            verdict = .fail
            headline = "Fills the disk in \(fillsIn.in): the kernel panics \(fillsIn.from) (\(policy))"
            reasons.append(
                "free space fell below 4 blocks after \(Quantity.formatDuration(outcomeTime)); with "
                    + (inputs.configuration.ahlt ? "ahlt" : "no cnt") + " the kernel panics")
        case .lowSpace, .ok:
            let peak = "peak \(Quantity.formatSize(sim.peakAuditBytes))"
            let history = "\(Quantity.formatDuration(sim.historyDays * 86_400)) of history kept"
            if sim.outcome == .lowSpace {
                verdict = .warn
                let low = Self.when(outcomeTime)
                headline =
                    "Low on space \(low.from) (minfree \(inputs.configuration.minfree)%): "
                    + "nothing lost in \(Quantity.formatDuration(horizon)), \(peak), \(history)"
                reasons.append(
                    "free space fell below the soft limit (minfree \(inputs.configuration.minfree)%) after "
                        + "\(Quantity.formatDuration(outcomeTime)); auditd then rotates about every 30 s and only "
                        + "expiry frees space")
            } else {
                headline = "Safe for \(Quantity.formatDuration(horizon)): \(peak), \(history)"
                reasons.append(
                    "no soft limit, out-of-space or fail-stop in \(Quantity.formatDuration(horizon))")
            }
        }
        if let retention = requirements.retentionSeconds {
            let kept = sim.historyDays * 86_400
            let wanted = Quantity.formatDuration(retention)
            if sim.endSeconds < retention {
                if verdict == .ok { verdict = .warn }
                reasons.append(
                    "the simulated time (\(Quantity.formatDuration(sim.endSeconds))) is shorter than the retention of "
                        + "\(wanted); give --horizon of at least \(wanted) to check it")
            } else if kept < retention {
                verdict = .fail
                qualifiers.append("below the retention of \(wanted) you asked for")
                reasons.append(
                    "only \(Quantity.formatDuration(kept)) of history is kept, below the retention of \(wanted); "
                        + "raise the expire-after size or age, or give the trails more space")
            } else {
                reasons.append(
                    "\(Quantity.formatDuration(kept)) of history is kept, meeting the retention of \(wanted)")
            }
        }
        if let budget = requirements.budget {
            let allowed = budget.bytes(diskSize: inputs.diskSize)
            let described =
                budget.description == Quantity.formatSize(allowed)
                ? budget.description : "\(budget.description) (\(Quantity.formatSize(allowed)))"
            if sim.peakAuditBytes > allowed {
                verdict = .fail
                qualifiers.append("over the budget of \(described)")
                reasons.append(
                    "the trails peak at \(Quantity.formatSize(sim.peakAuditBytes)), over the budget of \(described); "
                        + "lower the expire-after size or audit fewer classes")
            } else {
                reasons.append(
                    "the trails peak at \(Quantity.formatSize(sim.peakAuditBytes)), within the budget of \(described)")
            }
        }
        if !qualifiers.isEmpty { headline += ": " + qualifiers.joined(separator: "; ") }
        self.verdict = verdict
        self.reasons = reasons
        var assumptions = notes + Self.modelAssumptions
        if inputs.volume.hourlyWeights != nil {
            assumptions.append(
                "hourly weights apply to UTC hours and are scaled so that the daily volume is the given rate")
        }
        self.assumptions = assumptions
        self.inputs = CapacityReportInputs(inputs: inputs, requirements: requirements, volumeSource: volumeSource)
        self.simulation = sim
        self.series = run.series
    }

    /// "23 days" / "from day 24" (day 1 is the first day) for times of a day or more;
    /// "5.2 hours" / "after 5.2 hours" below.
    static func when(_ seconds: Double) -> (in: String, from: String) {
        let duration = Quantity.formatDuration(seconds)
        if seconds >= 86_400 {
            return (duration, "from day \(Int((seconds / 86_400).rounded(.down)) + 1)")
        }
        return (duration, "after \(duration)")
    }
}

/// The inputs of a capacity report, as its JSON `inputs` object shows them.
public struct CapacityReportInputs: Sendable, Hashable, Encodable {
    public var diskSize: Int64
    public var diskFree: Int64
    public var blockSize: Int64
    public var otherGrowthPerDay: Int64
    public var horizonSeconds: Double
    public var start: Int64
    public var volumeSource: String
    public var bytesPerDay: Double
    public var recordSize: Int64
    public var hourlyWeights: [Double]?
    public var filesz: Int64
    public var expireAfterAgeSeconds: Double?
    public var expireAfterSizeBytes: Int64?
    public var expireAfterCombinator: ExpireAfter.Combinator
    public var minfree: Int
    public var policy: String
    public var qsize: Int
    /// The kernel's soft limit in bytes (`f_blocks / (100 / minfree)` blocks), or nil.
    public var softLimitBytes: Int64?
    /// The hard limit in bytes (4 blocks).
    public var hardLimitBytes: Int64
    public var retentionSeconds: Double?
    public var budget: String?
    public var budgetBytes: Int64?

    init(inputs: CapacityInputs, requirements: CapacityRequirements, volumeSource: String) {
        let config = inputs.configuration
        diskSize = inputs.diskSize
        diskFree = inputs.freeAtStart
        blockSize = inputs.blockSize
        otherGrowthPerDay = inputs.otherGrowthPerDay
        horizonSeconds = inputs.horizonSeconds
        start = inputs.startEpoch
        self.volumeSource = volumeSource
        bytesPerDay = inputs.volume.bytesPerDay
        recordSize = inputs.volume.recordSize
        hourlyWeights = inputs.volume.hourlyWeights
        filesz = config.filesz
        expireAfterAgeSeconds = config.expireAfter.age
        expireAfterSizeBytes = config.expireAfter.size
        expireAfterCombinator = config.expireAfter.combinator
        minfree = config.minfree
        policy = config.policyDescription
        qsize = config.qsize
        softLimitBytes = inputs.softLimitBlocks.map { $0 * inputs.blockSize }
        hardLimitBytes = inputs.blockSize.multipliedSaturating(by: 4)
        retentionSeconds = requirements.retentionSeconds
        budget = requirements.budget?.description
        budgetBytes = requirements.budget?.bytes(diskSize: inputs.diskSize)
    }

    enum CodingKeys: String, CodingKey {
        case diskSize, diskFree, blockSize, otherGrowthPerDay, horizonSeconds, start, volumeSource
        case bytesPerDay, recordSize, hourlyWeights, filesz, expireAfterAgeSeconds, expireAfterSizeBytes
        case expireAfterCombinator, minfree, policy, qsize, softLimitBytes, hardLimitBytes
        case retentionSeconds, budget, budgetBytes
    }

    /// Encodes absent values as `null` so every key is always present.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(diskSize, forKey: .diskSize)
        try c.encode(diskFree, forKey: .diskFree)
        try c.encode(blockSize, forKey: .blockSize)
        try c.encode(otherGrowthPerDay, forKey: .otherGrowthPerDay)
        try c.encode(horizonSeconds, forKey: .horizonSeconds)
        try c.encode(start, forKey: .start)
        try c.encode(volumeSource, forKey: .volumeSource)
        try c.encode(bytesPerDay, forKey: .bytesPerDay)
        try c.encode(recordSize, forKey: .recordSize)
        try c.encode(hourlyWeights, forKey: .hourlyWeights)
        try c.encode(filesz, forKey: .filesz)
        try c.encode(expireAfterAgeSeconds, forKey: .expireAfterAgeSeconds)
        try c.encode(expireAfterSizeBytes, forKey: .expireAfterSizeBytes)
        try c.encode(expireAfterCombinator, forKey: .expireAfterCombinator)
        try c.encode(minfree, forKey: .minfree)
        try c.encode(policy, forKey: .policy)
        try c.encode(qsize, forKey: .qsize)
        try c.encode(softLimitBytes, forKey: .softLimitBytes)
        try c.encode(hardLimitBytes, forKey: .hardLimitBytes)
        try c.encode(retentionSeconds, forKey: .retentionSeconds)
        try c.encode(budget, forKey: .budget)
        try c.encode(budgetBytes, forKey: .budgetBytes)
    }
}
