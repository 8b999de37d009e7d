import Foundation

/// Accumulates trail records (or whole profiles) into a ``VolumeProfile``.
///
/// ``add(_:)-(TrailRecordView)`` is the fast path for trails: it reads each record with the
/// decoder's token walk and keys its path by a hash of the bytes, so no token or string is
/// made per record. Memory stays bounded whatever the trail: at most ``talkerLimit``
/// distinct (path, bucket) pairs and ``userLimit`` distinct audit users are kept, later ones
/// counted under `(other)` and ``otherUsersAuditUserID``; past ``bucketLimit`` buckets, a
/// new bucket of an audit user is counted under ``otherUsersAuditUserID`` (so at most
/// ``bucketLimit`` + 4 × 65,536 buckets: each event, outcome and user stand-in).
public struct VolumeProfileBuilder: Sendable {
    /// The most distinct (talker, bucket) pairs kept; later ones are counted under
    /// `(other)` so memory stays bounded whatever the trail.
    public static let talkerLimit = 20_000
    /// The most distinct attributable audit user ids kept apart; records of later users
    /// are counted under ``otherUsersAuditUserID``.
    public static let userLimit = 4096
    /// The most buckets (event, outcome, audit user) kept apart before a new one of an audit
    /// user is counted under ``otherUsersAuditUserID``.
    public static let bucketLimit = 65_536
    /// The audit user id that stands for "every user beyond ``userLimit``" (attributable,
    /// and named by no audit_user entry, so only the global flags apply to it).
    public static let otherUsersAuditUserID: UInt32 = 0xFFFF_FFFE
    /// The name under which talkers beyond ``talkerLimit`` are counted.
    public static let otherTalker = "(other)"

    /// The limits in force (the type's, or smaller ones in tests).
    var userLimit = VolumeProfileBuilder.userLimit
    var talkerLimit = VolumeProfileBuilder.talkerLimit
    var bucketLimit = VolumeProfileBuilder.bucketLimit

    /// The buckets in the order first seen (their counts are in `counts`, not here).
    private var entries: [VolumeProfile.Entry] = []
    /// Each bucket's counts, ``countStride`` a bucket: records, bytes, exec_args bytes,
    /// exec_env bytes, records with exec_args, records with exec_env, then bytes per UTC hour.
    private var counts: [Int] = []
    private static let countStride = 30
    /// Packed (event, outcome, audit user) → index in `entries`, and each entry's packed key.
    private var entryIndex = IntegerIndex()
    private var entryKeys: [UInt64] = []
    /// The attributable audit user ids kept apart (value unused), and in the order first seen.
    private var users = IntegerIndex()
    private var userOrder: [UInt32] = []
    /// The last attributable user seen (already in `users`, or the "other users" id).
    private var lastUser = RecordSummary.unsetAuditUserID
    private var talkers = TalkerTable()
    /// The ordinal of each owner's `(other)` talker (by owner, -1 when unknown).
    private var otherTalkers: [Int32] = []
    public private(set) var records = 0
    public private(set) var bytes = 0
    /// Trail files read.
    public var files = 0
    /// Bytes the decoder had to skip as damaged.
    public var damagedBytes = 0
    /// The earliest and latest header times of the records added one by one: of trail
    /// records as packed ``packedTime(seconds:milliseconds:)`` values (made `Double`s only
    /// at the end: the conversion keeps their order), of summaries (and trail records too
    /// late to pack) as `Double`s.
    private var recordsFirstTime: Double?
    private var recordsLastTime: Double = 0
    /// The hour of the day last found by ``hour(of:)``, and the second its hour starts at.
    private var hourStart: UInt64 = 0
    private var currentHour = 0
    private var packedFirstTime = UInt64.max
    private var packedLastTime: UInt64 = 0
    /// The earliest and latest times of the profiles added whole, and their summed spans.
    private var profilesFirstTime: Double?
    private var profilesLastTime: Double?
    private var mergedSpan: Double = 0
    private var hosts: Set<String> = []
    /// The recording masks common to every profile added whole (nil once one is unknown);
    /// whether any was added; whether records were added one by one (masks unknown).
    private var recordedFlags: AuditMask?
    private var recordedNaflags: AuditMask?
    private var addedProfiles = false
    private var addedRecords = false
    /// The host facts of the profiles added whole.
    private var hostFacts = HostFacts.Merger()
    /// Whether a talker, a user or a bucket was sent to `(other)` (or the other users)
    /// because a limit was reached.
    private var limitedTalkers = false
    private var limitedUsers = false
    private var limitedBuckets = false
    /// For a builder reading a later part of a file (``partSnapshot()``): how many talkers,
    /// buckets and users it started with (the file's builder holds them under the same
    /// ordinals), and whether each was at its limit then.
    private var snapshot:
        (
            talkers: Int, entries: Int, users: Int, talkersFull: Bool, entriesFull: Bool, usersFull: Bool
        )?

    public init() {}

