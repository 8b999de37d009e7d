import AuditLintTestSupport
import Foundation
import Testing

@testable import AuditLintKit

/// Shared helpers for the table tests.
enum TableFixtures {
    /// The shipped file `name` of a dialect (`macos-openbsm-21` or `openbsm-1.2`) under
    /// `../shared/data/etc`.
    static func bytes(_ dialectDirectory: String, _ name: String) throws -> [UInt8] {
        try SharedData.bytes("data/etc/\(dialectDirectory)/\(name)")
    }

    /// The shipped file `name` of `dialect` as text.
    static func text(_ dialect: Dialect, _ name: String) throws -> String {
        try SharedData.text("data/etc/\(directory(dialect))/\(name)")
    }

    /// The directory under `../shared/data/etc` that holds `dialect`'s shipped files.
    static func directory(_ dialect: Dialect) -> String {
        dialect == .macos ? "macos-openbsm-21" : "openbsm-1.2"
    }

    /// A built-in class table written out as an audit_class file (for tests that need a
    /// realistic file without shared data).
    static func file(_ table: AuditClassTable) -> String {
        table.classes.map { "0x\(String(format: "%08x", $0.mask)):\($0.name):\($0.description)\n" }.joined()
    }

    /// A built-in event table written out as an audit_event file.
    static func file(_ table: AuditEventTable) -> String {
        table.events.map { "\($0.number):\($0.name):\($0.description):\($0.classesText)\n" }.joined()
    }

    /// The OpenBSM default classes.
    static let classes: AuditClassTable = AuditClassTable.builtIn(.openbsm)

    static func classTable(_ text: String) -> AuditClassTable {
        AuditClassTable.parse(SourceText(path: "audit_class", text: text), dialect: .openbsm)
    }

    static func eventTable(_ text: String) -> AuditEventTable {
        AuditEventTable.parse(SourceText(path: "audit_event", text: text), classes: classes)
    }

    static func userTable(_ text: String) -> AuditUserTable {
        AuditUserTable.parse(SourceText(path: "audit_user", text: text), classes: classes)
    }
}

@Suite struct AuditClassParsingTests {
    /// `mask` field → effective mask and whether it is a whole number (`strtoul(…, 0)`, §4.1).
    @Test(arguments: [
        ("0x00001000", UInt32(0x1000), true),
        ("4096", 0x1000, true),
        ("010", 8, true),
        ("zz", 0, false),
        ("0x", 0, false),
        ("08", 0, false),
        ("12abc", 12, false),
        (" 7", 7, true),
        ("-1", 0xFFFF_FFFF, true),
        ("0x1ffffffff", 0xFFFF_FFFF, true),
        ("99999999999", 1_215_752_191, true),
        ("0xffffffffffffffffff", 0xFFFF_FFFF, true),
        ("0XAbC", 0xABC, true),
    ])
    func maskConversion(text: String, mask: UInt32, isNumber: Bool) throws {
        let table = TableFixtures.classTable("\(text):xx:test\n")
        let entry = try #require(table.classes.first)
        #expect(entry.mask == mask)
        #expect(entry.maskIsNumber == isNumber)
        #expect(entry.maskText == text)
        #expect(table.stop == nil)
    }

    /// Input → visible class names, stop line and problem.
    @Test(
        arguments: [
            ("0x1:aa:first\n0x2:bb:second\n", ["aa", "bb"], nil, nil),
            ("0x1:aa:first\n\n0x2:bb:second\n", ["aa"], 2, TableLineProblem.blankLine),
            ("0x1:aa:first\n   \t\n0x2:bb:second\n", ["aa"], 2, .blankLine),
            ("0x1:aa:first\n  # note\n0x2:bb:second\n", ["aa"], 2, .indentedComment),
            ("# c1\n#c2\n0x1:aa:first\n", ["aa"], nil, nil),
            ("0x1:aa\n0x2:bb:second\n", [], 1, .missingFields(found: 2, required: 3)),
            ("0x1:aa:\n", [], 1, .missingFields(found: 2, required: 3)),
            ("0x1:abcdefg:seven\n0x2:abcdefgh:eight\n", ["abcdefg"], 2, .fieldTooLong(.name, length: 8, limit: 8)),
            (
                "0x1:aa:\(String(repeating: "d", count: 71))\n0x2:bb:\(String(repeating: "d", count: 72))\n", ["aa"], 2,
                .fieldTooLong(.description, length: 72, limit: 72)
            ),
            ("0x1:aa:first\n0x2:bb:second", ["aa", "bb"], nil, nil),
            ("0x1:aa:with:extra:fields\n", ["aa"], nil, nil),
            ("0x1::aa::first\n", ["aa"], nil, nil),
            ("  # a:b:c\n", ["b"], nil, nil),
            ("0x1:aa\u{0}:first\n", [], 1, .missingFields(found: 2, required: 3)),
            ("", [], nil, nil),
        ] as [(String, [String], Int?, TableLineProblem?)])
    func enumeration(text: String, names: [String], stopLine: Int?, problem: TableLineProblem?) {
        let table = TableFixtures.classTable(text)
        #expect(table.classes.map(\.name) == names)
        #expect(table.stop?.line == stopLine)
        #expect(table.stop?.problem == problem)
    }

