import Foundation
import Testing

@testable import AuditLintKit

/// Record selection against what OpenBSM's auditreduce (`bin/auditreduce/auditreduce.c`)
/// does with the same criteria; each expectation cites the behaviour it follows
/// (Docs/selection.md). Records are built with the project's encoder.
@Suite struct RecordSelectionTests {
    static let t0: UInt64 = 1_768_464_000  // 2026-01-15 08:00:00 UTC

    static func subject(
        auid: UInt32 = 501, euid: UInt32 = 501, egid: UInt32 = 20, ruid: UInt32 = 501, rgid: UInt32 = 20,
        pid: UInt32 = 100, role: BSMSubject.Role = .subject, extended: Bool = false
    ) -> BSMToken {
        .subject(
            BSMSubject(
                role: role, isExtended: extended, auditUID: auid, effectiveUID: euid, effectiveGID: egid,
                realUID: ruid, realGID: rgid, pid: pid, sessionID: 1, terminalPort: 0,
                terminalAddress: extended
                    ? BSMAddress(type: 16, bytes: Array(repeating: 0, count: 15) + [1]) : .ipv4(0, 0, 0, 0)))
    }

    static func record(
        event: UInt16 = 72, seconds: UInt64 = t0, ms: UInt64 = 0, host: BSMAddress? = nil, _ tokens: [BSMToken]
    ) -> TrailRecord {
        TrailRecord(
            offset: 0,
            bytes: BSMEncoder.record(BSMHeader(host: host, event: event, seconds: seconds, milliseconds: ms), tokens))
    }

    static func selects(_ selection: RecordSelection, _ record: TrailRecord) -> Bool {
        record.withView { selection.selects($0) }
    }

    static let ok = BSMToken.returnValue(status: 0, value: 0, is64Bit: false)
    static let failed = BSMToken.returnValue(status: 13, value: UInt64(UInt32.max), is64Bit: false)

    @Test func emptySelectionKeepsEverythingEvenAFileToken() {
        let file = TrailRecord(offset: 0, bytes: BSMEncoder.encode(.file(seconds: 1, milliseconds: 0, name: [0])))
        #expect(RecordSelection().isEmpty)
        #expect(Self.selects(RecordSelection(), file))
        #expect(Self.selects(RecordSelection(), Self.record([Self.ok])))
    }

    @Test func aFileTokenIsNeverSelectedOnceAnythingIsSelectedOn() {
        // auditreduce: no token of a file record decides any option, so it is not printed.
        let file = TrailRecord(offset: 0, bytes: BSMEncoder.encode(.file(seconds: 1, milliseconds: 0, name: [0])))
        var selection = RecordSelection()
        selection.after = 0
        #expect(!Self.selects(selection, file))
    }

    @Test func afterAndBeforeCompareWholeSecondsAndIncludeTheirOwnSecond() {
        // -a rejects when the record's seconds are less; -b when they are greater.
        var selection = RecordSelection()
        selection.after = Int64(Self.t0)
        selection.before = Int64(Self.t0)
        #expect(Self.selects(selection, Self.record(seconds: Self.t0, ms: 999, [Self.ok])))
        #expect(!Self.selects(selection, Self.record(seconds: Self.t0 - 1, ms: 999, [Self.ok])))
        #expect(!Self.selects(selection, Self.record(seconds: Self.t0 + 1, [Self.ok])))
    }

    @Test func everySubjectAndProcessTokenMustMatchTheUser() {
        var selection = RecordSelection()
        selection.auditUser = 501
        // A signal from 501 to a process of 0: the process token fails -u 501.
        let kill = Self.record([Self.subject(), Self.subject(auid: 0, pid: 7, role: .process), Self.ok])
        #expect(!Self.selects(selection, kill))
        // A process token alone decides the users too.
        #expect(Self.selects(selection, Self.record([Self.subject(pid: 7, role: .process), Self.ok])))
        // No subject or process token: the user is never decided.
        #expect(!Self.selects(selection, Self.record([Self.ok])))
    }

    @Test(arguments: [
        ("effective-user", UInt32(0), true), ("effective-user", 501, false), ("real-user", 1, true),
        ("effective-group", 2, true), ("real-group", 3, true), ("real-group", 2, false),
    ])
    func eachIdComparesItsOwnField(_ field: String, id: UInt32, expected: Bool) {
        var selection = RecordSelection()
        switch field {
        case "effective-user": selection.effectiveUser = id
        case "real-user": selection.realUser = id
        case "effective-group": selection.effectiveGroup = id
        default: selection.realGroup = id
        }
        let record = Self.record([Self.subject(auid: 9, euid: 0, egid: 2, ruid: 1, rgid: 3), Self.ok])
        #expect(Self.selects(selection, record) == expected)
    }

