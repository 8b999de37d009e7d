import Foundation

/// The reduction of one or more sample trails that any candidate policy can be evaluated
/// from without the trails: counts and bytes keyed by (event, audit user, outcome), the
/// exec_args/exec_env bytes kept apart, the span, an hour-of-day histogram, and bounded
/// top-talker tables.
///
/// Profiles merge by addition (`merging(_:)`): each host reduces its own trails and only
/// these small files travel. Figures per day are per host: a merged profile's span is the
/// sum of its parts' spans, so `bytes / span` is the mean rate of one host.
public struct VolumeProfile: Sendable, Codable, Hashable {
    /// The schema version this build writes and reads.
    public static let currentSchemaVersion = 1
    /// The `kind` value that marks the file.
    public static let kindName = "auditlint-volume-profile"

    /// One (event, audit user, outcome) bucket.
    public struct Entry: Sendable, Codable, Hashable {
        /// The event number.
        public var event: UInt16
        /// The audit user id; nil for non-attributable records.
        public var auditUserID: UInt32?
        /// Whether the call succeeded.
        public var success: Bool
        /// Records in the bucket.
        public var records: Int
        /// Their bytes, as written in the sample.
        public var bytes: Int
        /// Bytes of exec_args tokens among them.
        public var execArgsBytes: Int
        /// Bytes of exec_env tokens among them.
        public var execEnvBytes: Int
        /// Records that carried an exec_args token.
        public var recordsWithExecArgs: Int
        /// Records that carried an exec_env token.
        public var recordsWithExecEnv: Int
        /// Bytes per UTC hour of day (24 buckets).
        public var hourlyBytes: [Int]

        /// Whether the bucket is preselected by `flags` (else `naflags`).
        public var isAttributable: Bool { auditUserID != nil }
    }

    /// Bytes and records attributed to one executable or path within one bucket.
    public struct Talker: Sendable, Codable, Hashable {
        /// `executable` (the path of an exec record) or `path` (a record's first path).
        public var kind: String
        /// The path.
        public var name: String
        /// The bucket's event, user and outcome.
        public var event: UInt16
        public var auditUserID: UInt32?
        public var success: Bool
        public var records: Int
        public var bytes: Int
    }

    public var schemaVersion: Int
    public var kind: String
    /// The hosts the samples came from (sorted, unique); empty when unknown.
    public var hosts: [String]
    /// Trail files read.
    public var files: Int
    /// Records read (all of them, before any candidate's selection).
    public var records: Int
    /// Bytes of those records.
    public var bytes: Int
    /// Bytes the decoder had to skip as damaged.
    public var damagedBytes: Int
    /// The earliest and latest header times seen (seconds since the epoch).
    public var firstTime: Double?
    public var lastTime: Double?
    /// The sampled time in seconds (summed over merged profiles).
    public var spanSeconds: Double
    /// The buckets, sorted by event, user, outcome.
    public var entries: [Entry]
    /// Top talkers, sorted by bytes (bounded; see ``VolumeProfileBuilder/talkerLimit``).
    public var talkers: [Talker]

    /// Adds another profile (another host or another period).
    public func merging(_ other: VolumeProfile) -> VolumeProfile {
        var builder = VolumeProfileBuilder()
        builder.add(self)
        builder.add(other)
        return builder.profile(hosts: Array(Set(hosts + other.hosts)))
    }

    /// The profile as deterministic, pretty-printed JSON.
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    /// Reads a profile written by `--save-profile`.
    ///
    /// - Throws: ``AuditLintError/invalidInput(_:)`` naming the file when it is not a
    ///   profile, is damaged, or was written by a newer version.
    public static func read(path: String) throws -> VolumeProfile {
        let text = try SourceText.read(path: path, limit: 256 << 20)
        let data = Data(text.bytes)
        struct Header: Decodable { var schemaVersion: Int?; var kind: String? }
        guard let header = try? JSONDecoder().decode(Header.self, from: data), header.kind == kindName else {
            throw AuditLintError.invalidInput("\(path): not an auditlint volume profile (write one with `auditlint estimate --save-profile`)")
        }
        if let version = header.schemaVersion, version > currentSchemaVersion {
            throw AuditLintError.invalidInput("\(path): profile schema version \(version) is newer than this auditlint reads (\(currentSchemaVersion)); upgrade auditlint")
        }
        do {
            let profile = try JSONDecoder().decode(VolumeProfile.self, from: data)
            guard profile.entries.allSatisfy({ $0.hourlyBytes.count == 24 && $0.records >= 0 && $0.bytes >= 0 }),
                  profile.spanSeconds >= 0 else {
                throw AuditLintError.invalidInput("\(path): damaged profile (negative counts or a bad hourly histogram); regenerate it")
            }
            return profile
        } catch let error as AuditLintError {
            throw error
        } catch {
            throw AuditLintError.invalidInput("\(path): damaged profile (\(error)); regenerate it with `auditlint estimate --save-profile`")
        }
    }
}

/// Accumulates record summaries (or whole profiles) into a ``VolumeProfile``.
public struct VolumeProfileBuilder: Sendable {
    /// The most distinct (talker, bucket) pairs kept; later ones are counted under
    /// `(other)` so memory stays bounded whatever the trail.
    public static let talkerLimit = 20_000

    private struct Key: Hashable, Sendable {
        var event: UInt16
        var auditUserID: UInt32?
        var success: Bool
    }

    private struct TalkerKey: Hashable, Sendable {
        var kind: String
        var name: String
        var key: Key
    }

