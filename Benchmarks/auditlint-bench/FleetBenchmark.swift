import AuditLintKit
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `auditlint fleet` over a synthetic fleet of 10,000 hosts: targets < 10 s and < 256 MB.
///
/// The fleet is built from the synthesizer's workloads: one day's trail per workload (with every
/// class the configurations select) reduced to a profile, then for each host one of
/// them with its volume scaled (a quarter to 16 times), its own disk (32 GiB to 1 TiB, 30–90 %
/// free, one in fifty 5–15 %), one of three audit_controls and a dialect, written as a saved profile (top 100
/// talkers, as `estimate --save-profile` keeps). The timed part is what the command does:
/// list the directory, read, check and evaluate every profile (on every core), build the
/// report and render it as text and JSON. AUDITLINT_BENCH_HOSTS sets the fleet size.
enum FleetBenchmark {
    static func run() throws {
        let hostCount = try BenchEnvironment.count("AUDITLINT_BENCH_HOSTS", default: 10_000)
        let directory = NSTemporaryDirectory() + "auditlint-bench-fleet-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let build = try DecodeBenchmark.time { try makeFleet(in: directory, hosts: hostCount) }
        print(String(format: "fleet: %d host profiles written to %@ in %.1f s", hostCount, directory, build))

        let candidate = directory + "/candidate/audit_control"
        let resetPeak = PeakMemory.reset()
        var report: FleetReport?
        var bytes = 0
        let cpuBefore = EstimateBenchmark.cpuSeconds()
        let seconds = try DecodeBenchmark.time {
            let control = try ConfigurationLoader(dialect: .macos).load(controlPath: candidate).control
            let openbsm = try ConfigurationLoader(dialect: .openbsm).load(controlPath: candidate).control
            let request = FleetRequest(
                candidate: [.macos: .success(control), .openbsm: .success(openbsm)],
                requirements: CapacityRequirements(retentionSeconds: 30 * 86_400, budget: .percentOfDisk(10)))
            let files = try FleetProfiles.expand([directory + "/hosts"])
            let hosts = FleetEvaluator(request: request).evaluate(
                files: files, workers: ProcessInfo.processInfo.activeProcessorCount)
            let built = FleetReport(
                hosts: hosts, candidatePath: candidate, candidateHash: nil, horizonSeconds: request.horizonSeconds,
                startEpoch: request.startEpoch, requirements: request.requirements)
            bytes = built.rendered(as: .text).utf8.count + built.rendered(as: .json).utf8.count
            report = built
        }
        let cpu = EstimateBenchmark.cpuSeconds() - cpuBefore
        guard let report, report.hosts.count + report.problems.count == hostCount, report.problems.isEmpty else {
            throw AuditLintError.invalidInput(
                "fleet benchmark: \(report?.problems.first?.problem?.message ?? "hosts were lost")")
        }
        print(
            "fleet: \(report.hosts.count) hosts: \(report.verdicts[.fail, default: 0]) fail, "
                + "\(report.verdicts[.warn, default: 0]) warn, \(report.verdicts[.ok, default: 0]) ok; "
                + "bytes/day p50 \(Quantity.formatSize(rounding: report.bytesPerDay.p50)), "
                + "max \(Quantity.formatSize(rounding: report.bytesPerDay.maximum)); \(bytes) bytes of text and JSON")
        let met = seconds < 10 ? "met" : "NOT met"
        print(
            String(
                format: "fleet: %d hosts in %.2f s wall (%.2f s CPU on %d cores), target < 10 s: %@", hostCount,
                seconds, cpu, ProcessInfo.processInfo.activeProcessorCount, met))
        // Where the time goes: reading and checking the profiles alone (the files are cached now).
        let files = try FleetProfiles.expand([directory + "/hosts"])
        var parse = 0.0
        var read = 0.0
        var evaluate = 0.0
        let evaluator = FleetEvaluator(request: FleetRequest(candidate: nil))
        for file in files.prefix(500) {
            let bytes = try InputFile.read(file, limit: 256 << 20)
            parse += try DecodeBenchmark.time { _ = try JSONValue.parse(bytes) }
            var profile: VolumeProfile?
            read += try DecodeBenchmark.time { profile = try VolumeProfile.decode(bytes, path: file) }
            evaluate += DecodeBenchmark.time { _ = evaluator.evaluate(profile!, file: file) }
        }
        let sample = Double(min(500, files.count))
        print(
            String(
                format:
                    "fleet: per host on one core: %.2f ms to read and check a profile (%.2f ms of it parsing JSON), %.2f ms to evaluate it",
                read * 1000 / sample, parse * 1000 / sample, evaluate * 1000 / sample))
        let peak = PeakMemory.bytes()
        let memoryMet = peak.map { $0 < 256 << 20 ? "met" : "NOT met" } ?? "not measured"
        print(
            "fleet: peak RSS \(peak.map { Quantity.formatSize(Int64($0)) } ?? "n/a")"
                + (resetPeak ? " (of the timed part)" : " (of the whole run)") + ", target < 256 MB: \(memoryMet)")
    }

    /// What the samples are recorded with: every class the configurations below select.
    static let sampleFlags = "lo,aa,ad,ex,pc,fw,fc,fd,fm,cl"
    static let sampleNaflags = "lo,aa,ad"