    /// Adds one trail record (a stand-alone file token is ignored).
    @inline(__always)
    public mutating func add(_ record: TrailRecordView) {
        guard let fields = TrailRecordFields(record) else { return }
        add(fields, path: record.bytes)
    }

    /// Adds a record read into `fields`, whose path (if it has one) is at
    /// `fields.pathStart` in `bytes`, the record's own bytes.
    ///
    /// Transparent, as ``count(path:hash:owner:bucketKey:records:bytes:)`` is: marked
    /// `@inline(__always)`, both were still called from the read's closure, and inlined
    /// they save about 2 ms of 64 on a 181 MB trail.
    @_transparent
    private mutating func add(_ fields: TrailRecordFields, path bytes: UnsafeRawBufferPointer) {
        let user = recordUser(fields.optionalAuditUserID)
        var bucketKey = Self.bucketKey(event: fields.event, user: user, success: fields.success)
        let index = bucket(
            key: &bucketKey, size: fields.size, execArgsBytes: fields.execArgsBytes, execEnvBytes: fields.execEnvBytes,
            hour: hour(of: fields.seconds))
        if fields.seconds < 1 << 50 {
            let time = Self.packedTime(seconds: fields.seconds, milliseconds: fields.milliseconds)
            if time != 0 {
                packedFirstTime = min(packedFirstTime, time)
                packedLastTime = max(packedLastTime, time)
            }
        } else {
            note(time: fields.time)
        }
        guard fields.pathLength >= 0 else { return }
        let start = fields.pathStart
        let path = UnsafeRawBufferPointer(rebasing: bytes[start..<(start + fields.pathLength)])
        let executable = fields.execArgsBytes > 0 || Self.isExecEvent(fields.event)
        let owner = TalkerTable.owner(entry: index, executable: executable)
        count(path: path, hash: fields.pathHash, owner: owner, bucketKey: bucketKey, records: 1, bytes: fields.size)
    }

    /// Counts `records` and `bytes` for `owner`'s talker of `path` (which hashes to `hash`;
    /// `bucketKey` is the owner's bucket's): a talker seen before costs one probe of the table
    /// and one comparison of the path; a new talker past ``talkerLimit`` is counted under the
    /// bucket's `(other)`.
    @_transparent
    private mutating func count(
        path: UnsafeRawBufferPointer, hash: UInt64, owner: UInt64, bucketKey: UInt64, records: Int, bytes: Int
    ) {
        let executable = TalkerTable.isExecutable(owner)
        let key = TalkerTable.key(hash, bucketKey: bucketKey, executable: executable)
        if talkers.mayHold(pathHash: hash), let ordinal = talkers.find(key: key, owner: owner, path: path) {
            talkers.add(at: ordinal, records: records, bytes: bytes)
        } else if talkers.count >= talkerLimit || !talkers.hasRoom(forPath: path.count) {
            limitedTalkers = true
            countOther(owner: owner, bucketKey: bucketKey, records: records, bytes: bytes)
        } else {
            // The first talker: room for as many as the limit allows (trails reach it soon).
            if talkers.count == 0 { talkers.reserve(min(talkerLimit + 64, 1 << 16)) }
            talkers.insert(key: key, owner: owner, path: path, pathHash: hash, records: records, bytes: bytes)
        }
    }

    /// Counts `records` and `bytes` under `owner`'s `(other)` talker, whose ordinal is
    /// remembered so that the records of a trail's long tail of paths cost no lookup.
    @inline(__always)
    private mutating func countOther(owner: UInt64, bucketKey: UInt64, records: Int, bytes: Int) {
        let at = Int(truncatingIfNeeded: owner >> 32)
        if at < otherTalkers.count, otherTalkers[at] >= 0 {
            talkers.add(at: Int(otherTalkers[at]), records: records, bytes: bytes)
            return
        }
        let key = TalkerTable.otherKey(bucketKey: bucketKey, executable: TalkerTable.isExecutable(owner))
        let ordinal: Int
        if let found = talkers.findOther(key: key, owner: owner) {
            ordinal = found
            talkers.add(at: ordinal, records: records, bytes: bytes)
        } else {
            ordinal = talkers.insertOther(key: key, owner: owner, records: records, bytes: bytes)
        }
        if at >= otherTalkers.count {
            otherTalkers.append(contentsOf: repeatElement(-1, count: at + 1 - otherTalkers.count))
        }
        otherTalkers[at] = Int32(ordinal)
    }

    /// Counts `records` and `bytes` for `owner`'s talker of the path `name`.
    private mutating func count(name: String, owner: UInt64, records: Int, bytes: Int) {
        var name = name
        let bucketKey = entryKeys[TalkerTable.entry(of: owner)]
        name.withUTF8 { name in
            let path = UnsafeRawBufferPointer(name)
            count(
                path: path, hash: PathInterner.hash(path), owner: owner, bucketKey: bucketKey, records: records,
                bytes: bytes)
        }
    }

