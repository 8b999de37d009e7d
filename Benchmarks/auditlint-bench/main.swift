import AuditLintKit
import Foundation

// Benchmarks for auditlint. Each benchmark prints its figures.
// Run: swift run -c release auditlint-bench [name…]   (no name: all)

let benchmarks: [(name: String, run: () throws -> Void)] = [
    ("decode", DecodeBenchmark.run),
]

print("auditlint-bench \(AuditLintTool.version)")
let requested = Array(CommandLine.arguments.dropFirst())
for name in requested where !benchmarks.contains(where: { $0.name == name }) {
    FileHandle.standardError.write(Data("unknown benchmark \(name); known: \(benchmarks.map(\.name).joined(separator: ", "))\n".utf8))
    exit(2)
}
for benchmark in benchmarks where requested.isEmpty || requested.contains(benchmark.name) {
    try benchmark.run()
}
