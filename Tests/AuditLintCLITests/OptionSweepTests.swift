import ArgumentParser
import Foundation
import Testing

@testable import auditlint

/// Every option of every command, swept with hostile values: each is refused where it is
/// parsed, with a message naming the option, and nothing traps. Parsing runs in process
/// (the commands' own definitions); a few real runs check the exit codes end to end.
@Suite struct OptionSweepTests {
    /// An option of a (sub)command, from ArgumentParser's own description of the tool.
    struct Option: CustomTestStringConvertible, Sendable {
        var command: [String]
        var name: String
        var testDescription: String { (command + ["--" + name]).joined(separator: " ") }
    }

    /// Options whose value is free text: a path, a name, or text a library grammar reads
    /// later (flags, policy) and reports naming the file or option. Every other option
    /// must have a typed value.
    static let freeText: Set<String> = [
        "config", "baseline", "output", "write-baseline", "sarif-category", "trail", "volume-profile", "events",
        "users",
        "user-map", "audit-control", "journal", "flags", "naflags", "policy", "sample-flags", "host", "save-profile",
        "compare",
        "delimiter",
        "report --profile", "estimate --profile",
        // Record selection: names looked up, and flags read, against the tables after parsing.
        "class", "event", "audit-user", "effective-user", "real-user", "effective-group", "real-group", "zone",
    ]

    /// Arguments a command needs before its options are read.
    static let required: [String: [String]] = [
        "decode": ["t"], "commands": ["t"], "explain": ["AC101"], "show": ["x"], "tune init": ["x"],
        "synth": ["--workload", "laptop", "-o", "x"],
    ]

    /// A value no typed option takes. The value types' own tests (OptionValueTests) sweep
    /// every kind of hostile value (huge, negative, NaN, inf, empty, non-ASCII digits,
    /// overflowing suffixes); this sweep shows that every option has such a type, and
    /// stays small because each in-process parse of a large command costs milliseconds.
    static let hostile = ["garbage"]

    /// Options for which 0 means nothing and is refused.
    static let zeroRefused: Set<String> = [
        "disk-size", "block-size", "record-size", "max-record-size", "horizon", "retention", "budget", "top", "qsize",
        "duration",
    ]