    /// Adds one record summary.
    public mutating func add(_ record: RecordSummary) {
        var key = Self.bucketKey(event: record.event, user: recordUser(record.auditUserID), success: record.success)
        let index = bucket(
            key: &key, size: record.size,
            execArgsBytes: record.execArgsBytes, execEnvBytes: record.execEnvBytes, hour: Self.utcHour(record.time))
        note(time: record.time)
        guard let path = record.path else { return }
        let executable = record.execArgsBytes > 0 || Self.isExecEvent(record.event)
        count(
            name: path, owner: TalkerTable.owner(entry: index, executable: executable), records: 1, bytes: record.size)
    }

    /// A bucket's packed key: event, outcome and audit user (kept, or the stand-in).
    @inline(__always)
    private static func bucketKey(event: UInt16, user: UInt32, success: Bool) -> UInt64 {
        UInt64(event) << 33 | (success ? 1 << 32 : 0) | UInt64(user)
    }

    /// Counts a record in its bucket (made when new; `key` becomes the other users' past
    /// ``bucketLimit``); returns the bucket's index.
    @inline(__always)
    private mutating func bucket(key: inout UInt64, size: Int, execArgsBytes: Int, execEnvBytes: Int, hour: Int)
        -> Int
    {
        addedRecords = true
        let index = entry(key: &key)
        counts.withUnsafeMutableBufferPointer { counts in
            let at = index * Self.countStride
            counts[at] += 1
            counts[at + 1] += size
            if execArgsBytes > 0 {
                counts[at + 2] += execArgsBytes
                counts[at + 4] += 1
            }
            if execEnvBytes > 0 {
                counts[at + 3] += execEnvBytes
                counts[at + 5] += 1
            }
            counts[at + 6 + hour] += size
        }
        records += 1
        bytes += size
        return index
    }

    /// The UTC hour of the day of `seconds` since the epoch; the last record's hour is kept
    /// with the seconds it spans, so a trail's records (in time order, mostly) cost a
    /// comparison rather than two divisions.
    @inline(__always)
    private mutating func hour(of seconds: UInt64) -> Int {
        if seconds &- hourStart >= 3600 {
            hourStart = seconds - seconds % 3600
            currentHour = Int((seconds / 3600) % 24)
        }
        return currentHour
    }

    /// A header time (seconds below 2⁵⁰) packed so that integer order is time order, and
    /// so that ``time(packed:)`` gives what ``TrailRecordFields/time`` gives.
    @inline(__always)
    private static func packedTime(seconds: UInt64, milliseconds: UInt64) -> UInt64 {
        seconds << 10 | milliseconds % 1000
    }

    private static func time(packed: UInt64) -> Double {
        Double(packed >> 10) + Double(packed & 1023) / 1000
    }

    /// Notes a record's time (a time of 0 or less is unknown).
    private mutating func note(time: Double) {
        guard time > 0 else { return }
        if let first = recordsFirstTime {
            if time < first { recordsFirstTime = time }
            if time > recordsLastTime { recordsLastTime = time }
        } else {
            recordsFirstTime = time
            recordsLastTime = time
        }
    }

    /// The earliest and latest times of the records added one by one, if any had one.
    private var recordTimes: (first: Double, last: Double)? {
        var times = recordsFirstTime.map { (first: $0, last: recordsLastTime) }
        if packedFirstTime != .max {
            let (first, last) = (Self.time(packed: packedFirstTime), Self.time(packed: packedLastTime))
            times = (min(times?.first ?? first, first), max(times?.last ?? last, last))
        }
        return times
    }

    /// The user a record is counted under: its audit user id kept apart (if there is room,
    /// else ``otherUsersAuditUserID``), or the stand-in when it has none.
    @inline(__always)
    private mutating func recordUser(_ auditUserID: UInt32?) -> UInt32 {
        var user = auditUserID ?? RecordSummary.unsetAuditUserID
        if user != RecordSummary.unsetAuditUserID, user != lastUser {
            user = kept(user: user)
            lastUser = user
        }
        return user
    }

    /// `user`, kept apart from now on if there is room, else ``otherUsersAuditUserID``.
    @inline(__always)
    private mutating func kept(user: UInt32) -> UInt32 {
        guard users[UInt64(user)] == nil else { return user }
        guard users.count < userLimit else {
            limitedUsers = true
            return Self.otherUsersAuditUserID
        }
        users[UInt64(user)] = 0
        userOrder.append(user)
        return user
    }

    /// The index of the bucket with this ``bucketKey(event:user:success:)``, created empty
    /// when new; past ``bucketLimit`` buckets, a new one of an audit user is the other
    /// users' (`key` becomes theirs).
    @inline(__always)
    private mutating func entry(key: inout UInt64) -> Int {
        if let index = entryIndex[key] { return Int(index) }
        return newEntry(key: &key)
    }

