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
            atomically.
            """
    )

    @Option(help: "The workload: \(Workload.all.map(\.name).joined(separator: ", ")).")
    var workload: String

    @Option(help: "How long a trail, e.g. 24h, 90m, 7d.")
    var duration = "24h"

    @Option(help: "Seed of the generator.")
    var seed: UInt64 = 1

    @Option(name: [.customShort("o"), .long], help: ArgumentHelp("The trail file to write.", valueName: "file"))
    var output: String

    @Option(help: "macos (identity tokens, doubled paths) or openbsm (default: the workload's platform).")
    var dialect: String?

    @Option(help: "The sample's flags (default all).")
    var flags = "all"

    @Option(help: "The sample's naflags (default: the same as --flags).")
    var naflags: String?

    @Option(help: "The sample's policy (default cnt,argv).")
    var policy = "cnt,argv"

    @Option(help: "UTC start in seconds since the epoch (default 1767571200, 2026-01-05 00:00).")
    var start: UInt64 = TrailSynthesizer.defaultStart

    func run() throws {
        guard let chosen = Workload.named(workload) else {
            throw AuditLintError.invalidInput("--workload: unknown workload '\(workload)'; use \(Workload.all.map(\.name).joined(separator: ", "))")
        }
        let resolvedDialect: Dialect
        if let dialect {
            guard let parsed = Dialect(rawValue: dialect) else {
                throw AuditLintError.invalidInput("--dialect: unknown '\(dialect)'; use macos or openbsm")
            }
            resolvedDialect = parsed
        } else {
            resolvedDialect = chosen.platform == "macOS" ? .macos : .openbsm
        }
        let synthesizer = try TrailSynthesizer(TrailSynthesizer.Options(
            workload: chosen, durationSeconds: try Quantity.parseDuration(duration, option: "--duration"), seed: seed,
            dialect: resolvedDialect, flags: flags, naflags: naflags, policy: policy, start: start))
        let progress = ProgressLine(enabled: isatty(2) != 0)
        let summary = try synthesizer.write(to: output) { done in
            progress.show("synth: \(Int((done * 100).rounded()))%")
        }
        progress.clear()
        try writeStandardOutput("wrote \(summary.records) records, \(summary.bytes) bytes (\(Quantity.formatSize(Int64(summary.bytes)))) to \(output): "
              + "workload \(chosen.name), \(resolvedDialect.rawValue) dialect, flags \(flags), seed \(seed)")
    }
}
