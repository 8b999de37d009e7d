import AuditLintKit
import AuditLintTestSupport
import Foundation
import Testing

/// `decode` and `commands` with auditreduce's selection options, `--format xml`, and JSON
/// event names, on trails built here (the expectations follow Docs/selection.md).
@Suite struct SelectionCommandTests {
    /// 2026-01-15 08:00:00 UTC.
    static let t0: UInt64 = 1_768_464_000

    /// Three records: an open-for-read (72) by 501 that succeeded at t0, one by 0 that failed
    /// at t0 + 60, and ``SampleTrails/exec`` (event 23, audit user 1001, 2026-01-12).
    static let trail: [UInt8] = {
        func open(_ user: UInt32, _ seconds: UInt64, status: UInt8) -> [UInt8] {
            BSMEncoder.record(
                BSMHeader(event: 72, seconds: seconds, milliseconds: 0),
                [
                    .path(BSMBytes.cString("/etc/master.passwd")),
                    .subject(
                        BSMSubject(
                            auditUID: user, effectiveUID: user, effectiveGID: 20, realUID: user, realGID: 20, pid: 300,
                            sessionID: 1, terminalPort: 0, terminalAddress: .ipv4(0, 0, 0, 0))),
                    .returnValue(status: status, value: 0, is64Bit: false),
                ])
        }
        return open(501, t0, status: 0) + open(0, t0 + 60, status: 13) + SampleTrails.exec
    }()

    static let utc = ["TZ": "UTC"]

    func lines(_ arguments: [String], stdin: [UInt8] = trail) throws -> [Substring] {
        let run = try CLI.run(arguments + ["-"], stdin: Data(stdin), environment: Self.utc)
        #expect(run.status == 0, "\(arguments): \(run.stderr)")
        return run.stdout.split(separator: "\n")
    }

    @Test func withoutSelectionEveryRecordIsPrinted() throws {
        #expect(try lines(["decode", "-r", "-l"]).count == 3)
    }

    @Test func usersEventsAndTimes() throws {
        #expect(try lines(["decode", "-r", "-l", "--audit-user", "501"]).count == 1)
        #expect(try lines(["decode", "-r", "-l", "--effective-user", "root"]).count == 1)
        #expect(try lines(["decode", "-r", "-l", "--event", "72"]).count == 2)
        #expect(try lines(["decode", "-r", "-l", "--event", "72", "--event", "23"]).count == 3)
        #expect(try lines(["decode", "-r", "-l", "--event", "23", "--audit-user", "501"]).isEmpty)
        // --before includes its own second; YYYYMMDDHHMMSS is local time (TZ=UTC here).
        #expect(try lines(["decode", "-r", "-l", "--after", "20260115", "--before", "20260115080000"]).count == 1)
        #expect(try lines(["decode", "-r", "-l", "--after", "@\(Self.t0 + 1)"]).count == 1)
        #expect(try lines(["decode", "-r", "-l", "--on", "2026-01-12"]).count == 1)
        #expect(try lines(["decode", "-r", "-l", "--object", "file=^/etc/master"]).count == 2)
        #expect(try lines(["decode", "-r", "-l", "--object", "file=~passwd,/"]).count == 1)  // only /usr/bin/make
    }

    @Test(
        .enabled(
            if: FileManager.default.fileExists(atPath: "/usr/share/zoneinfo/America/New_York"),
            "no time zone database on this host"))
    func zonelessTimesAreReadInTZ() throws {
        // The first open is at 03:00:00 in New York (EST), the second a minute later.
        let arguments = ["decode", "-r", "-l", "--before", "20260115030000", "-"]
        let newYork = try CLI.run(arguments, stdin: Data(Self.trail), environment: ["TZ": "America/New_York"])
        #expect(newYork.stdout.split(separator: "\n").count == 2)
        let utc = try CLI.run(arguments, stdin: Data(Self.trail), environment: Self.utc)
        #expect(utc.stdout.split(separator: "\n").count == 1)
        let absolute = try CLI.run(
            ["decode", "-r", "-l", "--before", "2026-01-15T03:00:00-05:00", "-"], stdin: Data(Self.trail),
            environment: Self.utc)
        #expect(absolute.stdout == newYork.stdout)
    }

