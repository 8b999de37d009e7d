import AuditLintKit
import Testing
@testable import AuditLintRules

/// Runs every rule's examples: they are the rules' tests as well as their documentation.
@Suite struct RuleExampleTests {
    static let ids = RuleCatalog.all.map { $0.description.id }

    @Test(arguments: ids)
    func everyRuleHasBothKindsOfExample(id: String) throws {
        let rule = try #require(RuleCatalog.rule(id))
        #expect(!rule.description.triggeringExamples.isEmpty, "\(id) has no triggering example")
        #expect(!rule.description.nonTriggeringExamples.isEmpty, "\(id) has no non-triggering example")
        #expect(!rule.description.rationale.isEmpty && !rule.description.behavior.isEmpty)
    }

    @Test(arguments: ids)
    func triggeringExamplesFindAtEveryMarker(id: String) throws {
        let rule = try #require(RuleCatalog.rule(id))
        for (index, example) in rule.description.triggeringExamples.enumerated() {
            let (context, markers) = example.makeContext()
            #expect(!markers.isEmpty, "\(id) triggering example \(index) has no ↓ marker")
            let findings = rule.init().check(context)
            for finding in findings {
                #expect(finding.ruleId == id, "\(id) reported a finding under \(finding.ruleId)")
                #expect(!finding.message.isEmpty)
                #expect(finding.range.start <= finding.range.end || finding.range.end.column == finding.range.start.column - 1)
            }
            let found = findings.map {
                RuleExample.MarkedPosition(file: $0.range.file, position: $0.range.start)
            }.sorted()
            #expect(found == markers, "\(id) triggering example \(index): findings \(findings.map(\.message))")
        }
    }

    @Test(arguments: ids)
    func nonTriggeringExamplesFindNothing(id: String) throws {
        let rule = try #require(RuleCatalog.rule(id))
        for (index, example) in rule.description.nonTriggeringExamples.enumerated() {
            let (context, markers) = example.makeContext()
            #expect(markers.isEmpty, "\(id) non-triggering example \(index) has a marker")
            let findings = rule.init().check(context)
            #expect(findings.isEmpty, "\(id) non-triggering example \(index): \(findings.map(\.message))")
        }
    }

    @Test func markersAreStrippedAndLocated() {
        let (bytes, positions) = RuleExample.stripMarkers("flags:lo\npolicy:↓cnt, ↓argv\n")
        #expect(String(decoding: bytes, as: UTF8.self) == "flags:lo\npolicy:cnt, argv\n")
        #expect(positions == [SourcePosition(line: 2, column: 8), SourcePosition(line: 2, column: 13)])
    }
}
