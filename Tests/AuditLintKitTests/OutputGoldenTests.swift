import Foundation
import Testing

@testable import AuditLintKit

/// Byte-for-byte goldens of the report renderings that had none, recorded before the
/// renderers moved to the shared JSON writer, Markdown escaper and table helper, so any
/// drift in those helpers shows here.
@Suite struct OutputGoldenTests {
    static func check(_ actual: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        try Golden.check(actual, "../output/" + name, sourceLocation: sourceLocation)
    }

    /// A journal with a proposal, a review of it on two hosts, and a second proposal.
    static func journal() throws -> TuningJournal {
        let workflow = TuningWorkflowTests()
        var journal = try TuningFixtures.journal(constraints: TuningFixtures.constraints(profile: "stig"))
        journal.configPath = "/etc/security/audit_control|\"copy\""
        _ = try workflow.next(&journal)
        _ = try workflow.observeAndReview(&journal, host: "host-b")
        _ = try workflow.next(&journal)
        return journal
    }

    @Test(arguments: TuningStatusFormat.allCases)
    func tuningStatus(format: TuningStatusFormat) throws {
        try Self.check(TuningStatusReport.render(try Self.journal(), as: format), "tune-status.\(format.rawValue)")
    }

    static var rules: [RuleDescription] {
        var odd = ReportingFixture.rule("AC999", "odd-text", "A | in a title, \"quoted\" and `coded`", .note)
        odd.rationale = "Line one\nline two\twith a tab, a \\ and a \u{1} byte; café."
        odd.behavior = "é / ü"
        odd.references = ["a \"reference\"", "b/c"]
        return ReportingFixture.rules + [odd]
    }

    @Test func ruleCatalogJSON() throws {
        try Self.check(RuleDocumentation.json(Self.rules) + "\n", "rules.json")
    }

    @Test func ruleCatalogMarkdown() throws {
        try Self.check(RuleDocumentation.markdownCatalog(Self.rules), "rules.md")
    }

    static var estimate: EstimateReport {
        var profile = EstimatorTests.profile()
        profile.hosts = ["host \"a\"", "hôte-b"]
        profile.spanSeconds = 12_345.678_9
        profile.damagedBytes = 17
        var first = EstimatorTests().estimate("lo")
        first.candidate.label = "first | \"one\""
        first.bytesPerDay = 1_234.56
        first.notes = ["a note with \\ and \n newline"]
        first.topTalkers = [
            .init(kind: "executable", name: "/usr/bin/ssh \"x\"", records: 3, bytes: 300),
            .init(kind: "path", name: "/var/log/é", records: 1, bytes: 5),
        ]
        var second = EstimatorTests().estimate("lo")
        second.candidate.label = "second"
        second.bytesPerDay = nil
        second.lowerBound = true
        second.byEvent.append(.init(event: 9, name: nil, records: 1, bytes: 2))
        return EstimateReport(profile: profile, candidates: [first, second])
    }

    @Test func estimateJSON() throws {
        try Self.check(EstimateReporter.json(Self.estimate), "estimate.json")
    }

    @Test func estimateText() throws {
        try Self.check(EstimateReporter.text(Self.estimate), "estimate.txt")
    }
}
