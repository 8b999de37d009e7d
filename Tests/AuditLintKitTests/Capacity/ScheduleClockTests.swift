import Foundation
import Testing

@testable import AuditLintKit

/// The capacity model's cached schedule look-ups give the schedule's own results, bit for bit.
@Suite struct ScheduleClockTests {
    /// A random hourly schedule: some zero-weight hours, record sizes and rates over many
    /// orders of magnitude, any start second.
    static func schedule(_ rng: inout SeededGenerator) -> RecordSchedule {
        let weights = (0..<24).map { _ in
            Int.random(in: 0..<5, using: &rng) == 0 ? 0 : Double.random(in: 0.01...10, using: &rng)
        }
        let volume = WriteVolume(
            bytesPerSecond: pow(10, Double.random(in: -1...7, using: &rng)),
            recordSize: Int64.random(in: 1...5_000, using: &rng),
            hourlyWeights: weights.allSatisfy { $0 == 0 } ? nil : weights)
        return RecordSchedule(
            volume: volume, startEpoch: 1_700_000_000 + Int64.random(in: 0...86_400, using: &rng),
            horizonSeconds: 400 * 86_400)
    }

    @Test(arguments: 0..<6)
    func timesAreTheSchedulesBitForBit(_ seed: UInt64) {
        var rng = SeededGenerator(seed: 0xC10C + seed)
        for _ in 0..<20 {
            let schedule = Self.schedule(&rng)
            guard schedule.lastRecord > 2 else { continue }
            var clock = ScheduleClock()
            var k = Int64.random(in: 1...schedule.lastRecord, using: &rng)
            for _ in 0..<2_000 {
                // Mostly small moves (the model's pattern), sometimes far jumps and repeats.
                switch Int.random(in: 0..<10, using: &rng) {
                case 0: k = Int64.random(in: 1...schedule.lastRecord, using: &rng)
                case 1: break
                default: k = min(schedule.lastRecord, max(1, k + Int64.random(in: -40...400, using: &rng)))
                }
                let expected = schedule.time(ofRecord: k)
                let got = clock.time(k, in: schedule)
                #expect(got.bitPattern == expected.bitPattern, "record \(k): \(got) != \(expected)")
            }
        }
    }

    @Test(arguments: 0..<4)
    func firstIndexIsTheSmallestRecordAtOrAfter(_ seed: UInt64) {
        var rng = SeededGenerator(seed: 0xF1257 + seed)
        for _ in 0..<20 {
            let schedule = Self.schedule(&rng)
            guard schedule.lastRecord > 2 else { continue }
            var clock = ScheduleClock()
            let end = schedule.time(ofRecord: schedule.lastRecord)
            for _ in 0..<300 {
                let t =
                    Bool.random(using: &rng)
                    ? Double.random(in: 0...end, using: &rng)
                    : schedule.time(ofRecord: Int64.random(in: 1...schedule.lastRecord, using: &rng))
                let strictly = Bool.random(using: &rng)
                let k = clock.firstIndex(atOrAfter: t, strictly: strictly, in: schedule)
                func reached(_ j: Int64) -> Bool {
                    strictly ? schedule.time(ofRecord: j) > t : schedule.time(ofRecord: j) >= t
                }
                #expect(k >= 1 && reached(k) && (k == 1 || !reached(k - 1)), "t \(t) strictly \(strictly): \(k)")
            }
        }
    }

    /// The model's remembered next rate change is the schedule's, bit for bit, for times
    /// moving on by small and large steps, landing on and just before hour boundaries, and
    /// sometimes going back.
    @Test(arguments: 0..<4)
    func nextRateChangeIsTheSchedulesBitForBit(_ seed: UInt64) {
        var rng = SeededGenerator(seed: 0xB0DA + seed)
        for _ in 0..<10 {
            let schedule = Self.schedule(&rng)
            let inputs = CapacityInputs(
                configuration: .stock, diskSize: 1 << 30, freeAtStart: 1 << 29, horizonSeconds: 400 * 86_400,
                startEpoch: schedule.start,
                volume: WriteVolume(
                    bytesPerSecond: schedule.rates[0], recordSize: schedule.recordSize,
                    hourlyWeights: schedule.hourly ? schedule.rates : nil))
            var state = ModelState(inputs: inputs, seriesPoints: 2, eventLimit: 1_000)
            var t = Double.random(in: 0...3_600, using: &rng)
            for _ in 0..<3_000 {
                let expected = state.schedule.nextRateChange(after: t)
                let got = state.nextRateChange(after: t)
                #expect(got.bitPattern == expected.bitPattern, "t \(t): \(got) != \(expected)")
                switch Int.random(in: 0..<12, using: &rng) {
                case 0: t = max(0, t - Double.random(in: 0...7_200, using: &rng))
                case 1: t = expected
                case 2: t = expected.nextDown
                case 3: t = expected - 1
                case 4: t = (expected - 1).nextDown
                case 5: t += Double.random(in: 0...200_000, using: &rng)
                default: t += Double.random(in: 0...60, using: &rng)
                }
                t = min(t, 400 * 86_400)
            }
        }
    }
}
