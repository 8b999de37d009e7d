import AuditLintTestSupport
import Foundation
import Testing

@testable import AuditLintKit

/// The embedded default files must equal the shipped files in `../shared/data/etc` byte for
/// byte; regenerate with `Scripts/generate-default-tables.sh ../shared/data/etc` when they change.
@Suite struct DefaultTablesTests {
    @Test(
        .enabled(if: SharedData.isAvailable, Comment(rawValue: SharedData.skipReason)),
        arguments: [
            (DefaultTableText.macosAuditClass, "macos-openbsm-21", "audit_class"),
            (DefaultTableText.macosAuditEvent, "macos-openbsm-21", "audit_event"),
            (DefaultTableText.openbsmAuditClass, "openbsm-1.2", "audit_class"),
            (DefaultTableText.openbsmAuditEvent, "openbsm-1.2", "audit_event"),
        ])
    func embeddedTextEqualsTheShippedFile(embedded: String, directory: String, name: String) throws {
        #expect(Array(embedded.utf8) == (try TableFixtures.bytes(directory, name)))
    }

    /// The generator, run on the shipped files, reproduces the committed file byte for byte.
    @Test(.enabled(if: SharedData.isAvailable, Comment(rawValue: SharedData.skipReason)))
    func generatorReproducesTheCommittedFile() throws {
        let root = SharedData.packageRoot
        let output = FileManager.default.temporaryDirectory.appendingPathComponent(
            "DefaultTables-\(UUID().uuidString).swift")
        defer { try? FileManager.default.removeItem(at: output) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = [
            root.appendingPathComponent("Scripts/generate-default-tables.sh").path,
            try SharedData.url("data/etc").path,
            output.path,
        ]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let committed = try Data(
            contentsOf: root.appendingPathComponent("Sources/AuditLintKit/Tables/DefaultTables+Generated.swift"))
        #expect(try Data(contentsOf: output) == committed, "run Scripts/generate-default-tables.sh on the etc files")
    }

    @Test(arguments: Dialect.allCases)
    func builtInTablesHaveNoPathAndParseCompletely(dialect: Dialect) {
        let classes = AuditClassTable.builtIn(dialect)
        let events = AuditEventTable.builtIn(dialect)
        #expect(classes.path == nil && events.path == nil)
        #expect(classes.stop == nil && events.stop == nil)
        #expect(classes.classes.count == 20)
        #expect(events.events.count == (dialect == .macos ? 616 : 677))
        #expect(events.event(number: 45000)?.classMask == classes.lookup("ad")?.mask)
    }
}
