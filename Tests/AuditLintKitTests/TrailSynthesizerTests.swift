import Foundation
import Testing

@testable import AuditLintKit

@Suite struct TrailSynthesizerTests {
    /// 09:00 UTC on the default day: a full-activity hour of the office workloads.
    static let nine = TrailSynthesizer.defaultStart + 9 * 3600

    static func synth(
        _ workload: Workload = .laptop, seconds: Double = 600, seed: UInt64 = 7, dialect: Dialect = .macos,
        flags: String = "all", policy: String = "cnt,argv", start: UInt64 = nine
    ) throws -> (bytes: [UInt8], summary: TrailSynthesizer.Summary) {
        try TrailSynthesizer(
            .init(
                workload: workload, durationSeconds: seconds, seed: seed, dialect: dialect, flags: flags,
                policy: policy, start: start)
        ).bytes()
    }

    /// Ten minutes of the laptop under `all`, made once for the tests that only read it.
    static let tenMinutes = Result { try synth(seconds: 600) }

    static func profile(_ bytes: [UInt8]) throws -> (VolumeProfile, [TrailProblem]) {
        var problems: [TrailProblem] = []
        var builder = VolumeProfileBuilder()
        try builder.add(
            TrailReader(source: MemoryTrailSource(bytes), name: "synth.bsm"), onProblem: { problems.append($0) })
        return (builder.profile(), problems)
    }

    static func estimate(
        _ profile: VolumeProfile, flags: String, dialect: Dialect = .macos, policy: String = "cnt,argv"
    ) -> CandidateEstimate {
        let classes = AuditClassTable.builtIn(dialect)
        let candidate = EstimateCandidate(
            label: "c", control: nil, flags: flags, naflags: flags, policy: policy,
            classes: classes, dialect: dialect)
        return Estimator(events: .builtIn(dialect), classes: classes).evaluate(candidate, on: profile)
    }

    @Test func theSameSeedGivesTheSameBytes() throws {
        let first = try Self.synth(seconds: 120)
        #expect(first.bytes == (try Self.synth(seconds: 120)).bytes)
        #expect(first.bytes != (try Self.synth(seconds: 120, seed: 8)).bytes)
        #expect(first.summary.bytes == first.bytes.count)
    }

    @Test(arguments: Dialect.allCases)
    func theDecoderReadsItWithoutDamage(dialect: Dialect) throws {
        let (bytes, summary) = try Self.synth(.server, seconds: 300, dialect: dialect, policy: "cnt,argv,arge")
        let (profile, problems) = try Self.profile(bytes)
        #expect(problems.isEmpty, "\(problems.prefix(3))")
        #expect(profile.records == summary.records && profile.bytes == bytes.count && profile.damagedBytes == 0)
        var kernelRecords = 0
        var withIdentity = 0
        var doubledPaths = 0
        var pathRecords = 0
        var execEnv = 0
        let reader = TrailReader(source: MemoryTrailSource(bytes), name: "synth.bsm")
        try reader.forEachRecord { view in
            var ids: [UInt8] = []
            view.forEachToken { id, _, _ in ids.append(id) }
            let userSpace = ids.contains(0x28) && !ids.contains(0x2d)  // login/auth: text, no argument
            if !userSpace { kernelRecords += 1 }
            if ids.contains(0xed) { withIdentity += 1 }
            if ids.contains(0x23) { pathRecords += 1 }
            if ids.filter({ $0 == 0x23 }).count == 2 { doubledPaths += 1 }
            if ids.contains(0x3d) { execEnv += 1 }
        }
        #expect(kernelRecords > 0 && pathRecords > 0 && execEnv > 0)
        if dialect == .macos {
            #expect(withIdentity == kernelRecords && doubledPaths == pathRecords)
        } else {
            #expect(withIdentity == 0 && doubledPaths == 0)
        }
    }