    @Test func pidLooksAtTheSubjectAndPidObjectAtTheProcess() {
        var subjectPID = RecordSelection()
        subjectPID.subjectPID = 7
        var processPID = RecordSelection()
        processPID.add(.process(7))
        let target = Self.record([Self.subject(pid: 100), Self.subject(pid: 7, role: .process), Self.ok])
        #expect(!Self.selects(subjectPID, target))
        #expect(Self.selects(processPID, target))
        let own = Self.record([Self.subject(pid: 7), Self.ok])
        #expect(Self.selects(subjectPID, own))
        #expect(!Self.selects(processPID, own))  // no process token decides pid=
    }

    @Test func allWidthsOfHeaderAndSubjectCount() {
        // auditreduce reads only header32 and subject32; auditlint reads every width (documented).
        var selection = RecordSelection()
        selection.auditUser = 501
        selection.events = [72]
        let record = Self.record(host: .ipv4(10, 0, 0, 1), [Self.subject(extended: true), Self.ok])
        #expect(Self.selects(selection, record))
    }

    static let classes = AuditClassTable.parse(
        SourceText(
            path: "audit_class", text: "0x00000001:fr:file read\n0x00000002:fw:file write\n0x00001000:lo:login_logout\n"
        ),
        dialect: .openbsm)

    static func events(_ text: String) -> AuditEventTable {
        AuditEventTable.parse(SourceText(path: "audit_event", text: text), classes: classes)
    }

    @Test func classUsesTheEventsClassesAndTheReturnTokensHalf() throws {
        let table = Self.events("72:AUE_OPEN_R:open(2) - read:fr\n73:AUE_OPEN_W:open(2) - write:fw\n")
        var selection = RecordSelection()
        selection.classes = try ClassSelection(flags: "-fr", classes: Self.classes, events: table)
        #expect(Self.selects(selection, Self.record(event: 72, [Self.subject(), Self.failed])))
        #expect(!Self.selects(selection, Self.record(event: 72, [Self.subject(), Self.ok])))
        // No return token: only the header's check, either half.
        #expect(Self.selects(selection, Self.record(event: 72, [Self.subject()])))
        #expect(!Self.selects(selection, Self.record(event: 73, [Self.subject(), Self.failed])))
        // An event the table does not have is never in a class.
        #expect(!Self.selects(selection, Self.record(event: 99, [Self.subject(), Self.failed])))
        selection.classes = try ClassSelection(flags: "fr,fw,^-fw", classes: Self.classes, events: table)
        #expect(Self.selects(selection, Self.record(event: 73, [Self.ok])))
        #expect(!Self.selects(selection, Self.record(event: 73, [Self.failed])))
    }

    @Test func classLookupStopsWhereLibbsmStopsAndTheLastLineForANumberWins() throws {
        let table = Self.events("72:AUE_A:a:fr\n72:AUE_B:b:lo\nbroken\n73:AUE_C:c:lo\n")
        let selection = try ClassSelection(flags: "lo", classes: Self.classes, events: table)
        #expect(selection.selects(event: 72, half: .both))
        #expect(!selection.selects(event: 73, half: .both))
    }

