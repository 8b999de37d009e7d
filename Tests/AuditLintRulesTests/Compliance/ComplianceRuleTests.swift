import AuditLintKit
import Testing

@testable import AuditLintRules

/// The AC5xx descriptions: one per catalogued requirement, and their examples run
/// through the engine exactly as `lint --profile` will.
@Suite struct ComplianceRuleTests {
    static let ids = ComplianceRules.all.map(\.id)

    @Test func oneDescriptionPerRequirementInIdOrder() {
        #expect(Self.ids == ComplianceCatalog.ruleIds.map(\.ruleId))
        let slugs = ComplianceRules.all.map(\.slug)
        #expect(Set(slugs).count == slugs.count)
        for rule in ComplianceRules.all {
            #expect(rule.slug.wholeMatch(of: /[a-z0-9]+(-[a-z0-9]+)*/) != nil, "bad slug \(rule.slug)")
            #expect(rule.severity == .error, "findings are errors")
            #expect(!rule.rationale.isEmpty && !rule.behavior.isEmpty && !rule.references.isEmpty)
            #expect(ComplianceRules.rule(rule.slug)?.id == rule.id)
            #expect(ComplianceRules.rule(rule.id.lowercased())?.id == rule.id)
        }
        let catalogued = Set(RuleCatalog.all.map { $0.description.id })
        #expect(catalogued.isDisjoint(with: Self.ids), "AC5xx ids are not registered in RuleCatalog.all")
    }

    /// The first profile that has the rule's requirement under the default options.
    static func profile(for ruleId: String) throws -> ComplianceProfile {
        try #require(
            ComplianceProfile.allCases.first { profile in
                profile.requirements().contains { $0.ruleId == ruleId && isRequired($0) }
            })
    }

    static func isRequired(_ requirement: ComplianceRequirement) -> Bool {
        if case .notRequired = requirement.check { return false }
        return true
    }

    /// The findings of `ruleId` on the audit_control `text`: the value range of the first
    /// line of each key (the line libbsm uses), the whole file when the key is missing.
    static func findings(_ ruleId: String, text: String) throws -> [Finding] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let report = try profile(for: ruleId).evaluate(ComplianceTestInput.make(text))
        let findings = report.findings { key in
            guard let index = lines.firstIndex(where: { $0.hasPrefix(key + ":") }) else {
                return .wholeFile("audit_control")
            }
            return SourceRange(
                file: "audit_control", line: index + 1, column: key.utf8.count + 2,
                length: lines[index].utf8.count - key.utf8.count - 1)
        }
        return findings.filter { $0.ruleId == ruleId }
    }

    /// The positions of `ruleId`'s findings on the example, and its markers.
    static func findings(_ ruleId: String, _ example: RuleExample) throws -> (
        found: [SourcePosition], markers: [SourcePosition]
    ) {
        let (bytes, markers) = RuleExample.stripMarkers(example.control)
        return (try findings(ruleId, text: String(decoding: bytes, as: UTF8.self)).map(\.range.start), markers)
    }

    @Test(arguments: ids)
    func triggeringExamplesFailAtTheMarkers(id: String) throws {
        let rule = try #require(ComplianceRules.rule(id))
        #expect(!rule.triggeringExamples.isEmpty)
        for example in rule.triggeringExamples {
            let (found, markers) = try Self.findings(id, example)
            #expect(!markers.isEmpty, "\(id): an example without a marker", sourceLocation: example.sourceLocation)
            #expect(
                found == markers, "\(id): \(example.control.debugDescription)", sourceLocation: example.sourceLocation)
            #expect(
                example.comment?.hasPrefix(try Self.profile(for: id).name) == true,
                "\(id): the comment names the profile",
                sourceLocation: example.sourceLocation)
        }
    }

    @Test(arguments: ids)
    func nonTriggeringExamplesPass(id: String) throws {
        let rule = try #require(ComplianceRules.rule(id))
        #expect(!rule.nonTriggeringExamples.isEmpty)
        for example in rule.nonTriggeringExamples {
            let (found, markers) = try Self.findings(id, example)
            #expect(markers.isEmpty, sourceLocation: example.sourceLocation)
            #expect(found.isEmpty, "\(id): \(example.control.debugDescription)", sourceLocation: example.sourceLocation)
            #expect(
                example.comment?.hasPrefix(try Self.profile(for: id).name) == true,
                "\(id): the comment names the profile",
                sourceLocation: example.sourceLocation)
        }
    }

    /// `# auditlint disable-next-line=ID` above the flagged line (`disable-file=ID` for a
    /// missing key, reported on the whole file) silences every triggering example.
    @Test(arguments: ids)
    func suppressionCommentsSilenceEveryTriggeringExample(id: String) throws {
        let rule = try #require(ComplianceRules.rule(id))
        for example in rule.triggeringExamples {
            let text = { (example: RuleExample) in
                String(decoding: RuleExample.stripMarkers(example.control).bytes, as: UTF8.self)
            }
            let suppressed = example.suppressing(try Self.findings(id, text: text(example)), id: id)
            let again = try Self.findings(id, text: text(suppressed))
            #expect(!again.isEmpty, "\(id): the comments changed the verdict", sourceLocation: example.sourceLocation)
            let source = SourceText(path: "audit_control", text: text(suppressed))
            let outcome = InlineSuppressions.apply(to: again, sources: [source], knownRuleIds: Set(Self.ids))
            for reported in outcome.findings {
                #expect(
                    reported.suppression != nil, "\(id): not suppressed: \(reported.finding.message)",
                    sourceLocation: example.sourceLocation)
            }
            #expect(
                outcome.unused.isEmpty, "\(id): unused suppressions \(outcome.unused.map(\.ruleId))",
                sourceLocation: example.sourceLocation)
        }
    }
}