    /// The audit_controls hosts ran under; the second is the candidate.
    static let controls = [
        "dir:/var/audit\nflags:lo,aa\nminfree:5\nnaflags:lo,aa\npolicy:cnt,argv\nfilesz:2M\nexpire-after:10M\n",
        "dir:/var/audit\nflags:lo,aa,ad,ex\nminfree:10\nnaflags:lo,aa\npolicy:cnt,argv\nfilesz:8M\nexpire-after:1G\n",
        "dir:/var/audit\nflags:lo,aa,ad,ex,fw,fc,fd\nminfree:20\nnaflags:lo,aa,ad\npolicy:cnt,argv\nfilesz:16M\nexpire-after:60d\n",
    ]

    /// Writes `directory/candidate/audit_control` and `hosts` profiles under `directory/hosts/NN/`.
    static func makeFleet(in directory: String, hosts: Int) throws {
        try FileManager.default.createDirectory(atPath: directory + "/candidate", withIntermediateDirectories: true)
        try Data(controls[1].utf8).write(to: URL(fileURLWithPath: directory + "/candidate/audit_control"))
        var facts: [(Dialect, AuditControlFacts)] = []
        for dialect in Dialect.allCases {
            for (index, text) in controls.enumerated() {
                let path = directory + "/control-\(dialect.rawValue)-\(index)"
                try Data(text.utf8).write(to: URL(fileURLWithPath: path))
                facts.append(
                    (
                        dialect,
                        try AuditControlFacts.read(path: path, dialect: dialect, classes: .builtIn(dialect))
                    ))
            }
        }
        var bases: [VolumeProfile] = []
        for (index, workload) in Workload.all.enumerated() {
            let dialect: Dialect = workload.platform == "macOS" ? .macos : .openbsm
            let trail = directory + "/sample-\(workload.name).bsm"
            let synthesizer = try TrailSynthesizer(
                TrailSynthesizer.Options(
                    workload: workload, durationSeconds: 86_400, seed: UInt64(index + 1), dialect: dialect,
                    flags: sampleFlags, naflags: sampleNaflags))
            try synthesizer.write(to: trail)
            var builder = VolumeProfileBuilder()
            try builder.add(TrailReader(source: try FileDescriptorTrailSource(path: trail), name: trail))
            unlink(trail)
            let recording = try SampleRecording.parse(
                sampleFlags + "/" + sampleNaflags, option: "sample", classes: .builtIn(dialect))
            bases.append(builder.profile().recorded(with: recording).keepingTopTalkers(100))
        }
        var random = SeededRandom(seed: 13)
        let disks: [Int64] = [32, 64, 128, 256, 512, 1024].map { $0 << 30 }
        for host in 0..<hosts {
            // Mostly laptops and developer machines, some servers and build hosts.
            let pick = random.next() % 10
            let base = bases[pick < 5 ? 0 : pick < 8 ? 1 : pick < 9 ? 2 : 3]
            let scale = pow(2, Double(random.next() % 1000) / 1000 * 6 - 2)
            let size = disks[Int(random.next() % UInt64(disks.count))]
            // Most disks a third to nine tenths free, one in fifty nearly full.
            let fraction = Double(random.next() % 1000) / 1000
            let free = Int64(Double(size) * (random.next() % 50 == 0 ? 0.05 + 0.1 * fraction : 0.3 + 0.6 * fraction))
            let (dialect, control) = facts[Int(random.next() % UInt64(facts.count))]
            let name = String(format: "host-%05d", host)
            var profile = scaled(base, by: scale)
            profile.hosts = [name]
            profile.host = HostFacts(
                name: name, dialect: dialect, auditControl: control,
                disk: DiskFacts(path: "/var/audit", size: size, free: free, blockSize: 4096, source: .statfs))
            let folder = directory + "/hosts/\(host / 1000)"
            if host % 1000 == 0 {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            }
            try profile.jsonData().write(to: URL(fileURLWithPath: folder + "/\(name).json"))
        }
    }

    /// `profile` with every count and byte figure multiplied by `factor`.
    static func scaled(_ profile: VolumeProfile, by factor: Double) -> VolumeProfile {
        func scale(_ value: Int) -> Int { Int((Double(value) * factor).rounded()) }
        var copy = profile
        copy.records = scale(copy.records)
        copy.bytes = scale(copy.bytes)
        copy.entries = copy.entries.map { entry in
            var entry = entry
            entry.records = max(1, scale(entry.records))
            entry.bytes = scale(entry.bytes)
            entry.execArgsBytes = min(scale(entry.execArgsBytes), entry.bytes)
            entry.execEnvBytes = min(scale(entry.execEnvBytes), entry.bytes)
            entry.recordsWithExecArgs = min(scale(entry.recordsWithExecArgs), entry.records)
            entry.recordsWithExecEnv = min(scale(entry.recordsWithExecEnv), entry.records)
            entry.hourlyBytes = entry.hourlyBytes.map(scale)
            return entry
        }
        copy.talkers = copy.talkers.map { talker in
            var talker = talker
            talker.records = scale(talker.records)
            talker.bytes = scale(talker.bytes)
            return talker
        }
        return copy
    }
}
