import AuditLintTestSupport
import Foundation
import Testing

@testable import AuditLintKit

/// Reading many trail files at once (``VolumeProfileBuilder/add(trails:options:parallelism:onProblem:progress:)``):
/// the profile and the problems are the same on one thread and on many, and the same as
/// adding every record to one builder while the limits are not reached.
@Suite struct TrailProfileReadingTests {
    /// Six synthesised trails (different seeds and hours), two of them with garbage between
    /// records, in a temporary directory.
    static func trails(_ directory: TemporaryDirectory) throws -> [String] {
        try (0..<6).map { n in
            let synthesizer = try TrailSynthesizer(
                TrailSynthesizer.Options(
                    workload: .laptop, durationSeconds: 6, seed: UInt64(n + 1),
                    start: TrailSynthesizer.defaultStart + UInt64(n) * 3_600 + 9 * 3_600))
            var bytes = try synthesizer.bytes().bytes
            if n == 2 || n == 4 {
                let middle = try #require(firstRecordEnd(bytes))
                bytes.insert(contentsOf: [0x00, 0x01, 0x02, 0x03], at: middle)
            }
            return try directory.write(String(format: "%02d.bsm", n), bytes)
        }
    }

    /// The end of the first record of `bytes`.
    static func firstRecordEnd(_ bytes: [UInt8]) -> Int? {
        guard bytes.count > 5 else { return nil }
        return Int(bytes[1]) << 24 | Int(bytes[2]) << 16 | Int(bytes[3]) << 8 | Int(bytes[4])
    }

    struct Read: Equatable {
        var json: Data
        var problems: [TrailProblem]
    }

    static func read(
        _ paths: [String], parallelism: Int, talkerLimit: Int = VolumeProfileBuilder.talkerLimit,
        userLimit: Int = VolumeProfileBuilder.userLimit, bucketLimit: Int = VolumeProfileBuilder.bucketLimit,
        options: TrailReader.Options = .init(), minimumPartBytes: Int64 = TrailFilePart.minimumBytes
    ) throws -> Read {
        var builder = VolumeProfileBuilder()
        (builder.talkerLimit, builder.userLimit, builder.bucketLimit) = (talkerLimit, userLimit, bucketLimit)
        var problems: [TrailProblem] = []
        try builder.add(
            trails: paths, options: options, parallelism: parallelism, minimumPartBytes: minimumPartBytes,
            onProblem: { problems.append($0) }, progress: nil)
        return Read(json: try builder.profile().jsonData(), problems: problems)
    }

    @Test func parallelReadIsByteIdenticalToOneThread() throws {
        let directory = try TemporaryDirectory("parallel-trails")
        defer { directory.remove() }
        let paths = try Self.trails(directory)
        let one = try Self.read(paths, parallelism: 1)
        #expect(one.problems.count == 2)
        #expect(one.problems.map(\.file) == [paths[2], paths[4]])
        for parallelism in [2, 3, 8] {
            #expect(try Self.read(paths, parallelism: parallelism) == one)
        }
        // With limits far below the trails' users and talkers, `(other)` takes the rest in
        // the same way on every thread count.
        let limited = try Self.read(paths, parallelism: 1, talkerLimit: 40, userLimit: 1)
        #expect(String(decoding: limited.json, as: UTF8.self).contains(VolumeProfileBuilder.otherTalker))
        #expect(try Self.read(paths, parallelism: 4, talkerLimit: 40, userLimit: 1) == limited)
        let fewBuckets = try Self.read(paths, parallelism: 1, bucketLimit: 12)
        #expect(fewBuckets.json != one.json)
        #expect(try Self.read(paths, parallelism: 3, bucketLimit: 12) == fewBuckets)
    }

