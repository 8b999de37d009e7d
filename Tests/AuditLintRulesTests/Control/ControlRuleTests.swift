import AuditLintKit
import Testing

@testable import AuditLintRules

/// The audit_control rules' examples, read with the default classes (independent of the
/// built-in tables), plus messages, severities and fixes.
@Suite struct ControlRuleTests {
    static let ids = controlRules.map { $0.description.id }

    @Test func everyControlRuleIsRegistered() {
        #expect(Self.ids.count == 28)
        #expect(Self.ids.allSatisfy { $0.hasPrefix("AC1") || $0.hasPrefix("AC2") })
    }

    @Test(arguments: ids)
    func examplesFindExactlyAtTheMarkers(id: String) throws {
        let rule = try #require(RuleCatalog.rule(id))
        for (index, example) in rule.description.triggeringExamples.enumerated() {
            let (bytes, markers) = RuleExample.stripMarkers(example.control)
            let findings = rule.init().check(
                controlContext(String(decoding: bytes, as: UTF8.self), dialect: example.dialect))
            #expect(
                findings.map(\.range.start) == markers, "\(id) triggering example \(index): \(findings.map(\.message))")
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
        #expect(
            finding.message.contains(
                "auditd behaves as if filesz were missing: the kernel never rotates trails by size"))
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
        #expect(
            applying([try #require(harmful.fix)], to: "policy:cnt,argv # keep argv\n")
                == "# keep argv\npolicy:cnt,argv\n")
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
        #expect(
            finding.fix
                == Fix(
                    summary: "write `ahlt,argv`",
                    range: SourceRange(file: "audit_control", line: 1, column: 8, length: 10), replacement: "ahlt,argv")
        )
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
        ("minfree:150\n", Severity.error), ("minfree:abc\n", .warning), ("dir:/var/audit\n", .error),
        ("minfree:\n", .error),
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

    /// A fix or an advice must change the file: `dir:%NASAUDIT%` (a Solaris template) and
    /// an empty `dir:` (OpenBSM reads "") get neither a fix nor "write `dir:%NASAUDIT%`".
    @Test(arguments: [
        ("dir:%NASAUDIT%\n", Dialect.macos), ("dir:%NASAUDIT%\n", .openbsm), ("dir:\n", .openbsm),
        ("dir: \n", .openbsm),
    ])
    func dirAdviceChangesTheFile(text: String, dialect: Dialect) throws {
        let finding = try #require(findings("AC215", text, dialect: dialect).first)
        #expect(finding.fix == nil)
        let written = text.dropLast()
        #expect(!finding.message.contains("write `\(written)`"), "\(finding.message)")
        #expect(finding.message.contains("absolute path"), "\(finding.message)")
    }

    /// OpenBSM 1.2 reads `flags`, `naflags` alone as an empty value (getaccommon) and keeps
    /// the default queue for `qsize` alone (getacqsize): no invalid-mask or qsize error, but
    /// the empty mask is still AC202's; macOS's OpenBSM-21 rejects the line (AC201).
    @Test(arguments: ["flags", "naflags"])
    func keyWithoutColonPerDialect(key: String) throws {
        #expect(findings("AC201", "\(key)\n", dialect: .openbsm).isEmpty)
        let empty = try #require(findings("AC202", "\(key)\n", dialect: .openbsm).first)
        #expect(empty.message.contains("no `:`"), "\(empty.message)")
        #expect(findings("AC201", "\(key)\n", dialect: .macos).count == 1)
        #expect(findings("AC202", "\(key)\n", dialect: .macos).isEmpty)
        #expect(findings("AC214", "qsize\n", dialect: .openbsm).isEmpty)
        #expect(findings("AC214", "qsize:\n", dialect: .openbsm).count == 1)
    }

    /// macOS (OpenBSM-21) facts: the 25-byte naflags buffer (AC201) and minfree 0's
    /// division by zero (AC205); OpenBSM 1.2 has neither.
    @Test func openBSM21Limits() throws {
        let long = "naflags:lo,aa,ad,fd,fm,fc,fw,^-fr\n"
        let naflags = try #require(findings("AC201", long, dialect: .macos).first)
        #expect(
            naflags.message.contains("25 bytes, over the 24 bytes OpenBSM-21's auditd reads into its 25-byte buffer"),
            "\(naflags.message)")
        #expect(findings("AC201", long, dialect: .openbsm).isEmpty)
        let zero = try #require(findings("AC205", "minfree:0\n", dialect: .macos).first)
        #expect(zero.severity == .warning && zero.message.contains("SIGFPE"))
        #expect(findings("AC205", "minfree:0\n", dialect: .openbsm).isEmpty)
        #expect(findings("AC216", "host:h\nexpire-after:60d\n", dialect: .macos).count == 1)
    }

    /// Findings read once on the real-world corpus (RealWorldCorpusTests) and corrected.
    @Test func realWorldCorpusCorrections() throws {
        // An empty expire-after value is named as such, not as "`` does not start with a number".
        let empty = try #require(findings("AC209", "expire-after:\n", dialect: .openbsm).first)
        #expect(empty.message.hasPrefix("expire-after (no value): the value is empty"), "\(empty.message)")
        // A note after the classes is part of the last element.
        let note = try #require(findings("AC201", "flags:lo,ex   <- edit here\n", dialect: .openbsm).first)
        #expect(note.message.contains("audit_control has no comments after a value"), "\(note.message)")
        // The suggested policy leaves out names the kernel rejects, so it takes effect.
        let policy = try #require(findings("AC203", "policy:cnt,argv,arge,seq,\n").first)
        #expect(policy.fix?.replacement == "cnt,argv,arge")
        #expect(policy.message.contains("write `policy:cnt,argv,arge`"))
    }

    /// The default files of both platforms are clean except for the flags note.
    @Test(arguments: Dialect.allCases)
    func defaultFilesOnlyGetTheLoginNote(_ dialect: Dialect) {
        let text =
            "dir:/var/audit\nflags:lo,aa\nminfree:5\nnaflags:lo,aa\npolicy:cnt,argv\nfilesz:2M\nexpire-after:10M\n"
        let all = controlRules.flatMap { $0.init().check(controlContext(text, dialect: dialect)) }
        #expect(all.map(\.ruleId) == ["AC213"])
    }
}
