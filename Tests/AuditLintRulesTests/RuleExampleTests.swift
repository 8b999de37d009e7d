import AuditLintKit
import Testing

@testable import AuditLintRules

/// Runs every rule's examples: they are the rules' tests as well as their documentation.
/// A failure is reported at the example's own line in its rule file.
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
        for example in rule.description.triggeringExamples {
            let (context, markers) = example.makeContext()
            #expect(
                !markers.isEmpty, "\(id) triggering example has no ↓ marker", sourceLocation: example.sourceLocation)
            let findings = rule.init().check(context)
            for finding in findings {
                #expect(
                    finding.ruleId == id, "\(id) reported a finding under \(finding.ruleId)",
                    sourceLocation: example.sourceLocation)
                #expect(!finding.message.isEmpty, sourceLocation: example.sourceLocation)
                #expect(
                    finding.range.start <= finding.range.end
                        || finding.range.end.column == finding.range.start.column - 1,
                    sourceLocation: example.sourceLocation)
            }
            let found = findings.map {
                RuleExample.MarkedPosition(file: $0.range.file, position: $0.range.start)
            }.sorted()
            #expect(
                found == markers, "\(id): findings \(findings.map(\.message))", sourceLocation: example.sourceLocation)
        }
    }

    @Test(arguments: ids)
    func nonTriggeringExamplesFindNothing(id: String) throws {
        let rule = try #require(RuleCatalog.rule(id))
        for example in rule.description.nonTriggeringExamples {
            let (context, markers) = example.makeContext()
            #expect(
                markers.isEmpty, "\(id) non-triggering example has a marker", sourceLocation: example.sourceLocation)
            #expect(
                example.fixed == nil, "\(id) non-triggering example shows a fix", sourceLocation: example.sourceLocation
            )
            let findings = rule.init().check(context)
            #expect(findings.isEmpty, "\(id): \(findings.map(\.message))", sourceLocation: example.sourceLocation)
        }
    }

    /// Rules whose finding a suppression comment can undo, with why: the comment is text,
    /// so it can turn a file of control bytes into text.
    static let commentChangesTheVerdict: [String: String] = [
        "AC110": "a comment added to a file of control bytes makes it text"
    ]

    /// `# auditlint disable-next-line=ID` above each flagged line (or `disable-file=ID` for
    /// a finding about the whole file) silences every finding of every triggering example,
    /// and no part of the comments goes unused.
    @Test(arguments: ids)
    func suppressionCommentsSilenceEveryTriggeringExample(id: String) throws {
        let rule = try #require(RuleCatalog.rule(id))
        for example in rule.description.triggeringExamples {
            let findings = rule.init().check(example.makeContext().context)
            let suppressed = example.suppressing(findings, id: id)
            let context = suppressed.makeContext().context
            let again = rule.init().check(context)
            if again.isEmpty, Self.commentChangesTheVerdict[id] != nil { continue }
            #expect(
                again.count == findings.count, "\(id): the comments changed the findings \(again.map(\.message))",
                sourceLocation: example.sourceLocation)
            let outcome = InlineSuppressions.apply(to: again, sources: context.sources, knownRuleIds: Set(Self.ids))
            for reported in outcome.findings {
                #expect(
                    reported.suppression != nil,
                    "\(id): not suppressed: \(reported.finding.ruleId) \(reported.finding.message)",
                    sourceLocation: example.sourceLocation)
            }
            #expect(
                outcome.unused.isEmpty, "\(id): unused suppressions \(outcome.unused.map(\.ruleId))",
                sourceLocation: example.sourceLocation)
        }
    }

    /// A rule that offers fixes shows the fixed file in at least one example.
    @Test(arguments: ids)
    func rulesThatFixShowTheFixedFile(id: String) throws {
        let rule = try #require(RuleCatalog.rule(id))
        let examples = rule.description.triggeringExamples
        let fixable = examples.filter { example in
            rule.init().check(example.makeContext().context).contains { $0.fix != nil }
        }
        let location = examples.first?.sourceLocation ?? #_sourceLocation
        if fixable.isEmpty {
            #expect(
                !examples.contains { $0.fixed != nil }, "\(id) shows a fixed file but offers no fix",
                sourceLocation: location)
        } else if !examples.contains(where: { $0.fixed != nil }) {
            let suggestion = fixable.lazy.compactMap { example in
                example.applyingFixes(of: rule.init().check(example.makeContext().context)).map { (example, $0) }
            }.first
            let hint =
                suggestion.map { "; the example at line \($0.0.line) fixes to `fixed: \($0.1.debugDescription)`" } ?? ""
            Issue.record(
                Comment(rawValue: "\(id) offers fixes but no example shows the fixed file\(hint)"),
                sourceLocation: fixable[0].sourceLocation)
        }
    }

    /// Every fix a triggering example gets changes its file.
    @Test(arguments: ids)
    func everyFixChangesTheFile(id: String) throws {
        let rule = try #require(RuleCatalog.rule(id))
        for example in rule.description.triggeringExamples {
            let context = example.makeContext().context
            for finding in rule.init().check(context) {
                guard let fix = finding.fix else { continue }
                let source = try #require(
                    context.sources.first { $0.path == fix.range.file }, "\(id): a fix in a file the example lacks")
                let fixed = Fix.apply([fix], to: source)
                #expect(
                    fixed != nil && fixed != source.bytes,
                    "\(id): the fix `\(fix.summary)` changes nothing (or points outside the file)",
                    sourceLocation: example.sourceLocation)
            }
        }
    }

    /// Applying every finding's fix yields exactly the example's `fixed` text, which differs
    /// from the original and on which the rule finds nothing.
    @Test(arguments: ids)
    func fixesProduceTheFixedFile(id: String) throws {
        let rule = try #require(RuleCatalog.rule(id))
        for example in rule.description.triggeringExamples {
            guard let expected = example.fixed else { continue }
            let findings = rule.init().check(example.makeContext().context)
            let fixed = example.applyingFixes(of: findings)
            #expect(
                fixed == expected,
                "\(id): the fixes give \(fixed.map { "\($0.debugDescription)" } ?? "nothing (a finding has no fix, or fixes overlap)")",
                sourceLocation: example.sourceLocation)
            let original = String(decoding: RuleExample.stripMarkers(example.control).bytes, as: UTF8.self)
            #expect(expected != original, "\(id): the fix changes nothing", sourceLocation: example.sourceLocation)
            var after = example
            after.control = expected
            let remaining = rule.init().check(after.makeContext().context)
            #expect(
                remaining.isEmpty, "\(id): the fixed file still triggers: \(remaining.map(\.message))",
                sourceLocation: example.sourceLocation)
        }
    }

    @Test func markersAreStrippedAndLocated() {
        let (bytes, positions) = RuleExample.stripMarkers("flags:lo\npolicy:↓cnt, ↓argv\n")
        #expect(String(decoding: bytes, as: UTF8.self) == "flags:lo\npolicy:cnt, argv\n")
        #expect(positions == [SourcePosition(line: 2, column: 8), SourcePosition(line: 2, column: 13)])
    }

    @Test func fixesApplyBackToFrontAndRefuseOverlaps() {
        let source = SourceText(path: "audit_control", text: "policy:cnt, argv\nflags:lo\n")
        let blank = Fix(
            summary: "", range: SourceRange(file: "audit_control", line: 1, column: 12, length: 1), replacement: "")
        let insert = Fix(
            summary: "",
            range: SourceRange(
                file: "audit_control", start: SourcePosition(line: 2, column: 9),
                end: SourcePosition(line: 2, column: 8)), replacement: ",aa")
        #expect(
            Fix.apply([blank, insert], to: source).map { String(decoding: $0, as: UTF8.self) }
                == "policy:cnt,argv\nflags:lo,aa\n")
        let overlapping = Fix(
            summary: "", range: SourceRange(file: "audit_control", line: 1, column: 8, length: 5), replacement: "x")
        #expect(Fix.apply([blank, overlapping], to: source) == nil)
        let elsewhere = Fix(
            summary: "", range: SourceRange(file: "audit_class", line: 1, column: 1, length: 1), replacement: "")
        #expect(Fix.apply([elsewhere], to: source) == nil)
        let pastTheEnd = Fix(
            summary: "", range: SourceRange(file: "audit_control", line: 3, column: 1, length: 1), replacement: "")
        #expect(Fix.apply([pastTheEnd], to: source) == nil)
    }
}