    @Test func classesUseTheEventTableAndTheAuditClassBesideIt() throws {
        let scratch = try TemporaryDirectory("selection")
        defer { scratch.remove() }
        try scratch.write("audit_class", "0x00000001:xr:test read\n0x00000002:xx:test exec\n")
        let events = try scratch.write("audit_event", "72:AUE_OPEN_R:open(2) - read:xr\n23:AUE_EXECVE:execve(2):xx\n")
        #expect(try lines(["decode", "-r", "-l", "--events", events, "--class", "xr"]).count == 2)
        #expect(try lines(["decode", "-r", "-l", "--events", events, "--class", "-xr"]).count == 1)
        #expect(try lines(["decode", "-r", "-l", "--events", events, "--class", "+xr,xx"]).count == 2)
        #expect(try lines(["decode", "-r", "-l", "--events", events, "--event", "AUE_EXECVE"]).count == 1)
        let unknown = try CLI.run(["decode", "--events", events, "--class", "lo", "-"], stdin: Data(Self.trail))
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("'lo' is not a class in \(scratch.path("audit_class"))"))
    }

    @Test func commandsFiltersItsExecRecords() throws {
        #expect(try lines(["commands", "--audit-user", "1001"]).count == 1)
        #expect(try lines(["commands", "--audit-user", "501"]).isEmpty)
        #expect(try lines(["commands", "--pid", "\(SampleTrails.execPID)", "--format", "jsonl"]).count == 1)
    }

    /// `--invert` keeps the records the other options do not select, so a selection and its
    /// inversion print every record between them.
    @Test(arguments: [["--event", "72"], ["--audit-user", "501"], ["--after", "@\(t0 + 1)"], ["--event", "23"]])
    func invertKeepsTheOtherRecords(_ options: [String]) throws {
        let selected = try lines(["decode", "-r", "-l"] + options)
        let others = try lines(["decode", "-r", "-l", "--invert"] + options)
        #expect(selected.count + others.count == 3)
        #expect(Set(selected).isDisjoint(with: others))
    }

    @Test func invertAloneIsAUsageError() throws {
        let run = try CLI.run(["decode", "--invert", "-"], stdin: Data(Self.trail))
        #expect(run.status == 2)
        #expect(run.stderr.contains("--invert keeps the records a selection does not"))
    }

    @Test func selectionComposesWithXMLAndDamageRecovery() throws {
        let damaged = Self.trail + [0xde, 0xad, 0xbe, 0xef] + Self.trail
        let run = try CLI.run(
            ["decode", "--format", "xml", "--events", "/dev/null", "--audit-user", "501", "-"], stdin: Data(damaged),
            environment: Self.utc)
        #expect(run.status == 1)
        #expect(run.stderr.contains("damage (garbage)"))
        #expect(run.stdout.hasPrefix("<?xml version='1.0' ?>\n<audit>\n<record "))
        #expect(run.stdout.hasSuffix("</record>\n</audit>\n"))
        #expect(run.stdout.components(separatedBy: "<record ").count == 3)
        #expect(
            run.stdout.contains(
                #"<subject audit-uid="501" uid="501" gid="20" ruid="501" rgid="20" pid="300" sid="1" tid="0 0.0.0.0" />"#
            ))
    }

    @Test(arguments: [
        (["--on", "20260115", "--after", "20260115"], "--on cannot be combined"),
        (["--object", "sock=1"], "sock= selects nothing"),
        (["--object", "file=a", "--object", "file=b"], "file= is given twice"),
        (["--event", "AUE_NO_SUCH"], "--event AUE_NO_SUCH: no such event in /dev/null"),
        (["--audit-user", "no-such-user-here"], "no user named 'no-such-user-here'"),
        (["--after", "yesterday"], "--after"),
    ])
    func badSelectionsAreUsageErrors(_ arguments: [String], _ message: String) throws {
        let run = try CLI.run(["decode", "--events", "/dev/null"] + arguments + ["-"], stdin: Data(Self.trail))
        #expect(run.status == 2)
        #expect(run.stderr.contains(message))
    }

    @Test(
        .enabled(
            if: !FileManager.default.fileExists(atPath: "/etc/security/audit_event"),
            "the host's audit_event would name the events"))
    func jsonNamesEventsFromTheBuiltInTableWithoutAFile() throws {
        let named = try lines(["decode", "--format", "jsonl", "--dialect", "openbsm", "--event", "23"])
        #expect(named.count == 1)
        #expect(named.first?.contains(#""event_name":"AUE_EXECVE","event_description":"execve(2)""#) == true)
        // praudit's text has no names without a file.
        #expect(try lines(["decode", "-l", "--event", "23"]).first?.hasPrefix("header,") == true)
        #expect(try lines(["decode", "-l", "--event", "23"]).first?.contains(",23,0,") == true)
        let none = try lines(["decode", "--format", "jsonl", "--events", "/dev/null", "--event", "23"])
        #expect(none.first?.contains(#""event_name":null,"event_description":null"#) == true)
    }
}

/// `decode --format xml` on the public trails against praudit's `-x` output.
@Suite(.enabled(if: SharedData.isAvailable, Comment(rawValue: SharedData.skipReason)))
struct DecodeXMLCommandTests {
    @Test func xmlMatchesPrauditX() throws {
        let trail = try SharedData.url("data/trails/plaso-apple.bsm").path
        let run = try CLI.run(
            ["decode", "--format", "xml", "--events", "/dev/null", trail], environment: ["TZ": "UTC"])
        #expect(run.status == 0)
        #expect(run.stdout == (try SharedData.text("data/trails/golden/plaso-apple.bsm.praudit-xn.xml")))
    }
}