    @Test func itHasAttributableAndNonAttributableRecordsAndFailures() throws {
        let (profile, _) = try Self.profile(try Self.synth(seconds: 300).bytes)
        let attributable = profile.entries.filter(\.isAttributable).map(\.records).reduce(0, +)
        let failed = profile.entries.filter { !$0.success }.map(\.records).reduce(0, +)
        #expect(attributable > 0 && attributable < profile.records)
        let share = Double(failed) / Double(profile.records)
        #expect(share > 0.05 && share < 0.25)
    }

    /// The estimate of a synthesised trail gives the workload's configured volume: within
    /// 1 % for the whole mix, within 3 % for smaller flag sets (counts are rounded per hour
    /// and class, sizes steered to each class's mean).
    @Test(arguments: ["all", "lo,aa,ad,-fm,-ex,-fr,-fw", "lo,aa,ex", "+fa,nt"])
    func estimatesMatchTheWorkload(flags: String) throws {
        let (bytes, _) = try Self.tenMinutes.get()
        let (profile, _) = try Self.profile(bytes)
        let estimate = Self.estimate(profile, flags: flags)
        let volume = Workload.laptop.volume(flags: flags)
        // One full-activity hour's share of the day, for ten minutes.
        let expected = volume.bytesPerDay / Workload.laptop.activeHoursPerDay / 6
        let tolerance = flags == "all" ? 0.01 : 0.03
        #expect(abs(Double(estimate.bytes) - expected) / expected < tolerance, "\(estimate.bytes) vs \(expected)")
    }

    @Test func sampleFlagsAndPolicyShapeTheTrail() throws {
        let (bytes, summary) = try Self.synth(seconds: 600, flags: "lo,aa,ex", policy: "cnt")
        #expect(Set(summary.recordsByClass.keys).isSubset(of: ["lo", "aa", "ex"]))
        let (profile, _) = try Self.profile(bytes)
        #expect(profile.entries.allSatisfy { $0.execArgsBytes == 0 && $0.execEnvBytes == 0 })
        let estimate = Self.estimate(profile, flags: "ex", policy: "cnt,argv")
        #expect(estimate.records > 0 && estimate.lowerBound)
    }

    @Test func headerTimesFollowTheDailyCycle() throws {
        let (bytes, summary) = try Self.synth(seconds: 86_400, flags: "lo,aa", start: TrailSynthesizer.defaultStart)
        let (profile, _) = try Self.profile(bytes)
        let estimate = Self.estimate(profile, flags: "lo,aa")
        let office = (9..<17).map { estimate.hourlyBytes[$0] }.reduce(0, +)
        #expect(Double(office) / Double(estimate.bytes) > 0.75)  // 8 of 9.6 active-equivalent hours
        #expect((0..<24).allSatisfy { estimate.hourlyBytes[$0] > 0 || !(9..<17).contains($0) })
        let expected = Workload.laptop.volume(flags: "lo,aa")
        #expect(abs(Double(summary.records) - expected.eventsPerDay) / expected.eventsPerDay < 0.05)
        #expect(profile.spanSeconds > 80_000 && profile.spanSeconds <= 86_400)
    }

    @Test func writesAtomicallyAndRefusesBadOptions() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("auditlint-synth-\(UUID()).bsm").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let synthesizer = try TrailSynthesizer(
            .init(workload: .server, durationSeconds: 60, seed: 3, dialect: .openbsm))
        let summary = try synthesizer.write(to: path)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)).count == summary.bytes)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: FileManager.default.temporaryDirectory.path)
                .filter { $0.hasPrefix(URL(fileURLWithPath: path).lastPathComponent + ".tmp") }.isEmpty)
        #expect(throws: AuditLintError.self) { try TrailSynthesizer(.init(workload: .server, durationSeconds: 0)) }
        #expect(throws: AuditLintError.self) {
            try TrailSynthesizer(.init(workload: .server, durationSeconds: 60, flags: "lo, aa"))
        }
        #expect(throws: AuditLintError.self) {
            try TrailSynthesizer(.init(workload: .server, durationSeconds: 60, policy: "cnt,bogus"))
        }
        #expect(throws: AuditLintError.self) { try synthesizer.write(to: "/nonexistent-dir/x.bsm") }
    }
}
