/// A candidate configuration to evaluate against a sample: its masks and the policy
/// bits that change record sizes.
public struct EstimateCandidate: Sendable, Hashable {
    /// A label for output (the config path, "command line", "+fr", …).
    public var label: String
    /// `flags`, `naflags` and `policy` as written.
    public var flagsText: String
    public var naflagsText: String
    public var policyText: String
    /// The attributable mask the kernel uses; nil when libbsm rejects `flags` (then no
    /// attributable record is selected).
    public var flagsMask: AuditMask?
    /// The non-attributable mask; nil when libbsm rejects `naflags`.
    public var naflagsMask: AuditMask?
    /// Whether the kernel ends up with `argv` (exec_args tokens kept).
    public var argv: Bool
    /// Whether the kernel ends up with `arge` (exec_env tokens kept).
    public var arge: Bool
    /// Why the candidate may not do what its text says (rejected masks, a policy the
    /// kernel refuses).
    public var problems: [String]
    /// Whether libbsm accepts `flags` and `naflags` as written.
    public var isValid: Bool

    /// A candidate from its parts: the masks parsed from `flags` and `naflags` against
    /// `classes`, and `argv`/`arge` as given.
    public init(
        label: String, flags: String, naflags: String, policy: String, argv: Bool, arge: Bool, classes: AuditClassTable
    ) {
        let parsedFlags = AuditFlags.parse(flags, classes: classes)
        let parsedNaflags = AuditFlags.parse(naflags, classes: classes)
        self.init(
            label: label, flagsText: flags, naflagsText: naflags, policyText: policy,
            flagsMask: parsedFlags.isValid ? parsedFlags.mask : nil,
            naflagsMask: parsedNaflags.isValid ? parsedNaflags.mask : nil,
            argv: argv, arge: arge, problems: [])
        if flagsMask == nil {
            problems.append("flags '\(flags)' is rejected by libbsm, so no attributable record is selected")
        }
        if naflagsMask == nil {
            problems.append("naflags '\(naflags)' is rejected by libbsm, so no non-attributable record is selected")
        }
    }

    /// A candidate with every field given.
    public init(
        label: String, flagsText: String, naflagsText: String, policyText: String,
        flagsMask: AuditMask?, naflagsMask: AuditMask?, argv: Bool, arge: Bool, problems: [String]
    ) {
        self.label = label
        self.flagsText = flagsText
        self.naflagsText = naflagsText
        self.policyText = policyText
        self.flagsMask = flagsMask
        self.naflagsMask = naflagsMask
        self.argv = argv
        self.arge = arge
        self.problems = problems
        isValid = flagsMask != nil && naflagsMask != nil
    }

    /// The candidate an audit_control file puts in force, optionally with some values
    /// replaced (`flags`, `naflags`, `policy` as they would be written in the file).
    ///
    /// The masks and policy are what libbsm and the kernel end up with: a missing or
    /// rejected `naflags` leaves the kernel's 0; a rejected `flags` selects nothing
    /// attributable; a missing or rejected `policy` falls back to `cnt` (no argv, no arge).
    public init(
        label: String, control: AuditControl?, flags: String? = nil, naflags: String? = nil,
        policy: String? = nil, classes: AuditClassTable, dialect: Dialect
    ) {
        func setting(_ key: String, _ value: String?) -> AuditControl? {
            guard let value else { return control }
            return AuditControl.parse(
                SourceText(path: "--\(key)", text: "\(key):\(value)\n"), dialect: dialect, classes: classes)
        }
        let flagsSource = setting("flags", flags)
        let naflagsSource = setting("naflags", naflags)
        let policySource = setting("policy", policy)
        var problems: [String] = []
        let flagsSetting = flagsSource?.flags
        let naflagsSetting = naflagsSource?.naflags
        let flagsMask = flagsSetting?.effectiveMask
        if flagsSetting?.isPresent != true {
            problems.append("no flags: no attributable record is selected")
        } else if flagsMask == nil {
            problems.append(
                "flags '\(flagsSetting?.written ?? "")' is rejected by libbsm, so no attributable record is selected")
        }
        if naflagsSetting?.isPresent == true, naflagsSetting?.mask == nil {
            problems.append(
                "naflags '\(naflagsSetting?.written ?? "")' is rejected by libbsm: the kernel keeps naflags 0")
        }
        let policySetting = policySource?.policy
        let effective = policySetting?.effective ?? .cnt
        if let explanation = policySetting?.explanation {
            problems.append("policy: \(explanation)")
        } else if policySetting?.isPresent != true {
            problems.append("no policy: the kernel keeps cnt (no argv, no arge)")
        }
        self.init(
            label: label, flagsText: flagsSetting?.written ?? "", naflagsText: naflagsSetting?.written ?? "",
            policyText: policySetting?.written ?? "", flagsMask: flagsMask,
            naflagsMask: naflagsSetting?.effectiveMask ?? AuditMask.none,
            argv: effective.contains(.argv), arge: effective.contains(.arge), problems: problems)
        // A rejected naflags selects nothing (the kernel keeps 0), but the file is still wrong.
        isValid = flagsMask != nil && !(naflagsSetting?.isPresent == true && naflagsSetting?.mask == nil)
    }

