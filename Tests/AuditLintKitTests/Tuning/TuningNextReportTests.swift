import Foundation
import Testing

@testable import AuditLintKit

/// `tune next`'s report, rendered by the library.
@Suite struct TuningNextReportTests {
    func report(top: Int = 5, record: Bool = true) throws -> (TuningNextReport, TuningAdvisor.Candidate?) {
        var journal = try TuningFixtures.journal()
        let base = TuningSession.base(of: journal)
        let advice = try TuningAdvisor(model: TuningModel(journal: journal)).advise(from: base.config)
        var number: Int?
        if record, let proposal = advice.proposal {
            TuningSession.record(proposal, in: &journal, now: TuningFixtures.start)
            number = journal.iterations.last?.number
        }
        let report = TuningNextReport(
            advice: advice, base: base, replacing: nil, calibrationFactor: journal.calibrationFactor,
            constraints: journal.constraints, proposalNumber: number, top: top)
        return (report, advice.proposal)
    }

    @Test func theProposalSaysHowToRunWatchAndApplyIt() throws {
        let (report, proposal) = try report()
        let proposed = try #require(proposal)
        let text = report.text
        #expect(text.hasPrefix("Current (iteration 0): "))
        #expect(text.contains("Calibration ×1.00\n"))
        #expect(text.contains("Ranked steps (gain − cost):\n  score"))
        #expect(text.contains("\nProposed (iteration 1): \(proposed.change.summary)\n"))
        #expect(
            text.contains("  \(proposed.change.key): \(proposed.change.from ?? "(missing)") → \(proposed.change.to)\n"))
        #expect(
            text.contains(
                "Run it for at least \(TuningSession.reviewAfterDays(proposed.projection)) days (a full weekly cycle"))
        #expect(text.contains("Watch:\n"))
        #expect(text.hasSuffix(".\n") && text.contains("Apply: install the new audit_control, then run `audit -s`"))
    }

    @Test func topLimitsTheRankedRows() throws {
        let (one, _) = try report(top: 1)
        let (five, _) = try report(top: 5)
        func rows(_ text: String) -> Int {
            text.components(separatedBy: "Ranked steps (gain − cost):\n")[1].split(separator: "\n").prefix {
                $0.hasPrefix("  ")
            }.count
        }
        #expect(rows(one.text) == 2)
        #expect(rows(five.text) > 2)
        // A count below 1 cannot reach the renderer from the command line, and does not trap here.
        let (none, _) = try report(top: -1)
        #expect(rows(none.text) == 1)
    }

    @Test func withoutARecordedNumberThereIsNoProposalSection() throws {
        let (report, _) = try report(record: false)
        #expect(!report.text.contains("Proposed ("))
        var replacing = report
        replacing.replacing = 3
        #expect(replacing.text.hasPrefix("Replacing iteration 3 (proposed, not yet observed).\nCurrent (iteration 0)"))
    }

    @Test func theNewFileIsWholeOrADiff() {
        let whole = TuningNextReport.newFile(
            old: "a\n", new: "b\n", path: "/x/audit_control", iteration: 2, diff: false)
        #expect(whole == "\n--- new /x/audit_control (iteration 2) ---\nb\n")
        let diff = TuningNextReport.newFile(old: "a\n", new: "b\n", path: "/x/audit_control", iteration: 2, diff: true)
        #expect(diff.hasPrefix("\n") && diff.contains("-a\n+b\n"))
    }

    @Test func tuneInitSaysWhatItStarted() throws {
        let journal = try TuningFixtures.journal()
        let text = TuningText.started(journal, journalPath: "/x/auditlint-tuning.json", configName: "/x/audit_control")
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first == "Started /x/auditlint-tuning.json: iteration 0 is /x/audit_control")
        #expect(lines[1].hasPrefix("Sample: \(journal.profile.records) records, "))
        #expect(lines[2] == "Constraints: \(TuningText.constraints(journal.constraints))")
        #expect(lines[3] == "Tables: the built-in macos audit_class and audit_event")
        #expect(lines[4] == "Projected: \(TuningText.projection(journal.iterations[0].projection))")
        #expect(text.hasSuffix("Next: auditlint tune next --journal /x/auditlint-tuning.json\n"))
    }
}
