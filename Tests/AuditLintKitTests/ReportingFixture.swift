import Foundation
import Testing

@testable import AuditLintKit

/// The fixed lint result every reporter's golden file is rendered from: three files (one
/// with a tab and one with non-ASCII bytes before a finding), active findings of every
/// severity, one finding suppressed inline and one by the baseline, and a stale entry.
enum ReportingFixture {
    static let control = SourceText(
        path: "etc/audit_control",
        text: """
            # auditlint disable-next-line=AC301 -- fail-stop required by site policy
            dir:/var/audit
            flags:lo,aa,xx
            minfree:5
            naflags:lo\t# trailing
            policy:ahlt,argv
            filesz:0
            expire-after:10 M

            """)
    static let classes = SourceText(
        path: "etc/audit_class", bytes: Array("0x00001000:lo:login_logout\n0x00000800:café:bad\n".utf8))
    static let legacy = SourceText(path: "hosts/legacy/audit_control", text: "dir:/var/audit\nflags:lo\n")

    static func rule(_ id: String, _ slug: String, _ title: String, _ severity: Severity) -> RuleDescription {
        RuleDescription(
            id: id, slug: slug, title: title, severity: severity,
            rationale: "Why \(slug) matters.", behavior: "What auditd does about \(slug).",
            references: ["openbsm-semantics.md"],
            triggeringExamples: [RuleExample("↓flags:lo,xx\n")], nonTriggeringExamples: [RuleExample("flags:lo\n")]
        )
    }

    static let rules = [
        rule("AC105", "trailing-comment", "A `#` after a value is part of the value", .warning),
        rule("AC201", "unknown-audit-class", "Unknown audit class in flags", .error),
        rule("AC203", "invalid-expire-after", "expire-after is invalid", .error),
        rule("AC204", "invalid-class-name", "Class name with non-ASCII bytes", .note),
        rule("AC301", "fail-stop-policy", "ahlt halts the machine", .warning),
        rule("AC402", "filesz-zero", "filesz:0 never rotates", .warning),
    ]

    static let findings: [ReportedFinding] = [
        ReportedFinding(
            Finding(
                ruleId: "AC203", severity: .error,
                message: "expire-after \"10 M\" has a space: libbsm reads 10 bytes, not 10 MiB",
                range: SourceRange(file: "etc/audit_control", line: 8, column: 14, length: 4),
                fix: Fix(
                    summary: "replace with `10M`",
                    range: SourceRange(file: "etc/audit_control", line: 8, column: 14, length: 4), replacement: "10M"),
                subject: "expire-after=10 M"
            )),
        ReportedFinding(
            Finding(
                ruleId: "AC201", severity: .error,
                message: "unknown audit class 'xx': auditd ignores the whole flags mask",
                range: SourceRange(file: "etc/audit_control", line: 3, column: 13, length: 2),
                subject: "flags=lo,aa,xx"
            )),
        ReportedFinding(
            Finding(
                ruleId: "AC105", severity: .warning,
                message: "naflags value is \"lo\t# trailing\" <not lo> & 100% invalid, so: nothing is audited",
                range: SourceRange(file: "etc/audit_control", line: 5, column: 12, length: 10),
                help: "move the comment to its own line"
            )),
        ReportedFinding(
            Finding(
                ruleId: "AC204", severity: .note,
                message: "description `bad` follows a class name with non-ASCII bytes | pipes",
                range: SourceRange(file: "etc/audit_class", line: 2, column: 18, length: 3)
            )),
        ReportedFinding(
            Finding(
                ruleId: "AC301", severity: .warning, message: "ahlt halts the machine when the disk fills",
                range: SourceRange(file: "etc/audit_control", line: 6, column: 8, length: 4)),
            suppression: Suppression(kind: .inline, reason: "fail-stop required by site policy")
        ),
        ReportedFinding(
            Finding(
                ruleId: "AC402", severity: .warning, message: "filesz:0 never rotates the trail",
                range: SourceRange(file: "etc/audit_control", line: 7, column: 8, length: 1)),
            suppression: Suppression(kind: .baseline, reason: "accepted in the baseline")
        ),
    ]

    static let result = LintResult(
        files: [control, classes, legacy],
        findings: findings,
        staleBaselineEntries: [
            StaleBaselineEntry(
                entry: BaselineEntry(
                    ruleId: "AC201", path: "hosts/legacy/audit_control", subject: "flags=lo,zz", count: 2),
                unmatched: 2
            )
        ],
        rules: rules,
        toolVersion: "9.9.9"
    )

    static let empty = LintResult(files: [legacy], findings: [], rules: rules, toolVersion: "9.9.9")
}

/// Byte-for-byte comparison with a file under `Fixtures/reporting/`; with the environment
/// variable `AUDITLINT_RECORD_GOLDEN=1` the file is rewritten instead and the test fails
/// so a recording never passes silently.
enum Golden {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/reporting")

    static func check(_ actual: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = directory.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["AUDITLINT_RECORD_GOLDEN"] == "1" {
            try Data(actual.utf8).write(to: url)
            Issue.record("recorded \(name); rerun without AUDITLINT_RECORD_GOLDEN", sourceLocation: sourceLocation)
            return
        }
        let expected = try Data(contentsOf: url)
        #expect(Data(actual.utf8) == expected, "\(name) differs:\n\(actual)", sourceLocation: sourceLocation)
    }
}
