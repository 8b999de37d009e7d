import Testing

@testable import AuditLintKit

@Suite struct SuppressionParsingTests {
    static func parse(_ text: String, known: Set<String>? = nil) -> (
        directives: [SuppressionDirective], problems: [Finding]
    ) {
        InlineSuppressions.parse(SourceText(path: "audit_control", text: text), knownRuleIds: known)
    }

    @Test func nextLineWithSeveralIdsAndReason() throws {
        let parsed = Self.parse("# auditlint disable-next-line=AC301,AC302 -- required by STIG\n#\npolicy:ahlt\n")
        #expect(parsed.problems == [])
        let directive = try #require(parsed.directives.first)
        #expect(directive.scope == .nextLine)
        #expect(directive.rules.map(\.id) == ["AC301", "AC302"])
        #expect(directive.rules.map(\.range.start.column) == [31, 37])
        #expect(directive.rules[1].range.end.column == 41)
        #expect(directive.reason == "required by STIG")
        #expect(directive.targetLine == 3)
    }

    @Test func fileScopeToleratesBlanksAndCRLF() throws {
        let parsed = Self.parse("#auditlint   disable-file= AC402 , AC403   --   hourly shipping  \r\nflags:lo\r\n")
        let directive = try #require(parsed.directives.first)
        #expect(directive.scope == .file)
        #expect(directive.rules.map(\.id) == ["AC402", "AC403"])
        #expect(directive.reason == "hourly shipping")
        #expect(parsed.problems == [])
    }

    @Test(arguments: [
        "# auditlint checks this file in CI",
        "# auditlintdisable-file=AC402",
        "# see auditlint disable-file=AC402",
        "#",
        "flags:lo # auditlint disable-next-line=AC105",
    ])
    func ordinaryCommentsAreNotDirectives(line: String) {
        let parsed = Self.parse(line + "\n")
        #expect(parsed.directives.isEmpty)
        #expect(parsed.problems.isEmpty)
    }

    @Test(arguments: [
        ("# auditlint disable-next-line=ac301", "`ac301` is not a rule id"),
        ("# auditlint disable-next-line=AC301 reason", "expected ` -- reason` after the rule ids, found `reason`"),
        ("# auditlint disable-next-line=AC301,", "a rule id is missing"),
        ("# auditlint disable-next-line=", "a rule id is missing"),
        ("# auditlint disable-line=AC301", "`disable-line` is not a directive"),
        ("# auditlint enable=AC301", "`enable` is not a directive"),
        ("# auditlint disable AC301", "`disable` is not a directive"),
        ("# auditlint disable-file=AC301 --reason", "expected ` -- reason`"),
    ])
    func malformedCommentsAreReportedAndIgnored(line: String, problem: String) throws {
        let parsed = Self.parse(line + "\nflags:lo\n")
        #expect(parsed.directives.isEmpty)
        let finding = try #require(parsed.problems.first)
        #expect(finding.ruleId == "AC002")
        #expect(finding.severity == .warning)
        #expect(finding.message.contains(problem), "\(finding.message)")
        #expect(finding.range == SourceRange(file: "audit_control", line: 1, column: 1, length: line.utf8.count))
    }

    @Test func unknownRuleIdIsMalformedWhenTheCatalogIsKnown() {
        let parsed = Self.parse("# auditlint disable-file=AC999 -- x\n", known: ["AC301"])
        #expect(parsed.directives.isEmpty)
        #expect(parsed.problems.map(\.message).first?.contains("there is no rule AC999") == true)
    }

    @Test func missingReasonIsANoteAndTheSuppressionStillApplies() throws {
        for text in ["# auditlint disable-file=AC402\n", "# auditlint disable-file=AC402 --\n"] {
            let parsed = Self.parse(text)
            #expect(parsed.directives.count == 1)
            #expect(parsed.directives.first?.reason == nil)
            let problem = try #require(parsed.problems.first)
            #expect(problem.ruleId == "AC003")
            #expect(problem.severity == .note)
        }
    }
}

@Suite struct SuppressionApplyTests {
    static let source = SourceText(
        path: "audit_control",
        text: """
            # auditlint disable-file=AC402 -- shipped hourly
            # auditlint disable-next-line=AC301,AC302 -- fail-stop required
            # an ordinary comment between
            policy:ahlt,argv
            flags:lo

            """)

