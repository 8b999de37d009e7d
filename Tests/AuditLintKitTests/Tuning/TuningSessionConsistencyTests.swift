import Foundation
import Testing

@testable import AuditLintKit

/// Every TuningSession step on a journal refuses an inconsistent one, naming the journal file.
@Suite struct TuningSessionConsistencyTests {
    static let path = "/tmp/tuning/journal.json"

    /// Ways a journal can be damaged after decoding (the kinds `consistencyProblem` names).
    enum Damage: String, CaseIterable, CustomTestStringConvertible {
        case noIteration, misnumbered, editedConfig
        var testDescription: String { rawValue }

        func apply(to journal: inout TuningJournal) {
            switch self {
            case .noIteration: journal.iterations = []
            case .misnumbered: journal.iterations[0].number = 3
            case .editedConfig: journal.iterations[0].config += "flags:all\n"
            }
        }
    }

    /// The damaged journal and a candidate proposed from it before the damage.
    func damaged(_ damage: Damage) throws -> (TuningJournal, TuningAdvisor.Candidate) {
        var journal = try TuningFixtures.journal()
        let advice = try TuningAdvisor(model: TuningModel(journal: journal)).advise(from: journal.iterations[0].config)
        let candidate = try #require(advice.proposal)
        damage.apply(to: &journal)
        return (journal, candidate)
    }

    /// The error is the journal file's, names it and says what to do; it is a usage error (exit 2).
    func expectRefusal(_ error: AuditLintError?) {
        guard case .invalidFile(let file, _, _, let problem)? = error else {
            Issue.record("expected invalidFile, got \(String(describing: error))")
            return
        }
        #expect(file == Self.path)
        #expect(problem.hasPrefix("damaged tuning journal: "))
        #expect(problem.contains("auditlint tune init"))
        #expect(error?.isUsageError == true)
        #expect(error?.description.hasPrefix(Self.path + ": ") == true)
    }

    @Test(arguments: Damage.allCases) func baseRefuses(_ damage: Damage) throws {
        let (journal, _) = try damaged(damage)
        expectRefusal(
            #expect(throws: AuditLintError.self) { try TuningSession.base(of: journal, journalPath: Self.path) })
    }

    @Test(arguments: Damage.allCases) func recordRefusesAndLeavesTheJournalAlone(_ damage: Damage) throws {
        var (journal, candidate) = try damaged(damage)
        let before = journal
        expectRefusal(
            #expect(throws: AuditLintError.self) {
                try TuningSession.record(candidate, in: &journal, journalPath: Self.path, now: TuningFixtures.start)
            })
        #expect(journal == before)
    }

    @Test(arguments: Damage.allCases) func reviewRefusesAndLeavesTheJournalAlone(_ damage: Damage) throws {
        var (journal, _) = try damaged(damage)
        let before = journal
        let observation = TuningObservation(
            host: "h", method: .trailNames, files: 1, bytes: 1 << 20, spanSeconds: 86_400,
            recordedAt: TuningFixtures.start)
        expectRefusal(
            #expect(throws: AuditLintError.self) {
                try TuningSession.review(&journal, observations: [observation], journalPath: Self.path)
            })
        #expect(journal == before)
    }

    @Test func aConsistentJournalIsAccepted() throws {
        var journal = try TuningFixtures.journal()
        let advice = try TuningAdvisor(model: TuningModel(journal: journal)).advise(from: journal.iterations[0].config)
        let candidate = try #require(advice.proposal)
        #expect(try TuningSession.base(of: journal, journalPath: Self.path).number == 0)
        try TuningSession.record(candidate, in: &journal, journalPath: Self.path, now: TuningFixtures.start)
        #expect(journal.iterations.map(\.number) == [0, 1])
    }
}
