import AuditLintKit
import Foundation

/// Times 365-day capacity simulations (target: under 100 ms each, the worst case included).
enum CapacityBenchmark {
    /// (label, inputs): a laptop under STIG-style flags and the stock settings, a busy
    /// server under `all` with CIS retention, and the worst case for the event count, a
    /// disk that is always "low" (a rotation every 30 s all year) under a daily cycle.
    static func scenarios() -> [(String, CapacityInputs)] {
        let start: Int64 = 1_767_571_200
        let year = 365.0 * 86_400
        let laptop = Workload.developer.volume(flags: "lo,aa,ad,fm,-ex,-fr,-fw,-fd")
        let server = Workload.server.volume(flags: "all")
        return [
            (
                "laptop-stig",
                CapacityInputs(
                    configuration: .stock, diskSize: 512 << 30, freeAtStart: 200 << 30, horizonSeconds: year,
                    startEpoch: start,
                    volume: WriteVolume(
                        bytesPerDay: laptop.bytesPerDay, recordSize: laptop.meanRecordSize,
                        hourlyWeights: Workload.developer.hourlyWeights))
            ),
            (
                "server-all-cis",
                CapacityInputs(
                    configuration: CapacityConfiguration(
                        filesz: 2 << 20, expireAfter: ExpireAfter(ageSeconds: 60 * 86_400, sizeBytes: 5 << 30),
                        minfree: 5, cnt: true),
                    diskSize: 256 << 30, freeAtStart: 150 << 30, otherGrowthPerDay: 100 << 20, horizonSeconds: year,
                    startEpoch: start,
                    volume: WriteVolume(bytesPerDay: server.bytesPerDay, recordSize: server.meanRecordSize))
            ),
            (
                "always-low",
                CapacityInputs(
                    configuration: CapacityConfiguration(
                        filesz: 2 << 20, expireAfter: ExpireAfter(sizeBytes: 10 << 20), minfree: 60, cnt: true),
                    diskSize: 256 << 30, freeAtStart: 150 << 30, horizonSeconds: year, startEpoch: start,
                    volume: WriteVolume(
                        bytesPerDay: laptop.bytesPerDay, recordSize: laptop.meanRecordSize,
                        hourlyWeights: Workload.developer.hourlyWeights))
            ),
        ]
    }

    /// Each scenario's best of 5 runs (`AUDITLINT_BENCH_REPEAT`), in CPU time (user and
    /// system: the machine may be shared, and wall time then counts the waits for a core)
    /// with the wall time beside it.
    static func run() throws -> String {
        let clock = ContinuousClock()
        let runs = try BenchEnvironment.count("AUDITLINT_BENCH_REPEAT", default: 5)
        var figures: [String] = []
        for (label, inputs) in scenarios() {
            var best = Double.infinity
            var bestWall = Double.infinity
            var rotations = 0
            for _ in 0..<runs {
                var result: CapacityRun?
                let before = EstimateBenchmark.cpuSeconds()
                let elapsed = try clock.measure { result = try CapacityModel.run(inputs) }
                best = min(best, (EstimateBenchmark.cpuSeconds() - before) * 1_000)
                bestWall = min(
                    bestWall, Double(elapsed.components.seconds) * 1_000 + Double(elapsed.components.attoseconds) / 1e15
                )
                rotations = result?.simulation.rotations ?? 0
            }
            figures.append(
                String(
                    format: "%@ 365 d %.1f ms CPU, %.1f ms wall (%d rotations) (target < 100 ms) %@", label, best,
                    bestWall, rotations, best < 100 ? "met" : "NOT met"))
        }
        return figures.joined(separator: "; ")
    }
}
