import Foundation

/// Accumulates trail records (or whole profiles) into a ``VolumeProfile``.
///
/// ``add(_:)-(TrailRecordView)`` is the fast path for trails: it reads each record with the
/// decoder's token walk and keys its path by a hash of the bytes, so no token or string is
/// made per record. Memory stays bounded whatever the trail: at most ``talkerLimit``
/// distinct (path, bucket) pairs and ``userLimit`` distinct audit users are kept; later ones
/// are counted under `(other)` and ``otherUsersAuditUserID``.
public struct VolumeProfileBuilder: Sendable {
    /// The most distinct (talker, bucket) pairs kept; later ones are counted under
    /// `(other)` so memory stays bounded whatever the trail.
    public static let talkerLimit = 20_000
    /// The most distinct attributable audit user ids kept apart; records of later users
    /// are counted under ``otherUsersAuditUserID``.
    public static let userLimit = 4096
    /// The audit user id that stands for "every user beyond ``userLimit``" (attributable,
    /// and named by no audit_user entry, so only the global flags apply to it).
    public static let otherUsersAuditUserID: UInt32 = 0xFFFF_FFFE
    /// The name under which talkers beyond ``talkerLimit`` are counted.
    public static let otherTalker = "(other)"

    /// The limits in force (the type's, or smaller ones in tests).
    var userLimit = VolumeProfileBuilder.userLimit
    var talkerLimit = VolumeProfileBuilder.talkerLimit

    private var entries: [VolumeProfile.Entry] = []
    /// Packed (event, outcome, audit user) → index in `entries`.
    private var entryIndex = IntegerIndex()
    /// The attributable audit user ids kept apart (value unused), and in the order first seen.
    private var users = IntegerIndex()
    private var userOrder: [UInt32] = []
    /// The last attributable user seen (already in `users`, or the "other users" id).
    private var lastUser = RecordSummary.unsetAuditUserID
    private var paths = PathInterner()
    /// Packed (entry, kind, path id) → index in `talkerCounts`.
    private var talkerIndex = IntegerIndex()
    private var talkerKeys: [UInt64] = []
    private var talkerCounts: [(records: Int, bytes: Int)] = []
    public private(set) var records = 0
    public private(set) var bytes = 0
    /// Trail files read.
    public var files = 0
    /// Bytes the decoder had to skip as damaged.
    public var damagedBytes = 0
    /// The earliest and latest header times of the records added one by one.
    private var recordsFirstTime: Double?
    private var recordsLastTime: Double = 0
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

    public init() {}

    /// Adds one trail record (a stand-alone file token is ignored).
    @inline(__always)
    public mutating func add(_ record: TrailRecordView) {
        guard let fields = TrailRecordFields(record) else { return }
        add(fields, of: record)
    }

    /// Adds the record `fields` were read from.
    @inline(__always)
    private mutating func add(_ fields: TrailRecordFields, of record: TrailRecordView) {
        var pathID: Int32 = -1
        if fields.pathLength >= 0 {
            let start = fields.pathStart
            pathID = paths.id(
                UnsafeRawBufferPointer(rebasing: record.bytes[start..<(start + fields.pathLength)]),
                limit: talkerLimit)
        }
        add(
            event: fields.event, auditUserID: fields.optionalAuditUserID, success: fields.success, size: fields.size,
            execArgsBytes: fields.execArgsBytes, execEnvBytes: fields.execEnvBytes, time: fields.time,
            hour: Int((fields.seconds / 3600) % 24), pathID: pathID)
    }

    /// Adds one record summary.
    public mutating func add(_ record: RecordSummary) {
        var pathID: Int32 = -1
        if let path = record.path {
            var path = path
            pathID = path.withUTF8 { paths.id(UnsafeRawBufferPointer($0), limit: talkerLimit) }
        }
        add(
            event: record.event, auditUserID: record.auditUserID, success: record.success, size: record.size,
            execArgsBytes: record.execArgsBytes, execEnvBytes: record.execEnvBytes, time: record.time,
            hour: Self.utcHour(record.time), pathID: pathID)
    }