    /// This candidate with `class` added to its flags (success and failure), labelled `+class`.
    public func adding(class name: String, classes: AuditClassTable) -> EstimateCandidate? {
        guard let added = classes.lookup(name), let mask = flagsMask else { return nil }
        var copy = self
        copy.label = "+\(name)"
        copy.flagsText = flagsText.isEmpty ? name : "\(flagsText),\(name)"
        copy.flagsMask = mask.adding(AuditMask(success: added.mask, failure: added.mask))
        return copy
    }
}

/// The projected volume of one candidate over the sample.
public struct CandidateEstimate: Sendable, Hashable {
    /// Records and bytes of one class or event.
    public struct Share: Sendable, Hashable {
        public var records: Int
        public var bytes: Int

        /// Adds `records` and `bytes` (saturating: counts come from files).
        mutating func add(records: Int, bytes: Int) {
            self.records = self.records.addingSaturating(records)
            self.bytes = self.bytes.addingSaturating(bytes)
        }
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
    /// Bytes per day per host, scaled from the sample's span; nil when the span is 0 (or so
    /// short that the figure is not a finite number).
    public var bytesPerDay: Double?
    /// True when the real volume may be larger: the candidate has argv/arge but the
    /// sample's exec records lack those tokens, or it selects classes the sample holds no
    /// record of that may not be truly absent (``unsampled``).
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
    /// The classes the candidate selects that the sample cannot tell about.
    public var unsampled: UnsampledClasses = UnsampledClasses()
    /// The sample's recorded `flags` and `naflags` (``VolumeProfile/recordedFlags``) as
    /// flags values named with the estimator's class table; nil when unknown.
    public var sampleFlags: String? = nil
    public var sampleNaflags: String? = nil
}

/// Replays a volume profile through candidate configurations (the kernel's
/// preselection).
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

    public init(
        events: AuditEventTable, classes: AuditClassTable, topCount: Int = 10,
        users: AuditUserTable? = nil, userNames: [UInt32: String] = [:]
    ) {
        self.events = events
        self.classes = classes
        self.topCount = topCount
        self.users = users
        self.userNames = userNames
    }

