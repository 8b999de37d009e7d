import AuditLintKit
import Foundation
import Testing

/// Control characters from a file never reach a terminal raw, long lines are quoted as a
/// window, and suppression comments cost work linear in their size (issue 9, items 5, 6).
@Suite struct TerminalSafetyTests {
    @Test(arguments: [
        ("plain", "plain", "plain"), ("a\u{1B}[2Jb", "a\\x1B[2Jb", "a\\x1B[2Jb"),
        ("a\nb\tc\rd", "a b c d", "a\nb\tc\\x0Dd"),
        ("bell\u{07}", "bell\\x07", "bell\\x07"), ("c1\u{9B}31m", "c1\\x9B31m", "c1\\x9B31m"),
        ("del\u{7F}", "del\\x7F", "del\\x7F"),
    ])
    func controlCharactersAreEscaped(text: String, line: String, multiline: String) {
        #expect(TerminalText.escape(text) == line)
        #expect(TerminalText.escape(text, keepNewlines: true) == multiline)
    }

    @Test func theTextReporterEscapesPathsAndQuotesALongLineAsAWindow() {
        let path = "evil\u{1B}]0;title\u{07}/audit_control"
        let line = "flags:" + String(repeating: "lo,", count: 200) + "xx"
        let source = SourceText(path: path, text: line + "\n")
        let finding = Finding(
            ruleId: "AC201", severity: .error, message: "bad \u{1B}[31m class",
            range: SourceRange(file: path, line: 1, column: line.utf8.count - 1, length: 2))
        let result = LintResult(
            files: [source], findings: [ReportedFinding(finding)], unusedSuppressions: [],
            staleBaselineEntries: [], rules: [])
        let text = TextReporter.render(result)
        #expect(!text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 })
        #expect(text.contains("evil\\x1B]0;title\\x07/audit_control:1:607: error: bad \\x1B[31m class [AC201]"))
        let quoted = text.split(separator: "\n").first { $0.hasPrefix("1 | ") }!
        #expect(quoted.hasPrefix("1 | …") && quoted.hasSuffix("lo,xx"))
        let caret = text.split(separator: "\n").first { $0.contains("^") }!
        #expect(caret.count == quoted.count, "the caret stays under the last two bytes")
        let github = GitHubReporter.render(result)
        #expect(!github.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 })
    }

    @Test func aHugeSuppressionCommentIsRefusedAndStackedCommentsShareTheirTarget() {
        let ids = (0..<20_000).map { String(format: "AC%03d", 100 + $0 % 300) }.joined(separator: ",")
        let source = SourceText(path: "audit_control", text: "# auditlint disable-file=\(ids) -- reason\nflags:lo\n")
        let parsed = InlineSuppressions.parse(source)
        #expect(parsed.directives.isEmpty)
        #expect(parsed.problems.count == 1)
        #expect(parsed.problems[0].message.contains("more than \(InlineSuppressions.maximumRuleIds) rule ids"))
        #expect(parsed.problems[0].message.utf8.count < 400)

        let twice = InlineSuppressions.parse(SourceText(path: "f", text: "# auditlint disable-file=AC301,AC301 -- r\n"))
        #expect(twice.problems.map(\.message).first?.contains("AC301 is listed twice") == true)

        let stacked = String(repeating: "# auditlint disable-next-line=AC101 -- r\n", count: 5_000) + "flags:lo\n"
        let directives = InlineSuppressions.parse(SourceText(path: "f", text: stacked)).directives
        #expect(directives.count == 5_000 && directives.allSatisfy { $0.targetLine == 5_001 })
        let finding = Finding(
            ruleId: "AC101", severity: .error, message: "m",
            range: SourceRange(file: "f", line: 5_001, column: 1, length: 1))
        let outcome = InlineSuppressions.apply(to: [finding], sources: [SourceText(path: "f", text: stacked)])
        #expect(outcome.findings.first?.isSuppressed == true)
        #expect(outcome.unused.isEmpty)
    }
}
