import AuditLintKit
import Foundation

// Benchmarks for auditlint. Each benchmark prints its figures; `--help` says how to run them.
// Add a benchmark in its own file and list it here.
let benchmarks: [(name: String, run: () throws -> Void)] = [
    ("decode", DecodeBenchmark.run),
    ("estimate", EstimateBenchmark.run),
    ("capacity", { print("capacity: \(try CapacityBenchmark.run())") }),
    ("eslog", ESLogBenchmark.run),
    ("trail", TrailBenchmark.run),
    ("lint", LintBenchmark.run),
    ("fleet", FleetBenchmark.run),
]

let usage = """
    usage: auditlint-bench [NAME…]   (no NAME: every benchmark, in this order)

    benchmarks: \(benchmarks.map(\.name).joined(separator: ", "))

    Each prints its figures with their targets, met or not; trail times the trail commands
    against a C token walk (Benchmarks/reference-walk, compiled with cc -O2 when it runs).

    environment:
      PRAUDIT=/path/to/praudit        also time praudit -r (decode, trail)
      AUDITLINT_BENCH_LARGE=1         add the 2 GB trails and their peak memory (decode, trail)
      AUDITLINT_BENCH_REPEAT=N        runs of each capacity scenario (default 5), rounds of the
                                      trail passes (default 7); the best counts
      AUDITLINT_BENCH_TRAIL_DIR=DIR   keep trail's synthesised trails in DIR
      AUDITLINT_BENCH_LINT_TREE=DIR   keep lint's configuration trees in DIR
      AUDITLINT_BENCH_HOSTS=N         hosts in the fleet benchmark (default 10000)

    auditlint-bench trail-pass PASS TRAIL runs one pass of trail in this process (PASS:
    decode-raw, decode-jsonl, commands, estimate, estimate-files, estimate-parallel,
    estimate-phases, parallel-phases, frame, check), for profiling.

    Build with -c release: a debug build's figures mean nothing.
    """

let requested = Array(CommandLine.arguments.dropFirst())
if requested.contains(where: { ["-h", "--help", "help"].contains($0) }) {
    print(usage)
    exit(0)
}
if requested.first == TrailBenchmark.passArgument {
    // One pass of the trail benchmark in a process of its own (for its peak memory).
    do { try TrailBenchmark.passMain(Array(requested.dropFirst())) } catch {
        FileHandle.standardError.write(Data("trail-pass: \(error)\n".utf8))
        exit(3)
    }
    exit(0)
}
if let unknown = requested.first(where: { name in !benchmarks.contains { $0.name == name } }) {
    let known = benchmarks.map(\.name).joined(separator: ", ")
    FileHandle.standardError.write(
        Data("unknown benchmark '\(unknown)'; known: \(known) (auditlint-bench --help says more)\n".utf8))
    exit(2)
}
do { try BenchEnvironment.check() } catch {
    FileHandle.standardError.write(Data("\(error)\n".utf8))
    exit(2)
}
print("auditlint-bench \(AuditLintTool.version)")
for benchmark in benchmarks where requested.isEmpty || requested.contains(benchmark.name) {
    do {
        try benchmark.run()
    } catch {
        FileHandle.standardError.write(Data("\(benchmark.name): \(error)\n".utf8))
        exit((error as? AuditLintError)?.isUsageError == true ? 2 : 3)
    }
}