    /// Why `users` cannot apply: it has entries but no audit user id is mapped to a name.
    public var unappliedUsersNote: String? {
        guard let users, !users.users.isEmpty, userNames.isEmpty else { return nil }
        return
            "audit_user has \(users.users.count) entr\(users.users.count == 1 ? "y" : "ies"); give --user-map to apply them"
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
        let flagsMask = candidate.flagsMask ?? .none
        let naflagsMask = candidate.naflagsMask ?? .none
        let exMask = classes.lookup("ex")?.mask ?? 0
        var records = 0
        var bytes = 0
        var lowerBound = false
        var byClassRecords: [String: Share] = [:]
        var byEvent: [UInt16: (records: Int, bytes: Int)] = [:]
        var hourly = Array(repeating: 0, count: 24)
        var kept = IntegerIndex()
        let breakdownClasses = classes.classes.filter { $0.mask != 0 && $0.mask != .max }

        for entry in profile.entries {
            let eventClass = events.event(number: Int(entry.event))?.classMask ?? 0
            let mask = mask(for: entry, flags: flagsMask, naflags: naflagsMask)
            guard mask.selects(eventClass: eventClass, success: entry.success) else { continue }
            kept[Self.keepKey(event: entry.event, auditUserID: entry.auditUserID, success: entry.success)] = 0
            // Counts come from files: every sum saturates rather than trapping (a profile's
            // reader refuses out-of-range counts, but the estimator never relies on it).
            var entryBytes = entry.bytes
            if !candidate.argv { entryBytes = entryBytes.subtractingSaturating(entry.execArgsBytes) }
            if !candidate.arge { entryBytes = entryBytes.subtractingSaturating(entry.execEnvBytes) }
            let isExec = VolumeProfileBuilder.isExecEvent(entry.event) || eventClass & exMask != 0 && exMask != 0
            if isExec, candidate.argv, entry.recordsWithExecArgs < entry.records { lowerBound = true }
            if isExec, candidate.arge, entry.recordsWithExecEnv < entry.records { lowerBound = true }
            records = records.addingSaturating(entry.records)
            bytes = bytes.addingSaturating(entryBytes)
            let scale = entry.bytes > 0 ? Double(entryBytes) / Double(entry.bytes) : 0
            for (hour, hourBytes) in entry.hourlyBytes.prefix(24).enumerated() {
                hourly[hour] = hourly[hour].addingSaturating(Int(saturating: (Double(hourBytes) * scale).rounded()))
            }
            let current = byEvent[entry.event] ?? (0, 0)
            byEvent[entry.event] = (
                current.records.addingSaturating(entry.records), current.bytes.addingSaturating(entryBytes)
            )
            for auditClass in breakdownClasses where auditClass.mask & eventClass != 0 {
                byClassRecords[auditClass.name, default: Share(records: 0, bytes: 0)].add(
                    records: entry.records, bytes: entryBytes)
            }
        }
        typealias Share = CandidateEstimate.Share

        // Each kind's talkers summed by name over the kept buckets, then the top of each. Names
        // are told apart as strings are (canonically equal spellings are one name), found by
        // the bytes of their composed form (ASCII is its own), which costs far less than
        // hashing strings. A name is spelled as the first of its spellings in the profile's
        // order: whatever order the profile holds its talkers in, the estimate is the same.
        var kinds: [(kind: String, names: PathInterner, shares: [(first: Int, share: Share)])] = []
        for (index, talker) in profile.talkers.enumerated()
        where kept[Self.keepKey(event: talker.event, auditUserID: talker.auditUserID, success: talker.success)] != nil {
            let kind =
                kinds.firstIndex { $0.kind == talker.kind }
                ?? {
                    kinds.append((talker.kind, PathInterner(), []))
                    return kinds.count - 1
                }()
            // Canonical composition (NFC): strings equal as Swift compares them have the same bytes.
            var name =
                talker.name.utf8.allSatisfy { $0 < 0x80 }
                ? talker.name : talker.name.precomposedStringWithCanonicalMapping
            let id = Int(name.withUTF8 { kinds[kind].names.id(UnsafeRawBufferPointer($0), limit: .max) })
            if id == kinds[kind].shares.count {
                kinds[kind].shares.append((index, Share(records: 0, bytes: 0)))
            } else if VolumeProfile.talker(index, precedes: kinds[kind].shares[id].first, in: profile.talkers) {
                kinds[kind].shares[id].first = index
            }
            kinds[kind].shares[id].share.add(records: talker.records, bytes: talker.bytes)
        }
        var topTalkers: [CandidateEstimate.TalkerShare] = []
        for (kind, _, shares) in kinds.sorted(by: { $0.kind < $1.kind }) {
            let named = shares.map { (name: profile.talkers[$0.first].name, share: $0.share) }
            topTalkers += named.sortedPrefix(topCount) { ($1.share.bytes, $0.name) < ($0.share.bytes, $1.name) }.map {
                CandidateEstimate.TalkerShare(
                    kind: kind, name: $0.name, records: $0.share.records, bytes: $0.share.bytes)
            }
        }

        var notes = candidate.problems
        if lowerBound {
            notes.append(
                "lower bound: the sample's exec records lack the exec_args/exec_env tokens this policy adds; record a sample with policy argv,arge for exact figures"
            )
        }
        let unsampled = unsampledClasses(candidate, on: profile)
        if let note = unsampled.note { notes.append(note) }
        if !unsampled.isEmpty { lowerBound = true }
        if let unappliedUsersNote { notes.append(unappliedUsersNote) }
        let span = profile.spanSeconds
        let perDay = span > 0 ? Double(bytes) * 86_400 / span : nil
        return CandidateEstimate(
            candidate: candidate,
            records: records,
            bytes: bytes,
            bytesPerDay: perDay.flatMap { $0.isFinite ? $0 : nil },
            lowerBound: lowerBound,
            byClass: byClassRecords,
            byEvent: byEvent.map { key, value in
                CandidateEstimate.EventShare(
                    event: key, name: events.event(number: Int(key))?.name, records: value.records, bytes: value.bytes)
            }.sorted { ($1.bytes, $0.event) < ($0.bytes, $1.event) },
            hourlyBytes: hourly,
            topTalkers: topTalkers,
            notes: notes,
            unsampled: unsampled,
            sampleFlags: profile.recordedFlags.map(classes.flagsText),
            sampleNaflags: profile.recordedNaflags.map(classes.flagsText)
        )
    }

