import Testing

@testable import AuditLintKit

/// The engine's guarantees about what rules return.
@Suite struct LinterTests {
    /// A rule that offers to replace `policy`'s value with `replacement`.
    struct ReplacePolicy: Rule {
        static let description = RuleDescription(
            id: "AC999", slug: "test", title: "test", severity: .warning, rationale: "r", behavior: "b",
            triggeringExamples: [], nonTriggeringExamples: [])
        static let replacements = ["cnt,argv", "cnt"]
        func check(_ context: LintContext) -> [Finding] {
            guard let value = context.control.policy.entry?.value else { return [] }
            return Self.replacements.map { replacement in
                finding(
                    "policy \(replacement)", at: value.range(from: 0),
                    fix: Fix(summary: "write `\(replacement)`", range: value.range(from: 0), replacement: replacement))
            }
        }
    }

    static func context(_ text: String) -> LintContext {
        let source = SourceText(path: "audit_control", text: text)
        return LintContext(
            dialect: .openbsm, controlSource: source,
            control: AuditControl.parse(source, dialect: .openbsm, classes: AuditClassTable(classes: [])),
            classes: AuditClassTable(classes: []), events: AuditEventTable(events: []))
    }

    /// A fix that would leave the file as it is never reaches a reporter; the finding stays.
    @Test func aFixThatChangesNothingIsDropped() throws {
        let found = Linter(rules: [ReplacePolicy.self]).lint(Self.context("policy:cnt,argv\n"))
        #expect(found.count == 2)
        let kept = try #require(found.first { $0.message == "policy cnt" })
        #expect(kept.fix?.replacement == "cnt")
        let noOp = try #require(found.first { $0.message == "policy cnt,argv" })
        #expect(noOp.fix == nil)
    }

    /// Reports the same finding twice, then one on the same place and message with another severity.
    struct Repeats: Rule {
        static let description = RuleDescription(
            id: "AC998", slug: "repeats", title: "test", severity: .warning, rationale: "r", behavior: "b",
            triggeringExamples: [], nonTriggeringExamples: [])
        func check(_ context: LintContext) -> [Finding] {
            let range = SourceRange(file: "audit_control", line: 1, column: 1, length: 1)
            let later = SourceRange(file: "audit_control", line: 2, column: 1, length: 1)
            return [
                finding("later", at: later), finding("same", at: range), finding("same", at: range),
                finding("same", at: range, severity: .error), finding("earlier", at: range),
            ]
        }
    }

    /// An equal finding is kept once, the first in the order the rules gave them; findings
    /// that differ beyond file, place, rule and message are all kept, in that order.
    @Test func equalFindingsAreKeptOnceInTheOrderGiven() {
        let found = Linter(rules: [Repeats.self, Repeats.self]).lint(Self.context("policy:cnt\nflags:lo\n"))
        #expect(found.map(\.message) == ["earlier", "same", "same", "later"])
        #expect(found.map(\.severity) == [.warning, .warning, .error, .warning])
    }

    @Test func fixChangesComparesTheBytesInItsRange() {
        let source = SourceText(path: "audit_control", text: "dir:/var/audit\nflags:lo\n")
        let range = SourceRange(file: "audit_control", line: 2, column: 7, length: 2)
        #expect(!Fix(summary: "", range: range, replacement: "lo").changes(source))
        #expect(Fix(summary: "", range: range, replacement: "aa").changes(source))
        // An insertion (an empty range) changes the file unless it inserts nothing.
        let empty = SourceRange(
            file: "audit_control", start: SourcePosition(line: 2, column: 9), end: SourcePosition(line: 2, column: 8))
        #expect(Fix(summary: "", range: empty, replacement: ",aa").changes(source))
        #expect(!Fix(summary: "", range: empty, replacement: "").changes(source))
    }
}
