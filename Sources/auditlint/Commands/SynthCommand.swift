import ArgumentParser
import AuditLintKit
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `auditlint synth`: a realistic BSM trail for a built-in workload.
struct SynthCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "synth",
        abstract:
            "Write a realistic BSM trail or eslogger log for a built-in workload (for demos, tests and benchmarks).",
        discussion: """
            The trail follows the workload's events per class, record sizes, failure shares and \
            daily cycle (see `auditlint report --list-workloads`), with the tokens each kind of \
            event carries, attributable and non-attributable records, and for the macos dialect \
            the identity token and doubled paths of current macOS. Only records the sample's \
            --flags/--naflags select are written; --policy decides exec_args (argv) and exec_env \
            (arge) tokens. The same options and --seed give the same bytes. The file is written \
            atomically. --dialect defaults to the workload's platform. --format eslogger writes \
            eslogger JSON Lines instead: the same event mix as Endpoint Security events (classes \
            without one, such as nt, write nothing), message versions 9 to 11; its sizes are \
            modelled, not measured.
            """
    )

    @Option(help: ArgumentHelp("The workload.", valueName: "name"))
    var workload: Workload

    @Option(
        help: ArgumentHelp("How long a trail, e.g. 24h, 90m, 7d (at most 366d).", valueName: "duration"),
        transform: TimeSpan.trailLength)
    var duration = TimeSpan(seconds: 86_400, text: "24h")

    @Option(help: "Seed of the generator.")
    var seed: UInt64 = 1

    @Option(name: [.customShort("o"), .long], help: ArgumentHelp("The trail file to write.", valueName: "file"))
    var output: String

    @OptionGroup var dialectOption: DialectOption

    @Option(help: "The sample's flags.")
    var flags = "all"

    @Option(help: "The sample's naflags (default: the same as --flags).")
    var naflags: String?

    @Option(help: "The sample's policy.")
    var policy = "cnt,argv"

    @OptionGroup var startOption: StartOption

    /// What kind of log to write.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case bsm, eslogger
    }

    @Option(help: "What to write: bsm (a binary trail) or eslogger (JSON Lines, as eslogger on macOS writes).")
    var format: Format = .bsm

    @Option(
        name: .customLong("message-version"),
        help: ArgumentHelp(
            "With --format eslogger: the message version, 9, 10 or 11 (10 writes audit tokens as arrays).",
            valueName: "version"), transform: { try BoundedInteger.parse($0, in: ESLogSynthesizer.messageVersions) })
    var messageVersion = 11

    @Option(
        name: .customLong("es-events"),
        help: ArgumentHelp(
            "With --format eslogger: the events eslogger was run with, e.g. exec,fork,exit (default: every event of the mix).",
            valueName: "events"), transform: ESEventSet.option)
    var esEvents: ESEventSet?

    func run() throws {
        if format == .eslogger { return try synthesizeESLog() }
        if esEvents != nil || messageVersion != 11 {
            throw ValidationError("--es-events and --message-version go with --format eslogger")
        }
        let resolvedDialect = dialectOption.resolved(workload.platform == "macOS" ? .macos : .openbsm)
        let synthesizer = try TrailSynthesizer(
            TrailSynthesizer.Options(
                workload: workload, durationSeconds: duration.seconds, seed: seed,
                dialect: resolvedDialect, flags: flags, naflags: naflags, policy: policy,
                start: UInt64(startOption.resolved.epoch)))
        let summary = try write(synthesizer)
        try writeStandardOutput(
            "wrote \(summary.records) records, \(summary.bytes) bytes (\(Quantity.formatSize(Int64(summary.bytes)))) to \(output): "
                + "workload \(workload.name), \(resolvedDialect.rawValue) dialect, flags \(flags), seed \(seed)")
    }

    /// Writes an eslogger log of the workload.
    func synthesizeESLog() throws {
        if flags != "all" || naflags != nil || policy != "cnt,argv" || dialectOption.dialect != nil {
            throw ValidationError(
                "--flags, --naflags, --policy and --dialect shape BSM trails; an eslogger log takes --es-events and --message-version"
            )
        }
        let synthesizer = try ESLogSynthesizer(
            ESLogSynthesizer.Options(
                workload: workload, durationSeconds: duration.seconds, seed: seed, messageVersion: messageVersion,
                events: esEvents, start: UInt64(startOption.resolved.epoch)))
        let summary = try write(synthesizer)
        try writeStandardOutput(
            "wrote \(summary.records) messages, \(summary.bytes) bytes (\(Quantity.formatSize(Int64(summary.bytes)))) to \(output): "
                + "eslogger JSON Lines, message version \(messageVersion), workload \(workload.name), seed \(seed)")
    }

    /// Writes the synthesizer's output to `--output`, with progress on a terminal.
    func write<Synthesizer: ChunkedSynthesis>(_ synthesizer: Synthesizer) throws -> Synthesizer.Summary {
        let progress = ProgressLine(enabled: isatty(2) != 0)
        defer { progress.clear() }
        return try synthesizer.write(to: output) { done in progress.show("synth: \(Int((done * 100).rounded()))%") }
    }
}
