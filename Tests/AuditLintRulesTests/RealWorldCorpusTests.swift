import AuditLintKit
import AuditLintRules
import AuditLintTestSupport
import Foundation
import Testing

/// Every file of `../shared/data/real-world` (audit_control files and audit_event tables
/// written by other people) linted in both dialects: no crash, and a golden of what
/// auditlint says, one line a finding (path, line:column, severity, rule, message), so
/// a change in any verdict shows up in review. The golden quotes no source lines.
@Suite struct RealWorldCorpusTests {
    static let corpus = "data/real-world"
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/real-world")

    /// The macOS default file, as the audit_control beside each real audit_event table.
    static let stockControl =
        "dir:/var/audit\nflags:lo,aa\nminfree:5\nnaflags:lo,aa\npolicy:cnt,argv\nfilesz:2M\nexpire-after:10M\n"

    /// The files of one corpus folder, sorted, without its documentation.
    static func files(_ folder: String) throws -> [String] {
        let directory = try SharedData.url("\(corpus)/\(folder)")
        return try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { !$0.hasSuffix(".md") }.sorted()
    }

    /// One line a finding, in source order.
    static func render(_ findings: [Finding]) -> String {
        findings.map { finding in
            "\(finding.range.file):\(finding.range.start.line):\(finding.range.start.column): \(finding.severity.rawValue) \(finding.ruleId) \(elidingLongQuotes(finding.message))"
        }.joined(separator: "\n")
    }

    /// The message with every backquoted span over 24 characters replaced by its length,
    /// so the golden holds short values only, never a copied source line.
    static func elidingLongQuotes(_ message: String) -> String {
        let parts = message.split(separator: "`", omittingEmptySubsequences: false)
        guard parts.count >= 3 else { return message }
        return parts.enumerated().map { index, part in
            index % 2 == 1 && part.count > 24 && index < parts.count - 1 ? "…\(part.count) characters…" : String(part)
        }.joined(separator: "`")
    }

    static func lint(_ dialect: Dialect) throws -> String {
        let linter = Linter(rules: RuleCatalog.all)
        var lines: [String] = []
        for name in try files("audit_control") {
            let relative = "audit_control/\(name)"
            let control = SourceText(path: relative, bytes: try SharedData.bytes("\(corpus)/\(relative)"))
            lines.append(render(linter.lint(ConfigurationLoader.context(control: control, dialect: dialect))))
        }
        for name in try files("tables") where name.hasPrefix("audit_event") {
            let relative = "tables/\(name)"
            let events = SourceText(path: relative, bytes: try SharedData.bytes("\(corpus)/\(relative)"))
            let context = ConfigurationLoader.context(
                control: SourceText(path: "audit_control", text: stockControl), events: events, dialect: dialect)
            lines.append(render(linter.lint(context).filter { $0.range.file == relative }))
        }
        return lines.filter { !$0.isEmpty }.joined(separator: "\n") + "\n"
    }

    @Test(.enabled(if: SharedData.isAvailable, Comment(rawValue: SharedData.skipReason)), arguments: Dialect.allCases)
    func lintsEveryRealWorldFile(_ dialect: Dialect) throws {
        #expect(try Self.files("audit_control").count == 39)
        let output = try Self.lint(dialect)
        let url = Self.golden.appendingPathComponent("lint-\(dialect.rawValue).txt")
        if ProcessInfo.processInfo.environment["AUDITLINT_RECORD_GOLDEN"] == "1" {
            try Data(output.utf8).write(to: url)
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(
            output == expected,
            "set AUDITLINT_RECORD_GOLDEN=1 to rewrite Fixtures/real-world/lint-\(dialect.rawValue).txt after a deliberate change"
        )
    }
}