    private mutating func newEntry(key: inout UInt64) -> Int {
        var user = UInt32(truncatingIfNeeded: key)
        if entries.count >= bucketLimit, user != RecordSummary.unsetAuditUserID, user != Self.otherUsersAuditUserID {
            limitedBuckets = true
            user = Self.otherUsersAuditUserID
            key = key & ~0xFFFF_FFFF | UInt64(user)
            if let index = entryIndex[key] { return Int(index) }
        }
        // The counts are kept in `counts` (``entry(_:)`` makes the whole entry).
        entries.append(
            VolumeProfile.Entry(
                event: UInt16(truncatingIfNeeded: key >> 33),
                auditUserID: user == RecordSummary.unsetAuditUserID ? nil : user, success: key & (1 << 32) != 0,
                records: 0, bytes: 0, execArgsBytes: 0, execEnvBytes: 0, recordsWithExecArgs: 0, recordsWithExecEnv: 0,
                hourlyBytes: []))
        entryKeys.append(key)
        counts.append(contentsOf: repeatElement(0, count: Self.countStride))
        entryIndex[key] = Int32(entries.count - 1)
        return entries.count - 1
    }

    /// Adds `other`'s counts (``countStride`` of them, a bucket's) to bucket `index`'s,
    /// saturating (profiles come from files).
    private mutating func addCounts(_ other: ArraySlice<Int>, to index: Int) {
        let at = index * Self.countStride
        for (offset, value) in other.enumerated() {
            counts[at + offset] = counts[at + offset].addingSaturating(value)
        }
    }

    /// The bucket `index` with its counts.
    private func entry(_ index: Int) -> VolumeProfile.Entry {
        let at = index * Self.countStride
        var entry = entries[index]
        (entry.records, entry.bytes, entry.execArgsBytes, entry.execEnvBytes) = (
            counts[at], counts[at + 1], counts[at + 2], counts[at + 3]
        )
        (entry.recordsWithExecArgs, entry.recordsWithExecEnv) = (counts[at + 4], counts[at + 5])
        entry.hourlyBytes = Array(counts[(at + 6)..<(at + Self.countStride)])
        return entry
    }

    /// Adds a whole profile (its span adds to this one's).
    public mutating func add(_ profile: VolumeProfile) {
        var indexByEntry: [Int] = []
        for entry in profile.entries {
            var user = entry.auditUserID ?? RecordSummary.unsetAuditUserID
            if user != RecordSummary.unsetAuditUserID, user != Self.otherUsersAuditUserID { user = kept(user: user) }
            var key = Self.bucketKey(event: entry.event, user: user, success: entry.success)
            let index = self.entry(key: &key)
            indexByEntry.append(index)
            // A profile's counts come from a file: sums saturate rather than trap.
            var added = [
                entry.records, entry.bytes, entry.execArgsBytes, entry.execEnvBytes, entry.recordsWithExecArgs,
                entry.recordsWithExecEnv,
            ]
            added += entry.hourlyBytes.prefix(24)
            addCounts(added[...], to: index)
        }
        let bucket = Dictionary(
            profile.entries.enumerated().map {
                (EntryKey(event: $1.event, auditUserID: $1.auditUserID, success: $1.success), indexByEntry[$0])
            },
            uniquingKeysWith: { first, _ in first })
        for talker in profile.talkers {
            guard
                let index = bucket[
                    EntryKey(event: talker.event, auditUserID: talker.auditUserID, success: talker.success)]
            else { continue }
            count(
                name: talker.name, owner: TalkerTable.owner(entry: index, executable: talker.kind == "executable"),
                records: talker.records, bytes: talker.bytes)
        }
        records = records.addingSaturating(profile.records)
        bytes = bytes.addingSaturating(profile.bytes)
        files = files.addingSaturating(profile.files)
        damagedBytes = damagedBytes.addingSaturating(profile.damagedBytes)
        mergedSpan += profile.spanSeconds
        hosts.formUnion(profile.hosts)
        hostFacts.add(profile.host, lastTime: profile.lastTime)
        addRecordingMasks(profile.recordedFlags, profile.recordedNaflags)
        if let first = profile.firstTime { profilesFirstTime = min(profilesFirstTime ?? first, first) }
        if let last = profile.lastTime { profilesLastTime = max(profilesLastTime ?? last, last) }
    }

    /// Keeps the recording masks common to every profile added whole.
    private mutating func addRecordingMasks(_ flags: AuditMask?, _ naflags: AuditMask?) {
        func common(_ known: AuditMask?, _ added: AuditMask?) -> AuditMask? {
            guard let known, let added else { return nil }
            return AuditMask(success: known.success & added.success, failure: known.failure & added.failure)
        }
        recordedFlags = addedProfiles ? common(recordedFlags, flags) : flags
        recordedNaflags = addedProfiles ? common(recordedNaflags, naflags) : naflags
        addedProfiles = true
    }

