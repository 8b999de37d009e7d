import AuditLintKit
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Issue 11's trail targets, each measured side by side with its reference in one run and
/// judged `met` or `NOT met`:
///
/// - `estimate` within 2× of the C token walk (Benchmarks/reference-walk/bsmwalk.c, built
///   with `cc -O2` into a temporary directory) over the same ~200 MB trail;
/// - `decode --format jsonl` at ≥ 50 % of `decode --raw`'s throughput (40 MB cut);
/// - `commands` within 2× of the walk (the whole trail: on the cut, both take a few
///   milliseconds, too few for a steady ratio);
/// - `decode --raw` ≥ 5× `praudit -r`, when `PRAUDIT=/path/to/praudit` is given;
/// - `estimate` over many trail files (the 200 MB trail as 8 files) in parallel ≥ 1.7× one
///   core, with byte-identical profiles;
/// - peak memory < 64 MB for every trail command on a 2 GB trail (`AUDITLINT_BENCH_LARGE=1`),
///   each command in a fresh process of this program (`trail-pass NAME TRAIL`).
///
/// Every pass calls the library entry points the commands call (``TrailReader``,
/// ``PrauditFormatter``, ``TrailJSONFormatter``, ``ExecRecord``,
/// ``VolumeProfileBuilder/add(trails:options:parallelism:onProblem:progress:)``), with
/// output to /dev/null. Single-core ratios compare CPU time (user + system), which a shared
/// machine disturbs least; the parallel ratio compares wall time. Each figure is the best of
/// `AUDITLINT_BENCH_REPEAT` rounds (default 7), in which the passes compared run in turn.
/// The trail is synthesised with ``TrailSynthesizer`` (the laptop workload under `all` with
/// `cnt,argv`, macOS dialect).
enum TrailBenchmark {
    /// A measurement: the best wall and CPU seconds of the repetitions.
    struct Sample {
        var wall = Double.infinity
        var cpu = Double.infinity

        mutating func keepBest(_ other: Sample) {
            wall = min(wall, other.wall)
            cpu = min(cpu, other.cpu)
        }

        func describe(bytes: Int) -> String {
            String(format: "%.3f s CPU (%.0f MB/s), %.3f s wall", cpu, Double(bytes) / cpu / 1e6, wall)
        }
    }

    /// The trails of one run, removed at the end.
    struct Trails {
        var directory: String
        var full: String
        var fullBytes = 0
        var cut: String
        var cutBytes = 0
        var parts: [String] = []
        var records = 0
    }

    static let cutTarget = 40_000_000
    static let partCount = 8

    static func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let large = try BenchEnvironment.isOn(BenchEnvironment.large)
        // Rounds, not runs one after another: cheap (about a second each), and the more there
        // are, the likelier one falls in a quiet spell for every pass.
        let repeats = try BenchEnvironment.count("AUDITLINT_BENCH_REPEAT", default: 7)
        // AUDITLINT_BENCH_TRAIL_DIR=DIR keeps the synthesised trails in DIR (to profile a pass on
        // its own: `auditlint-bench trail-pass estimate DIR/laptop.bsm`); otherwise they are
        // deleted at the end.
        let kept = environment["AUDITLINT_BENCH_TRAIL_DIR"]
        let directory = kept ?? NSTemporaryDirectory() + "auditlint-bench-trail-\(getpid())"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { if kept == nil { try? FileManager.default.removeItem(atPath: directory) } }

        let trails = try synthesize(in: directory, targetBytes: 200_000_000, withParts: true)
        print(
            "trail: laptop workload (all, cnt,argv, macOS): \(trails.fullBytes) bytes, \(trails.records) records; cut \(trails.cutBytes) bytes; \(trails.parts.count) parts; best of \(repeats)"
        )
        let walker = ReferenceWalk(directory: directory)
        var results: [String] = []
        func verdict(_ name: String, _ detail: String, met: Bool?) {
            let line = "trail: \(name): \(detail) -> \(met.map { $0 ? "met" : "NOT met" } ?? "not measured")"
            print(line)
            results.append(line)
        }

