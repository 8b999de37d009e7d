import AuditLintKit
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `auditlint estimate` on one core: the decode benchmark's ≥ 200 MB encoder-made trail read
/// into a volume profile (framing, token checks, the fast record adapter, buckets and
/// talkers), then every one-class addition to `lo,aa` evaluated. Target ≥ 500 MB/s.
enum EstimateBenchmark {
    static func run() throws {
        let path = NSTemporaryDirectory() + "auditlint-bench-estimate-\(getpid()).bsm"
        defer { unlink(path) }
        let (size, records) = try DecodeBenchmark.makeTrail(path, targetBytes: 210_000_000)
        print("estimate: trail \(path): \(size) bytes, \(records) records")

        var profile: VolumeProfile?
        let cpuBefore = cpuSeconds()
        let read = try DecodeBenchmark.time {
            var builder = VolumeProfileBuilder()
            try builder.add(TrailReader(source: try FileDescriptorTrailSource(path: path), name: path))
            profile = builder.profile()
        }
        guard let profile, profile.records == records, profile.bytes == size else {
            throw AuditLintError.invalidInput("estimate benchmark: the profile miscounted the trail")
        }
        let cpu = cpuSeconds() - cpuBefore
        print(
            String(
                format:
                    "estimate: profile (read, check tokens, summarise): %.3f s wall, %.3f s CPU; %.0f MB/s of CPU time on one core (target ≥ 500), %.0f MB/s wall, %.2f M records/s (%d buckets, %d talkers)",
                read, cpu, Double(size) / cpu / 1e6, Double(size) / read / 1e6, Double(records) / cpu / 1e6,
                profile.entries.count, profile.talkers.count))

        let setup = EstimateSetup(
            control: nil, classes: .builtIn(.macos), events: .builtIn(.macos), dialect: .macos, notes: [])
        let base = EstimateCandidate(
            label: "lo,aa", control: nil, flags: "lo,aa", naflags: "lo,aa", policy: "cnt,argv",
            classes: setup.classes, dialect: .macos)
        let candidates = [base] + setup.additions(to: base)
        let estimator = setup.estimator()
        var kept = 0
        let evaluate = DecodeBenchmark.time {
            for candidate in candidates { kept += estimator.evaluate(candidate, on: profile).records }
        }
        print(
            String(
                format: "estimate: %d candidates evaluated from the profile in %.1f ms (%d records kept in all)",
                candidates.count, evaluate * 1000, kept))
        print("estimate: peak RSS \(PeakMemory.text)")
    }

    /// User plus system CPU time of this process (the machine may be shared, so wall time
    /// alone understates one core's speed).
    #if canImport(Glibc)
        static let rusageSelf = __rusage_who_t(RUSAGE_SELF.rawValue)
    #else
        static let rusageSelf = RUSAGE_SELF
    #endif

    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(rusageSelf, &usage)
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }
}
