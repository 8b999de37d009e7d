import Foundation
import Testing

@Suite struct DecodeCommandTests {
    static let trails = CLI.fixtures.appendingPathComponent("trails")
    static func path(_ name: String) -> String { trails.appendingPathComponent(name).path }
    static func bytes(_ name: String) throws -> Data { try Data(contentsOf: trails.appendingPathComponent(name)) }

    @Test func rawMatchesPraudit() throws {
        let run = try CLI.run(["decode", "--raw", Self.path("openbsm-execve-long-args.trail")])
        #expect(run.status == 0)
        #expect(run.stderr.isEmpty)
        #expect(run.stdout == String(decoding: try Self.bytes("openbsm-execve-long-args.trail.praudit-r.txt"), as: UTF8.self))
    }

    @Test func defaultMatchesPrauditN() throws {
        let run = try CLI.run(["decode", "--utc", "--events", "/dev/null", Self.path("plaso-apple.bsm")])
        #expect(run.status == 0)
        #expect(run.stdout == String(decoding: try Self.bytes("plaso-apple.bsm.praudit-n.txt"), as: UTF8.self))
    }

    @Test func standardInput() throws {
        let run = try CLI.run(["decode", "-r", "-"], stdin: try Self.bytes("openbsm-execve-long-args.trail"))
        #expect(run.status == 0)
        #expect(run.stdout == String(decoding: try Self.bytes("openbsm-execve-long-args.trail.praudit-r.txt"), as: UTF8.self))
    }

    @Test func directoryInNameOrder() throws {
        let run = try CLI.run(["decode", "-r", "-l", Self.path("dir")])
        #expect(run.status == 0)
        let events = run.stdout.split(separator: "\n").map { $0.split(separator: ",")[3] }
        #expect(events == ["23", "72", "72"])
    }

    @Test func damagedTrailIsRecoveredAndReported() throws {
        let good = try Self.bytes("openbsm-execve-long-args.trail")
        let damaged = good + Data([0xde, 0xad, 0xbe, 0xef]) + good
        let run = try CLI.run(["decode", "-r", "-l", "-"], stdin: damaged)
        #expect(run.status == 1)
        #expect(run.stdout.split(separator: "\n").count == 2)
        #expect(run.stderr.contains("-: byte 714: damage (garbage)"))
        #expect(run.stderr.contains("resuming at byte 718"))
    }

    @Test func strictStopsAtTheFirstDamage() throws {
        let good = try Self.bytes("openbsm-execve-long-args.trail")
        let run = try CLI.run(["decode", "-r", "-l", "--strict", "-"], stdin: good + Data([0xde, 0xad]) + good)
        #expect(run.status == 1)
        #expect(run.stdout.split(separator: "\n").count == 1)
        #expect(run.stderr.contains("byte 714"))
    }

    @Test func jsonLines() throws {
        let run = try CLI.run(["decode", "--format", "jsonl", "--events", "/dev/null", Self.path("dir")])
        #expect(run.status == 0)
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.count == 3)
        for line in lines {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            #expect(object?["kind"] as? String == "record")
        }
        #expect(lines[1].contains(#""signing_id":"com.apple.nc""#))
    }

    @Test func missingFileIsAnIOError() throws {
        let run = try CLI.run(["decode", Self.path("no-such-trail")])
        #expect(run.status == 3)
        #expect(run.stderr.contains("no-such-trail: no such file or directory"))
    }

    @Test func rawAndShortConflict() throws {
        let run = try CLI.run(["decode", "-r", "-s", Self.path("plaso-apple.bsm")])
        #expect(run.status == 2)
        let json = try CLI.run(["decode", "--format", "jsonl", "--raw", Self.path("plaso-apple.bsm")])
        #expect(json.status == 2)
        #expect(json.stderr.contains("apply to text output"))
    }

    @Test func commandsText() throws {
        let run = try CLI.run(["commands", Self.path("dir")])
        #expect(run.status == 0)
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(lines[0].hasPrefix("2006-09-18T21:13:02.608Z pid=50009 auid=1000 euid=1000 grep au_fetch_tok Makefile "))
        #expect(lines[0].hasSuffix(" libbsm.3 libbsm.la"))
    }

    @Test func commandsJSONFromStandardInput() throws {
        let run = try CLI.run(["commands", "--format", "jsonl", "-"], stdin: try Self.bytes("openbsm-execve-long-args.trail"))
        #expect(run.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(object["pid"] as? Int == 50009)
        #expect(object["path"] as? String == "/usr/bin/grep")
        #expect((object["argv"] as? [String])?.count == 50)
    }
}
