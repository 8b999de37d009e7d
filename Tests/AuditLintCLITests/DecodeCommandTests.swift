import AuditLintTestSupport
import Foundation
import Testing

/// `decode` and `commands` on the public trails in `../shared/data/trails`, against praudit's
/// output for them.
@Suite(.enabled(if: SharedData.isAvailable, Comment(rawValue: SharedData.skipReason)))
struct DecodeCommandPrauditTests {
    static func path(_ name: String) throws -> String { try SharedData.url("data/trails/" + name).path }
    static func bytes(_ name: String) throws -> Data { Data(try SharedData.bytes("data/trails/" + name)) }
    static func text(_ name: String) throws -> String { try SharedData.text("data/trails/" + name) }

    @Test func rawMatchesPraudit() throws {
        let run = try CLI.run(["decode", "--raw", Self.path("openbsm-execve-long-args.trail")])
        #expect(run.status == 0)
        #expect(run.stderr.isEmpty)
        #expect(run.stdout == (try Self.text("golden/openbsm-execve-long-args.trail.praudit-r.txt")))
    }

    @Test func defaultMatchesPrauditN() throws {
        let run = try CLI.run(["decode", "--utc", "--events", "/dev/null", Self.path("plaso-apple.bsm")])
        #expect(run.status == 0)
        #expect(run.stdout == (try Self.text("golden/plaso-apple.bsm.praudit-n.txt")))
    }

    @Test func standardInput() throws {
        let run = try CLI.run(["decode", "-r", "-"], stdin: try Self.bytes("openbsm-execve-long-args.trail"))
        #expect(run.status == 0)
        #expect(run.stdout == (try Self.text("golden/openbsm-execve-long-args.trail.praudit-r.txt")))
    }

    @Test func commandsJSONFromStandardInput() throws {
        let run = try CLI.run(
            ["commands", "--format", "jsonl", "-"], stdin: try Self.bytes("openbsm-execve-long-args.trail"))
        #expect(run.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(object["pid"] as? Int == 50009)
        #expect(object["path"] as? String == "/usr/bin/grep")
        #expect((object["argv"] as? [String])?.count == 50)
    }
}

/// `decode` and `commands` on trails the project's encoder makes (run without `../shared`).
@Suite struct DecodeCommandTests {
    /// A directory holding `a-exec.bsm` (``SampleTrails/exec``) and `b-identity.bsm`
    /// (``SampleTrails/identity``), and the standalone trails `exec.bsm` and `identity.bsm`
    /// beside it.
    struct Trails {
        let scratch: TemporaryDirectory
        var directory: String { scratch.path("dir") }
        var exec: String { scratch.path("exec.bsm") }
        var identity: String { scratch.path("identity.bsm") }

        init() throws {
            scratch = try TemporaryDirectory("decode")
            try scratch.write("dir/a-exec.bsm", SampleTrails.exec)
            try scratch.write("dir/b-identity.bsm", SampleTrails.identity)
            try scratch.write("exec.bsm", SampleTrails.exec)
            try scratch.write("identity.bsm", SampleTrails.identity)
        }
    }

    @Test func standardInputMatchesTheFile() throws {
        let trails = try Trails()
        defer { trails.scratch.remove() }
        let file = try CLI.run(["decode", "--raw", trails.exec])
        #expect(file.status == 0 && file.stderr.isEmpty)
        #expect(file.stdout.hasPrefix("20,\(SampleTrails.exec.count),10,23,0,\(SampleTrails.execSeconds),250\n"))
        let run = try CLI.run(["decode", "-r", "-"], stdin: Data(SampleTrails.exec))
        #expect(run.status == 0)
        #expect(run.stdout == file.stdout)
    }

    @Test func directoryInNameOrder() throws {
        let trails = try Trails()
        defer { trails.scratch.remove() }
        let run = try CLI.run(["decode", "-r", "-l", trails.directory])
        #expect(run.status == 0)
        let events = run.stdout.split(separator: "\n").map { $0.split(separator: ",")[3] }
        #expect(events == ["23", "72", "72"])
    }

    @Test func damagedTrailIsRecoveredAndReported() throws {
        let good = Data(SampleTrails.exec)
        let damaged = good + Data([0xde, 0xad, 0xbe, 0xef]) + good
        let run = try CLI.run(["decode", "-r", "-l", "-"], stdin: damaged)
        #expect(run.status == 1)
        #expect(run.stdout.split(separator: "\n").count == 2)
        #expect(run.stderr.contains("-: byte \(good.count): damage (garbage)"))
        #expect(run.stderr.contains("resuming at byte \(good.count + 4)"))
    }

    @Test func strictStopsAtTheFirstDamage() throws {
        let good = Data(SampleTrails.exec)
        let run = try CLI.run(["decode", "-r", "-l", "--strict", "-"], stdin: good + Data([0xde, 0xad]) + good)
        #expect(run.status == 1)
        #expect(run.stdout.split(separator: "\n").count == 1)
        #expect(run.stderr.contains("byte \(good.count)"))
    }

    @Test func jsonLines() throws {
        let trails = try Trails()
        defer { trails.scratch.remove() }
        let run = try CLI.run(["decode", "--format", "jsonl", "--events", "/dev/null", trails.directory])
        #expect(run.status == 0)
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.count == 3)
        for line in lines {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            #expect(object?["kind"] as? String == "record")
        }
        #expect(lines[1].contains(#""signing_id":"\#(SampleTrails.signingID)""#))
    }

    @Test func missingFileIsAnIOError() throws {
        let trails = try Trails()
        defer { trails.scratch.remove() }
        let run = try CLI.run(["decode", trails.scratch.path("no-such-trail")])
        #expect(run.status == 3)
        #expect(run.stderr.contains("no-such-trail: no such file or directory"))
    }

    @Test func rawAndShortConflict() throws {
        let trails = try Trails()
        defer { trails.scratch.remove() }
        let run = try CLI.run(["decode", "-r", "-s", trails.identity])
        #expect(run.status == 2)
        let json = try CLI.run(["decode", "--format", "jsonl", "--raw", trails.identity])
        #expect(json.status == 2)
        #expect(json.stderr.contains("apply to text output"))
    }

    @Test func commandsText() throws {
        let trails = try Trails()
        defer { trails.scratch.remove() }
        let run = try CLI.run(["commands", trails.directory])
        #expect(run.status == 0)
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.count == 1)
        let user = SampleTrails.execAuditUser
        #expect(
            lines[0].hasPrefix(
                "2026-01-12T12:33:05.250Z pid=\(SampleTrails.execPID) auid=\(user) euid=\(user) make target1 target2 "))
        #expect(lines[0].hasSuffix(" target38 target39"))
    }

    @Test func commandsJSONFromStandardInput() throws {
        let run = try CLI.run(["commands", "--format", "jsonl", "-"], stdin: Data(SampleTrails.exec))
        #expect(run.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(object["pid"] as? Int == Int(SampleTrails.execPID))
        #expect(object["path"] as? String == SampleTrails.execPath)
        #expect((object["argv"] as? [String]) == SampleTrails.execArguments)
    }
}