extension RuleExample {
    /// Where a test about this example reports a failure: the example's line.
    var sourceLocation: SourceLocation {
        let fileName = filePath.split(separator: "/").last.map(String.init) ?? filePath
        let module = filePath.contains("/Sources/AuditLintKit/") ? "AuditLintKit" : "AuditLintRules"
        return SourceLocation(fileID: "\(module)/\(fileName)", filePath: filePath, line: line, column: 1)
    }

    /// The example with a suppression comment for `id` above each line a finding starts
    /// on (`disable-file` at the top for a finding about the whole file), markers kept.
    func suppressing(_ findings: [Finding], id: String) -> RuleExample {
        var copy = self
        for file in Set(findings.map(\.range.file)) {
            let inFile = findings.filter { $0.range.file == file }
            let fileWide = inFile.contains { $0.range == .wholeFile(file) }
            let lines = Set(inFile.filter { $0.range != .wholeFile(file) }.map(\.range.start.line))
            let edit: (String?) -> String? = { text in
                text.map { Self.inserting(lines: lines, fileWide: fileWide, id: id, into: $0) }
            }
            switch file {
            case ConfigurationLoader.FileName.control: copy.control = edit(copy.control) ?? ""
            case ConfigurationLoader.FileName.classes: copy.classes = edit(copy.classes)
            case ConfigurationLoader.FileName.events: copy.events = edit(copy.events)
            case ConfigurationLoader.FileName.users: copy.users = edit(copy.users)
            default: Issue.record("finding in unknown file \(file)")
            }
        }
        return copy
    }

    private static func inserting(lines: Set<Int>, fileWide: Bool, id: String, into text: String) -> String {
        var physical = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for line in lines.sorted(by: >) where line >= 1 && line <= physical.count {
            physical.insert("# auditlint disable-next-line=\(id) -- example", at: line - 1)
        }
        if fileWide {
            physical.insert("# auditlint disable-file=\(id) -- example", at: 0)
        }
        return physical.joined(separator: "\n")
    }
}
