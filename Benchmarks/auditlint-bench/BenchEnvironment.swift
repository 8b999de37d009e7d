import AuditLintKit
import Foundation

/// The benchmarks' settings from the environment (`auditlint-bench --help` lists them).
enum BenchEnvironment {
    /// The variables that hold a count.
    static let counts = ["AUDITLINT_BENCH_REPEAT", "AUDITLINT_BENCH_HOSTS"]

    /// Refuses a bad count before any benchmark runs (not after minutes of others).
    static func check() throws {
        for name in counts { _ = try count(name, default: 1) }
    }

    /// The whole number `name` holds, at least 1, or `fallback` when it is unset or empty;
    /// any other value is refused, naming the variable, rather than silently ignored.
    static func count(_ name: String, default fallback: Int) throws -> Int {
        guard let text = ProcessInfo.processInfo.environment[name], !text.isEmpty else { return fallback }
        guard let value = Int(text), value >= 1 else {
            throw AuditLintError.invalidInput("\(name)=\(text): give a whole number of at least 1, or unset it")
        }
        return value
    }
}
