import Testing

@testable import AuditLintKit

/// A small seeded generator (SplitMix64) so random scenarios are reproducible.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

enum CapacityFixtures {
    static let mebi: Int64 = 1 << 20
    static let gibi: Int64 = 1 << 30
    /// Monday 2026-01-05 00:00:00 UTC.
    static let start: Int64 = 1_767_571_200

    static func inputs(
        filesz: Int64 = 2 << 20, expire: ExpireAfter = ExpireAfter(sizeBytes: 10 << 20), minfree: Int = 5,
        cnt: Bool = true, ahlt: Bool = false, disk: Int64 = 100 << 30, free: Int64 = 80 << 30,
        perDay: Double = Double(1 << 30), recordSize: Int64 = 200, other: Int64 = 0,
        days: Double = 90, weights: [Double]? = nil
    ) -> CapacityInputs {
        CapacityInputs(
            configuration: CapacityConfiguration(
                filesz: filesz, expireAfter: expire, minfree: minfree, cnt: cnt, ahlt: ahlt),
            diskSize: disk, freeAtStart: free, otherGrowthPerDay: other, horizonSeconds: days * 86_400,
            startEpoch: start,
            volume: WriteVolume(bytesPerDay: perDay, recordSize: recordSize, hourlyWeights: weights))
    }
}

/// The spec's §7 worked examples, and other figures worked by hand.
@Suite struct CapacityWorkedExampleTests {
    typealias F = CapacityFixtures

    @Test func defaultRotationAndSizeExpiryKeepFourClosedTrails() throws {
        let sim = try CapacityModel.run(F.inputs()).simulation
        // 10 486 records of 200 B close each trail at 2 097 200 B, every 168.75 s (~2.8 min).
        #expect(sim.filesOnDisk == 5)
        #expect(sim.peakAuditBytes == 5 * 2_097_200)
        #expect(sim.peakAuditBytes >= 10 << 20 && sim.peakAuditBytes < (10 << 20) + 1000)
        #expect(sim.historyDays > 4 * 168.75 / 86_400 && sim.historyDays <= 5 * 168.75 / 86_400)
        #expect(abs(sim.historyDays - 0.009) < 0.001)
        let interval = 10_486 * 200 * 86_400 / Double(1 << 30)
        #expect(sim.rotations == Int(90 * 86_400 / interval))
        #expect(sim.expiredFiles == sim.rotations - 4)
        #expect(sim.outcome == .ok && sim.outcomeSeconds == nil && sim.firstLowSpaceSeconds == nil)
        #expect(sim.droppedBytes == 0)
        let gibPerDay = Double(1 << 30)
        #expect(abs(sim.bytesPerDay - gibPerDay) < 2)
    }

    @Test func sixtyDaysOrFiveGigabytesBindsOnSizeAfterFiveDays() throws {
        let sim = try CapacityModel.run(
            F.inputs(expire: ExpireAfter(ageSeconds: 60 * 86_400, sizeBytes: 5 << 30))
        ).simulation
        #expect(abs(sim.historyDays - 5) < 0.01)
        #expect(sim.peakAuditBytes > 5 << 30 && sim.peakAuditBytes <= (5 << 30) + 2_097_200)
        #expect(sim.finalAuditBytes <= (5 << 30) + 2_097_200)
        #expect(sim.outcome == .ok)
    }

    @Test func sixtyDaysAndFiveGigabytesKeepsSixtyDays() throws {
        let sim = try CapacityModel.run(
            F.inputs(expire: ExpireAfter(ageSeconds: 60 * 86_400, sizeBytes: 5 << 30, combinator: .and))
        ).simulation
        // AND: a trail goes only once it is 60 days old, so about 60 GiB stay.
        #expect(abs(sim.historyDays - 60) < 0.01)
        #expect(abs(Double(sim.peakAuditBytes) / Double(1 << 30) - 60) < 0.01)
    }

    @Test func noRotationMeansNoExpiryUntilTheSoftLimitForcesRotations() throws {
        // 10 GiB disk, 6 GiB free, minfree 5 (threshold 131 072 blocks of 4 KiB = 512 MiB).
        let sim = try CapacityModel.run(
            F.inputs(filesz: 0, disk: 10 << 30, free: 6 << 30, days: 30)
        ).simulation
        let firstLow = Double((6 << 30) - (512 << 20)) / Double(1 << 30) * 86_400
        let expectedFirstLow = try #require(sim.firstLowSpaceSeconds)
        #expect(abs(expectedFirstLow - firstLow) < 1)
        #expect(sim.outcome == .lowSpace)
        #expect(abs(try #require(sim.outcomeSeconds) - firstLow) < 1)
        // Each LOW_SPACE rotates the one big trail, and expiry (10M) deletes it at once.
        #expect(sim.rotations == Int(30 * 86_400 / firstLow))
        #expect(sim.expiredFiles == sim.rotations)
        #expect(sim.filesOnDisk == 1)
        #expect(sim.peakAuditBytes >= (6 << 30) - (512 << 20))
        #expect(sim.droppedBytes == 0)
    }

