import Foundation
import Testing

@testable import AuditLintKit

/// One hostile change to a value, named for the test report.
struct ExtremeCase<Value>: Sendable, CustomTestStringConvertible {
    var name: String
    var apply: @Sendable (inout Value) -> Void
    var testDescription: String { name }

    init(_ name: String, _ apply: @escaping @Sendable (inout Value) -> Void) {
        self.name = name
        self.apply = apply
    }
}

/// Runs `body`, which may return or throw an ``AuditLintError`` but never trap (a trap
/// ends the test process, so reaching the end of the test is the check).
@discardableResult
func resultOrError<T>(_ body: () throws -> T) -> T? {
    do { return try body() } catch let error as AuditLintError {
        #expect(!error.description.isEmpty)
        return nil
    } catch {
        Issue.record("not an AuditLintError: \(error)")
        return nil
    }
}

@Suite struct SaturatingArithmeticTests {
    @Test func boundsInsteadOfOverflow() {
        #expect(Int64.max.addingSaturating(1) == .max)
        #expect(Int64.min.addingSaturating(-1) == .min)
        #expect(Int64.min.subtractingSaturating(1) == .min)
        #expect(Int64.max.subtractingSaturating(-1) == .max)
        #expect(Int64.max.multipliedSaturating(by: 2) == .max)
        #expect(Int64.max.multipliedSaturating(by: -2) == .min)
        #expect(Int64.min.multipliedSaturating(by: -1) == .max)
        #expect(UInt64(0).subtractingSaturating(1) == 0)
        #expect(UInt64.max.addingSaturating(1) == .max)
        #expect(Int64(40).addingSaturating(2) == 42)
        #expect([Int.max, 1, 2].saturatingSum() == .max)
    }

    static let conversions: [(Double, Int64)] = [
        (.nan, 0), (.infinity, .max), (-.infinity, .min), (9.3e18, .max), (-9.3e18, .min),
        (Double(Int64.max), .max), (-2.5, -2), (1e15, 1_000_000_000_000_000),
    ]

    @Test(arguments: conversions)
    func doubleConversionClamps(value: Double, expected: Int64) {
        #expect(Int64(saturating: value) == expected)
    }
}

@Suite struct CapacityExtremeValueTests {
    typealias F = CapacityFixtures

    /// `filesz:-1` wraps to 2^64 − 1 in libbsm; the model then never rotates by size.
    @Test(arguments: [Int64.max, Int64.max - 1, Int64.max / 2, Int64(1) << 62])
    func hugeFileszNeverRotates(filesz: Int64) throws {
        let run = try CapacityModel.run(F.inputs(filesz: filesz, days: 1), seriesPoints: 3)
        #expect(run.simulation.rotations == 0)
        #expect(run.simulation.outcome == .ok)
    }

    @Test func negativeFileszInAuditControlRunsTheModel() throws {
        let control = AuditControl.parse(
            SourceText(
                path: "audit_control", text: "dir:/var/audit\nflags:lo\nminfree:5\nfilesz:-1\nexpire-after:10M\n"),
            dialect: .openbsm, classes: .builtIn(.openbsm))
        let configuration = try #require(CapacityConfiguration(control: control))
        #expect(configuration.filesz == .max)
        var inputs = F.inputs(days: 2)
        inputs.configuration = configuration
        let run = try CapacityModel.run(inputs)
        #expect(run.simulation.rotations == 0)
        let report = CapacityReport(
            inputs: inputs, requirements: CapacityRequirements(), run: run, volumeSource: "test")
        for format in CapacityReportFormat.allCases {
            #expect(resultOrError { try report.rendered(as: format) }?.isEmpty == false)
        }
    }