    /// Adds what `other` read (a later trail file, read by a builder of its own, perhaps on
    /// another thread), as if its records had been added here one by one after this
    /// builder's: its audit users, buckets and talkers are taken in the order it first saw
    /// them and go through this builder's limits in that order.
    ///
    /// So merging per-file builders in file order gives exactly what adding every record to
    /// one builder gives while the limits are not reached (``userLimit`` users,
    /// ``talkerLimit`` talkers, ``bucketLimit`` buckets), and the same profile whatever the
    /// files were read on. Past a limit, a file's records beyond its own first
    /// ``talkerLimit`` talkers are under `(other)` already (and likewise its users and
    /// buckets).
    mutating func merge(_ other: VolumeProfileBuilder) {
        merge(other, shared: (0, 0, 0))
    }

    /// ``merge(_:)``, where `other`'s first `shared` talkers, buckets and users are this
    /// builder's under the same ordinals (`other` is a ``partSnapshot()`` of it): their
    /// counts are added where they are, without a lookup.
    private mutating func merge(_ other: VolumeProfileBuilder, shared: (talkers: Int, entries: Int, users: Int)) {
        var userMap: [UInt32: UInt32] = [:]
        for user in other.userOrder[shared.users...] { userMap[user] = kept(user: user) }
        var entryMap: [Int] = []
        entryMap.reserveCapacity(other.entries.count)
        for (at, entry) in other.entries.enumerated() {
            let index: Int
            if at < shared.entries {
                index = at
            } else {
                let user = entry.auditUserID ?? RecordSummary.unsetAuditUserID
                var key = Self.bucketKey(event: entry.event, user: userMap[user] ?? user, success: entry.success)
                index = self.entry(key: &key)
            }
            entryMap.append(index)
            addCounts(other.counts[(at * Self.countStride)..<((at + 1) * Self.countStride)], to: index)
        }
        for (ordinal, talker) in other.talkers.talkers.enumerated() {
            if ordinal < shared.talkers {
                if talker.records != 0 || talker.bytes != 0 {
                    talkers.add(at: ordinal, records: talker.records, bytes: talker.bytes)
                }
                continue
            }
            let entry = entryMap[TalkerTable.entry(of: talker.owner)]
            let owner = TalkerTable.owner(entry: entry, executable: TalkerTable.isExecutable(talker.owner))
            if talker.isOther {
                countOther(owner: owner, bucketKey: entryKeys[entry], records: talker.records, bytes: talker.bytes)
            } else {
                other.talkers.withPath(of: talker) { path in
                    count(
                        path: path, hash: other.talkers.pathHashes[ordinal], owner: owner, bucketKey: entryKeys[entry],
                        records: talker.records, bytes: talker.bytes)
                }
            }
        }
        records += other.records
        bytes += other.bytes
        files += other.files
        damagedBytes += other.damagedBytes
        if let first = other.recordsFirstTime {
            recordsFirstTime = min(recordsFirstTime ?? first, first)
            recordsLastTime = max(recordsLastTime, other.recordsLastTime)
        }
        packedFirstTime = min(packedFirstTime, other.packedFirstTime)
        packedLastTime = max(packedLastTime, other.packedLastTime)
        addedRecords = addedRecords || other.addedRecords
        if other.addedProfiles { addRecordingMasks(other.recordedFlags, other.recordedNaflags) }
        hostFacts.merge(other.hostFacts)
        mergedSpan += other.mergedSpan
        hosts.formUnion(other.hosts)
        if let first = other.profilesFirstTime { profilesFirstTime = min(profilesFirstTime ?? first, first) }
        if let last = other.profilesLastTime { profilesLastTime = max(profilesLastTime ?? last, last) }
    }

    /// Takes what `other` read, as ``merge(_:)`` does, and leaves `other` empty (with its
    /// limits) and ready to read another file into storage it already has: its tables keep
    /// their sizes, so a file like the last is read without growing them or touching new
    /// memory. With `emptying` false, `other` is left to be emptied (``removeAll()``) by the
    /// thread that reads into it next, so that its tables are written by that thread's
    /// processor only.
    mutating func absorb(_ other: inout VolumeProfileBuilder, emptying: Bool = true) {
        if isEmpty, userLimit == other.userLimit, talkerLimit == other.talkerLimit, bucketLimit == other.bucketLimit {
            swap(&self, &other)
        } else {
            merge(other)
        }
        if emptying { other.removeAll() }
    }