    private var entries: [Key: VolumeProfile.Entry] = [:]
    private var talkers: [TalkerKey: (records: Int, bytes: Int)] = [:]
    public private(set) var records = 0
    public private(set) var bytes = 0
    public var files = 0
    public var damagedBytes = 0
    private var firstTime: Double?
    private var lastTime: Double?
    private var mergedSpan: Double = 0

    public init() {}

    /// Adds one record.
    public mutating func add(_ record: RecordSummary) {
        let key = Key(event: record.event, auditUserID: record.isAttributable ? record.auditUserID : nil, success: record.success)
        var entry = entries[key] ?? VolumeProfile.Entry(
            event: key.event, auditUserID: key.auditUserID, success: key.success, records: 0, bytes: 0,
            execArgsBytes: 0, execEnvBytes: 0, recordsWithExecArgs: 0, recordsWithExecEnv: 0,
            hourlyBytes: Array(repeating: 0, count: 24))
        entry.records += 1
        entry.bytes += record.size
        entry.execArgsBytes += record.execArgsBytes
        entry.execEnvBytes += record.execEnvBytes
        if record.execArgsBytes > 0 { entry.recordsWithExecArgs += 1 }
        if record.execEnvBytes > 0 { entry.recordsWithExecEnv += 1 }
        let hour = Self.utcHour(record.time)
        entry.hourlyBytes[hour] += record.size
        entries[key] = entry
        records += 1
        bytes += record.size
        if record.time > 0 {
            firstTime = min(firstTime ?? record.time, record.time)
            lastTime = max(lastTime ?? record.time, record.time)
        }
        if let path = record.path {
            let kind = record.execArgsBytes > 0 || Self.isExecEvent(record.event) ? "executable" : "path"
            addTalker(TalkerKey(kind: kind, name: path, key: key), records: 1, bytes: record.size)
        }
    }

    private mutating func addTalker(_ key: TalkerKey, records: Int, bytes: Int) {
        var talkerKey = key
        if talkers[key] == nil, talkers.count >= Self.talkerLimit {
            talkerKey.name = "(other)"
        }
        let current = talkers[talkerKey] ?? (0, 0)
        talkers[talkerKey] = (current.records + records, current.bytes + bytes)
    }

    /// Adds a whole profile (its span adds to this one's).
    public mutating func add(_ profile: VolumeProfile) {
        for entry in profile.entries {
            let key = Key(event: entry.event, auditUserID: entry.auditUserID, success: entry.success)
            if var existing = entries[key] {
                existing.records += entry.records
                existing.bytes += entry.bytes
                existing.execArgsBytes += entry.execArgsBytes
                existing.execEnvBytes += entry.execEnvBytes
                existing.recordsWithExecArgs += entry.recordsWithExecArgs
                existing.recordsWithExecEnv += entry.recordsWithExecEnv
                for hour in 0..<24 { existing.hourlyBytes[hour] += entry.hourlyBytes[hour] }
                entries[key] = existing
            } else {
                entries[key] = entry
            }
        }
        for talker in profile.talkers {
            let key = Key(event: talker.event, auditUserID: talker.auditUserID, success: talker.success)
            addTalker(TalkerKey(kind: talker.kind, name: talker.name, key: key), records: talker.records, bytes: talker.bytes)
        }
        records += profile.records
        bytes += profile.bytes
        files += profile.files
        damagedBytes += profile.damagedBytes
        mergedSpan += profile.spanSeconds
        if let first = profile.firstTime { firstTime = min(firstTime ?? first, first) }
        if let last = profile.lastTime { lastTime = max(lastTime ?? last, last) }
    }

    /// The finished profile. The span is the merged profiles' spans plus, for records
    /// added one by one, last − first header time.
    public func profile(hosts: [String] = []) -> VolumeProfile {
        var span = mergedSpan
        if mergedSpan == 0, let firstTime, let lastTime { span = lastTime - firstTime }
        let sortedEntries = entries.values.sorted {
            ($0.event, $0.auditUserID ?? .max, $0.success ? 1 : 0) < ($1.event, $1.auditUserID ?? .max, $1.success ? 1 : 0)
        }
        let sortedTalkers = talkers.map { key, value in
            VolumeProfile.Talker(kind: key.kind, name: key.name, event: key.key.event, auditUserID: key.key.auditUserID,
                                 success: key.key.success, records: value.records, bytes: value.bytes)
        }.sorted { ($1.bytes, $0.kind, $0.name, $0.event) < ($0.bytes, $1.kind, $1.name, $1.event) }
        return VolumeProfile(
            schemaVersion: VolumeProfile.currentSchemaVersion, kind: VolumeProfile.kindName,
            hosts: Array(Set(hosts)).sorted(), files: files, records: records, bytes: bytes,
            damagedBytes: damagedBytes, firstTime: firstTime, lastTime: lastTime, spanSeconds: span,
            entries: sortedEntries, talkers: sortedTalkers)
    }

    static func utcHour(_ time: Double) -> Int {
        guard time.isFinite, time >= 0 else { return 0 }
        return Int((time / 3600).rounded(.down).truncatingRemainder(dividingBy: 24))
    }

    /// Events whose records carry exec_args with `argv`: exec, execve, mac_execve,
    /// fexecve, posix_spawn, execveat.
    static func isExecEvent(_ event: UInt16) -> Bool {
        execEvents.contains(event)
    }

    static let execEvents: Set<UInt16> = [7, 23, 43131, 43144, 43190, 43262]
}