    static func finding(_ id: String, line: Int, file: String = "audit_control") -> Finding {
        Finding(
            ruleId: id, severity: .warning, message: "m",
            range: SourceRange(file: file, line: line, column: 1, length: 1))
    }

    @Test func appliesScopesKeepsReasonsAndReportsUnused() {
        let findings = [
            Self.finding("AC301", line: 4), Self.finding("AC301", line: 5), Self.finding("AC402", line: 5),
            Self.finding("AC402", line: 1, file: "other"),
        ]
        let outcome = InlineSuppressions.apply(to: findings, sources: [Self.source])
        #expect(outcome.findings[0].suppression == Suppression(kind: .inline, reason: "fail-stop required"))
        #expect(outcome.findings[1].suppression == nil)
        #expect(outcome.findings[2].suppression == Suppression(kind: .inline, reason: "shipped hourly"))
        #expect(outcome.findings[3].suppression == nil)
        #expect(
            outcome.unused == [
                UnusedSuppression(
                    ruleId: "AC302", scope: .nextLine,
                    range: SourceRange(file: "audit_control", line: 2, column: 37, length: 5))
            ])
        let meta = outcome.findings[4]
        #expect(meta.finding.ruleId == "AC001")
        #expect(meta.finding.range == outcome.unused[0].range)
        #expect(
            meta.finding.message
                == "suppression of AC302 is unused: no AC302 finding on the next line; remove it from the comment")
        #expect(outcome.findings.count == 5)
    }

    @Test func disabledRulesAreNotReportedAsUnused() {
        let outcome = InlineSuppressions.apply(to: [], sources: [Self.source]) { id, path in
            id == "AC301" && path == "audit_control"
        }
        #expect(outcome.unused.map(\.ruleId) == ["AC301"])
    }

    @Test func noInlineSuppressionsIgnoresComments() {
        let outcome = InlineSuppressions.apply(
            to: [Self.finding("AC301", line: 4)], sources: [Self.source], enabled: false)
        #expect(outcome.findings == [ReportedFinding(Self.finding("AC301", line: 4))])
        #expect(outcome.unused.isEmpty)
    }

    /// A comment line can be flagged too (a line over 255 bytes): the comment lines between a
    /// next-line directive and its target are covered, the lines above the directive are not.
    @Test func nextLineCoversTheCommentLinesBeforeItsTarget() {
        let findings = [Self.finding("AC301", line: 3), Self.finding("AC301", line: 1)]
        let outcome = InlineSuppressions.apply(to: findings, sources: [Self.source])
        #expect(outcome.findings[0].suppression == Suppression(kind: .inline, reason: "fail-stop required"))
        #expect(outcome.findings[1].suppression == nil)
        #expect(!outcome.unused.contains { $0.ruleId == "AC301" })
    }

    @Test func nextLineAtTheEndOfTheFileSuppressesNothing() {
        let source = SourceText(path: "f", text: "flags:lo\n# auditlint disable-next-line=AC105 -- x\n")
        let outcome = InlineSuppressions.apply(to: [Self.finding("AC105", line: 1, file: "f")], sources: [source])
        #expect(outcome.findings[0].suppression == nil)
        #expect(outcome.unused.map(\.ruleId) == ["AC105"])
    }

    @Test func metaFindingsCanBeSuppressedForTheFile() {
        let source = SourceText(
            path: "f", text: "# auditlint disable-file=AC003\n# auditlint disable-file=AC402\nflags:lo\n")
        let outcome = InlineSuppressions.apply(to: [Self.finding("AC402", line: 3, file: "f")], sources: [source])
        #expect(outcome.findings.map(\.finding.ruleId) == ["AC402", "AC003", "AC003"])
        #expect(outcome.findings.allSatisfy { $0.isSuppressed })
        #expect(outcome.unused.isEmpty)
    }

    @Test func metaRuleDescriptions() {
        #expect(MetaRules.all.map(\.id) == ["AC001", "AC002", "AC003", "AC004"])
        #expect(MetaRules.isRuleID("AC301"))
        #expect(!MetaRules.isRuleID("ac301") && !MetaRules.isRuleID("AC3010") && !MetaRules.isRuleID("AC30x"))
    }
}
