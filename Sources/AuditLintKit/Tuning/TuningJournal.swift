import Foundation

/// The memory of a tuning session (`auditlint-tuning.json`): the constraints, the sample
/// the projections come from, and every iteration with its configuration, projection,
/// observations and review.
///
/// The file is readable, pretty-printed JSON with sorted keys. It is written atomically
/// (``write(to:)``), and ``read(path:)`` refuses a damaged file or one from a newer schema
/// version with a message naming the file and what is wrong.
public struct TuningJournal: Sendable, Codable, Hashable {
    /// The schema version this build writes and reads (2: steps that set two values,
    /// ``TuningChange/further``, and ``TuningProjection/growsWithoutBound``; version 1
    /// journals are read as they are).
    public static let currentSchemaVersion = 2
    /// The `kind` value that marks the file.
    public static let kindName = "auditlint-tuning-journal"
    /// The journal's file name next to the config.
    public static let defaultFileName = "auditlint-tuning.json"

    public var schemaVersion: Int
    public var kind: String
    /// The audit_control the session tunes (its absolute path at `tune init`).
    public var configPath: String
    /// Whose libbsm reads the config (and whose default tables map events to classes).
    public var dialect: Dialect
    /// The audit_class and audit_event found next to the config at `init`; nil means the
    /// dialect's built-in table.
    public var auditClass: String?
    public var auditEvent: String?
    /// What every proposal must respect.
    public var constraints: TuningConstraints
    /// The sample every projection is evaluated on (merged over hosts and files).
    public var profile: VolumeProfile
    /// The iterations, oldest first; iteration 0 is the configuration at `init`.
    public var iterations: [TuningIteration]

    public init(
        configPath: String, dialect: Dialect, auditClass: String? = nil, auditEvent: String? = nil,
        constraints: TuningConstraints, profile: VolumeProfile, iterations: [TuningIteration]
    ) {
        schemaVersion = Self.currentSchemaVersion
        kind = Self.kindName
        self.configPath = configPath
        self.dialect = dialect
        self.auditClass = auditClass
        self.auditEvent = auditEvent
        self.constraints = constraints
        self.profile = profile
        self.iterations = iterations
    }

    /// The factor applied to the estimator's bytes per day: the latest review's
    /// recalibration, or 1 before any review.
    public var calibrationFactor: Double {
        iterations.last { $0.review != nil }?.review?.factorAfter ?? 1
    }

