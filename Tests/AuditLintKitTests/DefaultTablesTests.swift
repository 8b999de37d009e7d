import Testing
@testable import AuditLintKit

/// The embedded default files must equal the fixture copies byte for byte; regenerate with
/// `Scripts/generate-default-tables.sh DIR` when the fixtures change.
@Suite struct DefaultTablesTests {
    @Test(arguments: [
        (DefaultTableText.macosAuditClass, "macos-openbsm-21", "audit_class"),
        (DefaultTableText.macosAuditEvent, "macos-openbsm-21", "audit_event"),
        (DefaultTableText.openbsmAuditClass, "openbsm-1.2", "audit_class"),
        (DefaultTableText.openbsmAuditEvent, "openbsm-1.2", "audit_event"),
    ])
    func embeddedTextEqualsFixture(embedded: String, directory: String, name: String) throws {
        #expect(Array(embedded.utf8) == (try TableFixtures.bytes(directory, name)))
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
