/// What a fleet report keeps of one host: who it is, and either the summary of its capacity
/// report or why it could not be evaluated.
public struct FleetHost: Sendable, Hashable {
    /// The profile file.
    public var file: String
    /// The host name (the profile's host facts, else its `hosts`, else the file name).
    public var name: String
    /// The dialect it was evaluated in.
    public var dialect: Dialect = .macos
    /// SHA-256 and path of the audit_control the host ran under, when the profile records it.
    public var configHash: String?
    public var configPath: String?
    /// The latest record time of the sample (seconds since the epoch).
    public var lastTime: Double?
    /// The summary of its capacity report; nil when it could not be evaluated.
    public var evaluation: Evaluation?
    /// Why it could not be evaluated.
    public var problem: Problem?

    public init(file: String, name: String, problem: Problem? = nil) {
        self.file = file
        self.name = name
        self.problem = problem
    }

    /// A profile that could not be read or evaluated: the message (naming the field or the
    /// line:column), and whether it is bad input (exit 2) rather than an I/O error (exit 3).
    public struct Problem: Sendable, Hashable {
        public var message: String
        public var isUsageError: Bool

        public init(message: String, isUsageError: Bool) {
            self.message = message
            self.isUsageError = isUsageError
        }

        init(_ error: any Error) {
            if let error = error as? AuditLintError {
                self.init(message: error.description, isUsageError: error.isUsageError)
            } else {
                self.init(message: "\(error)", isUsageError: false)
            }
        }
    }

    /// How a host fails.
    public enum Failure: String, Sendable, Hashable, CaseIterable, Codable {
        /// The disk fills with `cnt`: the trail is suspended and records are dropped.
        case dropsRecords = "drops-records"
        /// The disk fills without `cnt`: audited processes block (fail-stop).
        case blocks
        /// The disk fills with `ahlt` (or without `cnt` at the hard limit): the kernel panics.
        case halts
        /// Less history is kept than the retention asked for.
        case missesRetention = "misses-retention"
        /// The trails peak over the budget.
        case overBudget = "over-budget"

        /// In a few words, for reports.
        public var summary: String {
            switch self {
            case .dropsRecords: "fills the disk, drops records"
            case .blocks: "fills the disk, blocks (fail-stop)"
            case .halts: "fills the disk, halts (panic)"
            case .missesRetention: "misses the retention"
            case .overBudget: "over the budget"
            }
        }
    }

    /// A talker's share of a failing host's volume, per day.
    public struct Talker: Sendable, Hashable {
        /// `executable` or `path`.
        public var kind: String
        public var name: String
        public var bytesPerDay: Double
    }

    /// The summary of one host's capacity report.
    public struct Evaluation: Sendable, Hashable {
        public var verdict: CapacityVerdict
        /// The report's headline (the answer in one line) and reasons.
        public var headline: String
        public var reasons: [String]
        public var outcome: CapacityOutcome
        public var outcomeSeconds: Double?
        /// How it fails (empty unless the verdict is fail).
        public var failures: [Failure]
        /// When it first fails (the disk fills, or the trails pass the budget), in seconds
        /// from the start; nil when it does not fail or fails only the retention.
        public var failureSeconds: Double?
        /// When the disk fills (records dropped, fail-stop or panic), in seconds; nil when it does not.
        public var fullSeconds: Double?
        /// Audit bytes a day under the candidate (the volume replayed), and whether it is a lower bound.
        public var bytesPerDay: Double
        public var lowerBound: Bool
        public var historyDays: Double
        public var peakAuditBytes: Int64
        public var droppedBytes: Int64
        public var diskSize: Int64
        public var diskFree: Int64
        /// The executables and paths with the most bytes under the candidate (failing hosts only).
        public var talkers: [Talker]
    }
}

extension FleetHost.Evaluation {
    /// The summary of `report`; `estimate` gives the talkers, `spanSeconds` scales them to a day.
    init(report: CapacityReport, estimate: CandidateEstimate?, spanSeconds: Double) {
        let sim = report.simulation
        verdict = report.verdict
        headline = report.headline
        reasons = report.reasons
        outcome = sim.outcome
        outcomeSeconds = sim.outcomeSeconds
        var failures: [FleetHost.Failure] = []
        switch sim.outcome {
        case .recordsDropped: failures.append(.dropsRecords)
        case .systemBlocked: failures.append(.blocks)
        case .panic: failures.append(.halts)
        case .ok, .lowSpace: break
        }
        fullSeconds = failures.isEmpty ? nil : sim.outcomeSeconds
        var failureSeconds = fullSeconds
        // The same tests as CapacityReport's verdict.
        if let retention = report.inputs.retentionSeconds, sim.endSeconds >= retention,
            sim.historyDays * 86_400 < retention
        {
            failures.append(.missesRetention)
        }
        if let budget = report.inputs.budgetBytes, sim.peakAuditBytes > budget {
            failures.append(.overBudget)
            let over = report.series.first { $0.auditBytes > budget }?.t ?? sim.endSeconds
            failureSeconds = min(failureSeconds ?? over, over)
        }
        self.failures = failures
        self.failureSeconds = failureSeconds
        bytesPerDay = report.inputs.bytesPerDay
        lowerBound = estimate?.lowerBound ?? false
        historyDays = sim.historyDays
        peakAuditBytes = sim.peakAuditBytes
        droppedBytes = sim.droppedBytes
        diskSize = report.inputs.diskSize
        diskFree = report.inputs.diskFree
        talkers =
            report.verdict == .fail && spanSeconds > 0
            ? (estimate?.topTalkers ?? []).map {
                FleetHost.Talker(kind: $0.kind, name: $0.name, bytesPerDay: Double($0.bytes) * 86_400 / spanSeconds)
            } : []
    }
}