    /// The journal as deterministic, pretty-printed JSON.
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self) + Data("\n".utf8)
    }

    /// Writes the journal atomically (a temporary file renamed over `path`), so a crash
    /// mid-write leaves the previous journal intact.
    ///
    /// - Throws: ``AuditLintError/writeFailed(_:reason:)``.
    public func write(to path: String) throws {
        let data: Data
        do { data = try jsonData() } catch {
            throw AuditLintError.writeFailed(path, reason: "cannot encode the journal: \(error)")
        }
        try AtomicWrite.write(data, to: path)
    }

    private static let remedy = "restore it from a backup or start again with `auditlint tune init`"

    /// Reads a journal written by `auditlint tune` (at most 256 MiB).
    ///
    /// - Throws: ``AuditLintError/fileNotFound(_:)`` when it is missing;
    ///   ``AuditLintError/invalidFile(_:line:column:problem:)`` when it is not a journal, is
    ///   damaged (the line:column of a syntax error, or the JSON path of the bad field is
    ///   named), holds a number out of range, or comes from a newer version.
    public static func read(path: String) throws -> TuningJournal {
        try decode(Data(InputFile.read(path, limit: 256 << 20)), path: path)
    }

    /// Decodes and validates a journal's bytes; `path` names the file in errors.
    public static func decode(_ data: Data, path: String) throws -> TuningJournal {
        func damaged(_ problem: String) -> AuditLintError {
            .invalidFile(path, line: nil, column: nil, problem: problem)
        }
        let bytes = Array(data)
        let document = try JSONInput.parse(bytes, path: path, what: "tuning journal", remedy: remedy)
        guard case .string(kindName)? = document["kind"] else {
            throw damaged(
                "not an auditlint tuning journal (its \"kind\" is not \"\(kindName)\"); name the journal with --journal or start one with `auditlint tune init`"
            )
        }
        guard let versionValue = document["schemaVersion"] else {
            throw damaged("damaged tuning journal: \"schemaVersion\" is missing; \(remedy)")
        }
        if case .integer(let version) = versionValue, version > currentSchemaVersion {
            throw damaged(
                "tuning journal schema version \(version) is newer than this auditlint reads (\(currentSchemaVersion)); upgrade auditlint"
            )
        }
        let journal = try JSONInput.decode(
            TuningJournal.self, from: bytes, path: path, what: "tuning journal", remedy: remedy)
        try journal.checkConsistency(path: path)
        return journal
    }

    /// Refuses a journal whose fields are out of range or whose iterations are inconsistent
    /// (none, misnumbered, a config that does not match its hash).
    ///
    /// - Throws: ``AuditLintError/invalidFile(_:line:column:problem:)`` naming `path` (the
    ///   journal file) and the bad field.
    public func checkConsistency(path: String) throws {
        if let problem = consistencyProblem {
            throw AuditLintError.invalidFile(
                path, line: nil, column: nil, problem: "damaged tuning journal: \(problem); \(Self.remedy)")
        }
    }

    /// The largest size or byte count a journal may hold (1 EiB).
    static let maximumBytes: Int64 = 1 << 60
    /// The largest rate, in bytes per day (about 1 EiB a day).
    static let maximumRate = 1e18
    /// The largest calibration factor.
    static let maximumFactor = 1e6
    /// Times a journal may record (seconds since the epoch, up to the year 9999).
    static let timeRange: ClosedRange<Int64> = 0...253_402_300_799
    /// Retention and horizon: at most 100 years.
    static let maximumSeconds = 100 * 366 * 86_400.0

    /// What makes a decoded journal unusable (a field out of range, inconsistent
    /// iterations), naming the field, or nil.
    var consistencyProblem: String? {
        let ranges = FieldRanges()
        if let problem = profile.rangeProblem(FieldRanges(prefix: "profile.")) { return problem }
        if let problem = ranges.check(schemaVersion, in: 1...Self.currentSchemaVersion, "schemaVersion") {
            return problem
        }
        let c = constraints
        let bytes = 0...Self.maximumBytes
        let checks: [String?] = [
            ranges.check(c.diskSize, in: 1...Self.maximumBytes, "constraints.diskSize"),
            ranges.check(c.diskFree, in: 0...max(c.diskSize, 0), "constraints.diskFree"),
            ranges.check(
                c.otherGrowthPerDay, in: -Self.maximumBytes...Self.maximumBytes, "constraints.otherGrowthPerDay"),
            ranges.check(c.blockSize, in: 1...(1 << 30), "constraints.blockSize"),
            ranges.check(c.retentionSeconds, in: 1...Self.maximumSeconds, "constraints.retentionSeconds"),
            ranges.check(c.budgetBytes, in: 1...max(c.diskSize, 1), "constraints.budgetBytes"),
            ranges.check(c.horizonSeconds, in: 1...Self.maximumSeconds, "constraints.horizonSeconds"),
            ranges.check(c.startEpoch, in: Self.timeRange, "constraints.startEpoch"),
        ]
        if let problem = checks.lazy.compactMap({ $0 }).first { return problem }
        if iterations.isEmpty { return "it has no iteration (iteration 0 is written by `tune init`)" }
        let rate = 0...Self.maximumRate
        for (index, iteration) in iterations.enumerated() {
            let field = "iterations[\(index)]."
            if iteration.number != index { return "iterations[\(index)] is numbered \(iteration.number)" }
            if iteration.configHash != Self.hash(iteration.config) {
                return "iterations[\(index)].configHash does not match its config text"
            }
            let p = iteration.projection
            let checks: [String?] = [
                ranges.check(iteration.recordedAt, in: Self.timeRange, field + "recordedAt"),
                ranges.check(p.bytesPerDay, in: rate, field + "projection.bytesPerDay"),
                ranges.check(p.rawBytesPerDay, in: rate, field + "projection.rawBytesPerDay"),
                ranges.check(
                    p.calibrationFactor, in: 1 / Self.maximumFactor...Self.maximumFactor,
                    field + "projection.calibrationFactor"),
                ranges.check(p.historyDays, in: 0...Self.maximumSeconds, field + "projection.historyDays"),
                ranges.check(p.peakAuditBytes, in: bytes, field + "projection.peakAuditBytes"),
                ranges.check(p.rotationsPerDay, in: 0...Self.maximumRate, field + "projection.rotationsPerDay"),
            ]
            if let problem = checks.lazy.compactMap({ $0 }).first { return problem }
            for (number, observation) in iteration.observations.enumerated() {
                let field = field + "observations[\(number)]."
                let checks: [String?] = [
                    ranges.check(observation.files, in: 0...Int(Int32.max), field + "files"),
                    ranges.check(observation.bytes, in: bytes, field + "bytes"),
                    ranges.check(
                        observation.spanSeconds, in: 0...VolumeProfile.spanRange.upperBound, field + "spanSeconds"),
                    ranges.check(observation.bytesPerDay, in: rate, field + "bytesPerDay"),
                    ranges.check(observation.recordedAt, in: Self.timeRange, field + "recordedAt"),
                ]
                if let problem = checks.lazy.compactMap({ $0 }).first { return problem }
            }
            if let review = iteration.review {
                let field = field + "review."
                let factor = 1 / Self.maximumFactor...Self.maximumFactor
                let checks: [String?] = [
                    ranges.check(review.observedBytesPerDay, in: rate, field + "observedBytesPerDay"),
                    ranges.check(review.maxHostBytesPerDay, in: rate, field + "maxHostBytesPerDay"),
                    ranges.check(review.projectedBytesPerDay, in: rate, field + "projectedBytesPerDay"),
                    ranges.check(review.error, in: -1...Self.maximumRate, field + "error"),
                    ranges.check(review.factorBefore, in: factor, field + "factorBefore"),
                    ranges.check(review.factorAfter, in: factor, field + "factorAfter"),
                    ranges.check(
                        review.historyDaysAtObserved, in: 0...Self.maximumSeconds, field + "historyDaysAtObserved"),
                ]
                if let problem = checks.lazy.compactMap({ $0 }).first { return problem }
            }
        }
        return nil
    }

    /// The hash recorded with each config text: FNV-1a 64 of its bytes, as `fnv1a64:<hex>`.
    /// It detects changes; it is not a security hash.
    public static func hash(_ text: String) -> String {
        var value: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            value ^= UInt64(byte)
            value = value &* 0x0000_0100_0000_01b3
        }
        let hex = String(value, radix: 16)
        return "fnv1a64:" + String(repeating: "0", count: 16 - hex.count) + hex
    }
}

