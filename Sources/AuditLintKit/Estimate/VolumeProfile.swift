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
    /// The masks the sample was recorded with (`flags` for attributable records, `naflags`
    /// for the others), when known (see ``SampleRecording``); absent from older files.
    /// A merged profile keeps the classes every part recorded.
    public var recordedFlags: AuditMask? = nil
    public var recordedNaflags: AuditMask? = nil

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

