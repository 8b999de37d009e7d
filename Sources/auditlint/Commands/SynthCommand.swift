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
        abstract: "Write a realistic BSM trail for a built-in workload (for demos, tests and benchmarks).",
        discussion: """
            The trail follows the workload's events per class, record sizes, failure shares and \
            daily cycle (see `auditlint report --list-workloads`), with the tokens each kind of \
            event carries, attributable and non-attributable records, and for the macos dialect \
            the identity token and doubled paths of current macOS. Only records the sample's \
            --flags/--naflags select are written; --policy decides exec_args (argv) and exec_env \
            (arge) tokens. The same options and --seed give the same bytes. The file is written \
            atomically. --dialect defaults to the workload's platform.
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

    func run() throws {
        let resolvedDialect = dialectOption.resolved(workload.platform == "macOS" ? .macos : .openbsm)
        let synthesizer = try TrailSynthesizer(
            TrailSynthesizer.Options(
                workload: workload, durationSeconds: duration.seconds, seed: seed,
                dialect: resolvedDialect, flags: flags, naflags: naflags, policy: policy,
                start: UInt64(startOption.resolved.epoch)))
        let progress = ProgressLine(enabled: isatty(2) != 0)
        let summary = try synthesizer.write(to: output) { done in
            progress.show("synth: \(Int((done * 100).rounded()))%")
        }
        progress.clear()
        try writeStandardOutput(
            "wrote \(summary.records) records, \(summary.bytes) bytes (\(Quantity.formatSize(Int64(summary.bytes)))) to \(output): "
                + "workload \(workload.name), \(resolvedDialect.rawValue) dialect, flags \(flags), seed \(seed)")
    }
}