    /// RUN fact: a blank line after `fc` leaves 6 of the 20 default classes.
    @Test(.enabled(if: SharedData.isAvailable, Comment(rawValue: SharedData.skipReason)))
    func blankLineAfterFileCreateLeavesSixClasses() throws {
        var lines = try TableFixtures.text(.openbsm, "audit_class").split(
            separator: "\n", omittingEmptySubsequences: false)
        let fc = try #require(lines.firstIndex { $0.hasPrefix("0x00000010:fc:") })
        lines.insert("", at: fc + 1)
        let table = TableFixtures.classTable(lines.joined(separator: "\n"))
        #expect(table.classes.map(\.name) == ["no", "fr", "fw", "fa", "fm", "fc"])
        let stop = try #require(table.stop)
        #expect(stop.problem == .blankLine)
        #expect(stop.line == fc + 2)
        #expect(
            stop.range
                == SourceRange(
                    file: "audit_class", start: SourcePosition(line: fc + 2, column: 1),
                    end: SourcePosition(line: fc + 2, column: 0)))
        #expect(stop.hiddenLines.count == 14)
        #expect(table.hiddenClasses.map(\.name).first == "fd")
        #expect(table.hiddenClasses.count == 14)
    }

    @Test func fieldRanges() throws {
        let table = TableFixtures.classTable(
            "#\n0x1::lo:login\n0x2:aa:abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstu\n")
        let lo = try #require(table.classes.first)
        #expect(lo.maskRange == SourceRange(file: "audit_class", line: 2, column: 1, length: 3))
        #expect(lo.nameRange == SourceRange(file: "audit_class", line: 2, column: 6, length: 2))
        #expect(lo.descriptionRange == SourceRange(file: "audit_class", line: 2, column: 9, length: 5))
        #expect(lo.collapsedFieldRange == SourceRange(file: "audit_class", line: 2, column: 4, length: 2))
        #expect(lo.range == SourceRange(file: "audit_class", line: 2, column: 1, length: 13))
        let stop = try #require(table.stop)
        #expect(stop.problem == .fieldTooLong(.description, length: 73, limit: 72))
        #expect(stop.range == SourceRange(file: "audit_class", line: 3, column: 8, length: 73))
    }

    /// Class names are compared as bytes (`strcmp`), even when they are not UTF-8.
    @Test func nonUTF8NamesMatchByteForByte() throws {
        let classes = AuditClassTable.parse(
            SourceText(path: "audit_class", bytes: Array("0x1:a".utf8) + [0xFF] + Array(":odd\n".utf8)), dialect: .macos
        )
        #expect(
            AuditFlags.parse(bytes: Array("a".utf8) + [0xFF], classes: classes).mask
                == AuditMask(success: 1, failure: 1))
        #expect(AuditFlags.parse(bytes: Array("a\u{FFFD}".utf8), classes: classes).mask == nil)
    }

    @Test func crlfKeepsCarriageReturnInDescription() throws {
        let table = TableFixtures.classTable("0x1:lo:login\r\n0x2:aa:auth\r\n")
        #expect(table.classes.map(\.description) == ["login\r", "auth\r"])
        #expect(table.lineFacts.carriageReturnLines == [1, 2])
    }

    @Test func duplicateNamesFirstWins() throws {
        let table = TableFixtures.classTable("0x1:lo:first\n0x2:lo:second\n")
        #expect(table.classes.count == 2)
        #expect(table.lookup("lo")?.mask == 1)
    }

    /// A line longer than 255 bytes is read in pieces; the second piece of a long comment
    /// is parsed as data and ends the enumeration.
    @Test func longCommentLineSplitsIntoData() throws {
        let comment = "#" + String(repeating: "x", count: 299)
        let table = TableFixtures.classTable("0x1:lo:login\n\(comment)\n0x2:aa:auth\n")
        #expect(table.classes.map(\.name) == ["lo"])
        let stop = try #require(table.stop)
        #expect(stop.line == 2)
        #expect(stop.isContinuationOfLongLine)
        #expect(stop.lineRange.start.column == 256)
        #expect(stop.problem == .missingFields(found: 1, required: 3))
        #expect(stop.hiddenLines == [3])
        #expect(table.lineFacts.longLines == [2])
    }

    /// Exactly 255 bytes before the `\n`: the `\n` is read alone, an empty line.
    @Test func lineOfExactly255BytesLeavesAnEmptyRead() throws {
        let line = "0x1:lo:" + String(repeating: "d", count: 248)
        #expect(line.utf8.count == 255)
        let table = TableFixtures.classTable("\(line)\n0x2:aa:auth\n")
        #expect(table.stop?.problem == .fieldTooLong(.description, length: 248, limit: 72))
        let fits = String(repeating: " ", count: 243) + "0x1:lo:login"
        #expect(fits.utf8.count == 255)
        let second = TableFixtures.classTable("\(fits)\n0x2:aa:auth\n")
        #expect(second.classes.map(\.name) == ["lo"])
        #expect(second.stop?.problem == .blankLine)
        #expect(second.stop?.lineRange.start == SourcePosition(line: 1, column: 256))
    }

    /// The shipped default files.
    @Test(
        .enabled(if: SharedData.isAvailable, Comment(rawValue: SharedData.skipReason)), arguments: Dialect.allCases)
    func defaultFilesParseCompletely(dialect: Dialect) throws {
        let text = try TableFixtures.text(dialect, "audit_class")
        let table = AuditClassTable.parse(SourceText(path: "audit_class", text: text), dialect: .macos)
        #expect(table.stop == nil)
        #expect(table.classes.count == 20)
        #expect(table.lookup("all")?.mask == 0xFFFF_FFFF)
        #expect(table.lookup("ex")?.mask == 0x4000_0000)
        #expect(table.lookup("res") == nil, "the shipped macOS file has no res class")
    }
}

