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

    /// AC004 (findings-not-shown) has no triggering example (it takes 101 findings in one
    /// file, and meta rules have no `check` to run an example through), so this is its test:
    /// the first 100 unsuppressed findings of a file are kept, the rest become one AC004 at
    /// 1:1 with their count and the worst severity among them, and the exit status holds.
    @Test func findingsPastTheHundredthBecomeOneAC004() throws {
        let limit = MetaRules.maximumFindingsPerFile
        let crowded = SourceText(
            path: "hosts/crowded/audit_control",
            text: "# auditlint disable-next-line=AC201 -- known\n"
                + String(repeating: "unknown-key:1\n", count: limit + 3))
        let exact = SourceText(
            path: "hosts/exact/audit_control", text: String(repeating: "unknown-key:1\n", count: limit))
        // Line 2 is suppressed (not counted); lines 3…103 are 101 findings, the last an error.
        var findings = (2...(limit + 4)).map { line in
            Self.finding("AC201", line == limit + 4 ? .error : .warning, crowded, line: line)
        }
        findings += (1...limit).map { Self.finding("AC201", .warning, exact, line: $0) }
        let result = LintResult.assemble(
            findings: findings, files: [crowded, exact], rules: Self.rules,
            settings: Settings(file: nil), workingDirectory: "/repo")
        let bounded = result.boundedForReport(settings: Settings(file: nil), workingDirectory: "/repo")

        let inCrowded = bounded.findings.filter { $0.finding.range.file == crowded.path }
        #expect(inCrowded.filter { $0.finding.ruleId == "AC004" }.count == 1)
        let meta = try #require(inCrowded.first { $0.finding.ruleId == "AC004" })
        #expect(meta.finding.severity == .error)
        #expect(meta.finding.range.start == SourcePosition(line: 1, column: 1))
        #expect(
            meta.finding.message.hasPrefix(
                "2 more findings are not shown (at most \(limit) are reported per file; the worst is error)"))
        #expect(inCrowded.filter { !$0.isSuppressed && $0.finding.ruleId == "AC201" }.count == limit)
        #expect(inCrowded.filter(\.isSuppressed).count == 1)
        #expect(inCrowded.filter { $0.finding.ruleId == "AC201" }.map(\.finding.range.start.line).max() == limit + 2)
        let inExact = bounded.findings.filter { $0.finding.range.file == exact.path }
        #expect(inExact.count == limit && !inExact.contains { $0.finding.ruleId == "AC004" })
        #expect(bounded.exitStatus(failOn: .error) == result.exitStatus(failOn: .error))
        #expect(bounded.exitStatus(failOn: .error) == 1)

        // Disabled for the file (here on the command line): every finding is shown.
        let all = Settings(file: nil, commandLine: .commandLine(disable: ["AC004"]))
        #expect(
            result.boundedForReport(settings: all, workingDirectory: "/repo").findings.count == result.findings.count)
    }
}
