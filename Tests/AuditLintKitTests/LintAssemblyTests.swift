import Testing

@testable import AuditLintKit

@Suite struct LintAssemblyTests {
    static let control = SourceText(
        path: "hosts/web1/audit_control",
        text: """
            # auditlint disable-next-line=AC301 -- fail-stop required by site policy
            policy:ahlt,argv
            # auditlint disable-next-line=AC302
            flags:lo,aa
            # auditlint disable-file=AC999 -- typo
            filesz:0

            """)
    static let legacy = SourceText(path: "hosts/legacy/audit_control", text: "flags:lo,xx\nexpire-after:10 M\n")

    static func finding(_ id: String, _ severity: Severity, _ source: SourceText, line: Int) -> Finding {
        Finding(
            ruleId: id, severity: severity, message: "\(id) message",
            range: SourceRange(file: source.path, line: line, column: 1, length: 3))
    }

    static let rawFindings = [
        finding("AC301", .warning, control, line: 2),
        finding("AC402", .warning, control, line: 6),
        finding("AC201", .error, legacy, line: 1),
        finding("AC203", .error, legacy, line: 2),
    ]

    static let rules = ["AC201", "AC203", "AC301", "AC302", "AC402"].map { id in
        RuleDescription(
            id: id, slug: id.lowercased(), title: id, severity: .warning, rationale: "r", behavior: "b",
            triggeringExamples: [], nonTriggeringExamples: [])
    }

    static let config = try! ConfigFile.parse(
        Array(
            """
            {"version": 1, "severity": {"AC402": "error"},
             "overrides": [{"paths": ["hosts/legacy/**"], "disable": ["AC203"]}]}
            """.utf8), path: "/repo/.auditlint.json")

    @Test func suppressionsSettingsAndBaselineCombine() throws {
        let baseline = Baseline(entries: [
            BaselineEntry(ruleId: "AC201", path: "hosts/legacy/audit_control", subject: "flags:lo,xx"),
            BaselineEntry(ruleId: "AC402", path: "hosts/gone/audit_control", subject: "filesz:0"),
        ])
        let result = LintResult.assemble(
            findings: Self.rawFindings, files: [Self.control, Self.legacy], rules: Self.rules,
            settings: Settings(file: Self.config), workingDirectory: "/repo", baseline: baseline,
            knownRuleIds: Set(Self.rules.map(\.id))
        )
        try Golden.check(TextReporter.render(result), "assembled.txt")
        #expect(result.rules.map(\.id) == Self.rules.map(\.id) + ["AC001", "AC002", "AC003", "AC004"])
        #expect(result.unusedSuppressions.map(\.ruleId) == ["AC302"])
        #expect(result.exitStatus(failOn: .error) == 1)
        #expect(result.exitStatus(failOn: .never) == 0)
        #expect(result.exitStatus(failOn: .never, strictBaseline: true) == 1)
    }

    @Test func noInlineSuppressionsAndDisabledMetaRules() {
        let settings = Settings(file: nil, commandLine: .commandLine(noInlineSuppressions: true, disable: ["AC203"]))
        let result = LintResult.assemble(
            findings: Self.rawFindings, files: [Self.control, Self.legacy], rules: Self.rules,
            settings: settings, workingDirectory: "/repo"
        )
        #expect(result.findings.map(\.finding.ruleId) == ["AC301", "AC402", "AC201"])
        #expect(result.suppressedCount == 0)
        let quiet = LintResult.assemble(
            findings: [], files: [Self.control], rules: Self.rules,
            settings: Settings(file: nil, commandLine: .commandLine(disable: ["AC001", "AC002", "AC003", "AC004"])),
            workingDirectory: "/repo"
        )
        #expect(quiet.findings.isEmpty && quiet.unusedSuppressions.isEmpty)
        #expect(quiet.rules.map(\.id) == Self.rules.map(\.id))
    }
}
