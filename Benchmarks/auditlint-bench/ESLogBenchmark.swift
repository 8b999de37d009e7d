import AuditLintKit
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reading `eslogger` JSON Lines on one core: a ≥ 200 MB log written by `ESLogSynthesizer`
/// (the developer workload, message version 11) read into a volume profile (line framing,
/// the JSON check of every line, the fields an estimate needs, event types, executables,
/// sequence gaps). Target ≥ 200 MB/s of CPU time.
enum ESLogBenchmark {
    static let target = 200.0

    static func run() throws {
        let path = NSTemporaryDirectory() + "auditlint-bench-eslog-\(getpid()).jsonl"
        defer { unlink(path) }
        let synthesizer = try ESLogSynthesizer(
            ESLogSynthesizer.Options(workload: .developer, durationSeconds: 10 * 3600, seed: 7))
        let written = try synthesizer.write(to: path)
        print("eslog: log \(path): \(written.bytes) bytes, \(written.records) messages")

        var profile: ESVolumeProfile?
        let cpuBefore = EstimateBenchmark.cpuSeconds()
        let wall = try DecodeBenchmark.time {
            var builder = ESVolumeProfileBuilder()
            try builder.add(ESLogReader(source: try FileDescriptorTrailSource(path: path), name: path))
            profile = builder.profile()
        }
        let cpu = EstimateBenchmark.cpuSeconds() - cpuBefore
        guard let profile, profile.records == written.records, profile.bytes == written.bytes,
            profile.damagedLines == 0
        else {
            throw AuditLintError.invalidInput("eslog benchmark: the profile miscounted the log")
        }
        let speed = Double(written.bytes) / cpu / 1e6
        print(
            String(
                format:
                    "eslog: read (check every line, summarise): %.3f s wall, %.3f s CPU; %.0f MB/s of CPU time on one core (target ≥ %.0f): %@; %.0f MB/s wall, %.2f M messages/s (%d event types, %d executables)",
                wall, cpu, speed, target, speed >= target ? "met" : "NOT met", Double(written.bytes) / wall / 1e6,
                Double(written.records) / cpu / 1e6, profile.events.count, profile.executables.count))
        print("eslog: peak RSS \(PeakMemory.text)")
    }
}
