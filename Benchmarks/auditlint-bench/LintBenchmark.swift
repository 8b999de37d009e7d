import AuditLintKit
import AuditLintRules
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `auditlint lint` at fleet scale: 1,000 and 10,000 generated configuration directories
/// linted end to end (discovery, loading, the rules, suppressions, the text reporter
/// writing to a sink), each run in a fresh process of this benchmark so its peak memory
/// is its own. Targets: 10,000 directories in < 2 s of CPU time (one core; wall time is
/// shown too) with a peak RSS < 64 MB, and a cost
/// that grows linearly (the cost per directory at 10,000 within 1.25× of that at 1,000).
///
/// The directories are a fleet made from templates of the stock keys with varied values
/// (see ``controlText(_:_:)``: flags, minfree, policy, filesz, expire-after, suppression
/// comments, mistakes, drifted hosts, a few always-low disks), one in ten has an audit_class,
/// one in twenty an audit_event (the built-in tables written out), one in five an
/// audit_user; when `../shared/data/real-world/audit_control` is present, one directory in
/// seven holds one of those files, read at run time.
enum LintBenchmark {
    /// The environment variable that makes the child hold the whole run to the end.
    static let heldVariable = "AUDITLINT_BENCH_LINT_HELD"
    /// The environment variable that makes this process the measured child: the directory.
    static let childVariable = "AUDITLINT_BENCH_LINT_CHILD"

    static func run() throws {
        if let request = ProcessInfo.processInfo.environment[childVariable] {
            try child(request)
            return
        }
        // AUDITLINT_BENCH_LINT_TREE=DIR keeps the generated trees in DIR (to profile
        // `auditlint lint DIR/10000` on its own); otherwise they are deleted at the end.
        let kept = ProcessInfo.processInfo.environment["AUDITLINT_BENCH_LINT_TREE"]
        let root = kept ?? NSTemporaryDirectory() + "auditlint-bench-lint-\(getpid())"
        defer { if kept == nil { try? FileManager.default.removeItem(atPath: root) } }
        let realWorld = realWorldControls()
        var figures: [Int: (seconds: Double, rssKB: Int)] = [:]
        for count in [1_000, 10_000] {
            let directory = root + "/\(count)"
            let written = try makeTree(at: directory, count: count, realWorld: realWorld)
            print(
                "lint: \(count) directories, \(written.files) files, \(written.bytes) bytes (\(realWorld.count) real-world audit_control files mixed in)"
            )
            var best: (seconds: Double, rssKB: Int, line: String)?
            for _ in 0..<3 {
                let measured = try measure(directory: directory)
                if best == nil || measured.seconds < best!.seconds { best = measured }
            }
            figures[count] = (best!.seconds, best!.rssKB)
            print("lint: \(count) directories: \(best!.line)")
        }
        let small = figures[1_000]!
        let large = figures[10_000]!
        // The reference from the same run: the 10,000 directories loaded, linted and rendered
        // as one result held to the end (the library's load-then-lint path).
        let held = try measure(directory: root + "/10000", held: true)
        print("lint: 10000 directories held to the end (reference): \(held.line)")
        let timeMet = large.seconds < 2
        let memoryMet = large.rssKB < 64 * 1024
        let growth = (large.seconds / 10_000) / (small.seconds / 1_000)
        print(
            String(
                format: "lint 10,000 directories: %.2f s of CPU time (target < 2 s; CPU, as the machine is shared) %@",
                large.seconds,
                timeMet ? "met" : "NOT met"))
        print(
            String(
                format: "lint 10,000 directories peak RSS: %.1f MB (target < 64 MB) %@", Double(large.rssKB) / 1024,
                memoryMet ? "met" : "NOT met"))
        print(
            String(
                format:
                    "lint scaling: %.1f µs per directory at 10,000 against %.1f µs at 1,000, %.2f× (target ≤ 1.25×, linear) %@",
                large.seconds / 10_000 * 1e6, small.seconds / 1_000 * 1e6, growth, growth <= 1.25 ? "met" : "NOT met"))
    }