    static let cases: [ExtremeCase<CapacityInputs>] = [
        .init("filesz 1") { $0.configuration.filesz = 1 },
        .init("filesz Int64.min") { $0.configuration.filesz = .min },
        .init("disk Int64.max, all free") {
            $0.diskSize = .max
            $0.freeAtStart = .max
        },
        .init("disk and block Int64.max") {
            $0.diskSize = .max
            $0.freeAtStart = .max
            $0.blockSize = .max
        },
        .init("disk Int64.max, nothing free") {
            $0.diskSize = .max
            $0.freeAtStart = 0
        },
        .init("disk 0") { $0.diskSize = 0 },
        .init("disk Int64.min") { $0.diskSize = .min },
        .init("free Int64.min") { $0.freeAtStart = .min },
        .init("block 1") { $0.blockSize = 1 },
        .init("block Int64.min") { $0.blockSize = .min },
        .init("other growth Int64.min") { $0.otherGrowthPerDay = .min },
        .init("other growth Int64.max") { $0.otherGrowthPerDay = .max },
        .init("other growth -2^60") { $0.otherGrowthPerDay = -(1 << 60) },
        .init("horizon NaN") { $0.horizonSeconds = .nan },
        .init("horizon infinity") { $0.horizonSeconds = .infinity },
        .init("horizon -1") { $0.horizonSeconds = -1 },
        .init("horizon 0") { $0.horizonSeconds = 0 },
        .init("horizon tiny") { $0.horizonSeconds = .leastNonzeroMagnitude },
        .init("start Int64.min") { $0.startEpoch = .min },
        .init("start Int64.max") { $0.startEpoch = .max },
        .init("record size 0") { $0.volume.recordSize = 0 },
        .init("record size Int64.max") { $0.volume.recordSize = .max },
        .init("record size Int64.min") { $0.volume.recordSize = .min },
        .init("rate NaN") { $0.volume.bytesPerSecond = .nan },
        .init("rate infinity") { $0.volume.bytesPerSecond = .infinity },
        .init("rate negative") { $0.volume.bytesPerSecond = -1 },
        .init("rate greatest finite") { $0.volume.bytesPerSecond = .greatestFiniteMagnitude },
        .init("rate tiny") { $0.volume.bytesPerSecond = .leastNonzeroMagnitude },
        .init("weights NaN") { $0.volume.hourlyWeights = [.nan] + Array(repeating: 1, count: 23) },
        .init("weights short") { $0.volume.hourlyWeights = [1, 2, 3] },
        .init("weights infinite") { $0.volume.hourlyWeights = [.infinity] + Array(repeating: 1, count: 23) },
        .init("weights huge") { $0.volume.hourlyWeights = [.greatestFiniteMagnitude] + Array(repeating: 1, count: 23) },
        .init("expire size Int64.max") { $0.configuration.expireAfter = ExpireAfter(sizeBytes: .max) },
        .init("expire size Int64.min") { $0.configuration.expireAfter = ExpireAfter(sizeBytes: .min) },
        .init("expire age NaN") { $0.configuration.expireAfter = ExpireAfter(ageSeconds: .nan) },
        .init("expire age infinity") { $0.configuration.expireAfter = ExpireAfter(ageSeconds: .infinity) },
        .init("expire age greatest") {
            $0.configuration.expireAfter = ExpireAfter(ageSeconds: .greatestFiniteMagnitude)
        },
        .init("expire age -1") { $0.configuration.expireAfter = ExpireAfter(ageSeconds: -1) },
        .init("minfree Int.max") { $0.configuration.minfree = .max },
        .init("minfree Int.min") { $0.configuration.minfree = .min },
        .init("minfree 100") { $0.configuration.minfree = 100 },
        .init("qsize Int.max") { $0.configuration.qsize = .max },
        .init("qsize Int.min") { $0.configuration.qsize = .min },
    ]

    /// Every value the public inputs can hold gives a run (and reports) or a thrown error.
    @Test(arguments: cases)
    func modelAndReportsNeverTrap(change: ExtremeCase<CapacityInputs>) {
        var inputs = F.inputs(days: 1)
        change.apply(&inputs)
        guard let run = resultOrError({ try CapacityModel.run(inputs, seriesPoints: 5) }) else { return }
        let report = CapacityReport(
            inputs: inputs, requirements: CapacityRequirements(retentionSeconds: 86_400, budget: .percentOfDisk(100)),
            run: run, volumeSource: "test")
        for format in CapacityReportFormat.allCases {
            #expect(resultOrError { try report.rendered(as: format) }?.isEmpty == false)
        }
    }