/// What every proposal must respect: the disk, the retention and the audit budget.
public struct TuningConstraints: Sendable, Codable, Hashable {
    /// Size of the filesystem holding the trails, in bytes.
    public var diskSize: Int64
    /// Free bytes on it at the start.
    public var diskFree: Int64
    /// Non-audit bytes added per day (may be negative).
    public var otherGrowthPerDay: Int64
    /// Filesystem block size.
    public var blockSize: Int64
    /// History the trails must keep, in seconds.
    public var retentionSeconds: Double
    /// The audit budget as written (`5%`, `20G`).
    public var budget: String
    /// The budget in bytes on this disk.
    public var budgetBytes: Int64
    /// The compliance profile whose requirements count as gain (`cis-l2`, `stig`, …).
    public var complianceProfile: String?
    /// Simulated time for each projection (at least twice the retention).
    public var horizonSeconds: Double
    /// UTC time of t = 0 for the simulations (fixed at `init`, so projections are reproducible).
    public var startEpoch: Int64

    public init(
        diskSize: Int64, diskFree: Int64, otherGrowthPerDay: Int64 = 0, blockSize: Int64 = 4096,
        retentionSeconds: Double, budget: String, budgetBytes: Int64, complianceProfile: String? = nil,
        horizonSeconds: Double? = nil, startEpoch: Int64
    ) {
        self.diskSize = diskSize
        self.diskFree = diskFree
        self.otherGrowthPerDay = otherGrowthPerDay
        self.blockSize = blockSize
        self.retentionSeconds = retentionSeconds
        self.budget = budget
        self.budgetBytes = budgetBytes
        self.complianceProfile = complianceProfile
        self.horizonSeconds = horizonSeconds ?? Self.defaultHorizon(retentionSeconds: retentionSeconds)
        self.startEpoch = startEpoch
    }

    /// 90 days, or twice the retention when that is longer (history can only be checked
    /// once the simulated time exceeds the retention).
    public static func defaultHorizon(retentionSeconds: Double) -> Double {
        max(90 * 86_400, 2 * retentionSeconds)
    }
}

/// One iteration: a configuration, why it changed, what was projected, what was observed.
public struct TuningIteration: Sendable, Codable, Hashable {
    /// 0 for the configuration at `init`, then 1, 2, …
    public var number: Int
    /// When the iteration was recorded (seconds since the epoch, UTC).
    public var recordedAt: Int64
    /// The whole audit_control text.
    public var config: String
    /// ``TuningJournal/hash(_:)`` of `config`.
    public var configHash: String
    /// The change from the previous iteration; nil for iteration 0.
    public var change: TuningChange?
    /// The projection for `config` when it was recorded.
    public var projection: TuningProjection
    /// What was measured after deploying it, one entry per host and review.
    public var observations: [TuningObservation]
    /// The latest review's conclusion; nil until reviewed.
    public var review: TuningReview?