    /// A builder to read a later part of the file this one is reading into, while this one
    /// reads on up to where that part starts: this builder's users, buckets and talkers
    /// under the same ordinals, every count zero, so that ``mergePart(_:)`` adds only what
    /// the part read, as if this builder had read it.
    ///
    /// Its limits are twice this builder's unless this one is at them: the merge sends to
    /// `(other)` what this builder would have, and the part can be merged unless it reaches
    /// its own limits (``mergePart(_:)``).
    func partSnapshot() -> VolumeProfileBuilder {
        var part = VolumeProfileBuilder()
        part.userLimit = users.count >= userLimit ? userLimit : 2 * userLimit
        part.talkerLimit = talkers.count >= talkerLimit ? talkerLimit : 2 * talkerLimit
        part.bucketLimit = entries.count >= bucketLimit ? bucketLimit : 2 * bucketLimit
        (part.entries, part.entryKeys, part.entryIndex) = (entries, entryKeys, entryIndex)
        part.counts = Array(repeating: 0, count: counts.count)
        (part.users, part.userOrder, part.lastUser) = (users, userOrder, lastUser)
        (part.talkers, part.otherTalkers) = (talkers.withCountsZeroed(), otherTalkers)
        part.addedRecords = addedRecords
        part.snapshot = (
            talkers.count, entries.count, users.count, talkers.count >= talkerLimit, entries.count >= bucketLimit,
            users.count >= userLimit
        )
        return part
    }

    /// Adds what `part` read (a ``partSnapshot()`` of this builder, which has since read
    /// on to where the part starts), as if its records had been added here one by one.
    ///
    /// Returns false, adding nothing, when the part cannot say that: it sent a talker (a
    /// user, a bucket) to `(other)` (the other users) at its own limit while this builder,
    /// not at its limit at the snapshot, has added talkers (users, buckets) since, so the
    /// part's `(other)` may hold some of them (the part is then read again into this
    /// builder).
    mutating func mergePart(_ part: VolumeProfileBuilder) -> Bool {
        guard let shared = part.snapshot else { return false }
        let talkersKnown = shared.talkersFull || !part.limitedTalkers || talkers.count == shared.talkers
        let usersKnown = shared.usersFull || !part.limitedUsers || users.count == shared.users
        let bucketsKnown = shared.entriesFull || !part.limitedBuckets || entries.count == shared.entries
        guard talkersKnown, usersKnown, bucketsKnown else { return false }
        merge(part, shared: (shared.talkers, shared.entries, shared.users))
        return true
    }

    /// An empty builder with this one's limits.
    func blank() -> VolumeProfileBuilder {
        var blank = VolumeProfileBuilder()
        (blank.userLimit, blank.talkerLimit, blank.bucketLimit) = (userLimit, talkerLimit, bucketLimit)
        blank.talkerPathBytesLimit = talkerPathBytesLimit
        return blank
    }

    /// Empties the builder, keeping its limits and its storage.
    mutating func removeAll() {
        var emptied = blank()
        swap(&emptied.entries, &entries)
        swap(&emptied.counts, &counts)
        swap(&emptied.entryKeys, &entryKeys)
        swap(&emptied.userOrder, &userOrder)
        swap(&emptied.entryIndex, &entryIndex)
        swap(&emptied.users, &users)
        swap(&emptied.talkers, &talkers)
        emptied.entries.removeAll(keepingCapacity: true)
        emptied.counts.removeAll(keepingCapacity: true)
        emptied.entryKeys.removeAll(keepingCapacity: true)
        emptied.userOrder.removeAll(keepingCapacity: true)
        emptied.entryIndex.removeAll()
        emptied.users.removeAll()
        emptied.talkers.removeAll()
        self = emptied
    }

    /// The most bytes of paths the talkers hold, the `(other)` name's with them
    /// (``TalkerTable/arenaLimit``): past it, new talkers go to `(other)` as past
    /// ``talkerLimit``.
    var talkerPathBytesLimit: Int {
        get { talkers.arenaLimit }
        set { talkers.arenaLimit = newValue }
    }

    /// Whether nothing was added yet.
    private var isEmpty: Bool {
        !addedRecords && !addedProfiles && files == 0 && damagedBytes == 0 && entries.isEmpty && users.count == 0
            && talkers.count == 0 && hosts.isEmpty
    }

    private struct EntryKey: Hashable {
        var event: UInt16
        var auditUserID: UInt32?
        var success: Bool
    }

    /// The finished profile, labelled with `hosts` and the hosts of the profiles added. The
    /// span is the added profiles' spans plus, for records added one by one, last − first
    /// header time.
    ///
    /// - Parameter talkersInOrder: whether the talkers are put in the profile's order (most
    ///   bytes first, the order ``VolumeProfile/talkers`` documents). Without it they stay in
    ///   the order first seen, which saves sorting them (about 3 ms for 20,000): for a
    ///   profile only evaluated (``Estimator/evaluate(_:on:)`` gives the same estimate either
    ///   way; ``VolumeProfile/keepingTopTalkers(_:)`` puts them in order), never one saved
    ///   whole or added to another.
    public func profile(hosts: [String] = [], talkersInOrder: Bool = true) -> VolumeProfile {
        let times = recordTimes
        let span = mergedSpan + (times.map { $0.last - $0.first } ?? 0)
        let firstTime = [times?.first, profilesFirstTime].compactMap { $0 }.min()
        let lastTime = [times?.last, profilesLastTime].compactMap { $0 }.max()
        let sortedEntries = entries.indices.map(entry).sorted {
            ($0.event, $0.auditUserID ?? .max, $0.success ? 1 : 0) < (
                $1.event, $1.auditUserID ?? .max, $1.success ? 1 : 0
            )
        }
        let allHosts = self.hosts.union(hosts).sorted()
        return VolumeProfile(
            schemaVersion: VolumeProfile.currentSchemaVersion, kind: VolumeProfile.kindName,
            hosts: allHosts, files: files, records: records, bytes: bytes,
            damagedBytes: damagedBytes, firstTime: firstTime, lastTime: lastTime, spanSeconds: span,
            entries: sortedEntries, talkers: talkersInOrder ? orderedTalkers() : talkersAsSeen(),
            recordedFlags: addedRecords ? nil : recordedFlags, recordedNaflags: addedRecords ? nil : recordedNaflags,
            host: hostFacts.result(hosts: allHosts))
    }

