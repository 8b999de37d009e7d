import ArgumentParser
import AuditLintKit
import AuditLintRules
import Foundation

// Every option value is one of these types, parsed once where ArgumentParser reads it.
// Options are declared with `transform:` (the parsers below) so that a refused value's
// error names the option and says why: "The value '0' is invalid for '--disk-size <size>':
// must be from 1 bytes to …". The conformances serve ArgumentParser wherever a value is
// parsed without a transform.

extension Dialect: ExpressibleByArgument {}
extension ComplianceProfile: ExpressibleByArgument {}
extension ComplianceOptions.CISRelease: ExpressibleByArgument {}
extension ComplianceOptions.STIGRelease: ExpressibleByArgument {}
extension ComplianceOptions.FMMode: ExpressibleByArgument {}
extension ComplianceOptions.HaltPolicy: ExpressibleByArgument {}
extension OutputFormat: ExpressibleByArgument {}
extension FailOn: ExpressibleByArgument {}
extension CapacityReportFormat: ExpressibleByArgument {}
extension TuningStatusFormat: ExpressibleByArgument {}
extension ExpireAfter.Combinator: ExpressibleByArgument {}

extension Workload: ExpressibleByArgument {
    public init?(argument: String) {
        guard let workload = Workload.named(argument) else { return nil }
        self = workload
    }

    public static var allValueStrings: [String] { all.map(\.name) }
}

/// A value type with a parser whose errors say why a value is refused.
protocol ParsedArgument: ExpressibleByArgument {
    static func parse(_ text: String) throws -> Self
}

extension ParsedArgument {
    init?(argument: String) {
        guard let value = try? Self.parse(argument) else { return nil }
        self = value
    }
}

extension ByteSize: ExpressibleByArgument {
    public init?(argument: String) {
        guard let value = try? ByteSize(parsing: argument) else { return nil }
        self = value
    }

    /// Any size from 0.
    static func parse(_ text: String) throws -> ByteSize { try ByteSize(parsing: text) }
    /// A size of at least one byte.
    static func positive(_ text: String) throws -> ByteSize { try ByteSize(parsing: text, in: 1...maximum) }
    /// A filesystem block size: 1 byte to 1 GiB.
    static func blockSize(_ text: String) throws -> ByteSize { try ByteSize(parsing: text, in: 1...(1 << 30)) }
    /// A mean record size: 1 byte to 1 MiB.
    static func recordSize(_ text: String) throws -> ByteSize { try ByteSize(parsing: text, in: 1...(1 << 20)) }
    /// The largest record a trail reader accepts: 64 bytes to 256 MiB (its read window is
    /// that much plus 1 MiB, allocated once).
    static func recordLimit(_ text: String) throws -> ByteSize { try ByteSize(parsing: text, in: 64...(1 << 28)) }
}

extension ByteRate: ExpressibleByArgument {
    public init?(argument: String) {
        guard let value = try? ByteRate(parsing: argument) else { return nil }
        self = value
    }

    static func parse(_ text: String) throws -> ByteRate { try ByteRate(parsing: text) }
}

extension DailyGrowth: ExpressibleByArgument {
    public init?(argument: String) {
        guard let value = try? DailyGrowth(parsing: argument) else { return nil }
        self = value
    }

    static func parse(_ text: String) throws -> DailyGrowth { try DailyGrowth(parsing: text) }
}

extension TimeSpan: ExpressibleByArgument {
    public init?(argument: String) {
        guard let value = try? TimeSpan(parsing: argument) else { return nil }
        self = value
    }

    /// More than 0 and at most 100 years (the capacity model's limit).
    static func parse(_ text: String) throws -> TimeSpan { try TimeSpan(parsing: text) }
    /// A retention: more than 0 and at most 50 years (a simulation covers twice it).
    static func retention(_ text: String) throws -> TimeSpan { try TimeSpan(parsing: text, maximum: 50 * year) }
    /// An age term of expire-after: 0 (none) to 100 years.
    static func age(_ text: String) throws -> TimeSpan { try TimeSpan(parsing: text, allowZero: true) }
    /// A synthesized trail's length: more than 0 and at most 366 days.
    static func trailLength(_ text: String) throws -> TimeSpan { try TimeSpan(parsing: text, maximum: 366 * 86_400) }
}

extension DiskBudget: ExpressibleByArgument {
    public init?(argument: String) {
        guard let value = try? DiskBudget(parsing: argument) else { return nil }
        self = value
    }

    static func parse(_ text: String) throws -> DiskBudget { try DiskBudget(parsing: text) }
}

extension HourlyWeights: ExpressibleByArgument {
    public init?(argument: String) {
        guard let value = try? HourlyWeights(parsing: argument) else { return nil }
        self = value
    }

    static func parse(_ text: String) throws -> HourlyWeights { try HourlyWeights(parsing: text) }
}

extension PointInTime: ExpressibleByArgument {
    public init?(argument: String) {
        guard let value = try? PointInTime.parse(argument) else { return nil }
        self = value
    }

    static func parse(_ text: String) throws -> PointInTime {
        try PointInTime(parsing: text, now: Int64(Date().timeIntervalSince1970))
    }
}

/// Whole-number options.
enum Count {
    /// How many items to list: 1 to 1000.
    static func listed(_ text: String) throws -> Int { try BoundedInteger.parse(text, in: 1...1000) }
    /// A percentage: 0 to 100.
    static func percent(_ text: String) throws -> Int { try BoundedInteger.parse(text, in: 0...100) }
    /// The kernel queue's high-water mark: 1 to 1048576.
    static func queueSize(_ text: String) throws -> Int { try BoundedInteger.parse(text, in: 1...(1 << 20)) }
}

/// A rule id for `--enable` and `--disable`: one the catalog has.
struct RuleID: ParsedArgument, Hashable {
    let id: String

    static func parse(_ text: String) throws -> RuleID {
        guard MetaRules.isRuleID(text) else {
            throw OptionValueError(
                "not a rule id (ids are AC and three digits, such as AC105); `auditlint rules` lists them")
        }
        guard RuleCatalog.description(text) != nil else {
            throw OptionValueError("no such rule; `auditlint rules` lists them")
        }
        return RuleID(id: text)
    }
}

/// `ID=LEVEL` for `--severity`.
struct SeverityOverride: ParsedArgument {
    let id: String
    let severity: Severity

    static func parse(_ text: String) throws -> SeverityOverride {
        let parts = text.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 2, let severity = Severity(rawValue: parts[1]) else {
            throw OptionValueError("write ID=LEVEL such as AC105=warning (levels error, warning, note)")
        }
        return SeverityOverride(id: try RuleID.parse(parts[0]).id, severity: severity)
    }
}

extension ComplianceProfile {
    /// A compliance profile by name; a file in its place was meant for `--volume-profile`.
    static func parse(_ text: String) throws -> ComplianceProfile {
        if let profile = ComplianceProfile(rawValue: text) { return profile }
        let names = allCases.map(\.name).joined(separator: ", ")
        if text.contains("/") || text.hasSuffix(".json") || FileManager.default.fileExists(atPath: text) {
            throw OptionValueError(
                "--profile names a compliance profile (\(names)); for a saved volume profile, did you mean --volume-profile?"
            )
        }
        throw OptionValueError("no such compliance profile; use \(names)")
    }
}