    static let options: [Option] = {
        let json = AuditLintCommand._dumpHelp()
        guard let root = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any],
            let command = root["command"] as? [String: Any]
        else { return [] }
        var found: [Option] = []
        func walk(_ command: [String: Any], path: [String]) {
            for argument in command["arguments"] as? [[String: Any]] ?? [] where argument["kind"] as? String == "option"
            {
                let names = (argument["names"] as? [[String: Any]] ?? []).filter { $0["kind"] as? String == "long" }
                guard let name = names.first?["name"] as? String else { continue }
                found.append(Option(command: path, name: name))
            }
            for sub in command["subcommands"] as? [[String: Any]] ?? [] {
                walk(sub, path: path + [sub["commandName"] as? String ?? "?"])
            }
        }
        walk(command, path: [])
        return found
    }()

    static var typed: [Option] {
        options.filter { !freeText.contains($0.name) && !freeText.contains($0.testDescription) }
    }

    /// The command types by their path (`tune init`).
    static let commandTypes: [String: ParsableCommand.Type] = {
        var types: [String: ParsableCommand.Type] = [:]
        func walk(_ type: ParsableCommand.Type, path: [String]) {
            types[path.joined(separator: " ")] = type
            for sub in type.configuration.subcommands {
                walk(sub, path: path + [sub.configuration.commandName ?? ""])
            }
        }
        walk(AuditLintCommand.self, path: [])
        return types
    }()

    /// Parses a command line as `main` does; nil when it parses.
    func refusal(_ arguments: [String]) -> (message: String, usage: Bool)? {
        do {
            _ = try AuditLintCommand.parseAsRoot(arguments)
            return nil
        } catch {
            return (AuditLintCommand.message(for: error), AuditLintCommand.exitCode(for: error) != .success)
        }
    }

    /// Parses the options of the (sub)command at `path` with that command alone (faster
    /// than from the root); nil when they parse.
    func refusal(path: [String], _ arguments: [String]) -> (message: String, usage: Bool)? {
        guard let type = Self.commandTypes[path.joined(separator: " ")] else { return ("no command \(path)", false) }
        do {
            _ = try type.parseAsRoot(arguments)
            return nil
        } catch {
            return (type.message(for: error), type.exitCode(for: error) != .success)
        }
    }

    @Test func everyCommandAndOptionIsSwept() {
        let commands = Set(Self.options.map { $0.command.joined(separator: " ") })
        for name in [
            "lint", "show", "decode", "commands", "report", "config", "tune init", "tune next", "tune review",
            "tune status", "estimate", "synth", "rules",
        ] {
            #expect(commands.contains(name), "\(name)")
        }
        #expect(Self.typed.count > 40)
        #expect(Self.options.contains { $0.command == ["tune", "init"] && $0.name == "profile" })
    }

    @Test(arguments: typed)
    func hostileValuesAreRefusedNamingTheOption(_ option: Option) {
        let key = option.command.joined(separator: " ")
        var values = Self.hostile
        if Self.zeroRefused.contains(option.name) { values.append("0") }
        for value in values {
            let arguments = (Self.required[key] ?? []) + ["--\(option.name)=\(value)"]
            guard let refusal = refusal(path: option.command, arguments) else {
                Issue.record("\(arguments) was accepted")
                continue
            }
            #expect(refusal.usage, "\(arguments)")
            #expect(refusal.message.contains("--\(option.name)"), "\(arguments): \(refusal.message)")
        }
    }

    /// The option and command lines the trust issue found trapping or unclear, run for real.
    @Test(arguments: [
        (["tune", "next", "--top=-1"], "--top"),
        (["tune", "init", "x", "--other-growth", "4000000T/h"], "--other-growth"),
        (["tune", "init", "x", "--other-growth", "1048576T/h"], "--other-growth"),
        (["decode", "--max-record-size", "2147483647", "t"], "--max-record-size"),
        (["estimate", "--max-record-size", "9223372036854775807", "t"], "--max-record-size"),
        (["report", "--disk-size", "0"], "--disk-size"),
        (["lint", "--retention", "36500d"], "--retention"),
        (["lint", "--enable", "AC99"], "--enable"),
        (["lint", "--severity", "AC105=fatal"], "--severity"),
        (["lint", "--start", "２０２６-01-01"], "--start"),
        (["tune", "init", "x", "--profile", "laptop-profile.json"], "did you mean --volume-profile?"),
    ])
    func formerCrashesAreUsageErrors(arguments: [String], message: String) throws {
        let run = try CLI.run(arguments)
        #expect(run.status == 2, "\(arguments): \(run.stderr)")
        #expect(run.stderr.contains(message), "\(run.stderr)")
        #expect(run.stdout.isEmpty)
    }

    @Test func timesAreTakenInISO8601() throws {
        for text in ["2026-01-01", "2026-01-01T00:00:00Z", "2026-01-01T01:00:00+01:00", "1767225600", "20260101000000"]
        {
            let command = try #require(try AuditLintCommand.parseAsRoot(["report", "--start", text]) as? ReportCommand)
            #expect(command.period.startOption.resolved.epoch == 1_767_225_600, "\(text)")
        }
        let review = try #require(
            try AuditLintCommand.parseAsRoot(["tune", "review", "--since", "2026-01-01"]) as? TuneReviewCommand)
        #expect(review.since?.epoch == 1_767_225_600)
        // One default for every command that simulates.
        let lint = try #require(try AuditLintCommand.parseAsRoot(["lint"]) as? LintCommand)
        let synth = try #require(
            try AuditLintCommand.parseAsRoot(["synth", "--workload", "laptop", "-o", "x"]) as? SynthCommand)
        #expect(lint.capacityOptions.period.startOption.resolved == StartOption.defaultStart)
        #expect(synth.startOption.resolved == StartOption.defaultStart)
    }

    @Test func oldSpellingsStillParse() throws {
        let estimate = try #require(
            try AuditLintCommand.parseAsRoot(["estimate", "t", "--config", "ac"]) as? EstimateCommand)
        #expect(estimate.auditControl.oldConfig == "ac")
        let next = try #require(
            try AuditLintCommand.parseAsRoot(["tune", "next", "--config", "ac"]) as? TuneNextCommand)
        #expect(next.journal.auditControl.oldConfig == "ac")
        let initial = try #require(
            try AuditLintCommand.parseAsRoot(["tune", "init", "x", "--compliance-profile", "stig"]) as? TuneInitCommand)
        #expect(initial.oldComplianceProfile == .stig)
        #expect(refusal(["estimate", "t", "--config", "a", "--audit-control", "b"]) != nil)
    }
}