    @inline(__always)
    private mutating func add(
        event: UInt16, auditUserID: UInt32?, success: Bool, size: Int, execArgsBytes: Int, execEnvBytes: Int,
        time: Double, hour: Int, pathID: Int32
    ) {
        addedRecords = true
        var user = auditUserID ?? RecordSummary.unsetAuditUserID
        if user != RecordSummary.unsetAuditUserID, user != lastUser {
            user = kept(user: user)
            lastUser = user
        }
        let index = entry(event: event, user: user, success: success)
        entries[index].records += 1
        entries[index].bytes += size
        if execArgsBytes > 0 {
            entries[index].execArgsBytes += execArgsBytes
            entries[index].recordsWithExecArgs += 1
        }
        if execEnvBytes > 0 {
            entries[index].execEnvBytes += execEnvBytes
            entries[index].recordsWithExecEnv += 1
        }
        entries[index].hourlyBytes[hour] += size
        records += 1
        bytes += size
        if time > 0 {
            if let first = recordsFirstTime {
                if time < first { recordsFirstTime = time }
                if time > recordsLastTime { recordsLastTime = time }
            } else {
                recordsFirstTime = time
                recordsLastTime = time
            }
        }
        if pathID >= 0 {
            let executable = execArgsBytes > 0 || Self.isExecEvent(event)
            addTalker(entry: index, executable: executable, pathID: pathID, records: 1, bytes: size)
        }
    }

    /// `user`, kept apart from now on if there is room, else ``otherUsersAuditUserID``.
    @inline(__always)
    private mutating func kept(user: UInt32) -> UInt32 {
        guard users[UInt64(user)] == nil else { return user }
        guard users.count < userLimit else { return Self.otherUsersAuditUserID }
        users[UInt64(user)] = 0
        userOrder.append(user)
        return user
    }

    /// The index of the bucket, created empty when new.
    @inline(__always)
    private mutating func entry(event: UInt16, user: UInt32, success: Bool) -> Int {
        let key = UInt64(event) << 33 | (success ? 1 << 32 : 0) | UInt64(user)
        if let index = entryIndex[key] { return Int(index) }
        entries.append(
            VolumeProfile.Entry(
                event: event, auditUserID: user == RecordSummary.unsetAuditUserID ? nil : user, success: success,
                records: 0, bytes: 0, execArgsBytes: 0, execEnvBytes: 0, recordsWithExecArgs: 0, recordsWithExecEnv: 0,
                hourlyBytes: Array(repeating: 0, count: 24)))
        entryIndex[key] = Int32(entries.count - 1)
        return entries.count - 1
    }

    @inline(__always)
    private mutating func addTalker(entry: Int, executable: Bool, pathID: Int32, records: Int, bytes: Int) {
        var key = UInt64(entry) << 33 | (executable ? 1 << 32 : 0) | UInt64(UInt32(pathID))
        var index = talkerIndex[key]
        if index == nil, talkerCounts.count >= talkerLimit {
            key = key & ~0xFFFF_FFFF | UInt64(UInt32(paths.otherID()))
            index = talkerIndex[key]
        }
        if let index {
            talkerCounts[Int(index)].records = talkerCounts[Int(index)].records.addingSaturating(records)
            talkerCounts[Int(index)].bytes = talkerCounts[Int(index)].bytes.addingSaturating(bytes)
        } else {
            talkerIndex[key] = Int32(talkerCounts.count)
            talkerKeys.append(key)
            talkerCounts.append((records, bytes))
        }
    }

