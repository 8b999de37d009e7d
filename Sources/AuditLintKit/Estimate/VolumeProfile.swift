import Foundation

/// The reduction of one or more sample trails that any candidate policy can be evaluated
/// from without the trails: counts and bytes keyed by (event, audit user, outcome), the
/// exec_args/exec_env bytes kept apart, the span, an hour-of-day histogram, and bounded
/// top-talker tables.
///
/// Profiles merge by addition (`merging(_:)`): each host reduces its own trails and only
/// these small files travel. Figures per day are per host: a merged profile's span is the
/// sum of its parts' spans, so `bytes / span` is the mean rate of one host.
///
/// Schema version 2 adds ``host`` (facts about the one host a profile describes, for
/// `auditlint fleet`); version 1 files still load, without host facts.
public struct VolumeProfile: Sendable, Codable, Hashable {
    /// The schema version this build writes and reads.
    public static let currentSchemaVersion = 2
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

    /// Whether `talkers[a]` comes before `talkers[b]` in a profile's order: more bytes first,
    /// then executables before paths, names as strings order them (canonically equal
    /// spellings are equal), buckets by event, audit user (none last) and outcome (failure
    /// first), and last the order they stand in (the order first seen, which a sorted
    /// profile keeps for talkers alike in all of that). A total order on the positions.
    static func talker(_ a: Int, precedes b: Int, in talkers: [Talker]) -> Bool {
        let (x, y) = (talkers[a], talkers[b])
        if x.bytes != y.bytes { return x.bytes > y.bytes }
        if x.kind != y.kind { return x.kind < y.kind }
        if x.name != y.name { return x.name < y.name }
        return (x.event, x.auditUserID ?? .max, x.success ? 1 : 0, a) < (
            y.event, y.auditUserID ?? .max, y.success ? 1 : 0, b
        )
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
    /// Top talkers, sorted by bytes (bounded; see ``VolumeProfileBuilder/talkerLimit``), or
    /// in the order first seen in a profile made only to be evaluated
    /// (``VolumeProfileBuilder/profile(hosts:talkersInOrder:)``).
    public var talkers: [Talker]
    /// The masks the sample was recorded with (`flags` for attributable records, `naflags`
    /// for the others), when known (see ``SampleRecording``); absent from older files.
    /// A merged profile keeps the classes every part recorded.
    public var recordedFlags: AuditMask? = nil
    public var recordedNaflags: AuditMask? = nil
    /// The host the profile describes (schema version 2, written by `estimate --save-profile`
    /// from trails); nil in older files and in merges of several hosts (see ``HostFacts``).
    public var host: HostFacts? = nil

    /// Adds another profile (another host or another period).
    public func merging(_ other: VolumeProfile) -> VolumeProfile {
        var builder = VolumeProfileBuilder()
        builder.add(self)
        builder.add(other)
        return builder.profile()
    }

    /// The profile as deterministic, pretty-printed JSON.
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    /// The largest record or byte count a profile may hold (1 PiB; larger is a damaged file,
    /// and sums of such counts could overflow).
    public static let maximumCount = 1 << 50
    /// The span a profile may cover, in seconds: at least a second (rates per day are
    /// divided by it), at most 3,000 host-years (merged profiles add their spans).
    public static let spanRange: ClosedRange<Double> = 1...1e11
    /// The header times a profile may carry (seconds since the epoch, up to the year 5138).
    public static let timeRange: ClosedRange<Double> = 0...1e11

    private static let remedy = "regenerate it with `auditlint estimate --save-profile`"

    /// Reads a profile written by `--save-profile` (at most 256 MiB).
    ///
    /// - Throws: the read errors of ``InputFile/read(_:limit:)``, or
    ///   ``AuditLintError/invalidFile(_:line:column:problem:)`` naming the file and the
    ///   field when it is not a profile, is damaged, out of range, or from a newer version.
    public static func read(path: String) throws -> VolumeProfile {
        try decode(InputFile.read(path, limit: 256 << 20), path: path)
    }

    /// Decodes and validates a profile's bytes; `path` names the file in errors.
    public static func decode(_ bytes: [UInt8], path: String) throws -> VolumeProfile {
        let document = try JSONInput.parse(bytes, path: path, what: "volume profile", remedy: remedy)
        guard case .string(kindName)? = document["kind"] else {
            throw AuditLintError.invalidFile(
                path, line: nil, column: nil,
                problem:
                    "not an auditlint volume profile (its \"kind\" is not \"\(kindName)\"); write one with `auditlint estimate --save-profile`"
            )
        }
        if case .integer(let version)? = document["schemaVersion"], version > currentSchemaVersion {
            throw AuditLintError.invalidFile(
                path, line: nil, column: nil,
                problem:
                    "profile schema version \(version) is newer than this auditlint reads (\(currentSchemaVersion)); upgrade auditlint"
            )
        }
        let profile = try JSONInput.decode(
            VolumeProfile.self, from: document, path: path, what: "volume profile", remedy: remedy)
        if let problem = profile.rangeProblem(FieldRanges()) {
            throw AuditLintError.invalidFile(
                path, line: nil, column: nil, problem: "invalid volume profile: \(problem); \(remedy)")
        }
        return profile
    }

    /// The first number out of range, naming its field, or nil when every one is usable.
    func rangeProblem(_ ranges: FieldRanges) -> String? {
        let count = 0...Self.maximumCount
        let checks: [String?] = [
            ranges.check(schemaVersion, in: 1...Self.currentSchemaVersion, "schemaVersion"),
            ranges.check(files, in: 0...Int(Int32.max), "files"),
            ranges.check(records, in: count, "records"),
            ranges.check(bytes, in: count, "bytes"),
            ranges.check(damagedBytes, in: count, "damagedBytes"),
            ranges.check(spanSeconds, in: Self.spanRange, "spanSeconds"),
            firstTime.flatMap({ ranges.check($0, in: Self.timeRange, "firstTime") }),
            lastTime.flatMap({ ranges.check($0, in: Self.timeRange, "lastTime") }),
        ]
        if let problem = checks.lazy.compactMap({ $0 }).first { return problem }
        if let problem = hostFactsProblem(ranges) { return problem }
        if let first = firstTime, let last = lastTime, first > last {
            return "\"\(ranges.prefix)firstTime\" is after \"\(ranges.prefix)lastTime\""
        }
        for (index, entry) in entries.enumerated() {
            func field(_ name: String) -> String { "entries[\(index)].\(name)" }
            let checks: [String?] = [
                ranges.check(entry.records, in: count, field("records")),
                ranges.check(entry.bytes, in: count, field("bytes")),
                ranges.check(entry.execArgsBytes, in: 0...max(entry.bytes, 0), field("execArgsBytes")),
                ranges.check(entry.execEnvBytes, in: 0...max(entry.bytes, 0), field("execEnvBytes")),
                ranges.check(entry.recordsWithExecArgs, in: 0...max(entry.records, 0), field("recordsWithExecArgs")),
                ranges.check(entry.recordsWithExecEnv, in: 0...max(entry.records, 0), field("recordsWithExecEnv")),
                ranges.check(entry.hourlyBytes.count, in: 24...24, field("hourlyBytes (its length)")),
                entry.hourlyBytes.firstIndex { !count.contains($0) }.flatMap {
                    ranges.check(entry.hourlyBytes[$0], in: count, field("hourlyBytes[\($0)]"))
                },
                ranges.sum(entry.hourlyBytes, atMost: Self.maximumCount, field("hourlyBytes")),
            ]
            if let problem = checks.lazy.compactMap({ $0 }).first { return problem }
        }
        let sums: [String?] = [
            ranges.sum(entries.lazy.map(\.records), atMost: Self.maximumCount, "entries[].records"),
            ranges.sum(entries.lazy.map(\.bytes), atMost: Self.maximumCount, "entries[].bytes"),
        ]
        if let problem = sums.lazy.compactMap({ $0 }).first { return problem }
        for (index, talker) in talkers.enumerated() {
            let checks: [String?] = [
                ranges.check(talker.records, in: count, "talkers[\(index)].records"),
                ranges.check(talker.bytes, in: count, "talkers[\(index)].bytes"),
            ]
            if let problem = checks.lazy.compactMap({ $0 }).first { return problem }
        }
        return nil
    }
}

extension VolumeProfile.Entry: JSONValueDirectDecodable {
    /// A well-formed entry read without `Codable` (thousands of them in a fleet).
    init?(direct value: JSONValue) {
        guard case .object(let members) = value else { return nil }
        func member(_ key: String) -> JSONValue? { members.first { $0.0 == key }?.1 }
        guard let event = member("event")?.directInteger(UInt16.self),
            let auditUserID = JSONValue.directOptionalInteger(member("auditUserID"), UInt32.self),
            case .bool(let success)? = member("success"),
            let records = member("records")?.directInteger(Int.self),
            let bytes = member("bytes")?.directInteger(Int.self),
            let execArgsBytes = member("execArgsBytes")?.directInteger(Int.self),
            let execEnvBytes = member("execEnvBytes")?.directInteger(Int.self),
            let recordsWithExecArgs = member("recordsWithExecArgs")?.directInteger(Int.self),
            let recordsWithExecEnv = member("recordsWithExecEnv")?.directInteger(Int.self),
            let hourlyBytes = member("hourlyBytes")?.directIntegers
        else { return nil }
        self.event = event
        self.auditUserID = auditUserID
        self.success = success
        self.records = records
        self.bytes = bytes
        self.execArgsBytes = execArgsBytes
        self.execEnvBytes = execEnvBytes
        self.recordsWithExecArgs = recordsWithExecArgs
        self.recordsWithExecEnv = recordsWithExecEnv
        self.hourlyBytes = hourlyBytes
    }
}

extension VolumeProfile.Talker: JSONValueDirectDecodable {
    /// A well-formed talker read without `Codable`.
    init?(direct value: JSONValue) {
        guard case .object(let members) = value else { return nil }
        func member(_ key: String) -> JSONValue? { members.first { $0.0 == key }?.1 }
        guard case .string(let kind)? = member("kind"), case .string(let name)? = member("name"),
            let event = member("event")?.directInteger(UInt16.self),
            let auditUserID = JSONValue.directOptionalInteger(member("auditUserID"), UInt32.self),
            case .bool(let success)? = member("success"),
            let records = member("records")?.directInteger(Int.self),
            let bytes = member("bytes")?.directInteger(Int.self)
        else { return nil }
        self.kind = kind
        self.name = name
        self.event = event
        self.auditUserID = auditUserID
        self.success = success
        self.records = records
        self.bytes = bytes
    }
}
