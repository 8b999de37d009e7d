import Testing

@testable import AuditLintKit

/// The capacity model's work is bounded: a horizon that needs too many events is refused
/// with the horizon that fits, never cut short and never run for minutes.
@Suite struct CapacityWorkBoundTests {
    typealias F = CapacityFixtures

    /// `report --rate 10G/day --filesz 512K --horizon 36500d`: 750 million rotations.
    @Test func rotationsBySizeAreCountedBeforeTheRun() throws {
        let inputs = F.inputs(filesz: 512 << 10, perDay: Double(10 << 30), days: 36_500)
        #expect {
            try CapacityModel.run(inputs)
        } throws: { error in
            guard case .horizonTooLong(let horizon, let simulable, let reason)? = error as? AuditLintError else {
                return false
            }
            // 20 million of 20 480 rotations a day, less a tenth: 878 days.
            return horizon == 36_500 * 86_400 && simulable == 878 * 86_400 && reason.contains("748 million rotations")
                && (error as? AuditLintError)?.isUsageError == true
                && "\(error)".contains("give a horizon of at most 878d (--horizon)")
        }
    }

    @Test func theHorizonThatFitsRuns() throws {
        let inputs = F.inputs(filesz: 512 << 10, perDay: Double(10 << 30), days: 2)
        let run = try CapacityModel.run(inputs, seriesPoints: 2, eventLimit: 60_000)
        #expect(run.simulation.rotations > 40_000)
        #expect(throws: AuditLintError.self) {
            try CapacityModel.run(
                F.inputs(filesz: 512 << 10, perDay: Double(10 << 30), days: 3), seriesPoints: 2, eventLimit: 60_000)
        }
    }

    /// A disk that is always low rotates every 30 s by LOW_SPACE: only the run's pace shows
    /// the work, so the run is refused at its first pace check.
    @Test func thePaceOfLowSpaceRotationsIsChecked() throws {
        func alwaysLow(days: Double) -> CapacityInputs {
            F.inputs(minfree: 60, disk: 256 << 30, free: 150 << 30, perDay: Double(20 << 20), days: days)
        }
        let limit = 20_000
        var refused: AuditLintError?
        do { _ = try CapacityModel.run(alwaysLow(days: 60), seriesPoints: 2, eventLimit: limit) } catch let error
            as AuditLintError
        {
            refused = error
        }
        guard case .horizonTooLong(_, let simulable, let reason)? = refused else {
            Issue.record("not refused: \(String(describing: refused))")
            return
        }
        #expect(reason.contains("rotations and low-space triggers"))
        #expect(simulable >= 86_400 && simulable < 10 * 86_400)
        // The horizon the error names fits under the same limit.
        let run = try CapacityModel.run(alwaysLow(days: simulable / 86_400), seriesPoints: 2, eventLimit: limit)
        #expect(run.simulation.rotations > 1_000)
    }

    /// A year of 30-second rotations is far inside the real limit.
    @Test func aYearOfThirtySecondRotationsIsNotRefused() throws {
        let inputs = F.inputs(filesz: 512 << 10, perDay: Double(512 << 10) * 2_880, days: 365)
        try CapacityModel.checkRotationWork(inputs, eventLimit: CapacityModel.eventLimit)
    }
}