    static let schedules: [ExtremeCase<WriteVolume>] = [
        .init("flat") { _ in },
        .init("hourly") { $0.hourlyWeights = (0..<24).map { Double($0 % 5) } },
        .init("record size 0") { $0.recordSize = 0 },
        .init("record size Int64.max") { $0.recordSize = .max },
        .init("rate NaN") { $0.bytesPerSecond = .nan },
        .init("rate infinity") { $0.bytesPerSecond = .infinity },
        .init("rate tiny, hourly") {
            $0.bytesPerSecond = .leastNonzeroMagnitude
            $0.hourlyWeights = (0..<24).map { Double($0 % 5) }
        },
        .init("weights short") { $0.hourlyWeights = [1, 2] },
    ]

    @Test(arguments: schedules, [Int64.min, 0, 1_767_571_199, .max])
    func recordScheduleNeverTraps(change: ExtremeCase<WriteVolume>, start: Int64) {
        var volume = WriteVolume(bytesPerDay: Double(1 << 30), recordSize: 200)
        change.apply(&volume)
        for horizon in [Double.nan, -.infinity, -1, 0, 86_400, 1e300, .infinity] {
            let schedule = RecordSchedule(volume: volume, startEpoch: start, horizonSeconds: horizon)
            for k in [Int64.min, -1, 0, 1, 1 << 40, .max - 1, .max] {
                #expect(!(schedule.time(ofRecord: k) < 0))
            }
            for t in [Double.nan, -.infinity, -1, 0, 0.5, 86_400, 1e18, 1e300, .greatestFiniteMagnitude, .infinity] {
                let first = schedule.firstIndex(atOrAfter: t)
                #expect(first >= 1)
                #expect(schedule.lastIndex(atOrBefore: t) >= 0)
            }
        }
    }

    @Test func scheduleAnswersPastTheLastIndex() {
        let schedule = RecordSchedule(
            volume: WriteVolume(bytesPerDay: Double(1 << 30), recordSize: 200), startEpoch: F.start,
            horizonSeconds: 86_400)
        #expect(schedule.firstIndex(atOrAfter: .infinity) == .max)
        #expect(schedule.time(ofRecord: .max).isFinite)
        // Large but ordinary indices keep their exact whole-number byte counts.
        #expect(schedule.time(ofRecord: 1 << 40) == Double((1 << 40) * 200) / (Double(1 << 30) / 86_400))
    }

    @Test(arguments: [Double.nan, .infinity, -.infinity, 1e300, -1, 0])
    func budgetOfAnyDisk(percent: Double) {
        _ = CapacityBudget.percentOfDisk(percent).bytes(diskSize: .max)
        _ = CapacityBudget.percentOfDisk(percent).description
    }

    @Test(arguments: [Double.nan, .infinity, -.infinity, 1e300, -1e300])
    func sizesFromDoubles(bytes: Double) {
        #expect(!Quantity.formatSize(rounding: bytes).isEmpty)
        #expect(!Quantity.formatDuration(bytes).isEmpty)
    }
}

@Suite struct EstimateExtremeValueTests {
    static let classes = AuditClassTable.builtIn(.openbsm)
    static let events = AuditEventTable.builtIn(.openbsm)

    /// A one-bucket profile of execve records (the exec tokens matter to the arithmetic).
    static func profile() -> VolumeProfile {
        var builder = VolumeProfileBuilder()
        builder.files = 1
        for index in 0..<4 {
            builder.add(
                RecordSummary(
                    event: 23, auditUserID: 501, success: true, size: 300, execArgsBytes: 40, execEnvBytes: 20,
                    time: 1_767_571_200 + 900 * Double(index), path: "/bin/sh"))
        }
        return builder.profile(hosts: ["host"])
    }