@Suite struct AuditEventParsingTests {
    /// Event line → (number, description, classes text, class mask, classes valid).
    @Test(
        arguments: [
            ("5:AUE_E::lo", 5, "lo", "", UInt32(0), false),
            ("5:AUE_E:desc:lo", 5, "desc", "lo", 0x1000, true),
            ("5:AUE_E:desc:lo,aa", 5, "desc", "lo,aa", 0x3000, true),
            ("5:AUE_E:desc:-lo", 5, "desc", "-lo", 0, true),
            ("5:AUE_E:desc:+lo", 5, "desc", "+lo", 0x1000, true),
            ("5:AUE_E:desc:lo,^lo", 5, "desc", "lo,^lo", 0, true),
            ("5:AUE_E:desc:lo,xx", 5, "desc", "lo,xx", 0, false),
            ("5:AUE_E:desc:lo ", 5, "desc", "lo ", 0, false),
            ("5:AUE_E:desc:lo\r", 5, "desc", "lo\r", 0, false),
            ("5:AUE_E:desc:ua", 5, "desc", "ua", 0, false),
            ("5:AUE_E:desc:lo:extra", 5, "desc", "lo", 0x1000, true),
            ("5:AUE_E", 5, "", "", 0, false),
            ("5:AUE_E:desc", 5, "desc", "", 0, false),
            ("abc:AUE_E:desc:lo", 0, "desc", "lo", 0x1000, true),
            ("70000:AUE_E:desc:lo", 4464, "desc", "lo", 0x1000, true),
            ("-1:AUE_E:desc:lo", 65535, "desc", "lo", 0x1000, true),
            (" 12x:AUE_E:desc:lo", 12, "desc", "lo", 0x1000, true),
            ("99999999999999999999:AUE_E:d:lo", 65535, "d", "lo", 0x1000, true),
            ("43082:AUE_RTPRIO::rtprio(2):pc", 43082, "rtprio(2)", "pc", 0x80, true),
        ] as [(String, Int, String, String, UInt32, Bool)])
    func eventLine(line: String, number: Int, description: String, classesText: String, mask: UInt32, valid: Bool)
        throws
    {
        let table = TableFixtures.eventTable(line + "\n")
        #expect(table.stop == nil)
        let event = try #require(table.events.first)
        #expect(event.number == number)
        #expect(event.description == description)
        #expect(event.classesText == classesText)
        #expect(event.classMask == mask)
        #expect(event.classesValid == valid)
    }

