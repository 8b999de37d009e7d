import AuditLintTestSupport
import Foundation
import Testing

@testable import AuditLintKit

/// The built-in tables must be what libbsm reads from the shipped files in `../shared/data/etc`;
/// regenerate with `Scripts/generate-default-tables.sh ../shared/data/etc` when they change.
@Suite struct DefaultTablesTests {
    /// Every class of the built-in table equals the class parsed from the shipped file, in order.
    @Test(
        .enabled(if: SharedData.isAvailable, Comment(rawValue: SharedData.skipReason)), arguments: Dialect.allCases)
    func builtInClassesEqualTheShippedFile(dialect: Dialect) throws {
        let text = try TableFixtures.text(dialect, "audit_class")
        let parsed = AuditClassTable.parse(SourceText(path: "audit_class", text: text), dialect: dialect)
        let builtIn = AuditClassTable.builtIn(dialect)
        #expect(parsed.stop == nil && parsed.hiddenClasses.isEmpty)
        #expect(builtIn.classes.count == parsed.classes.count)
        for (made, read) in zip(builtIn.classes, parsed.classes) {
            #expect(made.mask == read.mask && made.maskIsNumber == read.maskIsNumber, "\(read.name)")
            #expect(made.nameBytes == read.nameBytes && made.name == read.name)
            #expect(made.description == read.description, "\(read.name)")
        }
    }

    /// Every event of the built-in table equals the event parsed from the shipped file, in
    /// order (duplicates, the collapsed field and the undefined `ua` class included).
    @Test(
        .enabled(if: SharedData.isAvailable, Comment(rawValue: SharedData.skipReason)), arguments: Dialect.allCases)
    func builtInEventsEqualTheShippedFile(dialect: Dialect) throws {
        let text = try TableFixtures.text(dialect, "audit_event")
        let classes = AuditClassTable.builtIn(dialect)
        let parsed = AuditEventTable.parse(SourceText(path: "audit_event", text: text), classes: classes)
        let builtIn = AuditEventTable.builtIn(dialect)
        #expect(parsed.stop == nil && parsed.hiddenEvents.isEmpty)
        #expect(builtIn.events.count == parsed.events.count)
        for (made, read) in zip(builtIn.events, parsed.events) {
            #expect(made.number == read.number && made.numberIsExact == read.numberIsExact, "\(read.name)")
            #expect(made.name == read.name)
            #expect(made.description == read.description, "\(read.name)")
            #expect(made.classesText == read.classesText, "\(read.name)")
            #expect(made.classMask == read.classMask && made.classesValid == read.classesValid, "\(read.name)")
        }
        for number in Set(parsed.events.map(\.number)) {
            #expect(builtIn.event(number: number)?.name == parsed.event(number: number)?.name)
        }
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
