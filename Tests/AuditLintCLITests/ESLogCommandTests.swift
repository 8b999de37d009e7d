import AuditLintTestSupport
import Foundation
import Testing

/// `synth --format eslogger`, and eslogger logs as the sample of `estimate` and `report`.
@Suite struct ESLogCommandTests {
    static func object(_ run: CLIRun) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    }

    /// Synthesizes a log of `workload` into `directory`; returns its path and the messages
    /// and bytes synth says it wrote.
    static func synth(
        _ directory: TemporaryDirectory, _ name: String = "log.jsonl", workload: String = "developer",
        duration: String = "2m", extra: [String] = []
    ) throws -> (path: String, messages: Int, bytes: Int) {
        let path = directory.path(name)
        let run = try CLI.run(
            ["synth", "--workload", workload, "--duration", duration, "--format", "eslogger", "-o", path] + extra)
        #expect(run.status == 0, "\(run.stderr)")
        let words = run.stdout.split(separator: " ")
        let messages = try #require(Int(words[1]))
        let bytes = try #require(Int(words[3]))
        return (path, messages, bytes)
    }

    @Test func estimatesOfSynthesizedLogsMatchWhatSynthWrote() throws {
        let directory = try TemporaryDirectory("eslog-cli")
        defer { directory.remove() }
        let log = try Self.synth(directory, extra: ["--message-version", "10", "--seed", "4"])
        let run = try CLI.run(["estimate", log.path, "--format", "json", "--es-events", "exec,fork,exit"])
        #expect(run.status == 0 && run.stderr.isEmpty, "\(run.stderr)")
        let object = try Self.object(run)
        #expect(object["inputFormat"] as? String == "eslogger")
        let input = try #require(object["input"] as? [String: Any])
        #expect(input["records"] as? Int == log.messages && input["bytes"] as? Int == log.bytes)
        #expect(input["messageVersions"] as? [String: Int] == ["10": log.messages])
        let candidates = try #require(object["candidates"] as? [[String: Any]])
        #expect(candidates.count == 2 && candidates[0]["label"] as? String == "sample")
        #expect(candidates[0]["records"] as? Int == log.messages)
        let candidate = candidates[1]
        #expect(candidate["label"] as? String == "exec,fork,exit")
        let kept = try #require(candidate["byEventType"] as? [[String: Any]])
        #expect(Set(kept.compactMap { $0["name"] as? String }) == ["exec", "fork", "exit"])

        // The same log through standard input and through a directory gives the same figures.
        let data = try Data(contentsOf: URL(fileURLWithPath: log.path))
        let piped = try CLI.run(["estimate", "-", "--format", "json", "--es-events", "exec,fork,exit"], stdin: data)
        #expect(piped.status == 0 && piped.stdout == run.stdout, "\(piped.stderr)")
        let text = try CLI.run(["estimate", directory.url.path])
        #expect(text.status == 0 && text.stdout.hasPrefix("Sample: eslogger log, \(log.messages) messages"))
    }

    @Test func aBSMTrailOnStandardInputIsStillRead() throws {
        let directory = try TemporaryDirectory("eslog-bsm-stdin")
        defer { directory.remove() }
        let trail = directory.path("t.bsm")
        #expect(try CLI.run(["synth", "--workload", "laptop", "--duration", "5m", "-o", trail]).status == 0)
        let fromFile = try CLI.run(["estimate", trail, "--format", "json"])
        let piped = try CLI.run(
            ["estimate", "-", "--format", "json"], stdin: try Data(contentsOf: URL(fileURLWithPath: trail)))
        #expect(piped.status == 0 && piped.stdout == fromFile.stdout, "\(piped.stderr)")
    }

    @Test func damagedLinesAreReportedAndStrictStops() throws {
        let directory = try TemporaryDirectory("eslog-damage")
        defer { directory.remove() }
        let log = try Self.synth(directory, duration: "2m")
        let lines = try String(contentsOfFile: log.path, encoding: .utf8).split(separator: "\n")
        let damaged = directory.path("damaged.jsonl")
        try ([String(lines[0]), String(lines[1].prefix(100)), "{\"a\":1}"] + lines.dropFirst(2).map(String.init))
            .joined(separator: "\n").write(toFile: damaged, atomically: true, encoding: .utf8)
        let run = try CLI.run(["estimate", damaged, "--format", "json"])
        #expect(run.status == 0)
        #expect(run.stderr.contains("\(damaged):2:101: damage (truncated)"), "\(run.stderr)")
        #expect(run.stderr.contains("\(damaged):3:1: damage (not-a-message)"))
        let input = try #require(try Self.object(run)["input"] as? [String: Any])
        #expect(input["damagedLines"] as? Int == 2 && input["records"] as? Int == log.messages - 1)
        let strict = try CLI.run(["estimate", damaged, "--strict"])
        #expect(strict.status == 1 && strict.stdout.isEmpty)
        #expect(strict.stderr.contains("\(damaged):2:101"), "\(strict.stderr)")
    }

    @Test func reportTakesTheLogsVolume() throws {
        let directory = try TemporaryDirectory("eslog-report")
        defer { directory.remove() }
        let log = try Self.synth(directory)
        let run = try CLI.run([
            "report", "--trail", log.path, "--es-events", "exec", "--disk-size", "100G", "--disk-free", "50G",
            "--format", "json",
        ])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("eslogger log \(log.path), events exec"), "\(run.stdout)")
        let flags = try CLI.run([
            "report", "--trail", log.path, "--flags", "lo", "--disk-size", "1G", "--disk-free", "1G",
        ])
        #expect(flags.status == 2 && flags.stderr.contains("--flags apply to BSM samples"), "\(flags.stderr)")
        let lint = try CLI.run(["lint", "--trail", log.path, directory.url.path])
        #expect(lint.status == 2 && lint.stderr.contains("the sample is an eslogger log"), "\(lint.stderr)")
    }

    @Test(arguments: [
        (["--flags", "lo"], "--flags applies to BSM trails"),
        (["--compare", "x"], "--compare applies to BSM trails"),
        (["--es-events", "nosuch"], "--es-events"),
        (["--es-events", "ES_EVENT_TYPE_AUTH_OPEN"], "AUTH events are never logged"),
    ])
    func optionsThatDoNotFitAreUsageErrors(extra: [String], message: String) throws {
        let directory = try TemporaryDirectory("eslog-usage")
        defer { directory.remove() }
        let log = try Self.synth(directory, duration: "1m")
        let run = try CLI.run(["estimate", log.path] + extra)
        #expect(run.status == 2 && run.stderr.contains(message), "\(run.stderr)")
    }

    @Test func mixedSamplesAndMisplacedOptionsAreUsageErrors() throws {
        let directory = try TemporaryDirectory("eslog-mixed")
        defer { directory.remove() }
        let log = try Self.synth(directory, duration: "1m")
        let trail = directory.path("t.bsm")
        #expect(try CLI.run(["synth", "--workload", "laptop", "--duration", "1m", "-o", trail]).status == 0)
        let mixed = try CLI.run(["estimate", log.path, trail])
        #expect(mixed.status == 2 && mixed.stderr.contains("estimate one kind at a time"), "\(mixed.stderr)")
        let events = try CLI.run(["estimate", trail, "--es-events", "exec"])
        #expect(events.status == 2 && events.stderr.contains("--es-events chooses events of an eslogger sample"))
        for arguments in [
            ["--format", "eslogger", "--flags", "lo"], ["--message-version", "10"],
            ["--format", "eslogger", "--message-version", "12"],
            ["--format", "eslogger", "--es-events", "exec,nosuch"],
        ] {
            let run = try CLI.run(["synth", "--workload", "laptop", "-o", directory.path("x")] + arguments)
            #expect(run.status == 2, "\(arguments): \(run.stderr)")
            #expect(!FileManager.default.fileExists(atPath: directory.path("x")))
        }
    }
}