    /// Adds a whole profile (its span adds to this one's).
    public mutating func add(_ profile: VolumeProfile) {
        var indexByEntry: [Int] = []
        for entry in profile.entries {
            var user = entry.auditUserID ?? RecordSummary.unsetAuditUserID
            if user != RecordSummary.unsetAuditUserID, user != Self.otherUsersAuditUserID { user = kept(user: user) }
            let index = self.entry(event: entry.event, user: user, success: entry.success)
            indexByEntry.append(index)
            // A profile's counts come from a file: sums saturate rather than trap.
            entries[index].records = entries[index].records.addingSaturating(entry.records)
            entries[index].bytes = entries[index].bytes.addingSaturating(entry.bytes)
            entries[index].execArgsBytes = entries[index].execArgsBytes.addingSaturating(entry.execArgsBytes)
            entries[index].execEnvBytes = entries[index].execEnvBytes.addingSaturating(entry.execEnvBytes)
            entries[index].recordsWithExecArgs = entries[index].recordsWithExecArgs.addingSaturating(
                entry.recordsWithExecArgs)
            entries[index].recordsWithExecEnv = entries[index].recordsWithExecEnv.addingSaturating(
                entry.recordsWithExecEnv)
            for (hour, hourBytes) in entry.hourlyBytes.prefix(24).enumerated() {
                entries[index].hourlyBytes[hour] = entries[index].hourlyBytes[hour].addingSaturating(hourBytes)
            }
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
            var name = talker.name
            let pathID = name.withUTF8 { paths.id(UnsafeRawBufferPointer($0), limit: talkerLimit) }
            addTalker(
                entry: index, executable: talker.kind == "executable", pathID: pathID, records: talker.records,
                bytes: talker.bytes)
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
    /// ``talkerLimit`` talkers), and the same profile whatever the files were read on. Past
    /// a limit, a file's records beyond its own first ``talkerLimit`` talkers are under
    /// `(other)` already (and likewise its users).
    mutating func merge(_ other: VolumeProfileBuilder) {
        var userMap: [UInt32: UInt32] = [:]
        for user in other.userOrder { userMap[user] = kept(user: user) }
        var entryMap: [Int] = []
        entryMap.reserveCapacity(other.entries.count)
        for entry in other.entries {
            let user = entry.auditUserID ?? RecordSummary.unsetAuditUserID
            let index = self.entry(event: entry.event, user: userMap[user] ?? user, success: entry.success)
            entryMap.append(index)
            entries[index].records += entry.records
            entries[index].bytes += entry.bytes
            entries[index].execArgsBytes += entry.execArgsBytes
            entries[index].execEnvBytes += entry.execEnvBytes
            entries[index].recordsWithExecArgs += entry.recordsWithExecArgs
            entries[index].recordsWithExecEnv += entry.recordsWithExecEnv
            for hour in 0..<24 { entries[index].hourlyBytes[hour] += entry.hourlyBytes[hour] }
        }
        var pathMap = [Int32](repeating: -1, count: other.paths.count)
        for (key, counts) in zip(other.talkerKeys, other.talkerCounts) {
            let path = Int(key & 0xFFFF_FFFF)
            if pathMap[path] < 0 {
                pathMap[path] =
                    path == other.paths.otherIDIfMade
                    ? paths.otherID() : other.paths.withBytes(path) { paths.id($0, limit: talkerLimit) }
            }
            addTalker(
                entry: entryMap[Int(key >> 33)], executable: key & (1 << 32) != 0, pathID: pathMap[path],
                records: counts.records, bytes: counts.bytes)
        }
        records += other.records
        bytes += other.bytes
        files += other.files
        damagedBytes += other.damagedBytes
        if let first = other.recordsFirstTime {
            recordsFirstTime = min(recordsFirstTime ?? first, first)
            recordsLastTime = max(recordsLastTime, other.recordsLastTime)
        }
        addedRecords = addedRecords || other.addedRecords
        if other.addedProfiles { addRecordingMasks(other.recordedFlags, other.recordedNaflags) }
        hostFacts.merge(other.hostFacts)
        mergedSpan += other.mergedSpan
        hosts.formUnion(other.hosts)
        if let first = other.profilesFirstTime { profilesFirstTime = min(profilesFirstTime ?? first, first) }
        if let last = other.profilesLastTime { profilesLastTime = max(profilesLastTime ?? last, last) }
    }

    private struct EntryKey: Hashable {
        var event: UInt16
        var auditUserID: UInt32?
        var success: Bool
    }

    /// The finished profile, labelled with `hosts` and the hosts of the profiles added. The
    /// span is the added profiles' spans plus, for records added one by one, last − first
    /// header time.
    public func profile(hosts: [String] = []) -> VolumeProfile {
        let span = mergedSpan + (recordsFirstTime.map { recordsLastTime - $0 } ?? 0)
        let firstTime = [recordsFirstTime, profilesFirstTime].compactMap { $0 }.min()
        let lastTime = [recordsFirstTime.map { _ in recordsLastTime }, profilesLastTime].compactMap { $0 }.max()
        let sortedEntries = entries.sorted {
            ($0.event, $0.auditUserID ?? .max, $0.success ? 1 : 0) < (
                $1.event, $1.auditUserID ?? .max, $1.success ? 1 : 0
            )
        }
        let sortedTalkers = zip(talkerKeys, talkerCounts).map { key, value in
            let entry = entries[Int(key >> 33)]
            return VolumeProfile.Talker(
                kind: key & (1 << 32) != 0 ? "executable" : "path", name: paths.name(Int(key & 0xFFFF_FFFF)),
                event: entry.event, auditUserID: entry.auditUserID, success: entry.success,
                records: value.records, bytes: value.bytes)
        }.sorted(by: Self.talkerOrder)
        let allHosts = self.hosts.union(hosts).sorted()
        return VolumeProfile(
            schemaVersion: VolumeProfile.currentSchemaVersion, kind: VolumeProfile.kindName,
            hosts: allHosts, files: files, records: records, bytes: bytes,
            damagedBytes: damagedBytes, firstTime: firstTime, lastTime: lastTime, spanSeconds: span,
            entries: sortedEntries, talkers: sortedTalkers,
            recordedFlags: addedRecords ? nil : recordedFlags, recordedNaflags: addedRecords ? nil : recordedNaflags,
            host: hostFacts.result(hosts: allHosts))
    }

    /// Most bytes first, then by kind, name and bucket (a total order, so output is stable).
    private static func talkerOrder(_ a: VolumeProfile.Talker, _ b: VolumeProfile.Talker) -> Bool {
        if a.bytes != b.bytes { return a.bytes > b.bytes }
        if a.kind != b.kind { return a.kind < b.kind }
        if a.name != b.name { return a.name < b.name }
        if a.event != b.event { return a.event < b.event }
        let (userA, userB) = (a.auditUserID ?? .max, b.auditUserID ?? .max)
        if userA != userB { return userA < userB }
        return !a.success && b.success
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

/// Gives each distinct path a small id, keyed by a hash of its bytes so that looking up a
/// path seen before allocates nothing.
struct PathInterner: Sendable {
    private var byHash = IntegerIndex()
    /// One bit per 18-bit hash fragment, set for every hash in `byHash`: a clear bit means a
    /// path never seen, found without touching the (much larger) table. Trails with more
    /// distinct paths than the limit look up mostly new paths.
    private var seen = [UInt64](repeating: 0, count: 1 << 12)
    /// Paths whose hash collided with a different path's.
    private var collided: [String: Int32] = [:]
    private var other: Int32 = -1
    /// Every path's bytes, one after another, and where each starts and ends.
    private var arena: [UInt8] = []
    private var bounds: [Range<Int>] = []

    var count: Int { bounds.count }

    /// The path with this id.
    func name(_ id: Int) -> String {
        String(decoding: arena[bounds[id]], as: UTF8.self)
    }

    /// The id of `bytes`; past `limit` distinct paths, new ones get the `(other)` id.
    @inline(__always)
    mutating func id(_ bytes: UnsafeRawBufferPointer, limit: Int) -> Int32 {
        var hash = Self.hash(bytes)
        if hash == IntegerIndex.emptyKey { hash = 0 }
        let fragment = Int(truncatingIfNeeded: hash & 0x3_FFFF)
        let bit: UInt64 = 1 << UInt64(fragment & 63)
        if seen[fragment >> 6] & bit != 0, let id = byHash[hash] {
            if equals(Int(id), bytes) { return id }
            let name = String(decoding: bytes, as: UTF8.self)
            if let id = collided[name] { return id }
            guard count < limit else { return otherID() }
            let id = append(bytes)
            collided[name] = id
            return id
        }
        guard count < limit else { return otherID() }
        let id = append(bytes)
        byHash[hash] = id
        seen[fragment >> 6] |= bit
        return id
    }

    @inline(__always)
    private func equals(_ id: Int, _ bytes: UnsafeRawBufferPointer) -> Bool {
        let range = bounds[id]
        guard range.count == bytes.count else { return false }
        guard let base = bytes.baseAddress, !range.isEmpty else { return true }
        return arena.withUnsafeBytes { memcmp($0.baseAddress! + range.lowerBound, base, range.count) == 0 }
    }

    /// The id of `(other)` if it was made.
    var otherIDIfMade: Int { Int(other) }

    /// Calls `body` with the bytes of the path with this id.
    func withBytes<R>(_ id: Int, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        arena.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[bounds[id]])) }
    }

    /// The id of `(other)`.
    mutating func otherID() -> Int32 {
        if other < 0 {
            other = Array(VolumeProfileBuilder.otherTalker.utf8).withUnsafeBytes { append($0) }
        }
        return other
    }

    private mutating func append(_ bytes: UnsafeRawBufferPointer) -> Int32 {
        let start = arena.count
        arena.append(contentsOf: bytes)
        bounds.append(start..<arena.count)
        return Int32(bounds.count - 1)
    }

    /// A 64-bit hash of `bytes`, eight bytes at a time.
    @inline(__always)
    static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
        var i = 0
        let n = bytes.count
        while i + 8 <= n {
            h =
                (h ^ UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self)))
                &* 0xFF51_AFD7_ED55_8CCD
            h ^= h >> 32
            i += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while i < n {
            tail |= UInt64(bytes[i]) << shift
            shift += 8
            i += 1
        }
        h = (h ^ tail) &* 0xC4CE_B9FE_1A85_EC53
        h ^= h >> 29
        h = h &* 0x94D0_49BB_1331_11EB
        return h ^ (h >> 32)
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
        var nextReport: Int64 = 64 << 20
        // One walk of each record's tokens both checks them (for the reader) and reads them.
        let checking = reader.options.checkTokens
        try reader.forEachRecord(onProblem: onProblem, bodyChecksTokens: true) { record in
            var check = TokenCheck()
            if let fields = TrailRecordFields(record, check: &check) {
                if checking { try reader.reportTokenProblems(record, check) }
                add(fields, of: record)
            }
            if let progress, reader.statistics.bytes >= nextReport {
                progress(reader.statistics.bytes)
                nextReport += 64 << 20
            }
        }
        files += 1
        damagedBytes += Int(reader.position - reader.statistics.bytes)
    }
}

/// A map from 64-bit keys to 32-bit values: open addressing with linear probing and a
/// multiplicative hash, much cheaper per lookup than `Dictionary` for the builder's packed keys.
/// A key and its value share a slot, so a lookup touches one cache line.
struct IntegerIndex: Sendable {
    /// The one key that cannot be stored (it marks empty slots).
    static let emptyKey = UInt64.max

    private struct Slot: Sendable {
        var key: UInt64
        var value: Int32
    }

    private var slots = [Slot](repeating: Slot(key: IntegerIndex.emptyKey, value: 0), count: 64)
    private var shift = 58
    private(set) var count = 0

    @inline(__always)
    private func slot(_ key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> UInt64(shift))
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
