import Foundation
import Testing

@testable import AuditLintKit

@Suite struct ReporterGoldenTests {
    static let cases: [(OutputFormat, String)] = [
        (.text, "result.txt"), (.json, "result.json"), (.sarif, "result.sarif"), (.github, "result.github.txt"),
        (.markdown, "result.md"), (.checkstyle, "result.checkstyle.xml"), (.junit, "result.junit.xml"),
        (.jsonl, "result.jsonl"),
    ]

    @Test(arguments: cases)
    func rendersFixedResult(format: OutputFormat, golden: String) throws {
        let options = ReportOptions(paths: PathContext(workingDirectory: "/repo"))
        try Golden.check(format.render(ReportingFixture.result, options: options), golden)
    }

    @Test(arguments: cases)
    func rendersEmptyResult(format: OutputFormat, golden: String) throws {
        let options = ReportOptions(paths: PathContext(workingDirectory: "/repo"))
        try Golden.check(format.render(ReportingFixture.empty, options: options), "empty-" + golden)
    }

    @Test func colouredText() throws {
        try Golden.check(TextReporter.render(ReportingFixture.result, color: true), "result.color.txt")
    }

    @Test(arguments: OutputFormat.allCases)
    func renderingIsDeterministic(format: OutputFormat) {
        let shuffled = LintResult(
            files: ReportingFixture.result.files, findings: ReportingFixture.findings.reversed(),
            staleBaselineEntries: ReportingFixture.result.staleBaselineEntries,
            rules: ReportingFixture.rules.reversed(), toolVersion: "9.9.9"
        )
        #expect(format.render(shuffled) == format.render(ReportingFixture.result))
    }
}

@Suite struct TextReporterTests {
    @Test func caretKeepsTabsAndCountsBytes() {
        let source = SourceText(path: "f", bytes: Array("\té:x\tyz\n".utf8))
        let finding = Finding(
            ruleId: "AC101", severity: .error, message: "m",
            range: SourceRange(file: "f", line: 1, column: 7, length: 2))
        let result = LintResult(files: [source], findings: [ReportedFinding(finding)], rules: [])
        let lines = TextReporter.render(result).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[2] == "1 | \t??:x\tyz")
        #expect(lines[3] == "  | \t    \t^~")
    }

    @Test func emptyRangeAndMultiLineRange() {
        let source = SourceText(path: "f", text: "minfree:\nflags:lo\n")
        let empty = Finding(
            ruleId: "AC201", severity: .error, message: "m",
            range: SourceRange(file: "f", start: .init(line: 1, column: 9), end: .init(line: 1, column: 8)))
        let multi = Finding(
            ruleId: "AC202", severity: .note, message: "m",
            range: SourceRange(file: "f", start: .init(line: 2, column: 7), end: .init(line: 3, column: 1)))
        let text = TextReporter.render(
            LintResult(files: [source], findings: [ReportedFinding(empty), ReportedFinding(multi)], rules: []))
        #expect(text.contains("1 | minfree:\n  |         ^\n"))
        #expect(text.contains("2 | flags:lo\n  |       ^~\n"))
    }

    @Test func messageNewlinesCannotForgeLines() {
        let finding = Finding(
            ruleId: "AC101", severity: .error, message: "a\nb.conf:1:1: error: fake",
            range: .wholeFile("missing"))
        let text = TextReporter.render(LintResult(files: [], findings: [ReportedFinding(finding)], rules: []))
        #expect(
            text
                == "missing:1:1: error: a b.conf:1:1: error: fake [AC101]\n  = help: auditlint explain AC101\n\n0 errors, 0 warnings, 0 notes in 0 files\n"
                .replacingOccurrences(of: "0 errors", with: "1 error"))
    }

    @Test func summaryPluralises() {
        #expect(ReportingFixture.result.summary == "2 errors, 1 warning, 1 note in 3 files")
        #expect(ReportingFixture.empty.summary == "0 errors, 0 warnings, 0 notes in 1 file")
    }
}

@Suite struct GitHubReporterTests {
    @Test func escapesMessagesAndProperties() {
        #expect(GitHubReporter.escapeMessage("100%\r\nx:y,z") == "100%25%0D%0Ax:y,z")
        #expect(GitHubReporter.escapeProperty("a:b,c%") == "a%3Ab%2Cc%25")
    }

    static func findings(_ severity: Severity, _ count: Int) -> [ReportedFinding] {
        (1...count).map { line in
            ReportedFinding(
                Finding(
                    ruleId: "AC1\(String(format: "%02d", line))", severity: severity, message: "m\(line)",
                    range: SourceRange(file: "f", line: line, column: 1, length: 1)))
        }
    }

    @Test func worstFirstWithinTheCap() {
        let result = LintResult(files: [], findings: Self.findings(.note, 2) + Self.findings(.error, 1), rules: [])
        let lines = GitHubReporter.render(result).split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[0].hasPrefix("::error file=f,line=1,col=1,endLine=1,endColumn=1,title=AC101::m1"))
        #expect(lines[1].hasPrefix("::notice "))
    }

    @Test func closingLineWhenTheCapHidesSome() {
        let result = LintResult(files: [], findings: Self.findings(.warning, 12) + Self.findings(.note, 10), rules: [])
        let lines = GitHubReporter.render(result).split(separator: "\n").map(String.init)
        #expect(lines.filter { $0.hasPrefix("::warning ") }.count == 10)
        #expect(lines.filter { $0.hasPrefix("::notice file=") }.count == 9)
        #expect(lines.filter { !$0.hasPrefix("::") }.count == 3)
        #expect(
            lines.last
                == "::notice title=auditlint::3 more findings are not annotated because GitHub shows 10 annotations per level and step; they are listed in the log above, and the SARIF upload or the step summary has them all"
        )
    }

    @Test func noClosingLineAtExactlyTheCap() {
        let result = LintResult(files: [], findings: Self.findings(.error, 10) + Self.findings(.note, 10), rules: [])
        let output = GitHubReporter.render(result)
        #expect(output.split(separator: "\n").count == 20)
        #expect(!output.contains("title=auditlint"))
    }
}

@Suite struct MarkupEscapingTests {
    @Test func xmlEscapesEverythingSignificant() {
        #expect(xmlEscaped("a<b>&\"'\n\u{1}") == "a&lt;b&gt;&amp;&quot;&apos;&#10;\u{FFFD}")
    }

    @Test func markdownCellsAndCodeSpans() {
        #expect(MarkdownText.cell("a|b\nc<d>\r\n&\u{7F}") == "a\\|b c&lt;d&gt;  &amp; ")
        #expect(MarkdownText.code("x`y") == "`` x`y ``")
        #expect(MarkdownText.code("a|b") == "`a\\|b`")
    }

    /// Every Markdown table uses the one escaper: a cell can neither end early, break the
    /// row, nor carry HTML.
    @Test func everyMarkdownTableEscapesItsCells() throws {
        let hostile = "x|y\n<b>&"
        let escaped = "x\\|y &lt;b&gt;&amp;"
        var rule = ReportingFixture.rule("AC998", "hostile", hostile, .note)
        rule.rationale = ""
        #expect(RuleDocumentation.markdownCatalog([rule]).contains("| note | \(escaped) |\n"))
        var journal = try OutputGoldenTests.journal()
        journal.iterations[1].change?.summary = hostile
        #expect(TuningStatusReport.render(journal, as: .markdown).contains("| 1 | \(escaped) |"))
    }
}
