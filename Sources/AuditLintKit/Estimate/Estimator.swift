/// A candidate configuration to evaluate against a sample: its masks and the policy
/// bits that change record sizes.
public struct EstimateCandidate: Sendable, Hashable {
    /// A label for output (the config path, or "command line").
    public var label: String
    /// `flags` as written, and parsed.
    public var flagsText: String
    public var flags: AuditFlags
    /// `naflags` as written, and parsed.
    public var naflagsText: String
    public var naflags: AuditFlags
    /// `policy` as written.
    public var policyText: String
    /// Whether the kernel ends up with `argv` (exec_args tokens kept).
    public var argv: Bool
    /// Whether the kernel ends up with `arge` (exec_env tokens kept).
    public var arge: Bool

    public init(label: String, flags: String, naflags: String, policy: String, argv: Bool, arge: Bool, classes: AuditClassTable) {
        self.label = label
        self.flagsText = flags
        self.flags = AuditFlags.parse(flags, classes: classes)
        self.naflagsText = naflags
        self.naflags = AuditFlags.parse(naflags, classes: classes)
        self.policyText = policy
        self.argv = argv
        self.arge = arge
    }

    /// Whether libbsm accepts both masks.
    public var isValid: Bool { flags.isValid && naflags.isValid }
}

/// The projected volume of one candidate over the sample.
public struct CandidateEstimate: Sendable, Hashable {
    /// Records and bytes of one class or event.
    public struct Share: Sendable, Hashable {
        public var records: Int
        public var bytes: Int
    }

    /// One event's share, with its name from the event table.
    public struct EventShare: Sendable, Hashable {
        public var event: UInt16
        public var name: String?
        public var records: Int
        public var bytes: Int
    }

    /// One executable's or path's share.
    public struct TalkerShare: Sendable, Hashable {
        public var kind: String
        public var name: String
        public var records: Int
        public var bytes: Int
    }

    public var candidate: EstimateCandidate
    /// Records the candidate keeps (exact count over the sample).
    public var records: Int
    /// Their bytes, with exec_args/exec_env removed when the policy lacks argv/arge.
    public var bytes: Int
    /// Bytes per day per host, scaled from the sample's span; nil when the span is 0.
    public var bytesPerDay: Double?
    /// True when the candidate has argv/arge but the sample's exec records lack those
    /// tokens, so the real volume is larger.
    public var lowerBound: Bool
    /// Per class (records counted in every class they belong to), by class name.
    public var byClass: [String: Share]
    /// Per event, most bytes first.
    public var byEvent: [EventShare]
    /// Kept bytes per UTC hour of day.
    public var hourlyBytes: [Int]
    /// Top executables and paths by kept bytes (at most `topCount` of each kind).
    public var topTalkers: [TalkerShare]
    /// Why the numbers may mislead (invalid masks, lower bounds).
    public var notes: [String]
}

/// Replays a volume profile through candidate configurations (the kernel's preselection;
/// see `spec/volume-estimation.md`).
public struct Estimator: Sendable {
    /// The event table that maps event numbers to classes.
    public var events: AuditEventTable
    /// The class table (for the per-class breakdown).
    public var classes: AuditClassTable
    /// How many executables and paths to list.
    public var topCount: Int
    /// Per-user always/never masks (audit_user), applied as at login to records of the
    /// users named in `userNames`.
    public var users: AuditUserTable?
    /// Audit user id → login name, for applying `users`.
    public var userNames: [UInt32: String]

    public init(events: AuditEventTable, classes: AuditClassTable, topCount: Int = 10,
                users: AuditUserTable? = nil, userNames: [UInt32: String] = [:]) {
        self.events = events
        self.classes = classes
        self.topCount = topCount
        self.users = users
        self.userNames = userNames
    }

    /// The mask the kernel uses for a bucket: naflags for non-attributable records,
    /// else flags plus the user's always-mask minus their never-mask.
    private func mask(for entry: VolumeProfile.Entry, flags: AuditMask, naflags: AuditMask) -> AuditMask {
        guard let auditUserID = entry.auditUserID else { return naflags }
        guard let name = userNames[auditUserID], let user = users?.user(named: name) else { return flags }
        return flags.adding(user.always).removing(user.never)
    }

