import Foundation

/// The steps of a tuning session on a journal: start it, record a proposal, review what
/// was observed. Pure functions of their inputs (the caller reads and writes files).
public enum TuningSession {
    /// Review thresholds: observed within ±25 % of the projection → go on.
    public static let tolerance = 0.25
    /// Observations shorter than this are too short to judge (→ keep, observe longer).
    public static let minimumObservationSeconds = 86_400.0

    /// Starts a journal: iteration 0 is `config` with its projection.
    ///
    /// - Throws: ``AuditLintError/invalidInput(_:)`` when the sample has no span or the
    ///   constraints make no sense.
    ///
    /// - Parameters:
    ///   - auditClass: the audit_class text next to the config, when there is one.
    ///   - auditEvent: the audit_event text next to the config, when there is one.
    public static func start(
        config: String, configPath: String, dialect: Dialect, auditClass: String? = nil,
        auditEvent: String? = nil, profile: VolumeProfile, constraints: TuningConstraints,
        now: Int64
    ) throws -> TuningJournal {
        guard profile.spanSeconds > 0 else {
            throw AuditLintError.invalidInput(
                "the sample covers no time (\(profile.records) records); record a sample of at least an hour with broad settings"
            )
        }
        guard constraints.retentionSeconds > 0 else {
            throw AuditLintError.invalidInput("--retention must be more than 0")
        }
        guard constraints.budgetBytes > 0 else {
            throw AuditLintError.invalidInput("--budget must be more than 0 bytes")
        }
        var journal = TuningJournal(
            configPath: configPath, dialect: dialect, auditClass: auditClass, auditEvent: auditEvent,
            constraints: constraints, profile: profile, iterations: [])
        let projection = try TuningModel(journal: journal).evaluate(config).projection
        journal.iterations = [
            TuningIteration(number: 0, recordedAt: now, config: config, change: nil, projection: projection)
        ]
        return journal
    }

    /// The iteration `next` builds on: the last one, or the one before it when the last is
    /// a proposal nobody observed yet (which `next` then replaces).
    ///
    /// - Throws: ``AuditLintError/invalidFile(_:line:column:problem:)`` naming `journalPath`
    ///   when the journal is inconsistent (see ``TuningJournal/checkConsistency(path:)``).
    public static func base(of journal: TuningJournal, journalPath: String) throws -> TuningIteration {
        try journal.checkConsistency(path: journalPath)
        return uncheckedBase(of: journal)
    }

    private static func uncheckedBase(of journal: TuningJournal) -> TuningIteration {
        let last = journal.iterations[journal.iterations.count - 1]
        if last.number > 0, last.observations.isEmpty, last.change?.kind != .rollBack {
            return journal.iterations[last.number - 1]
        }
        return last
    }

    /// Appends `candidate` as the next iteration (replacing an unobserved proposal).
    ///
    /// - Throws: ``AuditLintError/invalidFile(_:line:column:problem:)`` naming `journalPath`
    ///   when the journal is inconsistent; the journal is then unchanged.
    public static func record(
        _ candidate: TuningAdvisor.Candidate, in journal: inout TuningJournal, journalPath: String,
        now: Int64
    ) throws {
        try journal.checkConsistency(path: journalPath)
        uncheckedRecord(candidate, in: &journal, now: now)
    }

    private static func uncheckedRecord(
        _ candidate: TuningAdvisor.Candidate, in journal: inout TuningJournal, now: Int64
    ) {
        let base = uncheckedBase(of: journal)
        // A step may set two values, which a reader of version 1 would not understand.
        journal.schemaVersion = TuningJournal.currentSchemaVersion
        journal.iterations.removeSubrange((base.number + 1)...)
        journal.iterations.append(
            TuningIteration(
                number: base.number + 1, recordedAt: now, config: candidate.config, change: candidate.change,
                projection: candidate.projection))
    }