    static let cases: [ExtremeCase<VolumeProfile>] = [
        .init("records Int.max") {
            $0.entries[0].records = .max
            $0.records = .max
        },
        .init("bytes Int.max") {
            $0.entries[0].bytes = .max
            $0.bytes = .max
        },
        .init("bytes Int.min") {
            $0.entries[0].bytes = .min
            $0.bytes = .min
        },
        .init("records Int.min") { $0.entries[0].records = .min },
        .init("exec bytes Int.max") {
            $0.entries[0].execArgsBytes = .max
            $0.entries[0].execEnvBytes = .max
        },
        .init("exec bytes Int.min") { $0.entries[0].execArgsBytes = .min },
        .init("two buckets of Int.max") {
            $0.entries[0].bytes = .max
            $0.entries[0].records = .max
            var copy = $0.entries[0]
            copy.success = false
            $0.entries.append(copy)
        },
        .init("hourly Int.max") { $0.entries[0].hourlyBytes = Array(repeating: .max, count: 24) },
        .init("hourly short") { $0.entries[0].hourlyBytes = [1] },
        .init("hourly long") { $0.entries[0].hourlyBytes = Array(repeating: 1, count: 30) },
        .init("talker Int.max") {
            $0.talkers =
                $0.talkers.map {
                    var t = $0
                    t.bytes = .max
                    t.records = .max
                    return t
                } + $0.talkers
        },
        .init("span 0") { $0.spanSeconds = 0 },
        .init("span tiny") { $0.spanSeconds = .leastNonzeroMagnitude },
        .init("span huge") { $0.spanSeconds = .greatestFiniteMagnitude },
        .init("span NaN") { $0.spanSeconds = .nan },
        .init("span infinity") { $0.spanSeconds = .infinity },
        .init("span negative") { $0.spanSeconds = -1 },
        .init("files Int.max") {
            $0.files = .max
            $0.damagedBytes = .max
        },
        .init("times NaN") {
            $0.firstTime = .nan
            $0.lastTime = .infinity
        },
    ]

    /// Every profile value gives an estimate, reports and a capacity volume, or a thrown error.
    @Test(arguments: cases)
    func estimatorAndReportsNeverTrap(change: ExtremeCase<VolumeProfile>) {
        var profile = Self.profile()
        change.apply(&profile)
        let estimator = Estimator(events: Self.events, classes: Self.classes)
        let candidates = [
            EstimateCandidate(
                label: "a", flags: "lo,ex", naflags: "lo", policy: "cnt", argv: false, arge: false,
                classes: Self.classes),
            EstimateCandidate(
                label: "b", flags: "lo,ex", naflags: "lo", policy: "cnt,argv,arge", argv: true, arge: true,
                classes: Self.classes),
            EstimateCandidate(
                label: "c", flags: "lo", naflags: "lo", policy: "cnt", argv: false, arge: false, classes: Self.classes),
        ]
        let estimates = candidates.map { estimator.evaluate($0, on: profile) }
        for estimate in estimates {
            #expect(estimate.bytesPerDay.map { $0.isFinite } ?? true)
            if let (volume, _) = estimate.writeVolume(spanSeconds: profile.spanSeconds) {
                var inputs = CapacityFixtures.inputs(days: 1)
                inputs.volume = volume
                resultOrError { try CapacityModel.run(inputs, seriesPoints: 3) }
            }
        }
        let report = EstimateReport(profile: profile, candidates: estimates)
        #expect(!EstimateReporter.text(report).isEmpty)
        #expect(!EstimateReporter.json(report).isEmpty)
        let merged = profile.merging(profile)
        #expect(merged.entries.allSatisfy { $0.hourlyBytes.count == 24 })
        _ = estimator.evaluate(candidates[0], on: merged)
    }

    @Test func saturatedTotalsStayAtTheBound() {
        var profile = Self.profile()
        profile.entries[0].bytes = .max
        var failed = profile.entries[0]
        failed.success = false
        profile.entries.append(failed)
        let candidate = EstimateCandidate(
            label: "all", flags: "ex", naflags: "", policy: "cnt,argv,arge", argv: true, arge: true,
            classes: Self.classes)
        let estimate = Estimator(events: Self.events, classes: Self.classes).evaluate(candidate, on: profile)
        #expect(estimate.bytes == .max)
    }
}