    /// Past the bucket limit, a new bucket of an audit user is counted under the other
    /// users (its talkers too), and a record without one keeps its own: memory stays bounded
    /// whatever events and users a trail names, and every record is counted.
    @Test func bucketsPastTheLimitGoToTheOtherUsers() {
        var builder = VolumeProfileBuilder()
        builder.bucketLimit = 4
        for user in UInt32(1)...10 {
            builder.add(
                RecordSummary(event: 72, auditUserID: user, success: true, size: 100, time: 1e9, path: "/etc/hosts"))
        }
        for event in UInt16(1)...5 {
            builder.add(RecordSummary(event: event, auditUserID: nil, success: false, size: 10, time: 1e9))
        }
        let profile = builder.profile()
        let other = VolumeProfileBuilder.otherUsersAuditUserID
        #expect(profile.entries.map(\.auditUserID) == [nil, nil, nil, nil, nil, 1, 2, 3, 4, other])
        #expect(profile.entries.last?.records == 6)
        #expect(profile.records == 15 && profile.bytes == 1_050)
        #expect(profile.talkers.first { $0.auditUserID == other }?.records == 6)
    }

    /// Progress is reported as the read passes each interval of bytes (looked at when the
    /// split question would be asked), with the bytes read so far, and not at all without a
    /// handler; the profile is the same either way.
    @Test func progressIsReportedAsTheReadGoesOn() throws {
        let directory = try TemporaryDirectory("progress")
        defer { directory.remove() }
        let path = try Self.trails(directory)[0]
        func read(reporting: Bool) throws -> (VolumeProfile, [Int64], Int64) {
            var builder = VolumeProfileBuilder()
            var reports: [Int64] = []
            let reader = TrailReader(source: try FileDescriptorTrailSource(path: path), name: path)
            try builder.add(
                reader, onProblem: { _ in }, progress: reporting ? { reports.append($0) } : nil, questionEvery: 4,
                reportEvery: 1_024, split: nil)
            return (builder.profile(), reports, reader.statistics.bytes)
        }
        let (profile, reports, total) = try read(reporting: true)
        #expect(total > 8 * 1_024 && reports.count >= total / 1_024 / 4)
        #expect(zip(reports, reports.dropFirst()).allSatisfy { $1 >= $0 + 1_024 })
        #expect(reports.first.map { $0 >= 1_024 } == true && reports.last.map { $0 <= total } == true)
        #expect(try read(reporting: false).0 == profile)
    }

    /// Talkers' paths are kept in one arena with 32-bit offsets: a new talker whose path
    /// would not fit goes to `(other)`, as one past the talker limit does, and the talkers
    /// already held keep counting.
    @Test func talkersPastTheirPathBytesGoToOther() {
        var builder = VolumeProfileBuilder()
        builder.talkerPathBytesLimit = 30
        for path in ["/etc/hosts", "/etc/passwd", "/usr/bin/login", "/etc/hosts", "/bin/sh"] {
            builder.add(RecordSummary(event: 72, auditUserID: 501, success: true, size: 100, time: 1e9, path: path))
        }
        let talkers = builder.profile().talkers.map { "\($0.name)=\($0.records)" }
        #expect(talkers.sorted() == ["(other)=2", "/etc/hosts=2", "/etc/passwd=1"])
        #expect(builder.blank().talkerPathBytesLimit == 30)
    }

    static let splitCases: [(count: Int, read: Int64, rest: Int64, split: Bool)] = [
        (20_000, 1_048_576, 31_457_280, true), (100, 1_048_576, 20_971_520, true),
        (10_000, 10_485_760, 31_457_280, true), (16_000, 7_700_000, 17_400_000, false),
        (5_000, 1_048_576, 25_165_824, false), (10_000, 10_485_760, 62_914_560, false),
        (4_000, 1_048_576, 16_515_072, false), (0, 0, 1_073_741_824, true),
    ]

