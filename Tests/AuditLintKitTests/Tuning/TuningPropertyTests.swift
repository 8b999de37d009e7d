import Foundation
import Testing

@testable import AuditLintKit

/// Seeded random sessions: no proposed step breaks the budget, the retention or the disk
/// according to the capacity model, and every blocked step does.
@Suite struct TuningPropertyTests {
    static let classNames = ["lo", "aa", "ex", "pc", "fr", "fa", "nt", "fw", "ad", "fm", "cl"]

    @Test(arguments: 0..<5)
    func noProposalBreaksAConstraint(seed: UInt64) throws {
        var random = SeededRandom(seed: 0x7475_6E65 &+ seed)
        let spec = Self.classNames.map { name in
            (
                name: name, records: Int.random(in: 0...400, using: &random),
                failures: Int.random(in: 0...80, using: &random),
                size: Int.random(in: 80...400, using: &random)
            )
        }
        let profile = TuningFixtures.profile(spec)
        let flags =
            ["lo,aa"]
            + Self.classNames.filter { _ in Int.random(in: 0..<4, using: &random) == 0 }
            .map { ["", "+", "-"].randomElement(using: &random)! + $0 }
        let config = TuningFixtures.config
            .replacingOccurrences(of: "flags:lo,aa\nminfree", with: "flags:\(flags.joined(separator: ","))\nminfree")
            .replacingOccurrences(
                of: "filesz:2M", with: "filesz:" + ["0", "512K", "1M", "2M"].randomElement(using: &random)!
            )
            .replacingOccurrences(
                of: "expire-after:10M",
                with: "expire-after:" + ["10M", "1d", "3d OR 20M", "1M"].randomElement(using: &random)!)
        let budget = Int64.random(in: (256 << 10)...(48 << 20), using: &random)
        let retention = Double(Int.random(in: 1...3, using: &random))
        var constraints = TuningFixtures.constraints(
            budget: budget, retentionDays: retention,
            profile: Bool.random(using: &random) ? "cis-l2" : nil)
        constraints.diskSize = Int64.random(in: (512 << 20)...(16 << 30), using: &random)
        constraints.diskFree = Int64.random(in: (constraints.diskSize / 20)...constraints.diskSize, using: &random)
        constraints.otherGrowthPerDay = Int64.random(in: 0...(64 << 20), using: &random)
        var journal = try TuningFixtures.journal(config: config, profile: profile, constraints: constraints)
        journal.iterations[0].review = TuningReview(
            observedBytesPerDay: 0, maxHostBytesPerDay: 0, projectedBytesPerDay: 0, error: 0, factorBefore: 1,
            factorAfter: Double.random(in: 0.5...4, using: &random), historyDaysAtObserved: 0, verdictAtObserved: .ok,
            decision: .goOn, reasons: [])

        let model = TuningModel(journal: journal)
        // Three steps, each from the previous proposal.
        var current = config
        for _ in 0..<3 {
            let advice = try TuningAdvisor(model: model).advise(from: current)
            for candidate in advice.ranked { #expect(candidate.blockedBy.isEmpty) }
            for candidate in advice.blocked { #expect(!candidate.blockedBy.isEmpty) }
            guard let proposal = advice.proposal else { return }
            try Self.check(proposal, model: model, seed: seed)
            current = proposal.config
        }
    }

    /// Runs the capacity model on the proposed file, independently of the advisor's own
    /// projection, and checks the retention, the budget and the disk.
    static func check(_ proposal: TuningAdvisor.Candidate, model: TuningModel, seed: UInt64) throws {
        let constraints = model.constraints
        let settings = model.settings(proposal.config)
        let estimate = Estimator(events: model.events, classes: model.classes)
            .evaluate(settings.candidate(label: "p", classes: model.classes), on: model.profile)
        let inputs = CapacityInputs(
            configuration: try settings.capacityConfiguration(), diskSize: constraints.diskSize,
            freeAtStart: constraints.diskFree,
            otherGrowthPerDay: constraints.otherGrowthPerDay, horizonSeconds: constraints.horizonSeconds,
            startEpoch: constraints.startEpoch,
            volume: WriteVolume(
                bytesPerDay: (estimate.bytesPerDay ?? 0) * model.calibrationFactor,
                recordSize: estimate.records > 0 ? Int64(estimate.bytes / estimate.records) : 200,
                hourlyWeights: estimate.hourlyBytes.contains { $0 > 0 } ? estimate.hourlyBytes.map { Double($0) } : nil)
        )
        let simulation = try CapacityModel.run(inputs, seriesPoints: 2).simulation
        let step = "seed \(seed): \(proposal.change.summary)"
        #expect(simulation.peakAuditBytes <= constraints.budgetBytes, "\(step)")
        #expect(simulation.historyDays * 86_400 >= constraints.retentionSeconds, "\(step)")
        #expect(simulation.outcome <= .lowSpace, "\(step)")
        // Long after the horizon (a year, other data held still) the trails still keep
        // within the budget: growth past the horizon is projected too.
        var later = inputs
        later.horizonSeconds = max(inputs.horizonSeconds, 365 * 86_400)
        later.otherGrowthPerDay = 0
        let year = try CapacityModel.run(later, seriesPoints: 2).simulation
        #expect(year.peakAuditBytes <= constraints.budgetBytes, "\(step): \(year.peakAuditBytes) after a year")
        #expect(year.historyDays * 86_400 >= constraints.retentionSeconds, "\(step): history after a year")
    }
}
