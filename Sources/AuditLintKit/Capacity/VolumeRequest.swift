/// How the write volume of a capacity question was given, and its resolution: a stated
/// rate, a built-in workload under some flags, or a sample (trails or saved volume
/// profiles) replayed through a configuration's flags, naflags and policy.
///
/// One type for `lint`'s capacity rules and `report`, so the combinations allowed, the
/// defaults and the notes are the same everywhere. Option names in its errors are the
/// command line's (`--rate`, `--workload`, `--trail`, `--volume-profile`, …).
public struct VolumeRequest: Sendable {
    /// A write volume with where it comes from and what was assumed.
    public struct Resolved: Sendable {
        public var volume: WriteVolume
        /// Where the volume comes from, for the report (`--rate 2G/day`, `workload …`).
        public var source: String
        /// The assumptions made, one sentence each.
        public var notes: [String]
        /// The candidate's estimate over the sample (its top talkers among them); nil for a
        /// rate or a workload.
        public var estimate: CandidateEstimate? = nil
    }

    public var rate: ByteRate?
    public var recordSize: ByteSize?
    public var hourlyWeights: HourlyWeights?
    public var workload: Workload?
    /// Flags selecting classes from a workload or a sample (default: the configuration's).
    public var flags: String?
    /// Naflags for a sample (default: the configuration's).
    public var naflags: String?
    /// Policy for a sample's argv/arge records (default: the configuration's).
    public var policy: String?
    /// The sample's trails (files, directories, `-`) and saved volume profiles, by name.
    public var trails: [String]
    public var volumeProfiles: [String]
    /// The sample read from them (set it after ``validate()``, before resolving).
    public var sampleProfile: VolumeProfile?
    /// The sample when it is `eslogger` logs (read from `trails`; set it instead of
    /// `sampleProfile`), and the event set whose volume to take (default: every event type
    /// of the sample).
    public var esSample: ESVolumeProfile?
    public var esEvents: ESEventSet?
    /// The audit_event, audit_user and user map for a sample (default: beside the configuration).
    public var eventsPath: String?
    public var usersPath: String?
    public var userMapPath: String?

    public init(
        rate: ByteRate? = nil, recordSize: ByteSize? = nil, hourlyWeights: HourlyWeights? = nil,
        workload: Workload? = nil,
        flags: String? = nil, naflags: String? = nil, policy: String? = nil, trails: [String] = [],
        volumeProfiles: [String] = [],
        eventsPath: String? = nil, usersPath: String? = nil, userMapPath: String? = nil
    ) {
        self.rate = rate
        self.recordSize = recordSize
        self.hourlyWeights = hourlyWeights
        self.workload = workload
        self.flags = flags
        self.naflags = naflags
        self.policy = policy
        self.trails = trails
        self.volumeProfiles = volumeProfiles
        self.eventsPath = eventsPath
        self.usersPath = usersPath
        self.userMapPath = userMapPath
    }

    /// Whether a sample was named.
    public var isSampled: Bool { !trails.isEmpty || !volumeProfiles.isEmpty }

    /// The sample's source as the options named it (`--trail a --volume-profile p.json`).
    var sampleSource: String {
        (trails.map { "--trail \($0)" } + volumeProfiles.map { "--volume-profile \($0)" }).joined(separator: " ")
    }

    /// The sample read, or an error when it was named but not read.
    func readSample() throws -> VolumeProfile {
        guard let sampleProfile else { throw AuditLintError.invalidInput("the sample (\(sampleSource)) was not read") }
        return sampleProfile
    }