    /// The candidate's projected volume over `profile`.
    public func evaluate(_ candidate: EstimateCandidate, on profile: VolumeProfile) -> CandidateEstimate {
        let flagsMask = candidate.flags.mask ?? .none
        let naflagsMask = candidate.naflags.mask ?? .none
        let exMask = classes.lookup("ex")?.mask ?? 0
        var records = 0
        var bytes = 0
        var lowerBound = false
        var byClassRecords: [String: Share] = [:]
        var byEvent: [UInt16: (records: Int, bytes: Int)] = [:]
        var hourly = Array(repeating: 0, count: 24)
        var kept = Set<KeepKey>()
        let breakdownClasses = classes.classes.filter { $0.mask != 0 && $0.mask != .max }

        for entry in profile.entries {
            let eventClass = events.event(number: Int(entry.event))?.classMask ?? 0
            let mask = mask(for: entry, flags: flagsMask, naflags: naflagsMask)
            guard mask.selects(eventClass: eventClass, success: entry.success) else { continue }
            kept.insert(KeepKey(event: entry.event, auditUserID: entry.auditUserID, success: entry.success))
            var entryBytes = entry.bytes
            if !candidate.argv { entryBytes -= entry.execArgsBytes }
            if !candidate.arge { entryBytes -= entry.execEnvBytes }
            let isExec = VolumeProfileBuilder.isExecEvent(entry.event) || eventClass & exMask != 0 && exMask != 0
            if isExec, candidate.argv, entry.recordsWithExecArgs < entry.records { lowerBound = true }
            if isExec, candidate.arge, entry.recordsWithExecEnv < entry.records { lowerBound = true }
            records += entry.records
            bytes += entryBytes
            let scale = entry.bytes > 0 ? Double(entryBytes) / Double(entry.bytes) : 0
            for hour in 0..<24 { hourly[hour] += Int((Double(entry.hourlyBytes[hour]) * scale).rounded()) }
            let current = byEvent[entry.event] ?? (0, 0)
            byEvent[entry.event] = (current.records + entry.records, current.bytes + entryBytes)
            for auditClass in breakdownClasses where auditClass.mask & eventClass != 0 {
                let share = byClassRecords[auditClass.name] ?? Share(records: 0, bytes: 0)
                byClassRecords[auditClass.name] = Share(records: share.records + entry.records, bytes: share.bytes + entryBytes)
            }
        }
        typealias Share = CandidateEstimate.Share

        var talkerTotals: [String: [String: (records: Int, bytes: Int)]] = [:]
        for talker in profile.talkers where kept.contains(KeepKey(event: talker.event, auditUserID: talker.auditUserID, success: talker.success)) {
            let current = talkerTotals[talker.kind, default: [:]][talker.name] ?? (0, 0)
            talkerTotals[talker.kind, default: [:]][talker.name] = (current.records + talker.records, current.bytes + talker.bytes)
        }
        var topTalkers: [CandidateEstimate.TalkerShare] = []
        for kind in talkerTotals.keys.sorted() {
            let ranked = talkerTotals[kind, default: [:]].map {
                CandidateEstimate.TalkerShare(kind: kind, name: $0.key, records: $0.value.records, bytes: $0.value.bytes)
            }.sorted { ($1.bytes, $0.name) < ($0.bytes, $1.name) }
            topTalkers += ranked.prefix(topCount)
        }

        var notes: [String] = []
        if !candidate.flags.isValid {
            notes.append("flags '\(candidate.flagsText)' is rejected by libbsm, so no attributable record is selected")
        }
        if !candidate.naflags.isValid {
            notes.append("naflags '\(candidate.naflagsText)' is rejected by libbsm, so no non-attributable record is selected")
        }
        if lowerBound {
            notes.append("lower bound: the sample's exec records lack the exec_args/exec_env tokens this policy adds; record a sample with policy argv,arge for exact figures")
        }
        let span = profile.spanSeconds
        return CandidateEstimate(
            candidate: candidate,
            records: records,
            bytes: bytes,
            bytesPerDay: span > 0 ? Double(bytes) * 86_400 / span : nil,
            lowerBound: lowerBound,
            byClass: byClassRecords,
            byEvent: byEvent.map { key, value in
                CandidateEstimate.EventShare(event: key, name: events.event(number: Int(key))?.name, records: value.records, bytes: value.bytes)
            }.sorted { ($1.bytes, $0.event) < ($0.bytes, $1.event) },
            hourlyBytes: hourly,
            topTalkers: topTalkers,
            notes: notes
        )
    }

    private struct KeepKey: Hashable {
        var event: UInt16
        var auditUserID: UInt32?
        var success: Bool
    }
}