        // The walk and the passes compared with it (or with each other) run in turn, round
        // by round, so that a slow spell of the machine (seconds long here) falls on every
        // pass rather than on one; each figure is the best of its rounds.
        var walkCounts = ""
        let walkPass: (() throws -> Sample)? = walker.map { walker in
            {
                let (sample, counts) = try walker.walkOnce(trails.full)
                walkCounts = counts
                return sample
            }
        }
        // praudit -r, only when given, in turn with decode --raw.
        let praudit = environment["PRAUDIT"].flatMap { $0.isEmpty ? nil : $0 }
        var passes: [() throws -> Sample] = [
            { try measure { _ = try estimateOnce([trails.full], parallelism: 1) } },
            { try commandsOnce(trails.full) },
            { try decodeOnce(trails.cut, jsonl: false) },
            { try decodeOnce(trails.cut, jsonl: true) },
        ]
        if let walkPass { passes.append(walkPass) }
        if let praudit {
            passes.append { try childCPU { try DecodeBenchmark.runToNull(praudit, ["-r", trails.cut]) } }
        }
        let samples = try inTurn(repeats, passes)
        let (estimate, commands, raw, jsonl) = (samples[0], samples[1], samples[2], samples[3])
        let walkFull = walkPass == nil ? nil : samples[4]
        let external = praudit == nil ? nil : samples.last
        if let walkFull {
            print(
                "trail: C walk, \(trails.fullBytes) bytes: \(walkFull.describe(bytes: trails.fullBytes)); \(walkCounts)"
            )
        } else {
            print("trail: reference unavailable: \(walker.failure)")
        }

        print("trail: estimate, \(trails.fullBytes) bytes: \(estimate.describe(bytes: trails.fullBytes))")
        if let walkFull {
            let ratio = estimate.cpu / walkFull.cpu
            verdict(
                "estimate vs C walk", String(format: "%.2fx the walk's CPU time (target <= 2x)", ratio),
                met: ratio <= 2)
        } else {
            verdict("estimate vs C walk", "reference unavailable: \(walker.failure)", met: nil)
        }

        // decode --raw and decode --format jsonl on the cut; commands on the whole trail.
        print("trail: decode --raw, \(trails.cutBytes) bytes: \(raw.describe(bytes: trails.cutBytes))")
        print("trail: decode --format jsonl, \(trails.cutBytes) bytes: \(jsonl.describe(bytes: trails.cutBytes))")
        print("trail: commands, \(trails.fullBytes) bytes: \(commands.describe(bytes: trails.fullBytes))")
        let share = raw.cpu / jsonl.cpu
        verdict(
            "decode --format jsonl vs --raw",
            String(format: "%.0f %% of --raw's throughput (target >= 50 %%)", share * 100), met: share >= 0.5)
        if let walkFull {
            let ratio = commands.cpu / walkFull.cpu
            verdict(
                "commands vs C walk", String(format: "%.2fx the walk's CPU time (target <= 2x)", ratio), met: ratio <= 2
            )
        } else {
            verdict("commands vs C walk", "reference unavailable: \(walker.failure)", met: nil)
        }

        if let praudit, let external {
            print(
                "trail: praudit -r (\(praudit)), \(trails.cutBytes) bytes: \(external.describe(bytes: trails.cutBytes))"
            )
            let ratio = external.cpu / raw.cpu
            verdict(
                "decode --raw vs praudit -r", String(format: "%.2fx praudit's speed (target >= 5x)", ratio),
                met: ratio >= 5)
        } else {
            verdict("decode --raw vs praudit -r", "not measured: set PRAUDIT=/path/to/praudit", met: nil)
        }

        // estimate over many files: one core and every core, in turn; and what the machine
        // itself gives that work on every core: a one-core estimate on each core at once.
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let (single, parallel, oneProfile, manyProfile, machine) = try oneAndEveryCore(
            trails.parts, repeats: repeats, alongside: [{ try estimatesAtOnce(trails.parts, copies: cores) }])
        // The profiles compared as JSON, talkers in the order first seen (not timed): the same
        // talkers in the same order, so the same profile `estimate --save-profile` writes.
        let one = try oneProfile?.jsonData() ?? Data()
        let many = try manyProfile?.jsonData() ?? Data()
        print("trail: estimate, \(trails.parts.count) files, one core: \(single.describe(bytes: trails.fullBytes))")
        print(
            "trail: estimate, \(trails.parts.count) files, \(cores) cores: \(parallel.describe(bytes: trails.fullBytes))"
        )
        let speedup = single.wall / parallel.wall
        let identical = one == many && !one.isEmpty
        // Each read's CPU time grows when they share the machine (caches, memory, a host that
        // puts both processors on one physical core): no parallel read gets more than this.
        let inflation = machine[0].cpu / (Double(cores) * single.cpu)
        print(
            String(
                format:
                    "trail: the machine now: %d one-core estimates at once each took %.2fx the CPU time of one alone, so at most %.2fx on %d cores",
                cores, inflation, Double(cores) / inflation, cores))
        verdict(
            "estimate over \(trails.parts.count) files in parallel",
            String(
                format: "%.2fx one core's wall time on %d cores, %.2f cores busy (target >= 1.7x), profiles %@",
                speedup, cores, parallel.cpu / parallel.wall, identical ? "byte-identical" : "DIFFERENT"),
            met: speedup >= 1.7 && identical)

