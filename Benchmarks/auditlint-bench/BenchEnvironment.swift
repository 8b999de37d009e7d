import AuditLintKit
import Foundation

/// The benchmarks' settings from the environment (`auditlint-bench --help` lists them).
enum BenchEnvironment {
    /// The variables that hold a count, and the one that holds a switch.
    static let counts = ["AUDITLINT_BENCH_REPEAT", "AUDITLINT_BENCH_HOSTS"]
    static let large = "AUDITLINT_BENCH_LARGE"

    /// Refuses a bad setting before any benchmark runs (not after minutes of others).
    static func check() throws {
        for name in counts { _ = try count(name, default: 1) }
        _ = try isOn(large)
    }

    /// Whether the switch `name` is on: `1` on, `0` or unset off; any other value is refused.
    static func isOn(_ name: String) throws -> Bool {
        switch ProcessInfo.processInfo.environment[name] ?? "" {
        case "1": return true
        case "", "0": return false
        case let text: throw AuditLintError.invalidInput("\(name)=\(text): give 1 (on) or 0 (off), or unset it")
        }
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