    public init(
        number: Int, recordedAt: Int64, config: String, change: TuningChange?, projection: TuningProjection,
        observations: [TuningObservation] = [], review: TuningReview? = nil
    ) {
        self.number = number
        self.recordedAt = recordedAt
        self.config = config
        self.configHash = TuningJournal.hash(config)
        self.change = change
        self.projection = projection
        self.observations = observations
        self.review = review
    }
}

/// A change to one audit_control value.
public struct TuningChange: Sendable, Codable, Hashable {
    /// What kind of step it is.
    public enum Kind: String, Sendable, Codable, Hashable, CaseIterable {
        /// A class added to `flags` (`nt`, `+nt`, `-nt`).
        case addClass = "add-class"
        /// A class half removed from `flags` (`^-fa`).
        case exclude
        /// `argv` added to `policy`.
        case addArgv = "add-argv"
        /// A new `filesz`.
        case filesz
        /// A new `expire-after`.
        case expireAfter = "expire-after"
        /// `filesz` and `expire-after` set together: a file that never rotated gets rotation
        /// and expiry in one step (either alone changes nothing auditd deletes). The
        /// `expire-after` edit is in ``TuningChange/further``.
        case rotation
        /// Back to the previous configuration after a review.
        case rollBack = "roll-back"
    }

    public var kind: Kind
    /// The audit_control key changed (`flags`, `policy`, `filesz`, `expire-after`).
    public var key: String
    /// The value before (nil when the key was missing) and after.
    public var from: String?
    public var to: String
    /// The element added, for flags and policy steps (`-fr`, `^-fa`, `argv`).
    public var element: String?
    /// One line for people: "add -fr to flags (failed file reads)".
    public var summary: String
    /// Further values the same step sets, in order (`expire-after` with a ``Kind/rotation``
    /// step's `filesz`); nil for a one-value step and in journals written before steps had them.
    public var further: [Edit]?

    /// One more value a step sets.
    public struct Edit: Sendable, Codable, Hashable {
        /// The audit_control key.
        public var key: String
        /// The value before (nil when the key was missing) and after.
        public var from: String?
        public var to: String

        public init(key: String, from: String?, to: String) {
            self.key = key
            self.from = from
            self.to = to
        }
    }

    public init(
        kind: Kind, key: String, from: String?, to: String, element: String?, summary: String, further: [Edit]? = nil
    ) {
        self.kind = kind
        self.key = key
        self.from = from
        self.to = to
        self.element = element
        self.summary = summary
        self.further = further
    }

    /// Every value the step sets, the first (``key``) first.
    public var edits: [Edit] { [Edit(key: key, from: from, to: to)] + (further ?? []) }

    /// The step undone: each value back to what it was, in the same order.
    func reversed(summary: String) -> TuningChange {
        TuningChange(
            kind: .rollBack, key: key, from: to, to: from ?? "", element: element, summary: summary,
            further: further.map { $0.map { Edit(key: $0.key, from: $0.to, to: $0.from ?? "") } })
    }
}

/// What the model projects for one configuration.
public struct TuningProjection: Sendable, Codable, Hashable {
    /// Audit bytes per day per host: the estimator's figure × the calibration factor.
    public var bytesPerDay: Double
    /// The estimator's figure over the sample, before calibration.
    public var rawBytesPerDay: Double
    /// The calibration factor applied.
    public var calibrationFactor: Double
    /// True when the sample lacks exec_args/exec_env tokens the policy adds (a lower bound).
    public var lowerBound: Bool
    /// History the capacity model keeps on disk at the end of the horizon, in days.
    public var historyDays: Double
    /// The largest footprint of the trail files.
    public var peakAuditBytes: Int64
    /// Rotations per day in the simulation.
    public var rotationsPerDay: Double
    /// The capacity model's outcome (`ok`, `low-space`, `records-dropped`, …).
    public var outcome: CapacityOutcome
    /// The capacity report's verdict against the retention and the budget.
    public var verdict: CapacityVerdict
    /// Why, one sentence per check.
    public var reasons: [String]
    /// True when the trails never stop growing (nothing rotates, or expiry deletes nothing):
    /// given time they pass any budget. Nil otherwise, and in journals written before it.
    public var growsWithoutBound: Bool?