    /// Checks that the volume was given one way, with the options that go with that way
    /// (before the sample is read), and that a sample read spans some time.
    ///
    /// - Throws: ``AuditLintError/invalidInput(_:)`` naming the options at fault.
    public func validate() throws {
        func fail(_ message: String) -> AuditLintError { .invalidInput(message) }
        guard [rate != nil, workload != nil, isSampled].filter({ $0 }).count <= 1 else {
            throw fail("give the volume one way: --trail/--volume-profile, --rate or --workload")
        }
        if !isSampled, naflags != nil || eventsPath != nil || usersPath != nil || userMapPath != nil {
            throw fail("--naflags, --events, --users and --user-map apply to the volume of --trail or --volume-profile")
        }
        if recordSize != nil, rate == nil {
            throw fail(
                workload == nil
                    ? "--record-size goes with --rate; give --rate too (e.g. --rate 2G/day)"
                    : "--record-size goes with --rate; a --workload has its own record sizes")
        }
        if isSampled, hourlyWeights != nil {
            throw fail("--hourly applies to --rate and --workload; a sample measures its own daily cycle")
        }
        if rate != nil, flags != nil {
            throw fail(
                "--flags selects classes from a --workload or a sample; with --rate the rate is already the audit volume"
            )
        }
        if esEvents != nil, esSample == nil, !isSampled || sampleProfile != nil {
            throw fail("--es-events chooses the events of an eslogger sample; give the eslogger log with --trail")
        }
        if esSample != nil {
            let bsmOnly = [
                ("--flags", flags != nil), ("--naflags", naflags != nil), ("--events", eventsPath != nil),
                ("--users", usersPath != nil), ("--user-map", userMapPath != nil),
                ("--volume-profile", !volumeProfiles.isEmpty),
            ].filter(\.1).map(\.0)
            if !bsmOnly.isEmpty {
                throw fail(
                    "\(bsmOnly.joined(separator: ", ")) apply to BSM samples; the sample is an eslogger log: choose its events with --es-events"
                )
            }
        }
        if let esSample, !(esSample.spanSeconds > 0) {
            throw fail(
                "the eslogger sample spans no time (\(esSample.records) messages, all at one time or without a readable time); give a longer log, or --rate"
            )
        }
        if let sampleProfile, !(sampleProfile.spanSeconds > 0) {
            throw Self.spansNoTime(sampleProfile)
        }
    }

    /// The volume as `lint`'s capacity rules assume it for every file (each file's flags,
    /// naflags and policy select from a workload or a sample); nil when none was given.
    public func assumption() throws -> CapacityAssumptions.Volume? {
        try validate()
        if let rate {
            let source = "--rate \(rate)" + (recordSize.map { ", --record-size \($0)" } ?? "")
            return .measured(
                WriteVolume(bytesPerSecond: rate.bytesPerSecond, recordSize: recordSize?.bytes ?? 200), source: source)
        }
        if let workload { return .workload(workload) }
        if isSampled { return .sample(try readSample(), source: sampleSource) }
        return nil
    }

    /// The volume written under `control`'s settings (nil: the stock audit_control's),
    /// with the flags, naflags and policy given here overriding them.
    ///
    /// - Throws: ``AuditLintError/invalidInput(_:)`` when no volume or a bad combination
    ///   was given; the errors of reading the tables beside `control`.
    public func resolve(control: AuditControl?, dialect: Dialect) throws -> Resolved {
        try resolve(control: control, dialect: dialect, setup: nil)
    }