        // Peak memory on 2 GB.
        if large {
            try FileManager.default.removeItem(atPath: directory)
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let big = try synthesize(in: directory, targetBytes: 2_100_000_000, withParts: false)
            print("trail: large trail \(big.fullBytes) bytes, \(big.records) records")
            // Each pass in a fresh process of this program, so the peak is the command's own.
            for (name, pass) in [
                ("decode --raw", "decode-raw"), ("decode --format jsonl", "decode-jsonl"), ("commands", "commands"),
                ("estimate", "estimate"),
            ] {
                let (peak, seconds) = try passInChild(pass, big.full)
                verdict(
                    "peak memory, \(name), \(big.fullBytes) bytes",
                    peak > 0
                        ? String(format: "%.1f MB peak RSS (%.1f s; target < 64 MB)", Double(peak) / 1e6, seconds)
                        : "not measured: no peak resident set (VmHWM) on this system",
                    met: peak > 0 ? peak < 64_000_000 : nil)
            }
        } else {
            verdict(
                "peak memory of every trail command on 2 GB", "not measured: set AUDITLINT_BENCH_LARGE=1", met: nil)
        }
        print("trail: summary")
        for line in results { print("  " + line.dropFirst("trail: ".count)) }
    }

    // MARK: The passes (the commands' library paths, output to /dev/null)

    /// The argument that runs one pass in a child process: `trail-pass NAME TRAIL`.
    static let passArgument = "trail-pass"

    /// Runs the pass `name` on `trail` in this (child) process and prints its peak resident
    /// set: `peak BYTES`.
    static func passMain(_ arguments: [String]) throws {
        guard arguments.count == 2 else { throw AuditLintError.invalidInput("usage: trail-pass NAME TRAIL") }
        let trail = arguments[1]
        switch arguments[0] {
        case "decode-raw": _ = try decodeOnce(trail, jsonl: false)
        case "decode-jsonl": _ = try decodeOnce(trail, jsonl: true)
        case "commands": _ = try commandsOnce(trail)
        // As the command reads a lone trail: on every core (parts of it on the others).
        case "estimate":
            _ = try estimateOnce([trail], parallelism: ProcessInfo.processInfo.activeProcessorCount)
        // TRAIL is a directory here: its files read one after another, or in parallel.
        case "estimate-files": _ = try estimateOnce(try TrailPaths.expand([trail]), parallelism: 1)
        case "estimate-parallel":
            _ = try estimateOnce(
                try TrailPaths.expand([trail]), parallelism: ProcessInfo.processInfo.activeProcessorCount)
        // For profiling: estimate's phases (reading, the profile, the evaluation), each the
        // best of 15 in this process, in milliseconds.
        case "estimate-phases": try printEstimatePhases(trail)
        // For profiling: TRAIL's files read on one core and on every core, alternately, each
        // the best of 15 in this process (wall and CPU milliseconds, and the ratio of walls).
        case "parallel-phases": try printParallelPhases(try TrailPaths.expand([trail]))
        // The floors under the passes, for profiling: the reader's framing alone, and with its
        // token check.
        case "frame", "check":
            let options = TrailReader.Options(checkTokens: arguments[0] == "check")
            let reader = TrailReader(source: try FileDescriptorTrailSource(path: trail), name: trail, options: options)
            try reader.forEachRecord { _ in }
        default: throw AuditLintError.invalidInput("unknown pass \(arguments[0])")
        }
        print("peak \(PeakMemory.bytes() ?? 0)")
    }

    /// The peak resident set (bytes, 0 when unknown) and wall time of `pass` on `trail`,
    /// run in a child process of this program.
    static func passInChild(_ pass: String, _ trail: String) throws -> (Int, Double) {
        let executable =
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? Bundle.main.executablePath ?? CommandLine.arguments[0]
        var output = Data()
        let seconds = try DecodeBenchmark.time {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = [passArgument, pass, trail]
            let pipe = Pipe()
            process.standardOutput = pipe
            try process.run()
            output = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else {
                throw AuditLintError.invalidInput("\(pass) pass exited with status \(process.terminationStatus)")
            }
        }
        let peak = String(decoding: output, as: UTF8.self).split(separator: "\n").last { $0.hasPrefix("peak ") }
        return (Int(peak?.dropFirst(5) ?? "") ?? 0, seconds)
    }

    /// `decode --raw` or `decode --format jsonl` of `path`, as DecodeCommand does it.
    static func decodeOnce(_ path: String, jsonl: Bool) throws -> Sample {
        try measure {
            let text = PrauditFormatter(raw: true)
            let json = TrailJSONFormatter()
            try withNullOutput { output in
                let reader = TrailReader(source: try FileDescriptorTrailSource(path: path), name: path)
                try reader.forEachRecord { record in
                    if jsonl {
                        json.append(record, file: path, to: &output.buffer)
                    } else {
                        text.append(record, to: &output.buffer)
                    }
                    output.flushIfFull()
                }
            }
        }
    }

    /// `commands` of `path`, as CommandsCommand does it.
    static func commandsOnce(_ path: String) throws -> Sample {
        try measure {
            try withNullOutput { output in
                let reader = TrailReader(source: try FileDescriptorTrailSource(path: path), name: path)
                try reader.forEachRecord { record in
                    guard let exec = ExecRecord(record) else { return }
                    output.buffer.append(contentsOf: exec.textLine.utf8)
                    output.buffer.append(10)
                    output.flushIfFull()
                }
            }
        }
    }

    /// `estimate` of `paths` (the stock candidate), as EstimateCommand does it without
    /// `--save-profile` (the talkers left in the order first seen); returns the profile for
    /// comparing runs.
    static func estimateOnce(_ paths: [String], parallelism: Int) throws -> VolumeProfile {
        var builder = VolumeProfileBuilder()
        try builder.add(trails: paths, parallelism: parallelism)
        let profile = builder.profile(talkersInOrder: false)
        let (setup, candidate) = stockCandidate()
        guard setup.estimator().evaluate(candidate, on: profile).records >= 0, profile.bytes > 0 else {
            throw AuditLintError.invalidInput("estimate benchmark: empty profile")
        }
        return profile
    }

    /// `copies` one-core `estimate`s of `paths` at once, each on a thread of its own: their
    /// CPU time together and the wall time of the last.
    static func estimatesAtOnce(_ paths: [String], copies: Int) throws -> Sample {
        final class Failure: @unchecked Sendable {
            let lock = NSLock()
            var error: (any Error)?
        }
        let failure = Failure()
        let sample = measure {
            DispatchQueue.concurrentPerform(iterations: copies) { _ in
                do {
                    _ = try estimateOnce(paths, parallelism: 1)
                } catch {
                    failure.lock.withLock { failure.error = error }
                }
            }
        }
        if let error = failure.error { throw error }
        return sample
    }

    /// `estimate` of `paths` on one core and on every core in turn, `repeats` times (so that
    /// a slow spell of the machine, seconds long here, falls on both rather than on one):
    /// the best of each, and the profiles of their last runs.
    static func oneAndEveryCore(_ paths: [String], repeats: Int, alongside: [() throws -> Sample] = []) throws -> (
        one: Sample, all: Sample, oneProfile: VolumeProfile?, allProfile: VolumeProfile?, alongside: [Sample]
    ) {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        var (oneProfile, allProfile): (VolumeProfile?, VolumeProfile?)
        let samples = try inTurn(
            repeats,
            [
                { try measure { oneProfile = try estimateOnce(paths, parallelism: 1) } },
                { try measure { allProfile = try estimateOnce(paths, parallelism: cores) } },
            ] + alongside)
        return (samples[0], samples[1], oneProfile, allProfile, Array(samples.dropFirst(2)))
    }

    /// Prints the best times of `estimate` over `paths` on one core and on every core, run
    /// in turn 15 times in this process: `one WALL/CPU all WALL/CPU speedup RATIO`.
    static func printParallelPhases(_ paths: [String]) throws {
        let (one, all, _, _, _) = try oneAndEveryCore(paths, repeats: 15)
        print(
            String(
                format: "one %.1f/%.1f all %.1f/%.1f speedup %.2f", one.wall * 1000, one.cpu * 1000, all.wall * 1000,
                all.cpu * 1000, one.wall / all.wall))
    }

    /// Prints the best times of `estimate`'s phases on `trail` over 15 runs in this process:
    /// `phases read MS profile MS evaluate MS`.
    static func printEstimatePhases(_ trail: String) throws {
        let (setup, candidate) = stockCandidate()
        var best = (read: Double.infinity, profile: Double.infinity, evaluate: Double.infinity)
        for _ in 0..<15 {
            var builder = VolumeProfileBuilder()
            let read = try DecodeBenchmark.time { try builder.add(trails: [trail], parallelism: 1) }
            var made: VolumeProfile?
            let profileTime = DecodeBenchmark.time { made = builder.profile(talkersInOrder: false) }
            guard let profile = made else { continue }
            let evaluate = DecodeBenchmark.time { _ = setup.estimator().evaluate(candidate, on: profile) }
            best = (min(best.read, read), min(best.profile, profileTime), min(best.evaluate, evaluate))
        }
        print(
            String(
                format: "phases read %.1f profile %.1f evaluate %.1f", best.read * 1000, best.profile * 1000,
                best.evaluate * 1000))
    }

    /// The stock candidate the estimate passes evaluate, with its setup.
    static func stockCandidate() -> (EstimateSetup, EstimateCandidate) {
        let setup = EstimateSetup(
            control: nil, classes: .builtIn(.macos), events: .builtIn(.macos), dialect: .macos, notes: [])
        let candidate = EstimateCandidate(
            label: "stock", control: nil, flags: "lo,aa", naflags: "lo,aa", policy: "cnt,argv",
            classes: setup.classes, dialect: .macos)
        return (setup, candidate)
    }

    /// Output written to /dev/null in 64 KiB pieces, as the commands' standard output is.
    struct NullOutput {
        let fd: Int32
        var buffer: [UInt8] = []

        mutating func flushIfFull() {
            if buffer.count >= 1 << 16 { flush() }
        }

        mutating func flush() {
            _ = buffer.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            buffer.removeAll(keepingCapacity: true)
        }
    }

    static func withNullOutput(_ body: (inout NullOutput) throws -> Void) throws {
        let fd = open("/dev/null", O_WRONLY)
        guard fd >= 0 else { throw AuditLintError.unreadable("/dev/null", reason: "cannot open") }
        defer { close(fd) }
        var output = NullOutput(fd: fd)
        output.buffer.reserveCapacity(1 << 17)
        try body(&output)
        output.flush()
    }

    // MARK: Timing

    static func measure(_ body: () throws -> Void) rethrows -> Sample {
        let cpu = EstimateBenchmark.cpuSeconds()
        let wall = try DecodeBenchmark.time(body)
        return Sample(wall: wall, cpu: EstimateBenchmark.cpuSeconds() - cpu)
    }

    /// Runs `passes` in turn, one after another, `repeats` rounds: the best of each.
    static func inTurn(_ repeats: Int, _ passes: [() throws -> Sample]) throws -> [Sample] {
        var best = Array(repeating: Sample(), count: passes.count)
        for _ in 0..<repeats {
            for (index, pass) in passes.enumerated() { best[index].keepBest(try pass()) }
        }
        return best
    }

    #if canImport(Glibc)
        static let rusageChildren = __rusage_who_t(RUSAGE_CHILDREN.rawValue)
    #else
        static let rusageChildren = RUSAGE_CHILDREN
    #endif

    /// The wall time of `body` and the CPU time of the child processes it waited for.
    static func childCPU(_ body: () throws -> Void) rethrows -> Sample {
        func children() -> Double {
            var usage = rusage()
            getrusage(rusageChildren, &usage)
            func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
            return seconds(usage.ru_utime) + seconds(usage.ru_stime)
        }
        let before = children()
        let wall = try DecodeBenchmark.time(body)
        return Sample(wall: wall, cpu: children() - before)
    }

    // MARK: The trails

    /// Synthesises the laptop workload to about `targetBytes` into `directory`: the trail,
    /// its first ~40 MB (whole records) and, with `withParts`, the same trail as
    /// ``partCount`` files.
    static func synthesize(in directory: String, targetBytes: Int, withParts: Bool) throws -> Trails {
        let volume = Workload.laptop.volume(flags: "all")
        let days = Double(targetBytes) / volume.bytesPerDay
        let synthesizer = try TrailSynthesizer(
            TrailSynthesizer.Options(
                workload: .laptop, durationSeconds: min(days * 86_400, TrailSynthesizer.maximumDuration), seed: 11))
        var trails = Trails(directory: directory, full: directory + "/laptop.bsm", cut: directory + "/laptop-cut.bsm")
        let full = try RawFile(trails.full)
        let cut = try RawFile(trails.cut)
        var part: RawFile?
        let partSize = targetBytes / partCount + 1
        let summary = try synthesizer.generate { chunk in
            try full.write(chunk)
            if trails.cutBytes + chunk.count <= cutTarget {
                try cut.write(chunk)
                trails.cutBytes += chunk.count
            }
            if withParts {
                if part == nil || part!.written >= partSize {
                    let name = directory + String(format: "/parts/%02d.bsm", trails.parts.count)
                    if trails.parts.isEmpty {
                        try FileManager.default.createDirectory(
                            atPath: directory + "/parts", withIntermediateDirectories: true)
                    }
                    part = try RawFile(name)
                    trails.parts.append(name)
                }
                try part!.write(chunk)
            }
        }
        trails.fullBytes = summary.bytes
        trails.records = summary.records
        return trails
    }

    /// A file written with `write(2)`, flushed to the disk and closed when released (so that
    /// the kernel does not write the trails back while they are measured).
    final class RawFile {
        let fd: Int32
        let path: String
        private(set) var written = 0

        init(_ path: String) throws {
            self.path = path
            fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
            guard fd >= 0 else { throw AuditLintError.writeFailed(path, reason: String(cString: strerror(errno))) }
        }

        deinit {
            fsync(fd)
            close(fd)
        }

        func write(_ bytes: [UInt8]) throws {
            let n = bytes.withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
            guard n == bytes.count else { throw AuditLintError.writeFailed(path, reason: "short write") }
            written += n
        }
    }
}