    public init(
        bytesPerDay: Double, rawBytesPerDay: Double, calibrationFactor: Double, lowerBound: Bool,
        historyDays: Double, peakAuditBytes: Int64, rotationsPerDay: Double, outcome: CapacityOutcome,
        verdict: CapacityVerdict, reasons: [String], growsWithoutBound: Bool? = nil
    ) {
        self.bytesPerDay = bytesPerDay
        self.rawBytesPerDay = rawBytesPerDay
        self.calibrationFactor = calibrationFactor
        self.lowerBound = lowerBound
        self.historyDays = historyDays
        self.peakAuditBytes = peakAuditBytes
        self.rotationsPerDay = rotationsPerDay
        self.outcome = outcome
        self.verdict = verdict
        self.reasons = reasons
        self.growsWithoutBound = growsWithoutBound
    }
}

/// Growth measured on one host after deploying an iteration's configuration.
public struct TuningObservation: Sendable, Codable, Hashable {
    /// How the growth was measured.
    public enum Method: String, Sendable, Codable, Hashable {
        /// From trail file names (start/end times) and sizes, without decoding.
        case trailNames = "trail-names"
        /// From decoded trails (record bytes over the records' time span).
        case decoded
    }

    /// The host the trails came from.
    public var host: String
    public var method: Method
    /// Trail files measured.
    public var files: Int
    /// Their bytes.
    public var bytes: Int64
    /// The time they cover, in seconds.
    public var spanSeconds: Double
    /// bytes × 86 400 / span.
    public var bytesPerDay: Double
    /// When the observation was recorded.
    public var recordedAt: Int64

    public init(host: String, method: Method, files: Int, bytes: Int64, spanSeconds: Double, recordedAt: Int64) {
        self.host = host
        self.method = method
        self.files = files
        self.bytes = bytes
        self.spanSeconds = spanSeconds
        self.bytesPerDay = spanSeconds > 0 ? Double(bytes) * 86_400 / spanSeconds : 0
        self.recordedAt = recordedAt
    }
}

/// The conclusion of a review: observed against projected, the new calibration, and what to do.
public struct TuningReview: Sendable, Codable, Hashable {
    /// What to do next.
    public enum Decision: String, Sendable, Codable, Hashable {
        /// Stay on this configuration for another period (observed far above the
        /// projection, or not observed long enough).
        case keep
        /// Go back to the previous configuration: at the observed rate it breaks a constraint.
        case rollBack = "roll-back"
        /// The projection held (or erred on the safe side): take the next step.
        case goOn = "go-on"
    }

    /// Mean bytes per day per host over every observation of the iteration.
    public var observedBytesPerDay: Double
    /// The busiest host's bytes per day.
    public var maxHostBytesPerDay: Double
    /// The iteration's projection (calibrated as it was then).
    public var projectedBytesPerDay: Double
    /// observed / projected − 1 (0.25 = 25 % more than projected); at most
    /// `TuningJournal.maximumRate`, which stands for "unbounded" (something observed against
    /// a projection of nothing).
    public var error: Double
    /// The calibration factor before and after this review.
    public var factorBefore: Double
    public var factorAfter: Double
    /// The capacity model's history and verdict at the busiest host's observed rate.
    public var historyDaysAtObserved: Double
    public var verdictAtObserved: CapacityVerdict
    public var decision: Decision
    /// Why, in sentences.
    public var reasons: [String]

    public init(
        observedBytesPerDay: Double, maxHostBytesPerDay: Double, projectedBytesPerDay: Double, error: Double,
        factorBefore: Double, factorAfter: Double, historyDaysAtObserved: Double,
        verdictAtObserved: CapacityVerdict, decision: Decision, reasons: [String]
    ) {
        self.observedBytesPerDay = observedBytesPerDay
        self.maxHostBytesPerDay = maxHostBytesPerDay
        self.projectedBytesPerDay = projectedBytesPerDay
        self.error = error
        self.factorBefore = factorBefore
        self.factorAfter = factorAfter
        self.historyDaysAtObserved = historyDaysAtObserved
        self.verdictAtObserved = verdictAtObserved
        self.decision = decision
        self.reasons = reasons
    }

    /// The error as a signed percentage, `+∞` when it is unbounded.
    static func formatError(_ error: Double) -> String {
        error.isFinite && error < TuningJournal.maximumRate ? String(format: "%+.0f%%", error * 100) : "+∞"
    }
}
