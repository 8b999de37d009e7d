import AuditLintKit
import Foundation

// Benchmarks for auditlint. Each benchmark prints its figures.
// Run: swift run -c release auditlint-bench [name…]   (no name: all of them)
// decode also reads PRAUDIT=/path/to/praudit (compare with praudit -r) and
// AUDITLINT_BENCH_LARGE=1 (a 2 GiB trail, with peak memory). trail judges issue 11's trail
// targets against the C walk in Benchmarks/reference-walk (PRAUDIT, AUDITLINT_BENCH_LARGE and
// AUDITLINT_BENCH_REPEAT (runs per figure, default 3; rounds of its passes for trail, default 7)).
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

let requested = Array(CommandLine.arguments.dropFirst())
if requested.first == TrailBenchmark.passArgument {
    // One pass of the trail benchmark in a process of its own (for its peak memory).
    do { try TrailBenchmark.passMain(Array(requested.dropFirst())) } catch {
        FileHandle.standardError.write(Data("trail-pass: \(error)\n".utf8))
        exit(3)
    }
    exit(0)
}
print("auditlint-bench \(AuditLintTool.version)")
if let unknown = requested.first(where: { name in !benchmarks.contains { $0.name == name } }) {
    FileHandle.standardError.write(
        Data("unknown benchmark '\(unknown)'; known: \(benchmarks.map(\.name).joined(separator: ", "))\n".utf8))
    exit(2)
}
for benchmark in benchmarks where requested.isEmpty || requested.contains(benchmark.name) {
    do {
        try benchmark.run()
    } catch {
        FileHandle.standardError.write(Data("\(benchmark.name): \(error)\n".utf8))
        exit(3)
    }
}
