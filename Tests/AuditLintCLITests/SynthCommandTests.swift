import Foundation
import Testing

@Suite struct SynthCommandTests {
    @Test func synthThenEstimateGivesTheWorkloadsVolume() throws {
        let scratch = try EstimateScratch()
        defer { scratch.remove() }
        let trail = scratch.directory.appendingPathComponent("server.bsm").path
        let arguments = ["synth", "--workload", "server", "--duration", "10m", "--seed", "5", "-o", trail]
        let run = try CLI.run(arguments)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("wrote ") && run.stdout.contains("workload server, openbsm dialect"))
        let first = try Data(contentsOf: URL(fileURLWithPath: trail))
        #expect(try CLI.run(arguments).status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: trail)) == first)

        let decode = try CLI.run(["decode", trail, "--format", "jsonl"])
        #expect(decode.status == 0 && decode.stderr.isEmpty)
        let estimate = try CLI.run([
            "estimate", trail, "--dialect", "openbsm", "--flags", "all", "--naflags", "all", "--format", "json",
        ])
        #expect(estimate.status == 0, "\(estimate.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(estimate.stdout.utf8)) as? [String: Any])
        let candidate = try #require((object["candidates"] as? [[String: Any]])?.first)
        // The server workload under `all`: Σ events/h × bytes, for a sixth of an hour.
        let mix: [(events: Double, bytes: Double)] = [
            (5, 100), (10, 100), (5, 100), (900, 140), (2_200, 85), (2_900, 93), (7_300, 151), (1_200, 168),
            (1_400, 180), (1_450, 180), (2_400, 128), (15_000, 155), (9_700, 108), (320, 83),
        ]
        let perHour = mix.map { $0.events * $0.bytes }.reduce(0, +)
        let bytes = try #require(candidate["bytes"] as? Int)
        #expect(abs(Double(bytes) - perHour / 6) / (perHour / 6) < 0.01, "\(bytes) vs \(perHour / 6)")
        #expect(candidate["records"] as? Int == (object["input"] as? [String: Any])?["records"] as? Int)
    }

    @Test(arguments: [
        ["synth", "--workload", "toaster", "-o", "x.bsm"],
        ["synth", "--workload", "server", "--duration", "0s", "-o", "x.bsm"],
        ["synth", "--workload", "server", "--duration", "soon", "-o", "x.bsm"],
        ["synth", "--workload", "server", "--flags", "lo, aa", "-o", "x.bsm"],
        ["synth", "--workload", "server"],
    ])
    func badOptionsAreUsageErrors(arguments: [String]) throws {
        let run = try CLI.run(arguments)
        #expect(run.status == 2, "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: "x.bsm"))
    }

    @Test func anUnwritableOutputIsAnIOError() throws {
        let run = try CLI.run(["synth", "--workload", "server", "--duration", "1m", "-o", "/nonexistent-dir/x.bsm"])
        #expect(run.status == 3)
        #expect(run.stderr.contains("/nonexistent-dir/x.bsm"))
    }
}
