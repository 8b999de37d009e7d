import AuditLintKit
import AuditLintRules
import AuditLintTestSupport
import Foundation
import Testing

/// A `lint` run shares one parse between identical audit_event files (``TableCache``): each
/// directory still gets the tables and findings it gets when linted alone, whether its
/// copy of the table is read with the built-in classes or with an audit_class of its own.
@Suite struct LintTableSharingTests {
    static let events =
        "1:AUE_EXIT:exit(2):pc\n2:AUE_FORK:fork(2):pc,zz\n3::AUE_OPEN:open(2) - read:fr\n4:AUE_CLOSE:close(2):cl\r\n"
        + "1:AUE_AGAIN:again:lo\n\n5:AUE_HIDDEN:hidden:lo\n"

    @Test func eachDirectoryGetsWhatItGetsAlone() throws {
        let directory = try TemporaryDirectory("lint-tables")
        defer { directory.remove() }
        let classes = "0x00000080:pc:process\n0x10000000:zz:site class\n0x00001000:lo:login_logout\n"
        for host in ["a", "b", "c", "d"] {
            try directory.write("hosts/\(host)/audit_control", "flags:lo,aa\nminfree:5\n")
            try directory.write("hosts/\(host)/audit_event", Self.events)
        }
        try directory.write("hosts/c/audit_class", classes)
        try directory.write("hosts/d/audit_class", classes)
        let root = directory.url.path
        let settings = Settings(file: nil)
        let runner = LintRunner(rules: RuleCatalog.all, settings: settings, workingDirectory: root)

        let together = try runner.load([root + "/hosts"])
        var parts: [[ReportedFinding]] = []
        _ = try runner.run([root + "/hosts"]) { parts.append($0.findings) }
        #expect(together.count == 4)
        #expect(parts.count == 4)
        for (index, host) in ["a", "b", "c", "d"].enumerated() {
            let path = root + "/hosts/\(host)/audit_control"
            let alone = try ConfigurationLoader(dialect: .macos).load(controlPath: path)
            #expect(together[index].events == alone.events)
            #expect(together[index].events.path == root + "/hosts/\(host)/audit_event")
            #expect(together[index].events.event(number: 2)?.classesValid == (host == "c" || host == "d"))
            var single: [[ReportedFinding]] = []
            _ = try runner.run([root + "/hosts/\(host)"]) { single.append($0.findings) }
            #expect(single == [parts[index]])
            #expect(parts[index].contains { $0.finding.range.file.hasSuffix("/\(host)/audit_event") })
        }
    }
}
