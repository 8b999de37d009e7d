import AuditLintKit
import Foundation

// Benchmarks for auditlint. Each benchmark prints one line of figures.
// Run: swift run -c release auditlint-bench [name…]   (no name: all of them)
// Add a benchmark as a `static func run() throws -> String` in its own file, listed here.
let benchmarks: [(name: String, run: () throws -> String)] = [
    ("capacity", CapacityBenchmark.run),
]

print("auditlint-bench \(AuditLintTool.version)")
let requested = Array(CommandLine.arguments.dropFirst())
if let unknown = requested.first(where: { name in !benchmarks.contains { $0.name == name } }) {
    FileHandle.standardError.write(
        Data("unknown benchmark '\(unknown)'; known: \(benchmarks.map(\.name).joined(separator: ", "))\n".utf8))
    exit(2)
}
for benchmark in benchmarks where requested.isEmpty || requested.contains(benchmark.name) {
    do {
        print("\(benchmark.name): \(try benchmark.run())")
    } catch {
        FileHandle.standardError.write(Data("\(benchmark.name): \(error)\n".utf8))
        exit(3)
    }
}