    /// The talkers in the profile's order (``TalkerTable/ordinalsInProfileOrder(bucketKeys:)``),
    /// each made as its talker is. (All on this thread, whose processor's cache holds the
    /// tables: sorting on another thread while this one made the names ended about as soon
    /// but cost about 2 ms more processor time for 20,000 talkers.)
    private func orderedTalkers() -> [VolumeProfile.Talker] {
        talkers.ordinalsInProfileOrder(bucketKeys: entryKeys).map { talker(talkers.talkers[$0]) }
    }

    /// The talkers in the order first seen.
    private func talkersAsSeen() -> [VolumeProfile.Talker] {
        talkers.talkers.map(talker)
    }

    /// A talker of the table as the profile holds it.
    private func talker(_ talker: TalkerTable.Talker) -> VolumeProfile.Talker {
        let bucket = entryKeys[TalkerTable.entry(of: talker.owner)]
        let user = UInt32(truncatingIfNeeded: bucket)
        return VolumeProfile.Talker(
            kind: TalkerTable.isExecutable(talker.owner) ? "executable" : "path", name: talkers.name(of: talker),
            event: UInt16(truncatingIfNeeded: bucket >> 33),
            auditUserID: user == RecordSummary.unsetAuditUserID ? nil : user, success: bucket & (1 << 32) != 0,
            records: talker.records, bytes: talker.bytes)
    }

    static func utcHour(_ time: Double) -> Int {
        guard time.isFinite, time >= 0 else { return 0 }
        return Int((time / 3600).rounded(.down).truncatingRemainder(dividingBy: 24))
    }

    /// Events whose records carry exec_args with `argv`: exec, execve, mac_execve,
    /// fexecve, posix_spawn, execveat.
    @inline(__always)
    static func isExecEvent(_ event: UInt16) -> Bool {
        switch event {
        case 7, 23, 43131, 43144, 43190, 43262: true
        default: false
        }
    }
}

extension VolumeProfileBuilder {
    /// Reads every record of `reader` into the profile: one more file, and the bytes the
    /// reader skipped as damage added to ``damagedBytes``.
    ///
    /// - Parameters:
    ///   - onProblem: called for each problem the reader finds (damage and notes).
    ///   - progress: called about every 64 MiB with the bytes of records read so far.
    /// - Throws: what the reader throws (``AuditLintError/damagedTrail(_:offset:reason:)``
    ///   in strict mode, read errors), and what the callbacks throw.
    public mutating func add(
        _ reader: TrailReader, onProblem: @escaping (TrailProblem) throws -> Void = { _ in },
        progress: ((Int64) -> Void)? = nil
    ) throws {
        try add(reader, onProblem: onProblem, progress: progress, split: nil)
    }

    /// Reads the records of `reader` into the profile, as ``add(_:onProblem:progress:)``
    /// does, and every `questionEvery` records asks `split` whether to leave the
    /// rest of the file, from the end of the record just read up to the reader's end, to
    /// other readers (``TrailFilePart``): it is given the reader, that offset, the talkers
    /// and their limit and a way to make a ``partSnapshot()``, and returns the
    /// offset this read is now to stop at (it stops at the first record that starts there
    /// or later), or nil to read on.
    ///
    /// Progress is looked at when the split question is asked (reading the reader's count
    /// each record cost about 1 % of a command's time, under exclusivity checks).
    ///
    /// - Parameters:
    ///   - countsFile: false for a part of a file (the file is counted once).
    ///   - reportEvery: the bytes between two calls of `progress` (tests make it small).
    mutating func add(
        _ reader: TrailReader, countsFile: Bool = true, onProblem: @escaping (TrailProblem) throws -> Void,
        progress: ((Int64) -> Void)?, questionEvery: Int = splitQuestionRecords, reportEvery: Int64 = 64 << 20,
        split: TrailSplitQuestion?
    ) throws {
        var nextReport = reportEvery
        // One walk of each record's tokens both checks them (for the reader) and reads them.
        let checking = reader.options.checkTokens
        var untilQuestion = split == nil && progress == nil ? Int.max : questionEvery
        let keys = PathInterner.HashKeys.process
        try reader.forEachRecord(onProblem: onProblem, bodyChecksTokens: true) { record in
            var check = TokenCheck()
            if let fields = TrailRecordFields(record, check: &check, keys: keys) {
                if checking { try reader.reportTokenProblems(record, check) }
                add(fields, path: record.bytes)
            }
            untilQuestion -= 1
            guard untilQuestion == 0 else { return }
            untilQuestion = questionEvery
            if let split {
                let from = record.offset + Int64(record.bytes.count)
                let talkers = (count: self.talkers.count, limit: talkerLimit)
                if let end = try split(reader, from, talkers, { partSnapshot() }) { reader.end = end }
            }
            if let progress, reader.statistics.bytes >= nextReport {
                progress(reader.statistics.bytes)
                nextReport = reader.statistics.bytes + reportEvery
            }
        }
        if countsFile { files += 1 }
        damagedBytes += Int(reader.position - reader.startOffset - reader.statistics.bytes)
    }

