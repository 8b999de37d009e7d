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
        let beyond = try Self.beyondHorizon(inputs, runs: &runs)
        var verdict = report.verdict
        var reasons = report.reasons
        var peak = sim.peakAuditBytes
        var history = sim.historyDays
        var outcome = sim.outcome
        switch beyond {
        case .unbounded:
            verdict = .fail
            let fills =
                rate > 0
                ? "; at \(Quantity.formatSize(rounding: rate))/day they pass the budget (\(Quantity.formatSize(constraints.budgetBytes))) after about \(Quantity.formatDuration(max(0, Double(constraints.budgetBytes - sim.finalAuditBytes)) / rate * 86_400 + sim.endSeconds))"
                : ""
            reasons.append(
                "the trails never stop growing (\(Self.whyUnbounded(inputs.configuration)))\(fills); set filesz and expire-after"
            )
        case .steady(let days, let steadyPeak, let steadyHistory, let steadyOutcome):
            outcome = max(outcome, steadyOutcome)
            if steadyPeak > peak {
                reasons.append(
                    "past the simulated \(Quantity.formatDuration(sim.endSeconds)) the trails keep growing until expiry catches up (about \(Quantity.formatDuration(days * 86_400))): they reach \(Quantity.formatSize(steadyPeak)), \(steadyPeak > constraints.budgetBytes ? "over" : "within") the budget of \(Quantity.formatSize(constraints.budgetBytes))"
                )
                if steadyPeak > constraints.budgetBytes { verdict = .fail }
            }
            peak = max(peak, steadyPeak)
            history = min(history, steadyHistory)
        case nil:
            break
        }
        let projection = TuningProjection(
            bytesPerDay: rate, rawBytesPerDay: raw,
            calibrationFactor: bytesPerDay == nil || raw <= 0 ? calibrationFactor : rate / raw,
            lowerBound: estimate.lowerBound, historyDays: history, peakAuditBytes: peak,
            rotationsPerDay: sim.endSeconds > 0 ? Double(sim.rotations) * 86_400 / sim.endSeconds : 0,
            outcome: outcome, verdict: verdict,
            reasons: reasons + [estimate.unsampled.note].compactMap { $0 },
            growsWithoutBound: beyond == .unbounded ? true : nil)
        return Evaluation(settings: settings, estimate: estimate, projection: projection)
    }

    /// Which constraints a projection breaks, by name (`disk`, `retention`, `budget`).
    /// Trails that never stop growing break the budget, however far off that is.
    public func brokenConstraints(_ projection: TuningProjection) -> [String] {
        var broken: [String] = []
        if projection.outcome > .lowSpace { broken.append("disk") }
        if projection.historyDays * 86_400 < constraints.retentionSeconds { broken.append("retention") }
        if projection.peakAuditBytes > constraints.budgetBytes || projection.growsWithoutBound == true {
            broken.append("budget")
        }
        return broken
    }

    /// What happens to the trails after the simulated horizon.
    enum BeyondHorizon: Equatable {
        /// They never stop growing: nothing rotates, or expiry deletes nothing (or only
        /// after more than ``longestSteadyDays``).
        case unbounded
        /// Expiry catches up with the growth after `days`; from then on the footprint peaks
        /// at `peak` and keeps `historyDays` of history; `outcome` is the worst that happens
        /// to auditing until then with other data held still.
        case steady(days: Double, peak: Int64, historyDays: Double, outcome: CapacityOutcome)
    }

    /// The longest time to a steady footprint under an age the projection follows (two
    /// years); an age that only starts deleting later counts as none.
    static let longestSteadyDays = 730.0

    /// Why a configuration's trails grow without bound, for people.
    static func whyUnbounded(_ configuration: CapacityConfiguration) -> String {
        if configuration.filesz <= 0 { return "filesz is 0: trails never rotate, so expire-after never runs" }
        let expire = configuration.expireAfter
        let age = expire.ageSeconds ?? 0 != 0
        let size = expire.sizeBytes ?? 0 > 0
        if !age, !size { return "expire-after is missing or deletes nothing" }
        if expire.combinator == .and, !age || !size {
            return "expire-after \(expire.description) deletes nothing: AND needs an age and a size"
        }
        return "expire-after \(expire.description) deletes nothing for more than \(Int(longestSteadyDays)) days"
    }

    /// Looks past the horizon: nil when expiry reaches its steady state within it (the
    /// simulation already shows the largest footprint) or nothing is written; otherwise
    /// the trails grow without bound, or their steady state: under a size cap (OR) at most
    /// the cap plus one trail, with the cap's worth of history less a trail; under an age,
    /// a run long enough to reach it (audit growth alone, other data held still, at most
    /// ``longestSteadyDays``).
    static func beyondHorizon(_ inputs: CapacityInputs, runs: inout [CapacityInputs: CapacityRun]) throws
        -> BeyondHorizon?
    {
        let rate = inputs.volume.bytesPerDay
        guard rate > 0 else { return nil }
        let configuration = inputs.configuration
        let filesz = Double(configuration.filesz)
        guard filesz > 0 else { return .unbounded }
        let expire = configuration.expireAfter
        // A negative age (`-1d`) deletes every closed trail at each rotation.
        let age = expire.ageSeconds.flatMap { $0 != 0 ? max($0, 0) / 86_400 : nil }
        let sizeCap = expire.sizeBytes.flatMap { $0 > 0 ? $0 : nil }
        let size = sizeCap.map(Double.init)
        let interval = filesz / rate
        let untilSize = size.map { $0 / rate }
        let steadyDays: Double
        switch (expire.combinator, age, untilSize) {
        case (_, nil, nil), (.and, nil, _), (.and, _, nil): return .unbounded
        case (.and, let age?, let untilSize?): steadyDays = max(age, untilSize) + interval
        case (.or, _, _): steadyDays = min(age ?? .infinity, untilSize ?? .infinity) + interval
        }
        // One more rotation and a day of margin, so a run covers a whole cycle at the steady state.
        let needed = (steadyDays + interval + 1) * 86_400
        guard needed > inputs.horizonSeconds else { return nil }
        if expire.combinator == .or, let sizeCap, let size, let untilSize, untilSize <= age ?? .infinity {
            // Expiry deletes the oldest trails while the total passes the cap, at each rotation.
            let peak = sizeCap.addingSaturating(configuration.filesz).addingSaturating(inputs.volume.recordSize)
            return .steady(days: steadyDays, peak: peak, historyDays: max(0, size - filesz) / rate, outcome: .ok)
        }
        guard needed <= longestSteadyDays * 86_400 else { return .unbounded }
        var long = inputs
        long.horizonSeconds = needed
        long.otherGrowthPerDay = 0
        let run = try runs[long] ?? CapacityModel.run(long, seriesPoints: 2)
        runs[long] = run
        let steady = run.simulation
        return .steady(
            days: steadyDays, peak: steady.peakAuditBytes, historyDays: steady.historyDays, outcome: steady.outcome)
    }
}