    /// The class halves `candidate` selects that the sample cannot tell about. When the
    /// profile says what it was recorded with, those are the halves with an event (in the
    /// event table) the candidate selects but the recording did not; otherwise, the
    /// halves of which the sample holds no record at all.
    public func unsampledClasses(_ candidate: EstimateCandidate, on profile: VolumeProfile) -> UnsampledClasses {
        // Class bits the sample holds records of, by (attributable, success).
        var seen = [[UInt32]](repeating: [0, 0], count: 2)
        for entry in profile.entries where entry.records > 0 {
            let eventClass = events.event(number: Int(entry.event))?.classMask ?? 0
            seen[entry.isAttributable ? 1 : 0][entry.success ? 1 : 0] |= eventClass
        }
        var seenMask = Set<UInt32>()
        let classes = classes.classes.filter { $0.mask != 0 && $0.mask != .max && seenMask.insert($0.mask).inserted }
        let eventMasks = Set(events.events.map(\.classMask))
        func terms(selected: AuditMask?, recorded: AuditMask?, attributable: Bool) -> [String] {
            guard let selected else { return [] }
            return classes.compactMap { auditClass in
                let bits = auditClass.mask
                let halves = [true, false].map { success -> Bool in
                    let chosen = success ? selected.success : selected.failure
                    guard chosen & bits != 0 else { return false }
                    if let recorded {
                        let kept = success ? recorded.success : recorded.failure
                        return eventMasks.contains { $0 & bits != 0 && $0 & chosen != 0 && $0 & kept == 0 }
                    }
                    return seen[attributable ? 1 : 0][success ? 1 : 0] & bits == 0
                }
                switch (halves[0], halves[1]) {
                case (true, true): return auditClass.name
                case (true, false): return "+" + auditClass.name
                case (false, true): return "-" + auditClass.name
                case (false, false): return nil
                }
            }
        }
        return UnsampledClasses(
            flags: terms(selected: candidate.flagsMask, recorded: profile.recordedFlags, attributable: true),
            naflags: terms(selected: candidate.naflagsMask, recorded: profile.recordedNaflags, attributable: false),
            flagsRecordingKnown: profile.recordedFlags != nil, naflagsRecordingKnown: profile.recordedNaflags != nil)
    }