    @Test(
        arguments: [
            ("1:AUE_A:a:lo\n5\n", 1, 2, TableLineProblem.missingFields(found: 1, required: 2)),
            ("1:AUE_A:a:lo\n\n", 1, 2, .blankLine),
            ("1:AUE_A:a:lo\n\t#x\n", 1, 2, .indentedComment),
            (
                "1:AUE_\(String(repeating: "N", count: 25))\n2:AUE_\(String(repeating: "N", count: 26))\n", 1, 2,
                .fieldTooLong(.name, length: 30, limit: 30)
            ),
            (
                "1:A:\(String(repeating: "d", count: 49))\n2:A:\(String(repeating: "d", count: 50)):lo\n", 1, 2,
                .fieldTooLong(.description, length: 50, limit: 50)
            ),
        ] as [(String, Int, Int, TableLineProblem)])
    func stops(text: String, visible: Int, line: Int, problem: TableLineProblem) throws {
        let table = TableFixtures.eventTable(text + "9:AUE_Z:z:lo\n")
        #expect(table.events.count == visible)
        let stop = try #require(table.stop)
        #expect(stop.line == line)
        #expect(stop.problem == problem)
        #expect(stop.hiddenLines == [3])
    }

    @Test func ranges() throws {
        let table = TableFixtures.eventTable("5:AUE_E::lo\n6:AUE_F:d:lo,aa\n")
        let first = try #require(table.events.first)
        #expect(first.collapsedFieldRange == SourceRange(file: "audit_event", line: 1, column: 8, length: 2))
        #expect(first.descriptionRange == SourceRange(file: "audit_event", line: 1, column: 10, length: 2))
        #expect(first.classesRange == nil)
        let second = table.events[1]
        #expect(second.numberRange == SourceRange(file: "audit_event", line: 2, column: 1, length: 1))
        #expect(second.nameRange == SourceRange(file: "audit_event", line: 2, column: 3, length: 5))
        #expect(second.classesRange == SourceRange(file: "audit_event", line: 2, column: 11, length: 5))
        #expect(second.collapsedFieldRange == nil)
    }

    @Test func duplicateNumbersFirstWins() {
        let table = TableFixtures.eventTable("7:AUE_A:a:lo\n7:AUE_B:b:aa\n")
        #expect(table.events.count == 2)
        #expect(table.event(number: 7)?.name == "AUE_A")
    }

    /// RUN facts: OpenBSM's default file has 677 events, 51 with class 0, and `ua` (not a
    /// class) for 6214 and 6215; four numbers appear twice.
    @Test func openbsmDefaultStatistics() throws {
        let table = AuditEventTable.builtIn(.openbsm)
        #expect(table.stop == nil)
        #expect(table.events.count == 677)
        #expect(table.events.filter { $0.classMask == 0 }.count == 51)
        #expect(table.events.filter { !$0.classesValid }.map(\.number) == [6214, 6215])
        #expect(table.events.filter { !$0.classesValid }.map(\.classesText) == ["ua", "ua"])
        var seen = Set<Int>()
        let duplicates = table.events.map(\.number).filter { !seen.insert($0).inserted }
        #expect(duplicates == [301, 6168, 6171, 6172])
        #expect(table.event(number: 23)?.classMask == 0x4000_0080)
    }

    @Test func appleDefaultStatistics() throws {
        let table = AuditEventTable.builtIn(.macos)
        #expect(table.stop == nil)
        #expect(table.events.count == 616)
        #expect(table.event(number: 43082)?.description == "rtprio(2)")
        #expect(table.event(number: 43082)?.classMask == 0x80)
    }

