import AuditLintTestSupport
import Foundation
import Testing

@testable import AuditLintKit

@Suite struct TrailJSONTests {
    /// The JSON lines of the trail `bytes`, named `file`.
    static func lines(_ bytes: [UInt8], file: String, formatter: TrailJSONFormatter = TrailJSONFormatter()) throws
        -> [String]
    {
        var out: [UInt8] = []
        try TrailReader(source: MemoryTrailSource(bytes), name: file).forEachRecord {
            formatter.append($0, file: file, to: &out)
        }
        return String(decoding: out, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    /// The JSON lines of the trail at `fixture` under `../shared/data/trails`.
    static func lines(_ fixture: String, formatter: TrailJSONFormatter = TrailJSONFormatter()) throws -> [String] {
        try lines(TrailFixtures.bytes(fixture), file: fixture, formatter: formatter)
    }

    @Test func sampleIdentityRecord() throws {
        let table = BSMEventTable(parsing: "72:AUE_OPEN_R:open(2) - read:fr\n")
        let lines = try Self.lines(
            SampleTrails.identity, file: "identity.bsm", formatter: TrailJSONFormatter(eventNames: { table[$0] }))
        #expect(lines.count == 2)
        let hash = SampleTrails.cdhash.map { String(format: "%02x", $0) }.joined()
        #expect(
            lines[0]
                == #"{"file":"identity.bsm","offset":0,"size":\#(SampleTrails.failedOpen.count),"kind":"record","version":11,"event":72,"event_name":"AUE_OPEN_R","event_description":"open(2) - read","modifier":0,"time":1768464000,"msec":5,"iso8601":"2026-01-15T08:00:00.005Z","host":null,"subject":{"kind":"subject32","auid":501,"euid":0,"egid":0,"ruid":0,"rgid":0,"pid":812,"sid":100004,"terminal":{"port":0,"address":"0.0.0.0"}},"return":{"status":2,"error":"ENOENT","value":4294967295},"paths":["/Library/Preferences/example.plist"],"args":[],"exec_args":[],"exec_env":[],"text":[],"identity":{"signer_type":1,"signing_id":"com.example.reader","team_id":"","cdhash":"\#(hash)"},"other":[],"complete":true}"#
        )
        #expect(lines[1].contains(#""return":{"status":0,"error":null,"value":3}"#))
        #expect(lines[1].contains(#""identity":null"#))
    }

    @Test func sampleLinesAreValidJSON() throws {
        for line in try Self.lines(SampleTrails.exec + SampleTrails.identity, file: "t") {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            #expect(object?["kind"] as? String == "record")
        }
        let exec = try Self.lines(SampleTrails.exec, file: "exec.bsm")[0]
        let object = try #require(try JSONSerialization.jsonObject(with: Data(exec.utf8)) as? [String: Any])
        #expect((object["exec_args"] as? [String]) == SampleTrails.execArguments)
        #expect((object["other"] as? [[String: Any]])?.first?["kind"] as? String == "attr32")
    }

    @Test(.enabled(if: SharedData.isAvailable, Comment(rawValue: SharedData.skipReason)))
    func identityRecord() throws {
        let table = BSMEventTable(parsing: "72:AUE_OPEN_R:open(2) - read:fr\n")
        let lines = try Self.lines(
            "synthetic/identity-first.bsm", formatter: TrailJSONFormatter(eventNames: { table[$0] }))
        #expect(lines.count == 2)
        #expect(
            lines[0]
                == #"{"file":"synthetic/identity-first.bsm","offset":0,"size":138,"kind":"record","version":11,"event":72,"event_name":"AUE_OPEN_R","event_description":"open(2) - read","modifier":0,"time":1740485504,"msec":919,"iso8601":"2025-02-25T12:11:44.919Z","host":null,"subject":{"kind":"subject32","auid":501,"euid":0,"egid":0,"ruid":0,"rgid":0,"pid":72739,"sid":100003,"terminal":{"port":50331650,"address":"0.0.0.0"}},"return":{"status":2,"error":"ENOENT","value":4294967295},"paths":["/usr/bin/Info.plist"],"args":[],"exec_args":[],"exec_env":[],"text":[],"identity":{"signer_type":1,"signing_id":"com.apple.nc","team_id":"","cdhash":"023e2436839a72573bd0007c9173f298d9f094f8"},"other":[],"complete":true}"#
        )
        #expect(lines[1].contains(#""return":{"status":0,"error":null,"value":0}"#))
        #expect(lines[1].contains(#""identity":null"#))
    }

    @Test(.enabled(if: SharedData.isAvailable, Comment(rawValue: SharedData.skipReason)))
    func everyLineIsValidJSON() throws {
        for fixture in [
            "plaso-apple.bsm", "plaso-openbsm.bsm", "openbsm-execve-long-args.trail", "synthetic/identity-middle.bsm",
        ] {
            for line in try Self.lines(fixture) {
                let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
                #expect(object?["kind"] as? String == "record")
            }
        }
        let exec = try Self.lines("openbsm-execve-long-args.trail")[0]
        let object = try #require(try JSONSerialization.jsonObject(with: Data(exec.utf8)) as? [String: Any])
        #expect((object["exec_args"] as? [String])?.count == 50)
        #expect((object["other"] as? [[String: Any]])?.first?["kind"] as? String == "attr32")
    }

    @Test func stringsAreEscaped() {
        var w = JSONWriter(out: [])
        w.string("a\"b\\c\n\u{1}")
        #expect(String(decoding: w.out, as: UTF8.self) == #""a\"b\\c\n\u0001""#)
    }
}