    @Test func invalidFileszBehavesLikeNoRotation() throws {
        let sim = try CapacityModel.run(F.inputs(filesz: 0, disk: 100 << 30, free: 80 << 30, days: 10)).simulation
        #expect(sim.rotations == 0 && sim.expiredFiles == 0 && sim.filesOnDisk == 1)
        #expect(abs(sim.historyDays - 10) < 1e-9)
        #expect(sim.finalAuditBytes == sim.peakAuditBytes)
    }

    @Test func withCntTheTrailIsSuspendedAndRecordsAreDropped() throws {
        // No expiry, no soft limit: 1 GiB/day on 4 GiB free fills in about 4 days.
        let sim = try CapacityModel.run(
            F.inputs(expire: .never, minfree: 0, disk: 8 << 30, free: 4 << 30, days: 10)
        ).simulation
        #expect(sim.outcome == .recordsDropped)
        let noSpace = try #require(sim.firstNoSpaceSeconds)
        #expect(abs(noSpace - 4 * 86_400) < 10)
        #expect(sim.outcomeSeconds == noSpace)
        #expect(abs(Double(sim.droppedBytes) - 6 * Double(1 << 30)) < 2e6)
        #expect(sim.finalAuditBytes > (4 << 30) - 4 * 4096 - 200)
        #expect(abs(sim.bytesPerDay - Double(sim.finalAuditBytes) / 10) < 1)
    }

    @Test func withoutCntTheSystemBlocksAtTheFailStopEstimate() throws {
        let sim = try CapacityModel.run(
            F.inputs(expire: .never, minfree: 0, cnt: false, disk: 8 << 30, free: 4 << 30, days: 10)
        ).simulation
        #expect(sim.outcome == .systemBlocked)
        let stop = Double((4 << 30) - 101 * 32_767) / Double(1 << 30) * 86_400
        #expect(abs(try #require(sim.outcomeSeconds) - stop) < 1)
        #expect(sim.endSeconds == sim.outcomeSeconds)
        #expect(sim.firstNoSpaceSeconds == nil)
    }

    @Test func withAhltRunningOutOfSpacePanics() throws {
        let sim = try CapacityModel.run(
            F.inputs(expire: .never, minfree: 0, ahlt: true, disk: 8 << 30, free: 4 << 30, days: 10)
        ).simulation
        #expect(sim.outcome == .panic)
        #expect(sim.firstNoSpaceSeconds == sim.outcomeSeconds)
        #expect(sim.droppedBytes == 0)
    }

    @Test func minfreeAboveFiftyMeansAlwaysLowAndARotationEveryThirtySeconds() throws {
        let sim = try CapacityModel.run(F.inputs(minfree: 60, days: 1)).simulation
        #expect(sim.outcome == .lowSpace)
        #expect(try #require(sim.firstLowSpaceSeconds) < 1)
        // One rotation every 30 whole seconds (the 2 MiB ROTATEs fall in between).
        #expect(abs(sim.rotations - 86_400 / 30) <= 520)
        #expect(sim.rotations >= 86_400 / 31)
    }

    @Test func otherDataCanFillTheDiskAlone() throws {
        let sim = try CapacityModel.run(
            F.inputs(minfree: 0, disk: 10 << 30, free: 5 << 30, perDay: 1_048_576, other: 1 << 30, days: 10)
        ).simulation
        #expect(sim.outcome == .recordsDropped)
        // Free space falls by 1 GiB + 1 MiB a day; records come every 16.5 s.
        let full = Double((5 << 30) - 4 * 4096) / Double((1 << 30) + (1 << 20)) * 86_400
        #expect(abs(try #require(sim.firstNoSpaceSeconds) - full) < 17)
    }

    @Test func hourlyWeightsKeepTheDailyVolume() throws {
        var weights = Array(repeating: 0.0, count: 24)
        weights[9] = 1
        weights[10] = 3
        let sim = try CapacityModel.run(F.inputs(expire: .never, days: 3, weights: weights)).simulation
        #expect(abs(Double(sim.finalAuditBytes) - 3 * Double(1 << 30)) < 400)
        let schedule = RecordSchedule(
            volume: WriteVolume(bytesPerDay: Double(1 << 30), hourlyWeights: weights), startEpoch: F.start,
            horizonSeconds: 86_400)
        let first = schedule.time(ofRecord: 1)
        #expect(first > 9 * 3_600 && first < 9 * 3_600 + 1)
        let quarterDay = Int64((1 << 30) / 4 / 200)  // hour 09 gets a quarter of the day
        #expect(abs(schedule.time(ofRecord: quarterDay) - 10 * 3_600) < 1)
        #expect(schedule.time(ofRecord: schedule.lastRecord) <= 11 * 3_600)
    }

    @Test func seriesIsBoundedAndEndsAtTheHorizon() throws {
        let run = try CapacityModel.run(F.inputs(days: 90), seriesPoints: 91)
        #expect(run.series.count == 91)
        #expect(run.series.first?.t == 0 && run.series.last?.t == 90 * 86_400)
        #expect(run.series.allSatisfy { $0.auditBytes <= 5 * 2_097_200 })
        #expect(run.series[0].freeBytes == 80 << 30)
    }
}