    /// Records `observations` against the last iteration, recalibrates and decides.
    ///
    /// The calibration factor becomes observed ÷ the estimator's raw figure for the
    /// iteration's config (observed = the mean over every host's observations of it).
    /// The decision: observed shorter than ``minimumObservationSeconds`` → keep; at the
    /// busiest host's rate the capacity model breaks a constraint → roll back (keep, for
    /// iteration 0 and a rolled-back config: `next` then proposes a repair); observed more than ``tolerance`` above the projection → keep (observe
    /// another period under the recalibrated model); otherwise → go on.
    ///
    /// - Throws: ``AuditLintError/invalidFile(_:line:column:problem:)`` naming `journalPath`
    ///   when the journal is inconsistent; ``AuditLintError/invalidInput(_:)`` when nothing
    ///   was observed.
    public static func review(
        _ journal: inout TuningJournal, observations: [TuningObservation],
        journalPath: String
    ) throws -> TuningReview {
        try journal.checkConsistency(path: journalPath)
        guard !observations.isEmpty else {
            throw AuditLintError.invalidInput("nothing observed: give a trail directory or --trail")
        }
        var iteration = journal.iterations[journal.iterations.count - 1]
        iteration.observations += observations
        let all = iteration.observations
        // Per host: the latest observation; the fleet figure is the mean of the hosts.
        var perHost: [String: TuningObservation] = [:]
        for observation in all { perHost[observation.host] = observation }
        let rates = perHost.values.map(\.bytesPerDay)
        let observed = rates.reduce(0, +) / Double(rates.count)
        let busiest = rates.max() ?? observed
        let projected = iteration.projection.bytesPerDay
        // Both figures are kept within the ranges the journal accepts when it is read back (a
        // projection of 0 or of a few bytes made them infinite or huge: the review then could
        // not be written, or wrote a journal the next command refused as damaged).
        let error =
            projected > 0
            ? min(observed / projected - 1, TuningJournal.maximumRate) : (observed > 0 ? TuningJournal.maximumRate : 0)
        let factorBefore = journal.calibrationFactor
        let raw = iteration.projection.rawBytesPerDay
        let factorAfter =
            raw > 0 && observed > 0
            ? min(max(observed / raw, 1 / TuningJournal.maximumFactor), TuningJournal.maximumFactor) : factorBefore
        let model = TuningModel(journal: journal)
        let atObserved = try model.evaluate(iteration.config, bytesPerDay: busiest).projection
        let broken = model.brokenConstraints(atObserved)
        let shortest = perHost.values.map(\.spanSeconds).min() ?? 0
        let percent = TuningReview.formatError(error)
        var reasons = [
            "observed \(Quantity.formatSize(rounding: observed))/day per host (\(perHost.count) host\(perHost.count == 1 ? "" : "s")) against \(Quantity.formatSize(rounding: projected))/day projected: \(percent)",
            "the volume model is recalibrated by ×\(String(format: "%.2f", factorAfter)) (was ×\(String(format: "%.2f", factorBefore)))",
        ]
        let decision: TuningReview.Decision
        if shortest < minimumObservationSeconds {
            decision = .keep
            reasons.append(
                "observed for only \(Quantity.formatDuration(shortest)); observe at least \(Quantity.formatDuration(minimumObservationSeconds)) (better a full week) before judging"
            )
        } else if !broken.isEmpty {
            // Iteration 0 and a rolled-back config have nothing better to go back to.
            let canRollBack = iteration.number > 0 && iteration.change?.kind != .rollBack
            decision = canRollBack ? .rollBack : .keep
            reasons.append(
                "at the busiest host's \(Quantity.formatSize(rounding: busiest))/day the capacity model breaks the \(broken.joined(separator: " and ")) (history \(Quantity.formatDuration(atObserved.historyDays * 86_400)), peak \(Quantity.formatSize(atObserved.peakAuditBytes)))"
                    + (canRollBack
                        ? "; go back to iteration \(iteration.number - 1)'s configuration"
                        : "; tune next proposes a repair"))
        } else if error > tolerance {
            decision = .keep
            reasons.append(
                "more than \(Int(tolerance * 100))% above the projection, but within the constraints: keep this configuration for another period before adding more"
            )
        } else {
            decision = .goOn
            reasons.append(
                error < -tolerance
                    ? "well below the projection (on the safe side): go on with tune next"
                    : "within ±\(Int(tolerance * 100))% of the projection: go on with tune next")
        }
        let review = TuningReview(
            observedBytesPerDay: observed, maxHostBytesPerDay: busiest, projectedBytesPerDay: projected, error: error,
            factorBefore: factorBefore, factorAfter: factorAfter, historyDaysAtObserved: atObserved.historyDays,
            verdictAtObserved: atObserved.verdict, decision: decision, reasons: reasons)
        iteration.review = review
        journal.iterations[journal.iterations.count - 1] = iteration
        if decision == .rollBack {
            // The rolled-back config becomes the base again: a copy of the previous one.
            let previous = journal.iterations[iteration.number - 1]
            let reprojected = try TuningModel(journal: journal).evaluate(previous.config).projection
            journal.iterations.append(
                TuningIteration(
                    number: iteration.number + 1,
                    recordedAt: observations.map(\.recordedAt).max() ?? iteration.recordedAt,
                    config: previous.config,
                    change: iteration.change.map { $0.reversed(summary: "roll back: \($0.summary)") }
                        ?? TuningChange(
                            kind: .rollBack, key: "flags", from: nil, to: "", element: nil,
                            summary: "roll back: iteration \(iteration.number)"),
                    projection: reprojected, observations: [], review: nil))
        }
        return review
    }

    /// How long to run a configuration before reviewing it: a full weekly cycle, longer
    /// (up to 14 days) when that is needed for 2 rotations.
    public static func reviewAfterDays(_ projection: TuningProjection) -> Int {
        let rotations =
            projection.rotationsPerDay > 0 ? Int(saturating: (2 / projection.rotationsPerDay).rounded(.up)) : 14
        return min(14, max(7, rotations))
    }
}
