import AuditLintTestSupport
import Foundation
import Testing

@testable import AuditLintKit

/// The public trails in `../shared/data/trails` decode exactly as praudit prints them.
@Suite struct TrailGoldenTests {
    @Test(.enabled(if: SharedData.isAvailable, Comment(rawValue: SharedData.skipReason)))
    func everyGoldenFileIsFound() {
        // 56 reference records, 3 trails and 2 synthetic trails, each with -r and -n.
        #expect(GoldenCase.all.count == 2 * (56 + 3 + 2))
    }

    @Test(.enabled(if: SharedData.isAvailable, Comment(rawValue: SharedData.skipReason)), arguments: GoldenCase.all)
    func matchesPraudit(_ golden: GoldenCase) throws {
        let trail = try TrailFixtures.bytes(golden.trail)
        let expected = try TrailFixtures.bytes(golden.golden)
        let decoded = try TrailFixtures.decode(trail, formatter: TrailFixtures.formatter(raw: golden.raw))
        #expect(decoded.problems.filter(\.isDamage).isEmpty)
        #expect(String(decoding: decoded.text, as: UTF8.self) == String(decoding: expected, as: UTF8.self))
        #expect(decoded.text == expected)
    }

    @Test(.enabled(if: SharedData.isAvailable, Comment(rawValue: SharedData.skipReason)))
    func manifestRecordCounts() throws {
        #expect(try TrailFixtures.decode(TrailFixtures.bytes("plaso-apple.bsm")).records == 54)
        #expect(try TrailFixtures.decode(TrailFixtures.bytes("plaso-openbsm.bsm")).records == 50)
        #expect(try TrailFixtures.decode(TrailFixtures.bytes("openbsm-execve-long-args.trail")).records == 1)
    }

    @Test(.enabled(if: SharedData.isAvailable, Comment(rawValue: SharedData.skipReason)))
    func oneLineJoinsTokensWithTheDelimiter() throws {
        let trail = try TrailFixtures.bytes("synthetic/identity-first.bsm")
        let decoded = try TrailFixtures.decode(trail, formatter: TrailFixtures.formatter(raw: true, oneLine: true))
        let lines = String(decoding: decoded.text, as: UTF8.self).split(separator: "\n")
        #expect(lines.count == 2)
        #expect(
            lines[1]
                == "20,91,11,72,0,1740485504,907,35,/usr/bin/Info.plist,36,501,0,0,0,0,72739,100003,50331650,0.0.0.0,39,0,0,19,91,"
        )
    }

    @Test(.enabled(if: SharedData.isAvailable, Comment(rawValue: SharedData.skipReason)))
    func eventTableNamesEvents() throws {
        let table = BSMEventTable(parsing: "# comment\n23:AUE_EXECVE:execve(2):pc,ex\n")
        let trail = try TrailFixtures.bytes("openbsm-execve-long-args.trail")
        var formatter = TrailFixtures.formatter(raw: false)
        formatter.eventNames = { table[$0] }
        let text = String(decoding: try TrailFixtures.decode(trail, formatter: formatter).text, as: UTF8.self)
        #expect(text.hasPrefix("header,714,10,execve(2),0,Mon Sep 18 21:13:02 2006, + 608 msec\n"))
        formatter.shortEventNames = true
        let short = String(decoding: try TrailFixtures.decode(trail, formatter: formatter).text, as: UTF8.self)
        #expect(short.hasPrefix("header,714,10,AUE_EXECVE,0,"))
    }

    @Test(.enabled(if: SharedData.isAvailable, Comment(rawValue: SharedData.skipReason)))
    func timesFollowTheInjectedOffset() throws {
        var formatter = TrailFixtures.formatter(raw: false)
        formatter.utcOffset = { _ in 2 * 3600 }
        let trail = try TrailFixtures.bytes("openbsm-execve-long-args.trail")
        let text = String(decoding: try TrailFixtures.decode(trail, formatter: formatter).text, as: UTF8.self)
        #expect(text.hasPrefix("header,714,10,23,0,Mon Sep 18 23:13:02 2006, + 608 msec\n"))
    }
}

/// The decoder's basic behaviour on trails the project's encoder makes (runs without `../shared`).
@Suite struct SampleTrailDecodingTests {
    @Test func recordCounts() throws {
        #expect(try TrailFixtures.decode(SampleTrails.exec).records == 1)
        #expect(try TrailFixtures.decode(SampleTrails.identity).records == 2)
        #expect(try TrailFixtures.decode(SampleTrails.exec + SampleTrails.identity).problems.isEmpty)
    }

    @Test func oneLineJoinsTokensWithTheDelimiter() throws {
        let decoded = try TrailFixtures.decode(
            SampleTrails.identity, formatter: TrailFixtures.formatter(raw: true, oneLine: true))
        let lines = String(decoding: decoded.text, as: UTF8.self).split(separator: "\n")
        #expect(lines.count == 2)
        let size = SampleTrails.open.count
        #expect(
            lines[1]
                == "20,\(size),11,72,0,\(SampleTrails.openSeconds + 1),0,35,\(SampleTrails.openPath),36,501,0,0,0,0,812,100004,0,0.0.0.0,39,0,3,19,\(size),"
        )
    }

    @Test func eventTableNamesEvents() throws {
        let table = BSMEventTable(parsing: "# comment\n23:AUE_EXECVE:execve(2):pc,ex\n")
        var formatter = TrailFixtures.formatter(raw: false)
        formatter.eventNames = { table[$0] }
        let text = String(
            decoding: try TrailFixtures.decode(SampleTrails.exec, formatter: formatter).text, as: UTF8.self)
        let size = SampleTrails.exec.count
        #expect(text.hasPrefix("header,\(size),10,execve(2),0,Mon Jan 12 12:33:05 2026, + 250 msec\n"))
        formatter.shortEventNames = true
        let short = String(
            decoding: try TrailFixtures.decode(SampleTrails.exec, formatter: formatter).text, as: UTF8.self)
        #expect(short.hasPrefix("header,\(size),10,AUE_EXECVE,0,"))
    }

    @Test func timesFollowTheInjectedOffset() throws {
        var formatter = TrailFixtures.formatter(raw: false)
        formatter.utcOffset = { _ in 2 * 3600 }
        let text = String(
            decoding: try TrailFixtures.decode(SampleTrails.exec, formatter: formatter).text, as: UTF8.self)
        #expect(text.hasPrefix("header,\(SampleTrails.exec.count),10,23,0,Mon Jan 12 14:33:05 2026, + 250 msec\n"))
    }
}