    /// How often (in records) a read that may be split asks whether to split.
    static let splitQuestionRecords = 4096

    /// Asked by a read that may be split: the reader, the offset where the rest of the file
    /// starts, the builder's talkers and their limit, and a way to make a
    /// ``partSnapshot()``; returns where the read is to stop.
    typealias TrailSplitQuestion = (TrailReader, Int64, (count: Int, limit: Int), () -> VolumeProfileBuilder) throws
        -> Int64?
}

/// A map from 64-bit keys to 32-bit values: open addressing with linear probing and a
/// multiplicative hash, much cheaper per lookup than `Dictionary` for the builder's packed keys.
/// A key and its value share a slot, so a lookup touches one cache line.
///
/// The multiplier is odd and drawn at random once a process (multiply-shift hashing): keys
/// from a file (audit users, events) cannot be chosen to fall into one run of slots, which
/// would make every lookup walk it.
struct IntegerIndex: Sendable {
    /// The one key that cannot be stored (it marks empty slots).
    static let emptyKey = UInt64.max

    private static let processMultiplier: UInt64 = {
        var random = SystemRandomNumberGenerator()
        return random.next() | 1
    }()
    /// This process's multiplier, kept here so a lookup reads no global.
    private let multiplier = IntegerIndex.processMultiplier

    private struct Slot: Sendable {
        var key: UInt64
        var value: Int32
    }

    private var slots = [Slot](repeating: Slot(key: IntegerIndex.emptyKey, value: 0), count: 64)
    private var shift = 58
    private(set) var count = 0

    /// Removes every key, keeping the table's size.
    mutating func removeAll() {
        slots.withUnsafeMutableBufferPointer { slots in
            for i in slots.indices { slots[i].key = Self.emptyKey }
        }
        count = 0
    }

    @inline(__always)
    private func slot(_ key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* multiplier) >> UInt64(shift))
    }

    /// The longest run of filled slots (what a lookup may walk).
    var longestRun: Int {
        var (longest, run) = (0, 0)
        for slot in slots + slots {
            run = slot.key == Self.emptyKey ? 0 : run + 1
            longest = max(longest, run)
        }
        return min(longest, slots.count)
    }

    subscript(key: UInt64) -> Int32? {
        @inline(__always) get {
            slots.withUnsafeBufferPointer { slots in
                let mask = slots.count - 1
                var i = slot(key)
                while true {
                    let found = slots[i].key
                    if found == key { return slots[i].value }
                    if found == Self.emptyKey { return nil }
                    i = (i + 1) & mask
                }
            }
        }
        set {
            guard let newValue else { return }
            let mask = slots.count - 1
            var i = slot(key)
            while slots[i].key != Self.emptyKey, slots[i].key != key { i = (i + 1) & mask }
            if slots[i].key == Self.emptyKey {
                slots[i].key = key
                count += 1
            }
            slots[i].value = newValue
            if count * 2 > slots.count { grow() }
        }
    }

    private mutating func grow() {
        let old = slots
        slots = Array(repeating: Slot(key: Self.emptyKey, value: 0), count: old.count * 2)
        shift -= 1
        count = 0
        for slot in old where slot.key != Self.emptyKey { self[slot.key] = slot.value }
    }
}

extension VolumeProfile {
    /// The volume profile of trail files (directories expand to their trails in name
    /// order; `-` is standard input).
    ///
    /// - Parameter onProblem: called with each damaged spot; the intact records are kept
    ///   and the skipped bytes counted in ``damagedBytes``.
    /// - Throws: I/O errors naming the file.
    public static func reading(
        trails paths: [String], hosts: [String] = [], onProblem: @escaping (TrailProblem) -> Void = { _ in }
    ) throws -> VolumeProfile {
        var builder = VolumeProfileBuilder()
        try builder.add(trails: try TrailPaths.expand(paths), onProblem: onProblem)
        return builder.profile(hosts: hosts)
    }
}