    /// A read splits once its talkers are full, or while they are few enough to stay below
    /// the limit through its share; not when it would fill within half its share (the part
    /// would add what the read is about to send to `(other)`), nor when a part would likely
    /// pass twice the limit.
    @Test(arguments: splitCases)
    func splitsWhenFullOrFarFromFull(count: Int, read: Int64, rest: Int64, split: Bool) {
        #expect(
            ParallelTrailRead.worthSplitting(talkers: (count, 20_000), read: read, rest: rest, pieces: 1) == split)
    }

    /// The six trails one after another `copies` times in one file (damage here and there),
    /// with a record that carries a whole record in an opaque token after `carrierAfter`
    /// records: a false record that frames cleanly inside a true one. Returns the path and
    /// the offset of the false record.
    static func loneTrail(
        _ directory: TemporaryDirectory, copies: Int, carrierAfter: Int
    ) throws -> (path: String, falseRecord: Int64) {
        let parts = try trails(directory)
        var bytes = Array(
            repeatElement(try parts.flatMap { Array(try Data(contentsOf: URL(fileURLWithPath: $0))) }, count: copies)
                .joined())
        var (offset, records) = (0, 0)
        try TrailReader(source: MemoryTrailSource(bytes), name: "lone").forEachRecord { record in
            if records == carrierAfter { offset = Int(record.offset) }
            records += 1
        }
        try #require(records > carrierAfter)
        let inner = BSMEncoder.record(
            BSMHeader(event: 72, seconds: TrailSynthesizer.defaultStart, milliseconds: 0), [.path(Array("/false".utf8))]
        )
        let carrier = BSMEncoder.record(
            BSMHeader(event: 72, seconds: TrailSynthesizer.defaultStart, milliseconds: 0), [.opaque(inner)])
        bytes.insert(contentsOf: carrier, at: offset)
        let path = try directory.write("lone.bsm", bytes)
        return (path, Int64(offset + carrier.firstRange(of: inner)!.lowerBound))
    }

    /// A lone file read on many threads is split into parts that threads with no file
    /// left read (``TrailFilePart``): the profile and the problems are those of one thread,
    /// within the limits and past them, and in strict mode the same error after the same
    /// problems.
    @Test func aLoneFileReadInPartsGivesWhatOneThreadGives() throws {
        let directory = try TemporaryDirectory("lone-trail")
        defer { directory.remove() }
        let lone = try Self.loneTrail(directory, copies: 12, carrierAfter: 5000).path
        let one = try Self.read([lone], parallelism: 1)
        #expect(one.problems.count == 24)
        for parallelism in [2, 3] {
            #expect(try Self.read([lone], parallelism: parallelism, minimumPartBytes: 1 << 16) == one)
        }
        let limited = try Self.read([lone], parallelism: 1, talkerLimit: 40, userLimit: 1)
        #expect(
            try Self.read([lone], parallelism: 2, talkerLimit: 40, userLimit: 1, minimumPartBytes: 1 << 16) == limited)
        func failure(_ parallelism: Int) -> String {
            var problems: [TrailProblem] = []
            var builder = VolumeProfileBuilder()
            do {
                try builder.add(
                    trails: [lone], options: .init(strict: true), parallelism: parallelism, minimumPartBytes: 1 << 16,
                    onProblem: { problems.append($0) }, progress: nil)
            } catch {
                return "\(error) after \(problems)"
            }
            return "no error"
        }
        #expect(failure(1).contains("lone.bsm"))
        #expect(failure(2) == failure(1))
    }

    /// `path` read as a file is read in parts: its read split at the first question (every
    /// 64 records) at the clean record starts from each of `boundaries` on, the parts read
    /// one after another and added (``VolumeProfileBuilder/finishSplitFile(_:stoppedAt:parts:sameAs:options:onProblem:)``);
    /// also how many parts were made and how many merged.
    static func read(
        _ path: String, limits: (talkers: Int, users: Int, buckets: Int), splittingAt boundaries: [Int64]
    ) throws -> (Read, (made: Int, merged: Int)) {
        var builder = VolumeProfileBuilder()
        (builder.talkerLimit, builder.userLimit, builder.bucketLimit) = limits
        var problems: [TrailProblem] = []
        var parts: [TrailFilePart] = []
        let reader = TrailReader(source: try FileDescriptorTrailSource(path: path), name: path)
        try builder.add(
            reader, onProblem: { problems.append($0) }, progress: nil, questionEvery: 64,
            split: { reader, from, _, snapshot in
                guard parts.isEmpty, let file = reader.mappedFile else { return nil }
                var starts: [Int64] = []
                for boundary in boundaries where boundary >= from {
                    let start = try #require(
                        try TrailReader.recordStart(of: file, atOrAfter: boundary, options: .init()))
                    if start > (starts.last ?? from), start < (try file.size()) { starts.append(start) }
                }
                let ends = starts.dropFirst() + [Int64.max]
                parts = zip(starts, ends).map { TrailFilePart(start: $0, end: $1, builder: snapshot()) }
                return starts.first
            })
        for index in parts.indices { parts[index].read(path, sameAs: nil, options: .init(), progress: nil) }
        var merged = 0
        if !parts.isEmpty {
            merged = try builder.finishSplitFile(
                path, stoppedAt: reader.position, parts: parts, sameAs: nil, options: .init(),
                onProblem: { problems.append($0) })
        }
        return (Read(json: try builder.profile().jsonData(), problems: problems), (parts.count, merged))
    }

    /// A part that sent a bucket to the other users at its own limit, while the file's read
    /// made that very bucket after the snapshot, is read again: its records of that user
    /// belong to the bucket the read made.
    @Test func aPartPastItsOwnBucketLimitIsReadAgain() throws {
        let directory = try TemporaryDirectory("bucket-split")
        defer { directory.remove() }
        func records(_ users: [UInt32]) -> [UInt8] {
            users.flatMap { user in
                BSMEncoder.record(
                    BSMHeader(event: 72, seconds: TrailSynthesizer.defaultStart, milliseconds: 0),
                    [TrailEstimateTests.subject(user), .returnValue(status: 0, value: 0, is64Bit: false)])
            }
        }
        // The snapshot (64 records) holds one bucket, under the limit of 3 (the part's is 6);
        // the read then makes users 2 and 3's; the part makes 10–14's, and sends 15's and
        // then 2's to the other users.
        let head = records(Array(repeating: 1, count: 70) + [2, 3])
        let path = try directory.write("buckets.bsm", head + records([10, 11, 12, 13, 14, 15, 2, 2]))
        let limits = (talkers: VolumeProfileBuilder.talkerLimit, users: 4096, buckets: 3)
        let (one, _) = try Self.read(path, limits: limits, splittingAt: [])
        let (split, parts) = try Self.read(path, limits: limits, splittingAt: [Int64(head.count)])
        #expect(split == one)
        #expect(parts.made == 1 && parts.merged == 0)
        #expect(String(decoding: one.json, as: UTF8.self).contains("\"auditUserID\" : 2"))
    }

    /// A file with more problems than a thread holds is read again on the calling thread,
    /// its problems passed on as found, with the builder's limits: what one thread gives.
    @Test func aFileWithTooManyProblemsToHoldReadsLikeOneThread() throws {
        let directory = try TemporaryDirectory("many-problems")
        defer { directory.remove() }
        let (lone, _) = try Self.loneTrail(directory, copies: 12, carrierAfter: 100)
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: lone)))
        var offsets: [Int] = []
        try TrailReader(source: MemoryTrailSource(bytes), name: "lone").forEachRecord { offsets.append(Int($0.offset)) }
        try #require(offsets.count > VolumeProfileBuilder.heldProblemLimit)
        // A garbage byte before every record.
        var damaged: [UInt8] = []
        for (at, offset) in offsets.enumerated() {
            damaged.append(0x00)
            damaged += bytes[offset..<(at + 1 < offsets.count ? offsets[at + 1] : bytes.count)]
        }
        let paths = [try directory.write("damaged.bsm", damaged)] + (try Self.trails(directory))
        let one = try Self.read(paths, parallelism: 1, talkerLimit: 40, userLimit: 1)
        #expect(one.problems.count > VolumeProfileBuilder.heldProblemLimit)
        #expect(try Self.read(paths, parallelism: 2, talkerLimit: 40, userLimit: 1) == one)
    }

    /// A file replaced by another under its name after its read began is an error naming
    /// it when a part opens it again, not a profile mixing the two files.
    @Test func aFileReplacedBeforeItsPartIsReadIsAnError() throws {
        let directory = try TemporaryDirectory("replaced-trail")
        defer { directory.remove() }
        let (path, _) = try Self.loneTrail(directory, copies: 2, carrierAfter: 100)
        let source = try FileDescriptorTrailSource(path: path)
        let reader = TrailReader(source: source, name: path)
        var builder = VolumeProfileBuilder()
        var parts: [TrailFilePart] = []
        try builder.add(
            reader, onProblem: { _ in }, progress: nil, questionEvery: 64,
            split: { reader, from, _, snapshot in
                guard parts.isEmpty, let file = reader.mappedFile,
                    let start = try TrailReader.recordStart(of: file, atOrAfter: from + 50_000, options: .init())
                else { return nil }
                parts = [TrailFilePart(start: start, end: .max, builder: snapshot())]
                return start
            })
        try #require(parts.count == 1)
        // Another trail takes the name (as a rotation's rename would).
        let other = try directory.write("other.bsm", Array(try Data(contentsOf: URL(fileURLWithPath: path))))
        #expect(rename(other, path) == 0)
        parts[0].read(path, sameAs: source, options: .init(), progress: nil)
        #expect(!parts[0].opened)
        #expect {
            try builder.finishSplitFile(
                path, stoppedAt: reader.position, parts: parts, sameAs: source, options: .init(), onProblem: { _ in })
        } throws: { "\($0)".contains("replaced while it was read") && "\($0)".contains(path) }
    }

    /// Split anywhere, into one part or two, a file reads as one read does: parts that
    /// start where the read before them stopped and can be merged are merged; from a part
    /// that starts elsewhere (a record spans the split, or a false record inside one
    /// frames) or that went past a limit the merge cannot account for, the rest is read
    /// again.
    @Test(arguments: [
        (VolumeProfileBuilder.talkerLimit, VolumeProfileBuilder.userLimit, VolumeProfileBuilder.bucketLimit),
        (40, 1, VolumeProfileBuilder.bucketLimit), (300, 4096, VolumeProfileBuilder.bucketLimit),
        (5_000, 4096, VolumeProfileBuilder.bucketLimit), (VolumeProfileBuilder.talkerLimit, 4096, 30),
    ])
    func aFileSplitAnywhereReadsLikeOneRead(_ limits: (talkers: Int, users: Int, buckets: Int)) throws {
        let directory = try TemporaryDirectory("split-trail")
        defer { directory.remove() }
        let (lone, falseRecord) = try Self.loneTrail(directory, copies: 2, carrierAfter: 1100)
        var (made, merged) = (0, 0)
        func read(splittingAt boundaries: [Int64]) throws -> Read {
            let (read, parts) = try Self.read(lone, limits: limits, splittingAt: boundaries)
            (made, merged) = (made + parts.made, merged + parts.merged)
            return read
        }
        let one = try read(splittingAt: [])
        let size = Int64(try Data(contentsOf: URL(fileURLWithPath: lone)).count)
        #expect(falseRecord > size / 4)
        // Boundaries at odd bytes all over the file (inside records and damage), just
        // before and at the false record, and pairs of them.
        var splits = stride(from: size / 8 + 1, to: size, by: Int(size / 19)).map { [$0] }
        splits += [[falseRecord - 1], [falseRecord], [size / 4 + 7, falseRecord - 3], [size * 3 / 5, size * 4 / 5]]
        for boundaries in splits {
            let split = try read(splittingAt: boundaries)
            #expect(split == one, "split at \(boundaries)")
        }
        // Parts were merged, and some (the false record's) read again.
        #expect(merged > 0 && merged < made)
    }

    /// Reading the files one after another reuses one builder's storage (emptied after each
    /// merge): the profile is what merging a fresh builder for each file gives, within the
    /// limits and past them.
    @Test(arguments: [(VolumeProfileBuilder.talkerLimit, VolumeProfileBuilder.userLimit), (40, 1)])
    func reusedStorageReadsLikeFreshBuilders(_ limits: (talkers: Int, users: Int)) throws {
        let directory = try TemporaryDirectory("reused-builders")
        defer { directory.remove() }
        let paths = try Self.trails(directory)
        var merged = VolumeProfileBuilder()
        (merged.talkerLimit, merged.userLimit) = limits
        for path in paths {
            var file = VolumeProfileBuilder()
            (file.talkerLimit, file.userLimit) = limits
            try file.add(TrailReader(source: try FileDescriptorTrailSource(path: path), name: path))
            merged.merge(file)
        }
        let expected = try merged.profile().jsonData()
        for parallelism in [1, 2] {
            let read = try Self.read(
                paths, parallelism: parallelism, talkerLimit: limits.talkers, userLimit: limits.users)
            #expect(read.json == expected)
        }
    }

    /// Below the limits, merging per-file builders gives what adding every record to one
    /// builder gives.
    @Test func mergeEqualsAddingEveryRecord() throws {
        let directory = try TemporaryDirectory("merged-trails")
        defer { directory.remove() }
        let paths = try Self.trails(directory)
        var single = VolumeProfileBuilder()
        for path in paths {
            try single.add(TrailReader(source: try FileDescriptorTrailSource(path: path), name: path))
        }
        let profile = single.profile()
        #expect(profile.talkers.count < VolumeProfileBuilder.talkerLimit)
        #expect(try Self.read(paths, parallelism: 3).json == (try profile.jsonData()))
    }

    /// The trail reader's fast path (talkers found by path hash, the long tail of paths
    /// counted under `(other)` without interning them) counts exactly what adding each
    /// record's summary counts (paths interned first, then the talker), within the limits
    /// and past them (talkers full before paths, paths full, one user, buckets full: a
    /// bucket's records then counted under the other users).
    @Test(arguments: [
        (VolumeProfileBuilder.talkerLimit, VolumeProfileBuilder.userLimit, VolumeProfileBuilder.bucketLimit),
        (40, 1, VolumeProfileBuilder.bucketLimit), (7, 2, VolumeProfileBuilder.bucketLimit),
        (300, 4096, VolumeProfileBuilder.bucketLimit), (VolumeProfileBuilder.talkerLimit, 4096, 5), (50, 4096, 12),
    ])
    func trailRecordsCountLikeTheirSummaries(_ limits: (talkers: Int, users: Int, buckets: Int)) throws {
        let directory = try TemporaryDirectory("fast-path-trails")
        defer { directory.remove() }
        var fast = VolumeProfileBuilder()
        var summarised = VolumeProfileBuilder()
        (fast.talkerLimit, fast.userLimit, fast.bucketLimit) = limits
        (summarised.talkerLimit, summarised.userLimit, summarised.bucketLimit) = limits
        for path in try Self.trails(directory) {
            try fast.add(TrailReader(source: try FileDescriptorTrailSource(path: path), name: path))
            try TrailReader(source: try FileDescriptorTrailSource(path: path), name: path).forEachRecord { view in
                if let summary = RecordSummary(view) { summarised.add(summary) }
            }
        }
        let (expected, profile) = (summarised.profile(), fast.profile())
        #expect(profile.talkers.count > (limits.talkers < 1000 ? limits.talkers : 0))
        // Compared whole, reported short (thousands of talkers).
        let sameTalkers = profile.talkers == expected.talkers
        #expect(sameTalkers, "talkers differ (\(profile.talkers.count) against \(expected.talkers.count))")
        #expect(profile.entries == expected.entries)
        #expect(
            [profile.records, profile.bytes] == [expected.records, expected.bytes]
                && [profile.firstTime, profile.lastTime] == [expected.firstTime, expected.lastTime]
                && profile.spanSeconds == expected.spanSeconds)
    }

    /// The profile orders talkers by bytes (most first), kind, name as `String` orders it
    /// (ASCII names compared as bytes, by their first 16 bytes first; others as strings:
    /// canonically equal spellings are equal) and bucket, whatever order they came in.
    /// With `copies` > 1 each name comes in that many variants (over 4,000 talkers).
    @Test(arguments: [1, 80])
    func talkersAreOrderedAsStringsOrderNames(copies: Int) {
        let stems = [
            "/tmp/f", "/tmp/é", "/tmp/e\u{301}", "/tmp/z", "/tmp/ü", "/Users/dev/Library/Caches/b",
            "/Users/dev/Library/Caches/a", "/Users/dev/Library/Cache", "/Users/dev/Library", "a\u{0}", "a", "",
            "/Users/dev/Library/Caches/a\u{0}b", VolumeProfileBuilder.otherTalker, "/usr/bin/\u{7F}",
            "/private/var/a", "/private/tmp/a", "/private/tmp/é",
        ]
        // A few sizes, so that most talkers tie on bytes with many others.
        func size(_ i: Int) -> Int { 100 + (i == 3 ? 50 : 0) + (i / stems.count) % 3 * 10 }
        let names = copies == 1 ? stems : stems.flatMap { stem in (0..<copies).map { stem + String($0) } }
        var builder = VolumeProfileBuilder()
        var expected: [VolumeProfile.Talker] = []
        for (i, name) in names.enumerated() {
            for (event, success) in [(UInt16(72), true), (UInt16(7), false), (UInt16(72), false)] {
                let user: UInt32? = i % 3 == 0 ? nil : UInt32(500 + i % 2)
                let exec = event == 7
                builder.add(
                    RecordSummary(
                        event: event, auditUserID: user, success: success, size: size(i),
                        execArgsBytes: exec ? 10 : 0, time: 1_700_000_000, path: name))
                expected.append(
                    VolumeProfile.Talker(
                        kind: exec ? "executable" : "path", name: name, event: event, auditUserID: user,
                        success: success, records: 1, bytes: size(i)))
            }
        }
        // The order as the profile documents it, on the talkers' own values.
        let order = expected.indices.sorted { i, j in
            let (a, b) = (expected[i], expected[j])
            if a.bytes != b.bytes { return a.bytes > b.bytes }
            if a.kind != b.kind { return a.kind < b.kind }
            if a.name != b.name { return a.name < b.name }
            if a.event != b.event { return a.event < b.event }
            let (userA, userB) = (a.auditUserID ?? .max, b.auditUserID ?? .max)
            if userA != userB { return userA < userB }
            return !a.success && b.success
        }
        #expect(builder.profile().talkers == order.map { expected[$0] })
        // The profile's order as `VolumeProfile` states it agrees: a sorted profile's top
        // talkers are its first ones, and those of one left in the order first seen are the
        // same, spelled alike.
        let sorted = builder.profile()
        let asSeen = builder.profile(talkersInOrder: false)
        for count in [0, 1, 7, expected.count / 2, expected.count] {
            let top = Array(sorted.talkers.prefix(count))
            #expect(sorted.keepingTopTalkers(count).talkers == top)
            let fromSeen = asSeen.keepingTopTalkers(count).talkers
            #expect(fromSeen == top)
            #expect(fromSeen.map { Array($0.name.utf8) } == top.map { Array($0.name.utf8) })
        }
    }

    /// In strict mode the first damage in file order is thrown, after the same problems,
    /// however many files are read at once.
    @Test func strictModeThrowsTheFirstDamageInFileOrder() throws {
        let directory = try TemporaryDirectory("strict-trails")
        defer { directory.remove() }
        let paths = try Self.trails(directory)
        func failure(_ parallelism: Int) -> (String, [TrailProblem]) {
            var builder = VolumeProfileBuilder()
            var problems: [TrailProblem] = []
            do {
                try builder.add(trails: paths, options: .init(strict: true), parallelism: parallelism) {
                    problems.append($0)
                }
            } catch {
                return ("\(error)", problems)
            }
            return ("no error", problems)
        }
        let one = failure(1)
        #expect(one.0.contains(paths[2]))
        #expect(failure(4) == one)
    }
}