    /// Apple's shipped file writes `AUE_RTPRIO::rtprio(2)`: the empty field collapses.
    @Test(.enabled(if: SharedData.isAvailable, Comment(rawValue: SharedData.skipReason)))
    func appleShippedFileCollapsesAnEmptyField() throws {
        let text = try TableFixtures.text(.macos, "audit_event")
        let table = AuditEventTable.parse(SourceText(path: "audit_event", text: text), classes: .builtIn(.macos))
        #expect(table.event(number: 43082)?.description == "rtprio(2)")
        #expect(table.event(number: 43082)?.collapsedFieldRange != nil)
    }

    /// RUN fact: CRLF line endings give every event class 0.
    @Test(.enabled(if: SharedData.isAvailable, Comment(rawValue: SharedData.skipReason)))
    func crlfGivesEveryEventClassZero() throws {
        let text = try TableFixtures.text(.openbsm, "audit_event").replacingOccurrences(of: "\n", with: "\r\n")
        let table = TableFixtures.eventTable(text)
        #expect(table.stop == nil)
        #expect(table.events.count == 677)
        #expect(table.events.allSatisfy { $0.classMask == 0 })
        #expect(table.lineFacts.carriageReturnLines.count == 718)
    }

    /// RUN fact: a blank line at line 100 of audit_event leaves 79 of 677 events.
    @Test(.enabled(if: SharedData.isAvailable, Comment(rawValue: SharedData.skipReason)))
    func blankLineAtLine100LeavesSeventyNineEvents() throws {
        var lines = try TableFixtures.text(.openbsm, "audit_event").split(
            separator: "\n", omittingEmptySubsequences: false)
        lines.insert("", at: 99)
        let table = TableFixtures.eventTable(lines.joined(separator: "\n"))
        #expect(table.events.count == 79)
        #expect(table.stop?.line == 100)
        #expect(table.stop?.hiddenLines.count == 677 - 79)
        #expect(table.hiddenEvents.count == 677 - 79)
    }
}

@Suite struct AuditUserParsingTests {
    @Test(arguments: [
        ("root:lo:no", AuditMask(success: 0x1000, failure: 0x1000), AuditMask()),
        ("dave:all:^fr", AuditMask(success: 0xFFFF_FFFF, failure: 0xFFFF_FFFF), AuditMask()),
        ("carol:+lo:-fr", AuditMask(success: 0x1000), AuditMask(failure: 0x1)),
        ("erin:lo,,aa:no:extra", AuditMask(success: 0x3000, failure: 0x3000), AuditMask()),
    ])
    func validLine(line: String, always: AuditMask, never: AuditMask) throws {
        let table = TableFixtures.userTable(line + "\n")
        #expect(table.stop == nil)
        let user = try #require(table.users.first)
        #expect(user.always == always)
        #expect(user.never == never)
    }

    /// Malformed lines end the enumeration: the user after them is never found.
    @Test(
        arguments: [
            ("alice:lo:", TableLineProblem.missingFields(found: 2, required: 3), 1, 9),
            ("bob::lo", .missingFields(found: 2, required: 3), 1, 7),
            ("eve:lo,xx:no", .invalidMask(.always, .unknownClass(name: "xx", elementIndex: 1)), 8, 2),
            ("eve:lo: no", .invalidMask(.never, .unknownClass(name: " no", elementIndex: 0)), 8, 3),
            ("eve:lo:no\r", .invalidMask(.never, .unknownClass(name: "no\r", elementIndex: 0)), 8, 3),
            ("eve:+:no", .invalidMask(.always, .emptyName(elementIndex: 0)), 5, 1),
            ("\(String(repeating: "u", count: 50)):lo:no", .fieldTooLong(.name, length: 50, limit: 50), 1, 50),
            ("", .blankLine, 1, 0),
        ] as [(String, TableLineProblem, Int, Int)])
    func malformedLine(line: String, problem: TableLineProblem, column: Int, length: Int) throws {
        let table = TableFixtures.userTable("root:lo:no\n\(line)\nzed:lo:no\n")
        #expect(table.users.map(\.name) == ["root"])
        #expect(table.user(named: "zed") == nil)
        let stop = try #require(table.stop)
        #expect(stop.problem == problem)
        #expect(stop.line == 2)
        #expect(stop.range.start == SourcePosition(line: 2, column: column))
        #expect(stop.range.end == SourcePosition(line: 2, column: column + length - 1))
        #expect(stop.hiddenLines == [3])
        #expect(table.hiddenUsers.map(\.name) == ["zed"])
    }