    @Test(arguments: ["", "nope", "lo,nope", "^"])
    func classFlagsThatLibbsmRefusesAreRefused(_ flags: String) {
        #expect(throws: OptionValueError.self) {
            try ClassSelection(flags: flags, classes: Self.classes, events: Self.events(""))
        }
    }

    @Test func eventNamesAreLookedUpLikeGetauevnonam() throws {
        let table = Self.events("72:AUE_A:a:fr\nbroken\n73:AUE_B:b:fr\n74:AUE_B:again:fr\n")
        #expect(try EventSelector(parsing: "AUE_A").number(in: table) == 72)
        #expect(try EventSelector(parsing: "AUE_B").number(in: table) == 73)  // after the stop; first wins
        #expect(try EventSelector(parsing: "AUE_X").number(in: table) == nil)
        #expect(try EventSelector(parsing: "65535") == .number(65535))
        #expect(throws: OptionValueError.self) { try EventSelector(parsing: "65536") }
        var selection = RecordSelection()
        selection.events = [72, 74]
        #expect(Self.selects(selection, Self.record(event: 74, [Self.ok])))
        #expect(!Self.selects(selection, Self.record(event: 73, [Self.ok])))
    }

    @Test func filePatternsAreUnanchoredRegularExpressionsDecidedByTheFirstMatch() throws {
        var selection = RecordSelection()
        selection.add(.file(try FilePatterns(parsing: "~/dev/ttyp2,/dev/tty[a-z][0-9]+")))
        func path(_ p: String...) -> TrailRecord { Self.record(p.map { .path(BSMBytes.cString($0)) } + [Self.ok]) }
        #expect(Self.selects(selection, path("/dev/ttyp1")))
        #expect(!Self.selects(selection, path("/dev/ttyp2")))
        #expect(Self.selects(selection, path("/chroot/dev/ttyq9")))
        #expect(!Self.selects(selection, path("/etc/passwd")))
        // Every path token must pass, and a record without one is not selected.
        #expect(!Self.selects(selection, path("/dev/ttyp1", "/etc/passwd")))
        #expect(!Self.selects(selection, Self.record([Self.ok])))
    }

    @Test func filePatternSplitFollowsAuditreduce() throws {
        func split(_ text: String) -> [String] { FilePatterns.split(text).map { ($1 ? "~" : "") + $0 } }
        #expect(split("a,~b") == ["a", "~b"])
        #expect(split(#"a\,b,c"#) == ["a,b", "c"])
        #expect(split(#"a\,,b"#) == ["a,,b"])  // the character after an escaped comma is not looked at
        #expect(split(",a") == [",a"])  // a first comma is not a separator
        #expect(throws: OptionValueError.self) { try FilePatterns(parsing: "a,,b") }
        #expect(throws: OptionValueError.self) { try FilePatterns(parsing: "a[") }
        #expect(throws: OptionValueError.self) { try FilePatterns(parsing: "~") }
    }

    @Test func ipcObjectsMatchTheirOwnKindOnly() {
        var queue = RecordSelection()
        queue.add(.messageQueue(5))
        #expect(Self.selects(queue, Self.record([.ipc(type: 1, id: 5), Self.ok])))
        #expect(!Self.selects(queue, Self.record([.ipc(type: 1, id: 6), Self.ok])))
        // A semaphore token decides semid= only: msgqid= stays undecided.
        #expect(!Self.selects(queue, Self.record([.ipc(type: 2, id: 5), Self.ok])))
        // An IPC token of an unknown kind fails any IPC selection.
        #expect(!Self.selects(queue, Self.record([.ipc(type: 1, id: 5), .ipc(type: 9, id: 5), Self.ok])))
        var semaphore = RecordSelection()
        semaphore.add(.semaphore(5))
        #expect(Self.selects(semaphore, Self.record([.ipc(type: 2, id: 5), Self.ok])))
        var memory = RecordSelection()
        memory.add(.sharedMemory(5))
        #expect(Self.selects(memory, Self.record([.ipc(type: 3, id: 5), Self.ok])))
    }

    @Test func zoneIsAGlobWithPathnameSemantics() {
        var selection = RecordSelection()
        selection.zone = "web*"
        #expect(Self.selects(selection, Self.record([.zonename(BSMBytes.cString("web1")), Self.ok])))
        #expect(!Self.selects(selection, Self.record([.zonename(BSMBytes.cString("web/1")), Self.ok])))
        #expect(!Self.selects(selection, Self.record([Self.ok])))
    }

    @Test func aRecordWithAnUnreadableTokenIsNotSelected() {
        var bytes = BSMEncoder.record(BSMHeader(event: 72, seconds: Self.t0, milliseconds: 0), [.path([0x2f, 0])])
        // The path's length now runs past the trailer.
        bytes[19] = 0xff
        let damaged = TrailRecord(offset: 0, bytes: bytes)
        var selection = RecordSelection()
        selection.events = [72]
        #expect(damaged.withView { $0.decodeTokens().failedAt } != nil)
        #expect(!Self.selects(selection, damaged))
        #expect(Self.selects(RecordSelection(), damaged))
    }

    /// `inverted` (auditreduce's `-v`) keeps exactly the records the predicates do not: a
    /// stand-alone file token and a record with an unreadable token included.
    @Test func anInvertedSelectionKeepsExactlyTheOthers() {
        var damagedBytes = BSMEncoder.record(
            BSMHeader(event: 72, seconds: Self.t0, milliseconds: 0), [.path([0x2f, 0])])
        damagedBytes[19] = 0xff
        let records = [
            Self.record([Self.ok]),
            Self.record([.path(BSMBytes.cString("/etc/passwd")), Self.ok]),
            TrailRecord(offset: 0, bytes: BSMEncoder.encode(.file(seconds: 1, milliseconds: 0, name: [0]))),
            TrailRecord(offset: 0, bytes: damagedBytes),
        ]
        var selection = RecordSelection()
        selection.events = [72]
        var inverted = selection
        inverted.inverted = true
        #expect(!inverted.isEmpty)
        for record in records {
            #expect(Self.selects(selection, record) != Self.selects(inverted, record))
        }
        #expect(records.map { Self.selects(inverted, $0) } == [false, false, true, true])
        // Nothing to invert: no record is kept.
        var nothing = RecordSelection()
        nothing.inverted = true
        #expect(!records.contains { Self.selects(nothing, $0) })
    }
}