@Suite struct TuningExtremeValueTests {
    typealias F = TuningFixtures

    static let constraintCases: [ExtremeCase<TuningConstraints>] = [
        .init("disk Int64.max") {
            $0.diskSize = .max
            $0.diskFree = .max
        },
        .init("disk 0") {
            $0.diskSize = 0
            $0.diskFree = 0
        },
        .init("disk free negative") { $0.diskFree = -1 },
        .init("block Int64.max") { $0.blockSize = .max },
        .init("other growth Int64.min") { $0.otherGrowthPerDay = .min },
        .init("retention NaN") { $0.retentionSeconds = .nan },
        .init("retention infinity") { $0.retentionSeconds = .infinity },
        .init("retention huge") { $0.retentionSeconds = 1e300 },
        .init("retention negative") { $0.retentionSeconds = -86_400 },
        .init("budget Int64.max") { $0.budgetBytes = .max },
        .init("budget Int64.min") { $0.budgetBytes = .min },
        .init("horizon NaN") { $0.horizonSeconds = .nan },
        .init("horizon huge") { $0.horizonSeconds = 1e300 },
        .init("start Int64.min") { $0.startEpoch = .min },
    ]

    @Test(arguments: constraintCases)
    func advisorNeverTraps(change: ExtremeCase<TuningConstraints>) throws {
        var journal = try F.journal()
        change.apply(&journal.constraints)
        let model = TuningModel(journal: journal)
        resultOrError { try TuningAdvisor(model: model).advise(from: journal.iterations[0].config) }
        #expect(!TuningStatusReport.render(journal, as: .text).isEmpty)
        #expect(!TuningStatusReport.render(journal, as: .json).isEmpty)
    }

    @Test(arguments: [Double.nan, .infinity, -1, 0, 1e300, .leastNonzeroMagnitude])
    func calibrationAndRatesNeverTrap(value: Double) throws {
        var journal = try F.journal()
        let model = TuningModel(
            events: F.events, classes: F.classes, dialect: .macos, profile: journal.profile,
            constraints: journal.constraints, calibrationFactor: value)
        resultOrError { try model.evaluate(F.config) }
        resultOrError { try model.evaluate(F.config, bytesPerDay: value) }
        journal.iterations[0].projection.bytesPerDay = value
        journal.iterations[0].projection.rawBytesPerDay = value
        journal.iterations[0].projection.historyDays = value
        journal.iterations[0].projection.rotationsPerDay = value
        for format in TuningStatusFormat.allCases { #expect(!TuningStatusReport.render(journal, as: format).isEmpty) }
        #expect((7...14).contains(TuningSession.reviewAfterDays(journal.iterations[0].projection)))
    }

    @Test func negativeFileszLeavesNoRoomForASizeCap() {
        // `filesz:-1` reaches the advisor as Int64.max.
        #expect(TuningAdvisor.expireValues(retentionSeconds: 86_400, budgetBytes: 1 << 30, filesz: .max) == ["1d"])
        #expect(TuningAdvisor.expireValues(retentionSeconds: .infinity, budgetBytes: .min, filesz: .max).count == 1)
    }

    @Test func adviceForANegativeFilesz() throws {
        let config = F.config.replacingOccurrences(of: "filesz:2M", with: "filesz:-1")
        let journal = try F.journal(config: config)
        let advice = try TuningAdvisor(model: TuningModel(journal: journal)).advise(from: config)
        #expect(!advice.ranked.isEmpty || !advice.blocked.isEmpty)
    }

    @Test func reviewOfADamagedJournalIsRefused() throws {
        var journal = try F.journal()
        journal.iterations = []
        let observation = TuningObservation(
            host: "h", method: .trailNames, files: 1, bytes: 1, spanSeconds: 86_400, recordedAt: F.start)
        #expect(throws: AuditLintError.self) { try TuningSession.review(&journal, observations: [observation]) }
    }
}