    @Test func crlfHidesEveryUser() throws {
        let table = TableFixtures.userTable("root:lo:no\r\nalice:lo,aa:no\r\n")
        #expect(table.users.isEmpty)
        #expect(table.stop?.line == 1)
        #expect(table.lineFacts.carriageReturnLines == [1, 2])
    }

    @Test(
        .enabled(if: SharedData.isAvailable, Comment(rawValue: SharedData.skipReason)),
        arguments: ["macos-openbsm-21", "openbsm-1.2"])
    func defaultFiles(directory: String) throws {
        let table = AuditUserTable.parse(
            SourceText(path: "audit_user", bytes: try TableFixtures.bytes(directory, "audit_user")),
            classes: TableFixtures.classes)
        #expect(table.stop == nil)
        #expect(table.users.map(\.name) == ["root"])
        #expect(table.users.first?.always == AuditMask(success: 0x1000, failure: 0x1000))
    }
}

@Suite struct AuditFlagsGrammarTests {
    /// Spec §2 examples [RUN] against the default classes.
    @Test(arguments: [
        ("all,^fr", AuditMask(success: 0xFFFF_FFFE, failure: 0xFFFF_FFFE)),
        ("-all", AuditMask(success: 0, failure: 0xFFFF_FFFF)),
        ("+lo,-ad", AuditMask(success: 0x1000, failure: 0x0800)),
        ("ex,^-ex", AuditMask(success: 0x4000_0000, failure: 0)),
        ("^+ex,ex", AuditMask(success: 0x4000_0000, failure: 0x4000_0000)),
        ("lo,^lo", AuditMask()),
        ("^lo,lo", AuditMask(success: 0x1000, failure: 0x1000)),
        ("lo,,aa,", AuditMask(success: 0x3000, failure: 0x3000)),
        ("", AuditMask()),
    ])
    func validStrings(text: String, mask: AuditMask) {
        #expect(AuditFlags.parse(text, classes: TableFixtures.classes).mask == mask)
    }

    @Test(arguments: ["+^ex", "lo, aa", "LO", "+", "^", "^+", "lo,xx"])
    func invalidStrings(text: String) {
        #expect(AuditFlags.parse(text, classes: TableFixtures.classes).mask == nil)
    }
}

/// Class lookups go through an index built with the table (a hostile audit_class of 100,000
/// classes made every event's lookup a scan, and `lint` ran for minutes); the index must
/// answer exactly as `getauclassnam_r`'s scan in file order would.
@Suite struct AuditClassLookupIndexTests {
    @Test func firstClassOfADuplicatedNameWins() {
        let table = TableFixtures.classTable("0x1:dup:first\n0x2:dup:second\n0x4:Lo:upper\n0x8:lo:lower\n")
        #expect(table.lookup("dup")?.mask == 0x1)
        #expect(table.lookup(bytes: Array("dup".utf8))?.mask == 0x1)
        #expect(table.lookup("lo")?.mask == 0x8)
        #expect(table.lookup(caseInsensitive: "LO")?.mask == 0x4)
        #expect(table.lookup("LO") == nil)
        #expect(table.lookup(bytes: Array("du".utf8)) == nil)
    }

    @Test func indexFollowsEditsToTheClasses() {
        var table = TableFixtures.classTable("0x1:aa:first\n")
        table.classes.insert(AuditClass(name: "aa", mask: 0x40, description: "inserted"), at: 0)
        table.classes.append(AuditClass(name: "zz", mask: 0x80, description: "appended"))
        #expect(table.lookup("aa")?.mask == 0x40)
        #expect(table.lookup(bytes: Array("zz".utf8))?.mask == 0x80)
        table.classes.removeAll()
        #expect(table.lookup("aa") == nil)
    }

    @Test func everyEventOfAHugeTableResolves() {
        let count = 20_000
        var text = ""
        for bit in 0..<count { text += "0x\(String(bit % 32 == 0 ? 1 : bit, radix: 16)):c\(bit):class \(bit)\n" }
        let table = TableFixtures.classTable(text)
        #expect(table.classes.count == count)
        let flags = AuditFlags.parse(
            (0..<count).filter { $0 % 97 == 0 }.map { "c\($0)" }.joined(separator: ","), classes: table)
        #expect(flags.mask != nil)
        #expect(table.lookup("c\(count - 1)")?.mask == UInt32(count - 1))
    }
}
