import AuditLintKit
import Testing
@testable import AuditLintRules

/// The audit_control rules' examples, read with the default classes (independent of the
/// built-in tables), plus messages, severities and fixes.
@Suite struct ControlRuleTests {
    static let ids = controlRules.map { $0.description.id }

    @Test func everyControlRuleIsRegistered() {
        #expect(Self.ids.count == 27)
        #expect(Self.ids.allSatisfy { $0.hasPrefix("AC1") || $0.hasPrefix("AC2") })
    }

    @Test(arguments: ids)
    func examplesFindExactlyAtTheMarkers(id: String) throws {
        let rule = try #require(RuleCatalog.rule(id))
        for (index, example) in rule.description.triggeringExamples.enumerated() {
            let (bytes, markers) = RuleExample.stripMarkers(example.control)
            let findings = rule.init().check(controlContext(String(decoding: bytes, as: UTF8.self), dialect: example.dialect))
            #expect(findings.map(\.range.start) == markers, "\(id) triggering example \(index): \(findings.map(\.message))")
            for finding in findings {
                #expect(finding.ruleId == id)
                #expect(finding.range.start <= finding.range.end)
                #expect(finding.range.end.line == finding.range.start.line)
            }
        }
        for (index, example) in rule.description.nonTriggeringExamples.enumerated() {
            let findings = rule.init().check(controlContext(example.control, dialect: example.dialect))
            #expect(findings.isEmpty, "\(id) non-triggering example \(index): \(findings.map(\.message))")
        }
    }

    /// Applying a rule's fixes to its triggering examples makes those findings go away.
    @Test(arguments: ids)
    func fixesRemoveTheirFindings(id: String) throws {
        let rule = try #require(RuleCatalog.rule(id))
        for example in rule.description.triggeringExamples {
            let text = String(decoding: RuleExample.stripMarkers(example.control).bytes, as: UTF8.self)
            let before = rule.init().check(controlContext(text, dialect: example.dialect))
            let fixes = before.compactMap(\.fix)
            guard !fixes.isEmpty else { continue }
            let after = rule.init().check(controlContext(applying(fixes, to: text), dialect: example.dialect))
            #expect(after.count < before.count, "\(id): fixes \(fixes.map(\.replacement)) left \(after.map(\.message))")
        }
    }

    @Test func leadingBlankSaysWhatIsInForce() throws {
        let found = findings("AC101", " filesz:2M\nminfree:5\n")
        let finding = try #require(found.first)
        #expect(finding.message.contains("auditd behaves as if filesz were missing: the kernel never rotates trails by size"))
        #expect(finding.range == SourceRange(file: "audit_control", line: 1, column: 1, length: 7))
        #expect(applying([try #require(finding.fix)], to: " filesz:2M\n") == "filesz:2M\n")
    }

    @Test func unknownKeySuggestsTheNearestKey() {
        #expect(findings("AC102", "filsz:2M\n").first?.message.contains("did you mean `filesz`?") == true)
        #expect(findings("AC102", "expire_after:10M\n").first?.message.contains("`expire-after`") == true)
        let upper = findings("AC102", "POLICY:cnt\n")
        #expect(upper.first?.fix?.replacement == "policy")
    }

    @Test func inlineCommentSeverityDependsOnTheEffect() throws {
        let harmful = try #require(findings("AC104", "policy:cnt,argv # keep argv\n").first)
        #expect(harmful.severity == .error)
        #expect(harmful.range == SourceRange(file: "audit_control", line: 1, column: 17, length: 11))
        #expect(applying([try #require(harmful.fix)], to: "policy:cnt,argv # keep argv\n") == "# keep argv\npolicy:cnt,argv\n")
        #expect(findings("AC104", "minfree:5 # percent\n").first?.severity == .warning)
        // expire-after: the blank before `#` is read as an operator with no second term.
        #expect(findings("AC104", "expire-after:10M # ten MiB\n", dialect: .openbsm).first?.severity == .error)
    }

    @Test func duplicateNamesTheLineInForce() {
        let message = findings("AC105", "filesz:2M\nfilesz:4M\n").first?.message ?? ""
        #expect(message.contains("line 1, `2M`"))
        #expect(message.contains("(`4M`) is ignored"))
    }

    @Test func crlfIsReportedOnce() {
        let found = findings("AC107", "dir:/var/audit\r\nminfree:5\r\n")
        #expect(found.count == 1)
        #expect(found.first?.message.hasPrefix("2 lines end in CRLF") == true)
        #expect(found.first?.range == SourceRange(file: "audit_control", line: 1, column: 15, length: 1))
    }