    /// A bucket's event, audit user and outcome packed as a key of an ``IntegerIndex``.
    private static func keepKey(event: UInt16, auditUserID: UInt32?, success: Bool) -> UInt64 {
        UInt64(event) << 34 | (auditUserID == nil ? 0 : 1 << 33) | (success ? 1 << 32 : 0) | UInt64(auditUserID ?? 0)
    }
}

extension CandidateEstimate {
    /// The sample covers the day well enough to replay its hourly profile when it spans at
    /// least this long (23 hours: a day's sample runs from its first to its last record).
    public static let hourlyProfileMinimumSpan: Double = 23 * 3600

    /// The write volume the capacity model replays: this estimate's bytes per day, its mean
    /// record size, and (when the sample covers a day) its bytes per UTC hour as weights;
    /// with the assumptions that takes, in words. Nil when the sample has no span.
    public func writeVolume(spanSeconds: Double) -> (volume: WriteVolume, assumptions: [String])? {
        guard let bytesPerDay, spanSeconds > 0 else { return nil }
        let sampled = WriteVolume.sampled(
            description: candidate.label, records: records, bytes: bytes, bytesPerDay: bytesPerDay,
            hourlyBytes: hourlyBytes, spanSeconds: spanSeconds)
        var assumptions = sampled.assumptions
        if let note = unsampled.note {
            assumptions.append("the volume is a \(note)")
        } else if lowerBound {
            assumptions.append("the volume is a lower bound: the sample's exec records lack tokens this policy adds")
        }
        return (sampled.volume, assumptions)
    }
}

/// The classes a candidate selects that its sample cannot tell about, as flags terms
/// (`fr` both halves, `+pc` success only, `-fw` failure only): classes the sample was not
/// recorded with, or (when what it was recorded with is unknown) of which it holds no record.
public struct UnsampledClasses: Sendable, Hashable {
    /// Terms for attributable records (the candidate's `flags`).
    public var flags: [String] = []
    /// Terms for non-attributable records (the candidate's `naflags`).
    public var naflags: [String] = []
    /// Whether the sample's flags (naflags) are known, so that a class it recorded but
    /// holds no record of counts as truly absent rather than here.
    public var flagsRecordingKnown = false
    public var naflagsRecordingKnown = false

    public init(
        flags: [String] = [], naflags: [String] = [], flagsRecordingKnown: Bool = false,
        naflagsRecordingKnown: Bool = false
    ) {
        self.flags = flags
        self.naflags = naflags
        self.flagsRecordingKnown = flagsRecordingKnown
        self.naflagsRecordingKnown = naflagsRecordingKnown
    }

    /// Whether the sample tells about every class the candidate selects.
    public var isEmpty: Bool { flags.isEmpty && naflags.isEmpty }

    /// `flags fr,+pc and naflags lo`.
    public var summary: String {
        var parts: [String] = []
        if !flags.isEmpty { parts.append("flags \(flags.joined(separator: ","))") }
        if !naflags.isEmpty { parts.append("naflags \(naflags.joined(separator: ","))") }
        return parts.joined(separator: " and ")
    }

    /// The note an estimate carries, or nil when there is nothing to say.
    public var note: String? {
        guard !isEmpty else { return nil }
        let known = (flags.isEmpty || flagsRecordingKnown) && (naflags.isEmpty || naflagsRecordingKnown)
        let why =
            known
            ? "the sample was not recorded with them, so their volume is unknown"
            : "the sample holds no record of them and it is not known whether it was recorded with them (give --sample-flags)"
        return "lower bound: \(summary): \(why); \(SampleRecording.broadSampleAdvice)"
    }
}