    /// Runs this executable again as the child that lints `directory`; its last line of
    /// output carries the figures (CPU seconds, user and system, and the peak RSS; the wall
    /// time is shown beside them, as the machine may be shared).
    static func measure(directory: String, held: Bool = false) throws -> (seconds: Double, rssKB: Int, line: String) {
        let process = Process()
        process.executableURL = Bundle.main.executableURL
        process.arguments = ["lint"]
        var environment = ProcessInfo.processInfo.environment
        environment[childVariable] = directory
        environment[heldVariable] = held ? "1" : nil
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 || process.terminationStatus == 1,
            let last = output.split(separator: "\n").last, last.hasPrefix("child ")
        else {
            throw AuditLintError.invalidInput(
                "lint benchmark: the child failed (\(process.terminationStatus)): \(output)")
        }
        let fields = last.split(separator: " ")
        guard fields.count >= 3, let seconds = Double(fields[1]), let rss = Int(fields[2]) else {
            throw AuditLintError.invalidInput("lint benchmark: unexpected child output: \(last)")
        }
        let line = String(
            format: "%.3f s CPU, peak RSS %.1f MB, %@", seconds, Double(rss) / 1024,
            fields.dropFirst(3).joined(separator: " "))
        return (seconds, rss, line)
    }

    /// The measured child: lints `directory` as `auditlint lint DIRECTORY` does (text to a
    /// sink that counts bytes), then prints `child SECONDS PEAK_KB …`.
    static func child(_ directory: String) throws {
        let clock = ContinuousClock()
        var bytes = 0
        var status: Int32 = 0
        let cpuBefore = EstimateBenchmark.cpuSeconds()
        let held = ProcessInfo.processInfo.environment[heldVariable] != nil
        let elapsed = try clock.measure {
            status =
                try held ? lintHeld(directory) { bytes += $0.utf8.count } : lint(directory) { bytes += $0.utf8.count }
        }
        let cpu = EstimateBenchmark.cpuSeconds() - cpuBefore
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        print(
            "child \(cpu) \((PeakMemory.bytes() ?? 0) / 1024) \(String(format: "%.3f", seconds)) s wall, \(bytes) bytes of text output, exit status \(status)"
        )
    }

    /// The lint entry point of the `lint` command (``LintRunner/run(_:capacity:extraRules:extra:baseline:baselineDirectory:unbounded:each:)``
    /// with the text stream): discovery, loading, rules, suppressions, the text reporter;
    /// `write` receives the output.
    static func lint(_ directory: String, write: @escaping (String) throws -> Void) throws -> Int32 {
        let workingDirectory = FileManager.default.currentDirectoryPath
        let settings = Settings(file: nil)
        let runner = LintRunner(rules: RuleCatalog.all, settings: settings, workingDirectory: workingDirectory)
        var stream = LintReportStream(
            format: .text, options: ReportOptions(paths: PathContext(workingDirectory: workingDirectory)), write: write)
        let totals = try runner.run([directory]) { try stream.add($0) }
        try stream.finish(totals)
        return totals.exitStatus(failOn: settings.failOn.value)
    }

    /// ``lint(_:write:)`` with every configuration loaded first and one result rendered at the end.
    static func lintHeld(_ directory: String, write: (String) throws -> Void) throws -> Int32 {
        let workingDirectory = FileManager.default.currentDirectoryPath
        let settings = Settings(file: nil)
        let runner = LintRunner(rules: RuleCatalog.all, settings: settings, workingDirectory: workingDirectory)
        let result = runner.lint(try runner.load([directory]))
        let shown = result.boundedForReport(settings: settings, workingDirectory: workingDirectory)
        try write(
            OutputFormat.text.render(
                shown, options: ReportOptions(paths: PathContext(workingDirectory: workingDirectory))))
        return result.exitStatus(failOn: settings.failOn.value)
    }

