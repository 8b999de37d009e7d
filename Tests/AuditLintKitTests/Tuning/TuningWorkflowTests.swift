import Foundation
import Testing

@testable import AuditLintKit

/// A scripted session on synthetic data whose real volume is twice what the sample projects.
@Suite struct TuningWorkflowTests {
    /// The host really writes `truth` × the estimator's figure for whatever is deployed.
    static let truth = 2.0

    /// Deploys the journal's last iteration for `days` days on a simulated host and reviews it.
    func observeAndReview(_ journal: inout TuningJournal, days: Int = 2, host: String = "host-a") throws -> TuningReview
    {
        let deployed = journal.iterations.last!
        let real = deployed.projection.rawBytesPerDay * Self.truth
        let directory = try TuningFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let from = TuningFixtures.start + Int64(deployed.number) * 30 * 86_400
        try TuningFixtures.writeTrails(in: directory, from: from, days: days, bytesPerDay: Int(real.rounded()))
        let growth = try TrailGrowth.measure(directory: directory.path)
        let observation = TuningObservation(
            host: host, method: .trailNames, files: growth.files.count, bytes: growth.bytes,
            spanSeconds: growth.spanSeconds, recordedAt: from + Int64(days) * 86_400)
        return try TuningSession.review(&journal, observations: [observation], journalPath: "journal.json")
    }

    func next(_ journal: inout TuningJournal) throws -> TuningAdvisor.Candidate {
        let advice = try TuningAdvisor(model: TuningModel(journal: journal)).advise(
            from: TuningSession.base(of: journal, journalPath: "journal.json").config)
        let proposal = try #require(advice.proposal)
        try TuningSession.record(proposal, in: &journal, journalPath: "journal.json", now: TuningFixtures.start)
        return proposal
    }

