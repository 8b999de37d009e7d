import AuditLintKit
import AuditLintRules
import AuditLintTestSupport
import Foundation
import Testing

/// A streamed `lint` run (``LintRunner/run``, one configuration at a time, each format
/// written by a ``LintReportStream``) writes the same bytes, totals and exit status as the
/// whole run's result rendered at once, in every format: with suppressions, a baseline
/// (partly matched, partly stale), table files, a non-text file, a file with more findings
/// than are shown, more findings than GitHub annotates, and two configurations that share
/// their table files.
@Suite struct LintStreamTests {
    /// A tree of varied configurations; `shared` adds a second audit_control beside one.
    static func makeTree(shared: Bool) throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory("lint-stream")
        let values = [
            "dir:/var/audit\nflags:lo,aa\nminfree:5\nnaflags:lo,aa\npolicy:cnt,argv\nfilesz:2M\nexpire-after:10M\n",
            "dir:/var/audit\nflags:lo,xx\nminfree:60\npolicy:ahlt,zz\nfilesz:0\n",
            "# auditlint disable-next-line=AC301 -- required here\npolicy:ahlt,argv\nflags:all\nminfree:abc\n",
            " flags:lo\n  # indented\npolicy:cnt,argv # trailing\nexpire-after:10M OR 7d\nfilesz:1G\n",
            "flags:lo,aa\r\nminfree:20\r\nnaflags:all\r\n# auditlint disable-file=AC999\n",
        ]
        for index in 0..<24 {
            try directory.write(String(format: "hosts/h%02d/audit_control", index), values[index % values.count])
            if index % 4 == 1 {
                try directory.write(
                    String(format: "hosts/h%02d/audit_class", index),
                    "0x00000001:fr:file read\n0x00000001:fr:again\n\n0x00001000:lo:login_logout\n")
            }
            if index % 6 == 2 {
                try directory.write(String(format: "hosts/h%02d/audit_user", index), "root:lo:no\nbad:xx\n")
            }
        }
        try directory.write("hosts/many/audit_control", (0..<130).map { "unknown\($0):x\n" }.joined())
        try directory.write("hosts/binary/audit_control", [0x00, 0x01, 0xFF, 0x0A, 0x66, 0x6C])
        if shared {
            try directory.write("hosts/h03/other.conf", "flags:lo\nbogus:1\n")
        }
        return directory
    }

    static let baseline =
        Baseline(entries: [
            BaselineEntry(ruleId: "AC102", path: "hosts/many/audit_control", subject: "unknown3=x"),
            BaselineEntry(ruleId: "AC201", path: "hosts/h01/audit_control", subject: "flags=lo,xx", count: 2),
            BaselineEntry(ruleId: "AC203", path: "hosts/gone/audit_control", subject: "policy=zz"),
        ])

    @Test(arguments: [false, true])
    func streamedOutputIsTheWholeResultRendered(shared: Bool) throws {
        let directory = try Self.makeTree(shared: shared)
        defer { directory.remove() }
        let root = directory.url.path
        let settings = Settings(file: nil)
        let runner = LintRunner(rules: RuleCatalog.all, settings: settings, workingDirectory: root)
        var paths = [root + "/hosts"]
        if shared { paths.append(root + "/hosts/h03/other.conf") }
        let baseline = Self.baseline

        var whole = runner.lint(try runner.load(paths), baseline: baseline)
        let status = whole.exitStatus(failOn: .warning, strictBaseline: true)
        whole = whole.boundedForReport(settings: settings, workingDirectory: root)
        #expect(whole.findings.count > 100)
        #expect(whole.findings.contains { $0.finding.ruleId == MetaRules.findingsNotShown.id })
        #expect(whole.findings.contains { $0.suppression?.kind == .baseline })
        #expect(whole.findings.contains { $0.suppression?.kind == .inline })
        #expect(!whole.staleBaselineEntries.isEmpty)
        // More of each severity than GitHub annotates, so its closing notice takes a note's slot.
        for severity in Severity.allCases {
            #expect(whole.activeFindings.filter { $0.severity == severity }.count > GitHubReporter.annotationsPerLevel)
        }

        let options = ReportOptions(paths: PathContext(workingDirectory: root))
        var outputs = [OutputFormat: String]()
        var parts = 0
        var streams = OutputFormat.allCases.map { format in
            LintReportStream(format: format, options: options) { outputs[format, default: ""] += $0 }
        }
        let totals = try runner.run(paths, baseline: baseline) { part in
            parts += 1
            for index in streams.indices { try streams[index].add(part) }
        }
        for index in streams.indices { try streams[index].finish(totals) }

        #expect(parts == (shared ? 1 : 26))
        #expect(totals == whole.totals)
        #expect(totals.exitStatus(failOn: .warning, strictBaseline: true) == status)
        for format in OutputFormat.allCases {
            #expect(outputs[format, default: ""] == format.render(whole, options: options), "\(format)")
        }
    }

    @Test func writtenInPiecesAsTheRunGoes() throws {
        let directory = try Self.makeTree(shared: false)
        defer { directory.remove() }
        let root = directory.url.path
        let runner = LintRunner(rules: RuleCatalog.all, settings: Settings(file: nil), workingDirectory: root)
        var writes: [Int] = []
        var parts = 0
        var stream = LintReportStream(format: .text, options: ReportOptions(), chunkSize: 1) { _ in
            writes.append(parts)
        }
        let totals = try runner.run([root + "/hosts"]) { part in
            parts += 1
            try stream.add(part)
        }
        try stream.finish(totals)
        // Each configuration's findings are written while it is the one linted (before the
        // next is read), not held to the end.
        #expect(Set(writes).count >= 24)
        #expect(writes == writes.sorted())
    }
}