/// The option values of the selection options.
@Suite struct SelectionValueTests {
    static let plusOne = TimeZone(secondsFromGMT: 3_600)!

    /// 2026-01-15 00:00:00 and 08:30:00 UTC.
    static let midnight: Int64 = 1_768_435_200
    static let halfPastEight: Int64 = 1_768_465_800
    static let times: [(String, Int64)] = [
        ("20260115", midnight - 3_600), ("2026011508", midnight + 8 * 3_600 - 3_600),
        ("202601150830", halfPastEight - 3_600), ("20260115083015", halfPastEight + 15 - 3_600),
        ("2026-01-15T08:30", halfPastEight - 3_600), ("2026-01-15", midnight - 3_600),
        ("2026-01-15T08:30:00Z", halfPastEight), ("2026-01-15T08:30:00-02:00", halfPastEight + 7_200),
        ("1768465800", halfPastEight), ("@20260115", 20_260_115), ("20261315", 20_261_315),
    ]

    @Test(arguments: times)
    func timesWithoutAZoneAreLocal(_ text: String, _ epoch: Int64) throws {
        #expect(try SelectionTime(parsing: text).epoch(in: Self.plusOne) == epoch)
    }

    @Test(arguments: ["", "yesterday", "2026-13-01", "@", "@x", "9999999999999", "2026-01-15T25:00"])
    func badTimesAreRefused(_ text: String) {
        #expect(throws: OptionValueError.self) { try SelectionTime(parsing: text) }
    }

    @Test func aDayRunsFromLocalMidnightTo235959() throws {
        let day = try SelectionDay(parsing: "20260115").range(in: Self.plusOne)
        let first: Int64 = Self.midnight - 3_600
        #expect(day.lowerBound == first)
        #expect(day.upperBound == first + 86_399)
        #expect(try SelectionDay(parsing: "2026-01-15").range(in: Self.plusOne) == day)
        #expect(throws: OptionValueError.self) { try SelectionDay(parsing: "2026011508") }
    }

    @Test func idsAre32BitPatternsAsAuditreduceComparesThem() throws {
        #expect(try IdentitySelector(parsing: "-1") == .id(UInt32.max))
        #expect(try IdentitySelector(parsing: "4294967295") == .id(UInt32.max))
        #expect(try IdentitySelector(parsing: "-2147483648") == .id(1 << 31))
        #expect(try IdentitySelector(parsing: "root") == .name("root"))
        #expect(try IdentitySelector(parsing: "12abc") == .name("12abc"))
        #expect(throws: OptionValueError.self) { try IdentitySelector(parsing: "4294967296") }
        #expect(throws: OptionValueError.self) { try IdentitySelector(parsing: "") }
    }

    @Test func objectKinds() throws {
        #expect(try ObjectSelector(parsing: "msgqid=5").description == "msgqid=5")
        #expect(try ObjectSelector(parsing: "pid=-1").description == "pid=4294967295")
        #expect(try ObjectSelector(parsing: "file=^/etc,~x").kind == "file")
        for bad in ["sock=1", "port=1", "file", "pid=x", "file="] {
            #expect(throws: OptionValueError.self, "\(bad)") { try ObjectSelector(parsing: bad) }
        }
    }
}

/// Zone-less times follow the zone's own rules (auditreduce's `tm_isdst = 0` does not).
@Suite(.enabled(if: TimeZone(identifier: "Europe/Paris") != nil, "no time zone database on this host"))
struct SelectionTimeZoneRulesTests {
    static let paris = TimeZone(identifier: "Europe/Paris")!

    @Test func summerTimeIsTheZonesOwn() throws {
        // 2026-07-01 12:00 in Paris is 10:00 UTC (CEST, +2); in January it is +1.
        #expect(try SelectionTime(parsing: "2026070112").epoch(in: Self.paris) == 1_782_900_000)
        #expect(try SelectionTime(parsing: "2026011512").epoch(in: Self.paris) == 1_768_474_800)
    }

    @Test func aDayWithTheChangeToSummerTimeHas23Hours() throws {
        // Clocks go forward at 02:00 on 2026-03-29 in Paris.
        let day = try SelectionDay(parsing: "2026-03-29").range(in: Self.paris)
        #expect(day.upperBound - day.lowerBound == 23 * 3_600 - 1)
    }
}