    @Test func reviewDetectsTheUnderestimateAndTheNextProjectionIsCorrected() throws {
        var journal = try TuningFixtures.journal()

        // Iteration 1: proposed with the uncalibrated model.
        let first = try next(&journal)
        #expect(first.projection.calibrationFactor == 1)
        #expect(first.projection.bytesPerDay == first.projection.rawBytesPerDay)

        // Deployed: the host writes twice the projection. Review detects it.
        let review1 = try observeAndReview(&journal)
        #expect(abs(review1.error - 1) < 0.01)
        #expect(review1.decision == .keep)
        #expect(abs(review1.factorAfter - 2) < 0.01)
        #expect(abs(journal.calibrationFactor - 2) < 0.01)
        #expect(journal.iterations[1].observations.map(\.host) == ["host-a"])

        // Iteration 2: the projection now carries the factor, and matches what the host writes.
        let second = try next(&journal)
        #expect(journal.iterations.map(\.number) == [0, 1, 2])
        #expect(abs(second.projection.bytesPerDay - 2 * second.projection.rawBytesPerDay) < 1)
        let review2 = try observeAndReview(&journal)
        #expect(abs(review2.error) < 0.01)
        #expect(review2.decision == .goOn)

        // Iteration 3: still corrected; each step changed one value of the previous config.
        let third = try next(&journal)
        #expect(abs(third.projection.calibrationFactor - 2) < 0.01)
        #expect(journal.iterations.count == 4)
        for iteration in journal.iterations.dropFirst() {
            let previous = journal.iterations[iteration.number - 1].config
            let change = try #require(iteration.change)
            #expect(iteration.config != previous)
            #expect(
                TuningSettings(text: previous, path: "p", dialect: .macos, classes: TuningFixtures.classes)
                    .replacingValue(of: ControlKey(rawValue: change.key)!, with: change.to) == iteration.config)
        }
        let status = TuningStatusReport.render(journal, as: .text)
        #expect(status.contains("+100%"))
        #expect(status.contains("go-on"))
    }

    @Test func nextReplacesAProposalNobodyObserved() throws {
        var journal = try TuningFixtures.journal()
        _ = try next(&journal)
        _ = try next(&journal)
        #expect(journal.iterations.map(\.number) == [0, 1])
    }

    @Test func observationsFromSeveralHostsMerge() throws {
        var journal = try TuningFixtures.journal()
        _ = try next(&journal)
        let raw = journal.iterations[1].projection.rawBytesPerDay
        func observation(_ host: String, _ factor: Double) -> TuningObservation {
            TuningObservation(
                host: host, method: .decoded, files: 1, bytes: Int64(raw * factor * 3), spanSeconds: 3 * 86_400,
                recordedAt: TuningFixtures.start)
        }
        _ = try TuningSession.review(&journal, observations: [observation("a", 1)], journalPath: "journal.json")
        let review = try TuningSession.review(
            &journal, observations: [observation("b", 3)], journalPath: "journal.json")
        #expect(Set(journal.iterations[1].observations.map(\.host)) == ["a", "b"])
        #expect(abs(review.observedBytesPerDay - 2 * raw) < 2)
        #expect(abs(review.maxHostBytesPerDay - 3 * raw) < 2)
        #expect(abs(review.factorAfter - 2) < 0.01)
    }

    @Test func observedVolumeThatBreaksTheBudgetRollsBack() throws {
        var journal = try TuningFixtures.journal()
        _ = try next(&journal)
        let budget = Double(journal.constraints.budgetBytes)
        let observation = TuningObservation(
            host: "a", method: .trailNames, files: 2, bytes: Int64(budget * 2), spanSeconds: 2 * 86_400,
            recordedAt: TuningFixtures.start)
        let review = try TuningSession.review(&journal, observations: [observation], journalPath: "journal.json")
        #expect(review.decision == .rollBack)
        #expect(review.verdictAtObserved == .fail)
        #expect(journal.iterations.count == 3)
        #expect(journal.iterations[2].config == journal.iterations[0].config)
        #expect(journal.iterations[2].change?.kind == .rollBack)
        #expect(try TuningSession.base(of: journal, journalPath: "journal.json").number == 2)
        // Still too much on the rolled-back config: nothing older to go back to.
        let again = try TuningSession.review(&journal, observations: [observation], journalPath: "journal.json")
        #expect(again.decision == .keep)
        #expect(journal.iterations.count == 3)
    }

    /// A config that breaks the budget: the proposal repairs it, and says nothing else could.
    @Test func aBrokenConfigIsRepairedFirst() throws {
        let advice = try TuningFixtures.advice(flags: "lo,aa,fa", expireAfter: "2d", budget: 12 << 20)
        #expect(advice.currentBroken == ["budget"])
        let proposal = try #require(advice.proposal)
        #expect(proposal.blockedBy.isEmpty)
        #expect(proposal.change.kind == .exclude)
        #expect(proposal.gain >= TuningAdvisor.constraintPoints - 1)
        #expect(advice.blockedCounts["budget", default: 0] > 0)
    }

    @Test func aShortObservationIsKept() throws {
        var journal = try TuningFixtures.journal()
        let observation = TuningObservation(
            host: "a", method: .decoded, files: 1, bytes: 10, spanSeconds: 600, recordedAt: 0)
        let review = try TuningSession.review(&journal, observations: [observation], journalPath: "journal.json")
        #expect(review.decision == .keep)
        #expect(review.reasons.last?.contains("observed for only 10 minutes") == true)
    }

    /// A projection of nothing (or of almost nothing) against an observed volume: the review
    /// used to record an infinite or enormous error and factor, so the journal could not be
    /// written (exit 3) or was written and then refused as damaged by the next command.
    @Test(arguments: [0.0, 1e-300])
    func reviewOfATinyProjectionIsWrittenAndReadBack(projected: Double) throws {
        var journal = try TuningFixtures.journal()
        let last = journal.iterations.count - 1
        journal.iterations[last].projection.bytesPerDay = projected
        journal.iterations[last].projection.rawBytesPerDay = projected
        let observation = TuningObservation(
            host: "a", method: .decoded, files: 1, bytes: 1 << 30, spanSeconds: 2 * 86_400,
            recordedAt: TuningFixtures.start)
        let review = try TuningSession.review(&journal, observations: [observation], journalPath: "journal.json")
        #expect(review.error == TuningJournal.maximumRate)
        #expect(review.factorAfter <= TuningJournal.maximumFactor)
        #expect(review.reasons.first?.hasSuffix("projected: +∞") == true)
        let reread = try TuningJournal.decode(journal.jsonData(), path: "j.json")
        #expect(reread.iterations[last].review?.error == TuningJournal.maximumRate)
    }
}