/// The C reference walk (Benchmarks/reference-walk/bsmwalk.c), compiled with `cc -O2` into
/// a temporary directory at run time.
struct ReferenceWalk {
    let executable: String?
    let failure: String

    /// Compiles the walk into `directory`; `executable` is nil (and `failure` says why) when
    /// there is no C compiler or no source.
    init(directory: String) {
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("reference-walk/bsmwalk.c").path
        guard FileManager.default.fileExists(atPath: source) else {
            executable = nil
            failure = "the source \(source) is missing"
            return
        }
        let compiler = ["/usr/bin/cc", "/usr/local/bin/cc", "/usr/bin/clang", "/usr/bin/gcc"].first {
            FileManager.default.isExecutableFile(atPath: $0)
        }
        guard let compiler else {
            executable = nil
            failure = "no C compiler"
            return
        }
        let output = directory + "/bsmwalk"
        do {
            try DecodeBenchmark.runToNull(compiler, ["-O2", "-o", output, source])
            executable = output
            failure = ""
        } catch {
            executable = nil
            failure = "\(compiler) -O2 failed: \(error)"
        }
    }

    /// `body(self)` when the walk was built, else nil.
    func map<T>(_ body: (ReferenceWalk) throws -> T) rethrows -> T? {
        executable == nil ? nil : try body(self)
    }

    /// One walk of `trail`: its CPU time (a child process's) and its counts line.
    func walkOnce(_ trail: String) throws -> (sample: TrailBenchmark.Sample, counts: String) {
        guard let executable else { throw AuditLintError.invalidInput("reference unavailable: \(failure)") }
        var counts = ""
        let sample = try TrailBenchmark.childCPU {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = [trail]
            let pipe = Pipe()
            process.standardOutput = pipe
            try process.run()
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else {
                throw AuditLintError.invalidInput("bsmwalk exited with status \(process.terminationStatus)")
            }
            counts = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        return (sample, counts)
    }
}