    @Test func invalidFlagsNamesElementColumnAndFix() throws {
        let finding = try #require(findings("AC201", "flags:lo, aa\n").first)
        #expect(finding.message.contains("unknown class ` aa` in element ` aa` at column 10"))
        #expect(finding.message.contains("no blanks are allowed around commas"))
        #expect(finding.fix?.replacement == "lo,aa")
        let naflags = try #require(findings("AC201", "naflags:lo,aa\r\n").first)
        #expect(naflags.message.contains("non-attributable mask at its boot default 0"))
        #expect(naflags.message.contains("CRLF"))
        #expect(findings("AC201", "flags:LO\n").first?.fix?.replacement == "lo")
    }

    @Test func invalidPolicySaysWhatIsLostAndFixesIt() throws {
        let finding = try #require(findings("AC203", "policy: ahlt,argv\n").first)
        #expect(finding.message.contains("ahlt and argv are silently lost"))
        #expect(finding.fix == Fix(summary: "write `ahlt,argv`", range: SourceRange(file: "audit_control", line: 1, column: 8, length: 10), replacement: "ahlt,argv"))
        #expect(findings("AC203", "policy:cnt,bogus\n").first?.fix == nil)
        #expect(findings("AC203", "policy:cnt,argv\n").isEmpty)
    }

    @Test func kernelRejectedPolicyKeepsTheSupportedNames() throws {
        let found = findings("AC204", "policy:cnt,argv,seq,group\n")
        #expect(found.count == 2)
        #expect(found.first?.message.contains("argv is lost") == true)
        #expect(found.first?.fix?.replacement == "cnt,argv")
        #expect(found.last?.fix == nil)
    }

    @Test(arguments: [
        ("minfree:150\n", Severity.error), ("minfree:abc\n", .warning), ("dir:/var/audit\n", .error), ("minfree:\n", .error),
    ])
    func minfreeSeverities(_ text: String, _ severity: Severity) {
        #expect(findings("AC205", text).map(\.severity) == [severity])
    }

    @Test func minfreeThresholdMessages() {
        #expect(findings("AC206", "minfree:60\n").first?.message.contains("rotates every 30 s") == true)
        #expect(findings("AC207", "minfree:30\n").first?.message.contains("below 33.3 % free") == true)
        #expect(findings("AC207", "minfree:40\n").first?.message.contains("below 50 % free") == true)
    }

    @Test func fileszFixes() {
        #expect(findings("AC208", "filesz:2m\n").first?.fix?.replacement == "M")
        #expect(findings("AC208", "filesz:2 M\n").first?.fix?.replacement == "2M")
        #expect(findings("AC208", "filesz:2T\n").first?.fix == nil)
        #expect(findings("AC208", "minfree:5\n").first?.severity == .warning)
    }

    @Test func expireAfterRules() {
        #expect(findings("AC210", "expire-after:10 M\n").first?.fix?.replacement == "10M")
        #expect(findings("AC211", "expire-after:5g\n").first?.fix?.replacement == "G")
        #expect(findings("AC211", "expire-after:10m\n").first?.fix == nil)
        #expect(findings("AC209", "expire-after:5g\n").isEmpty)
        #expect(findings("AC209", "expire-after:60w OR 5g\n").count == 1)
        #expect(findings("AC212", "expire-after:1G AND 2G\n").first?.severity == .error)
        #expect(findings("AC212", "expire-after:30d OR 60d\n").first?.fix?.replacement == "60d")
        // macOS keeps the trailing blank, which breaks the value.
        #expect(findings("AC209", "expire-after:10M \n", dialect: .macos).count == 1)
        #expect(findings("AC209", "expire-after:10M \n", dialect: .openbsm).isEmpty)
    }

    @Test func dirProblems() {
        #expect(findings("AC215", "dir:/var/audit \n", dialect: .macos).first?.fix?.replacement == "/var/audit")
        #expect(findings("AC215", "dir:/var/audit \n", dialect: .openbsm).isEmpty)
        #expect(findings("AC215", "dir:var/audit\n").first?.message.contains("not an absolute path") == true)
    }

    /// The default files of both platforms are clean except for the flags note.
    @Test(arguments: Dialect.allCases)
    func defaultFilesOnlyGetTheLoginNote(_ dialect: Dialect) {
        let text = "dir:/var/audit\nflags:lo,aa\nminfree:5\nnaflags:lo,aa\npolicy:cnt,argv\nfilesz:2M\nexpire-after:10M\n"
        let all = controlRules.flatMap { $0.init().check(controlContext(text, dialect: dialect)) }
        #expect(all.map(\.ruleId) == ["AC213"])
    }
}