    /// The real-world audit_control files of `../shared` (the package's sibling), when present.
    static func realWorldControls() -> [[UInt8]] {
        let directory = FileManager.default.currentDirectoryPath + "/../shared/data/real-world/audit_control"
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return [] }
        return names.sorted().compactMap { name in
            guard !name.hasSuffix(".md") else { return nil }
            return FileManager.default.contents(atPath: directory + "/" + name).map { Array($0) }
        }
    }

    /// Writes `count` configuration directories under `root` (a hundred per group folder).
    static func makeTree(at root: String, count: Int, realWorld: [[UInt8]]) throws -> (files: Int, bytes: Int) {
        let classesText = AuditClassTable.builtIn(.macos).classes.map {
            String(format: "0x%08x:", $0.mask) + "\($0.name):\($0.description)\n"
        }.joined()
        let eventsText = AuditEventTable.builtIn(.macos).events.map {
            "\($0.number):\($0.name):\($0.description):\($0.classesText)\n"
        }.joined()
        var random = SeededRandom(seed: 0x5EED_0011)
        var files = 0
        var bytes = 0
        func write(_ contents: [UInt8], _ path: String) throws {
            guard FileManager.default.createFile(atPath: path, contents: Data(contents)) else {
                throw AuditLintError.writeFailed(path, reason: "cannot create the benchmark file")
            }
            files += 1
            bytes += contents.count
        }
        for index in 0..<count {
            let directory = root + String(format: "/g%03d/host%05d", index / 100, index)
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let control =
                !realWorld.isEmpty && index % 7 == 3
                ? realWorld[(index / 7) % realWorld.count] : Array(controlText(index, &random).utf8)
            try write(control, directory + "/audit_control")
            if index % 10 == 1 {
                let extra = index % 30 == 1 ? "0x10000000:zz:site class\n" : ""
                try write(Array((classesText + extra).utf8), directory + "/audit_class")
            }
            if index % 20 == 2 { try write(Array(eventsText.utf8), directory + "/audit_event") }
            if index % 5 == 4 {
                let users = ["root:lo:no\n", "root:lo:no\nadmin:lo,ad:no\n", "root:lo:no\nbad:xx:no\n"]
                try write(Array(users[index % users.count].utf8), directory + "/audit_user")
            }
        }
        return (files, bytes)
    }

    /// One host's audit_control. A fleet is managed from templates: most hosts take one of
    /// 24 site templates (values drawn once from realistic choices, the real-world files'
    /// minfree among them) with per-host touches that change nothing auditd computes
    /// (comments, `host:`, a second `dir:`, a suppression comment, `qsize`); one host in
    /// twenty has drifted (each value drawn on its own, mistakes included); one in a
    /// thousand has a minfree above the assumed free space, so its disk is always "low"
    /// and its capacity simulation rotates every 30 s (the model's worst case).
    static func controlText(_ index: Int, _ random: inout SeededRandom) -> String {
        let flags = ["lo,aa", "lo,aa,ad,fd,fm,-all", "all", "lo,ad,-fr,-fw", "lo,aa,ex", "lo,xx", "lo,aa,ad,ex"]
        let minfree = ["5", "5", "10", "20", "25", "2", "0"]
        let naflags = ["lo,aa", "lo", "lo,aa,ad", "all"]
        let policy = ["cnt,argv", "ahlt,argv", "cnt", "argv,arge", "cnt,argv,zz"]
        let filesz = ["2M", "0", "10M", "1G", "512K", "2M", "50M"]
        let expire = ["10M", "30d", "60d AND 5G", "10M OR 7d", "1G", "90d"]
        func pick(_ choices: [String], _ seed: UInt64) -> String {
            var generator = SeededRandom(seed: seed)
            return choices[Int(generator.next() % UInt64(choices.count))]
        }
        // A template's values come from its number; a drifted host's from the sequence.
        let drifted = index % 20 == 7
        let template = UInt64(index % 24)
        func value(_ key: Int, _ choices: [String]) -> String {
            pick(choices, drifted ? random.next() : template &* 1_000_003 &+ UInt64(key))
        }
        var lines: [String] = []
        if index % 3 == 0 { lines.append("# audit_control of host \(index), managed by configuration management") }
        lines.append("dir:/var/audit")
        if index % 11 == 0 { lines.append("dir:/var/audit2") }
        lines.append("flags:" + value(1, flags))
        lines.append("minfree:" + (index % 1_000 == 999 ? "60" : value(2, minfree)))
        lines.append("naflags:" + value(3, naflags))
        if index % 13 == 5 {
            lines.append("# auditlint disable-next-line=AC301 -- fail-stop is required on this host")
        }
        lines.append("policy:" + value(4, policy))
        lines.append("filesz:" + value(5, filesz))
        lines.append("expire-after:" + value(6, expire))
        if index % 17 == 0 { lines.append("superuser-set-sflags-mask:has_authenticated,has_console_access") }
        if index % 19 == 0 { lines.append("host:host\(index).example.com") }
        if index % 23 == 0 { lines.append("qsize:64 # queue") }
        return lines.joined(separator: "\n") + "\n"
    }
}
