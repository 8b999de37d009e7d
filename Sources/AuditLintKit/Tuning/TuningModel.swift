/// Projects configurations for a tuning session: the estimator over the journal's sample
/// (× the calibration factor) gives bytes per day, the capacity model gives history,
/// peak and outcome, and the capacity report judges them against the retention and budget.
public struct TuningModel: Sendable {
    /// The event table that maps the sample's events to classes.
    public var events: AuditEventTable
    /// The class table the flags are read with.
    public var classes: AuditClassTable
    /// Whose libbsm reads the config.
    public var dialect: Dialect
    /// The sample.
    public var profile: VolumeProfile
    /// What every configuration must respect.
    public var constraints: TuningConstraints
    /// The factor applied to the estimator's bytes per day.
    public var calibrationFactor: Double

    public init(
        events: AuditEventTable, classes: AuditClassTable, dialect: Dialect, profile: VolumeProfile,
        constraints: TuningConstraints, calibrationFactor: Double = 1
    ) {
        self.events = events
        self.classes = classes
        self.dialect = dialect
        self.profile = profile
        self.constraints = constraints
        self.calibrationFactor = calibrationFactor
    }

    /// The model of a journal, with its tables (the dialect's built-in ones when it has none).
    public init(journal: TuningJournal) {
        let dialect = journal.dialect
        let classes =
            journal.auditClass.map {
                AuditClassTable.parse(SourceText(path: "audit_class", text: $0), dialect: dialect)
            }
            ?? .builtIn(dialect)
        let events =
            journal.auditEvent.map {
                AuditEventTable.parse(SourceText(path: "audit_event", text: $0), classes: classes)
            }
            ?? .builtIn(dialect)
        self.init(
            events: events, classes: classes, dialect: dialect,
            profile: journal.profile, constraints: journal.constraints, calibrationFactor: journal.calibrationFactor)
    }

    /// A projection with the parsed config and the estimate behind it.
    public struct Evaluation: Sendable {
        public var settings: TuningSettings
        public var estimate: CandidateEstimate
        public var projection: TuningProjection
    }

    /// Parses a config text as this session's dialect reads it.
    public func settings(_ text: String) -> TuningSettings {
        TuningSettings(text: text, path: "audit_control", dialect: dialect, classes: classes)
    }

    /// Projects `text`: its volume over the sample and its capacity simulation.
    ///
    /// - Parameter bytesPerDay: a measured rate to simulate instead of the estimate.
    /// - Throws: ``AuditLintError/invalidInput(_:)`` when the capacity inputs make no sense.
    public func evaluate(_ text: String, bytesPerDay: Double? = nil) throws -> Evaluation {
        var runs: [CapacityInputs: CapacityRun] = [:]
        return try evaluate(text, bytesPerDay: bytesPerDay, runs: &runs)
    }

    /// ``evaluate(_:bytesPerDay:)`` reusing the capacity runs in `runs` for equal inputs
    /// (many candidates differ only in classes the sample never saw).
    public func evaluate(_ text: String, bytesPerDay: Double? = nil, runs: inout [CapacityInputs: CapacityRun]) throws
        -> Evaluation
    {
        let settings = settings(text)
        let estimate = Estimator(events: events, classes: classes).evaluate(
            settings.candidate(label: "candidate", classes: classes), on: profile)
        let raw = estimate.bytesPerDay ?? 0
        let rate = bytesPerDay ?? raw * calibrationFactor
        let meanRecord = estimate.records > 0 ? Int64(estimate.bytes / estimate.records) : 200
        let weights = estimate.hourlyBytes.contains { $0 > 0 } ? estimate.hourlyBytes.map { Double($0) } : nil
        let inputs = CapacityInputs(
            configuration: try settings.capacityConfiguration(), diskSize: constraints.diskSize,
            freeAtStart: constraints.diskFree, blockSize: constraints.blockSize,
            otherGrowthPerDay: constraints.otherGrowthPerDay, horizonSeconds: constraints.horizonSeconds,
            startEpoch: constraints.startEpoch,
            volume: WriteVolume(bytesPerDay: rate, recordSize: min(max(meanRecord, 1), 1 << 20), hourlyWeights: weights)
        )
        let requirements = CapacityRequirements(
            retentionSeconds: constraints.retentionSeconds, budget: .bytes(constraints.budgetBytes))
        let run = try runs[inputs] ?? CapacityModel.run(inputs, seriesPoints: 2)
        runs[inputs] = run
        let report = CapacityReport(inputs: inputs, requirements: requirements, run: run, volumeSource: "tuning sample")
        let sim = run.simulation
        let projection = TuningProjection(
            bytesPerDay: rate, rawBytesPerDay: raw,
            calibrationFactor: bytesPerDay == nil || raw <= 0 ? calibrationFactor : rate / raw,
            lowerBound: estimate.lowerBound, historyDays: sim.historyDays, peakAuditBytes: sim.peakAuditBytes,
            rotationsPerDay: sim.endSeconds > 0 ? Double(sim.rotations) * 86_400 / sim.endSeconds : 0,
            outcome: sim.outcome, verdict: report.verdict,
            reasons: report.reasons + [estimate.unsampled.note].compactMap { $0 })
        return Evaluation(settings: settings, estimate: estimate, projection: projection)
    }

    /// Which constraints a projection breaks, by name (`disk`, `retention`, `budget`).
    public func brokenConstraints(_ projection: TuningProjection) -> [String] {
        var broken: [String] = []
        if projection.outcome > .lowSpace { broken.append("disk") }
        if projection.historyDays * 86_400 < constraints.retentionSeconds { broken.append("retention") }
        if projection.peakAuditBytes > constraints.budgetBytes { broken.append("budget") }
        return broken
    }
}