    /// ``resolve(control:dialect:)`` with the sample's tables already loaded: `setup` is
    /// what ``EstimateSetup/load(controlPath:eventsPath:usersPath:userMapPath:dialect:)``
    /// gives for `control`'s path and this request's tables (nil: load them), so that many
    /// samples can be resolved against one configuration.
    public func resolve(control: AuditControl?, dialect: Dialect, setup: EstimateSetup?) throws -> Resolved {
        try validate()
        var notes: [String] = []
        if let rate {
            if recordSize == nil { notes.append("mean record size: 200 bytes (the default with --rate)") }
            let volume = WriteVolume(
                bytesPerSecond: rate.bytesPerSecond, recordSize: recordSize?.bytes ?? 200,
                hourlyWeights: hourlyWeights?.weights)
            return Resolved(volume: volume, source: "--rate \(rate)", notes: notes)
        }
        if let workload {
            // The flags the configuration audits with, as written, when libbsm accepts them.
            let configFlags = control.flatMap { $0.flags.isValid ? $0.flags.written : nil }
            let flagList = flags ?? configFlags ?? Workload.stockFlags
            let selected = workload.volume(flags: flagList)
            notes.append(
                "volume: the built-in \(workload.name) workload (\(workload.summary)) under flags \(flagList): \(Quantity.formatSize(Int64(selected.bytesPerDay.rounded())))/day; see --list-workloads for its sources"
            )
            if flags == nil, configFlags == nil {
                notes.append("flags: \(Workload.stockFlags) (the stock audit_control; give --flags to change)")
            }
            if !selected.unmodelledClasses.isEmpty {
                notes.append(
                    "the workload has no figures for class \(selected.unmodelledClasses.joined(separator: ", ")); it adds nothing"
                )
            }
            let volume = WriteVolume(
                bytesPerDay: selected.bytesPerDay, recordSize: selected.meanRecordSize,
                hourlyWeights: hourlyWeights?.weights ?? workload.hourlyWeights)
            return Resolved(volume: volume, source: "workload \(workload.name), flags \(flagList)", notes: notes)
        }
        guard isSampled else {
            throw AuditLintError.invalidInput(
                "give the write volume with --rate (e.g. --rate 2G/day), --workload (\(Workload.all.map(\.name).joined(separator: ", "))), or --trail/--volume-profile"
            )
        }
        if let esSample {
            let estimate = ESCandidateEstimate(esEvents ?? .sample, on: esSample)
            guard let (volume, assumptions) = estimate.writeVolume(spanSeconds: esSample.spanSeconds) else {
                throw AuditLintError.invalidInput("the eslogger sample spans no time; give a longer log, or --rate")
            }
            notes += assumptions
            if esSample.lostMessages > 0 {
                notes.append(
                    "eslogger lost \(esSample.lostMessages) messages of the sample (gaps in global_seq_num): the volume counts only what it logged"
                )
            }
            if esSample.damagedLines > 0 {
                notes.append("\(esSample.damagedLines) damaged lines of the sample were skipped")
            }
            let events = esEvents.map { "events \($0.label)" } ?? "every event type of the sample"
            return Resolved(
                volume: volume, source: "eslogger log \(trails.joined(separator: " ")), \(events)", notes: notes)
        }
        let setup =
            try setup
            ?? EstimateSetup.load(
                controlPath: control?.path, eventsPath: eventsPath, usersPath: usersPath, userMapPath: userMapPath,
                dialect: dialect)
        let candidate = EstimateCandidate(
            label: "", control: control ?? setup.stockControl, flags: flags, naflags: naflags, policy: policy,
            classes: setup.classes, dialect: dialect)
        return try resolve(candidate: candidate, setup: setup)
    }

    /// The sample's volume replayed through `candidate` (its masks and policy as given), with
    /// the tables of `setup`: the sample branch of ``resolve(control:dialect:)``, for callers
    /// whose candidate comes from elsewhere (a host's recorded settings).
    ///
    /// - Throws: ``AuditLintError/invalidInput(_:)`` when no sample was read or it spans no time.
    public func resolve(candidate: EstimateCandidate, setup: EstimateSetup) throws -> Resolved {
        try validate()
        let sample = try readSample()
        var notes: [String] = []
        var candidate = candidate
        candidate.label =
            "flags \(candidate.flagsText), naflags \(candidate.naflagsText), policy \(candidate.policyText)"
        let estimator = setup.estimator()
        let estimate = estimator.evaluate(candidate, on: sample)
        guard let (volume, assumptions) = estimate.writeVolume(spanSeconds: sample.spanSeconds) else {
            throw Self.spansNoTime(sample)
        }
        notes += assumptions
        notes += candidate.problems
        if let note = estimator.unappliedUsersNote { notes.append(note) }
        notes.append(setup.notes.joined(separator: "; "))
        if sample.damagedBytes > 0 { notes.append("\(sample.damagedBytes) damaged bytes of the sample were skipped") }
        if volumeProfiles.count + (trails.isEmpty ? 0 : 1) > 1 {
            notes.append("the rate is per host: the samples' spans add up, as for profiles of several hosts")
        }
        let sources =
            (trails.isEmpty ? [] : ["trail \(trails.joined(separator: " "))"])
            + (volumeProfiles.isEmpty ? [] : ["profile \(volumeProfiles.joined(separator: " "))"])
        return Resolved(
            volume: volume, source: sources.joined(separator: ", ") + ", \(candidate.label)", notes: notes,
            estimate: estimate)
    }

    /// A sample whose records all carry one header time: no rate can be measured from it.
    static func spansNoTime(_ sample: VolumeProfile) -> AuditLintError {
        .invalidInput(
            "the sample spans no time (\(sample.records) records, all at one header time); give a longer trail, or --rate"
        )
    }
}
