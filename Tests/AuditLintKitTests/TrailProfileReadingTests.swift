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
        userLimit: Int = VolumeProfileBuilder.userLimit, options: TrailReader.Options = .init()
    ) throws -> Read {
        var builder = VolumeProfileBuilder()
        builder.talkerLimit = talkerLimit
        builder.userLimit = userLimit
        var problems: [TrailProblem] = []
        try builder.add(trails: paths, options: options, parallelism: parallelism) { problems.append($0) }
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
    }

    /// A lone file with processors to spare is counted on a second thread while it is read
    /// (``CountingPipeline``): the profile and the problems are those of one thread, within
    /// the limits and past them, over many batches, and in strict mode too.
    @Test func aLoneFileCountedOnASecondThreadGivesWhatOneThreadGives() throws {
        let directory = try TemporaryDirectory("lone-trail")
        defer { directory.remove() }
        // The six trails one after another, 40 times: damage here and there, more batches of
        // records than are ever in flight.
        let parts = try Self.trails(directory)
        let bytes = Array(
            repeatElement(try parts.flatMap { Array(try Data(contentsOf: URL(fileURLWithPath: $0))) }, count: 40)
                .joined())
        let lone = [try directory.write("all.bsm", bytes)]
        let one = try Self.read(lone, parallelism: 1)
        #expect(one.problems.count == 80)
        let records = try VolumeProfile.decode(Array(one.json), path: "one").records
        #expect(records > 3 * VolumeProfileBuilder.countingThreadQuestionRecords)
        #expect(records > (CountingPipeline.batchesInFlight + 1) * CountingPipeline.Batch.records)
        #expect(try Self.read(lone, parallelism: 2) == one)
        let limited = try Self.read(lone, parallelism: 1, talkerLimit: 40, userLimit: 1)
        #expect(try Self.read(lone, parallelism: 2, talkerLimit: 40, userLimit: 1) == limited)
        let strict = TrailReader.Options(strict: true)
        #expect(throws: AuditLintError.self) { try Self.read(lone, parallelism: 2, options: strict) }
        // What a throw leaves in the builder: the records before the damage, counted as one
        // thread counts them.
        func partial(countingThread: Bool) throws -> Data {
            var builder = VolumeProfileBuilder()
            let reader = TrailReader(
                source: try FileDescriptorTrailSource(path: lone[0]), name: lone[0], options: strict)
            #expect(throws: AuditLintError.self) {
                try builder.add(reader, countingThread: { countingThread }, onProblem: { _ in }, progress: nil)
            }
            return try builder.profile().jsonData()
        }
        let before = try partial(countingThread: false)
        #expect(try VolumeProfile.decode(Array(before), path: "partial").records > 0)
        #expect(try partial(countingThread: true) == before)
        // A read that starts counting on its own thread part way (as the parallel read's
        // last files do when a worker runs out of files) counts the same.
        for switchAt in [1, 2] {
            var builder = VolumeProfileBuilder()
            let reader = TrailReader(source: try FileDescriptorTrailSource(path: lone[0]), name: lone[0])
            var asked = 0
            try builder.add(
                reader,
                countingThread: {
                    asked += 1
                    return asked == switchAt + 1
                }, onProblem: { _ in }, progress: nil)
            #expect(asked >= switchAt + 1)
            #expect(try builder.profile().jsonData() == one.json)
        }
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
    /// and past them (talkers full before paths, paths full, one user).
    @Test(arguments: [
        (VolumeProfileBuilder.talkerLimit, VolumeProfileBuilder.userLimit), (40, 1), (7, 2), (300, 4096),
    ])
    func trailRecordsCountLikeTheirSummaries(_ limits: (talkers: Int, users: Int)) throws {
        let directory = try TemporaryDirectory("fast-path-trails")
        defer { directory.remove() }
        var fast = VolumeProfileBuilder()
        var summarised = VolumeProfileBuilder()
        (fast.talkerLimit, fast.userLimit) = limits
        (summarised.talkerLimit, summarised.userLimit) = limits
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
