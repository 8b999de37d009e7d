import Foundation

/// Parsing and formatting of the quantities the capacity commands and rules take:
/// sizes, rates, durations and budgets.
///
/// Sizes are bare bytes or a number with a binary suffix `K`, `M`, `G` or `T`
/// (1K = 1024, as OpenBSM reads `filesz`); an optional trailing `B` or `iB` is accepted.
/// Rates are a size per `day` (or `d`) or per `h` (or `hour`), e.g. `2G/day`.
/// Durations are a number with `s`, `m`, `h` or `d` (a bare number is seconds).
/// Budgets (``parseBudget(_:option:)``, beside ``CapacityBudget`` in Capacity) are a
/// percentage of the disk (`5%`) or a size (`20G`).
/// Every parser throws ``AuditLintError/invalidInput(_:)`` naming the option and the value.
public enum Quantity {
    /// The binary multiplier of each size suffix.
    static let sizeSuffixes: [Character: Double] = [
        "K": 1024, "M": 1024 * 1024, "G": 1024 * 1024 * 1024, "T": 1024 * 1024 * 1024 * 1024,
    ]

    /// Parses a size in bytes (`4096`, `2M`, `1.5G`).
    ///
    /// - Parameter option: the option or field the value came from, for the error message.
    public static func parseSize(_ text: String, option: String) throws -> Int64 {
        let value = text.trimmingCharacters(in: .whitespaces)
        guard let bytes = sizeValue(value) else {
            throw AuditLintError.invalidInput(
                "\(option): invalid size '\(text)'; give bytes or a number with K, M, G or T "
                    + "(binary: 1K = 1024), e.g. 4096 or 20G")
        }
        return bytes
    }

    /// Parses a rate in bytes per second from `SIZE/day` or `SIZE/h`.
    public static func parseRate(_ text: String, option: String) throws -> Double {
        let value = text.trimmingCharacters(in: .whitespaces)
        let parts = value.split(separator: "/", omittingEmptySubsequences: false)
        let periods: [String: Double] = ["day": 86_400, "d": 86_400, "h": 3_600, "hour": 3_600]
        guard parts.count == 2, let seconds = periods[parts[1].lowercased()],
            let bytes = sizeValue(String(parts[0]))
        else {
            throw AuditLintError.invalidInput(
                "\(option): invalid rate '\(text)'; give a size per day or per hour, e.g. 2G/day or 80M/h")
        }
        return Double(bytes) / seconds
    }

    /// Parses a daily growth in bytes per day from a rate that may be negative
    /// (`1G/day`, `-500M/day`; write `--option=-1G/day` on the command line).
    public static func parseGrowth(_ text: String, option: String) throws -> Int64 {
        let value = text.trimmingCharacters(in: .whitespaces)
        let shrinking = value.hasPrefix("-")
        let rate = try parseRate(shrinking ? String(value.dropFirst()) : value, option: option)
        guard rate * 86_400 <= 1e18 else {
            throw AuditLintError.invalidInput("\(option): '\(text)' is too large; give at most 1E bytes a day")
        }
        return Int64((rate * 86_400).rounded()) * (shrinking ? -1 : 1)
    }

    /// Parses a duration in seconds (`90d`, `12h`, `30m`, `45s`, `3600`).
    public static func parseDuration(_ text: String, option: String) throws -> Double {
        let value = text.trimmingCharacters(in: .whitespaces)
        let units: [Character: Double] = ["s": 1, "m": 60, "h": 3_600, "d": 86_400]
        var number = Substring(value)
        var unit = 1.0
        if let last = value.last?.lowercased().first, let multiplier = units[last] {
            number = value.dropLast()
            unit = multiplier
        }
        guard let amount = decimal(number), (amount * unit).isFinite, amount * unit <= 1e12 else {
            throw AuditLintError.invalidInput(
                "\(option): invalid duration '\(text)'; give a number with s, m, h or d, e.g. 90d or 12h")
        }
        return amount * unit
    }

    /// Parses `a,b,…` into exactly 24 non-negative weights, not all zero.
    public static func parseHourlyWeights(_ text: String, option: String) throws -> [Double] {
        let fields = text.split(separator: ",", omittingEmptySubsequences: false)
        let weights = fields.compactMap { decimal($0.trimmingCharacters(in: .whitespaces)[...]) }
        guard fields.count == 24, weights.count == 24, weights.contains(where: { $0 > 0 }) else {
            throw AuditLintError.invalidInput(
                "\(option): expected 24 comma-separated non-negative weights (one per UTC hour, "
                    + "00 to 23), not all zero; got '\(text)'")
        }
        return weights
    }

    /// A size's bytes, or nil when it is not a size or is out of range (more than 2^62 bytes).
    static func sizeValue(_ text: String) -> Int64? {
        var body = Substring(text)
        if body.hasSuffix("iB") {
            body = body.dropLast(2)
            guard let last = body.last, sizeSuffixes[Character(last.uppercased())] != nil else { return nil }
        } else if body.hasSuffix("B") || body.hasSuffix("b") {
            body = body.dropLast()
        }
        var multiplier = 1.0
        if let last = body.last, let factor = sizeSuffixes[Character(last.uppercased())] {
            multiplier = factor
            body = body.dropLast()
        }
        guard let number = decimal(body) else { return nil }
        if multiplier == 1, number.rounded(.towardZero) != number { return nil }
        let bytes = (number * multiplier).rounded()
        guard bytes <= 4.6e18 else { return nil }
        return Int64(bytes)
    }

    /// A non-negative decimal number (digits with an optional fraction), or nil.
    static func decimal(_ text: Substring) -> Double? {
        guard !text.isEmpty, text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }),
            text.filter({ $0 == "." }).count <= 1, text.first != ".", text.last != "."
        else { return nil }
        return Double(text)
    }

    /// A size in binary units for people: `512 B`, `4.5 KiB`, `12 MiB`, `1.2 GiB`.
    public static func formatSize(_ bytes: Int64) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"]
        var value = Double(bytes.magnitude)
        var unit = 0
        while value.rounded() >= 1024, unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        let sign = bytes < 0 ? "-" : ""
        if unit == 0 { return "\(sign)\(bytes.magnitude) B" }
        let text = value < 9.95 ? String(format: "%.1f", value) : String(format: "%.0f", value)
        return "\(sign)\(text.hasSuffix(".0") ? String(text.dropLast(2)) : text) \(units[unit])"
    }

    /// A duration for people, in the largest unit that keeps it at least 1:
    /// `45 seconds`, `17 minutes`, `5.5 hours`, `23 days`.
    public static func formatDuration(_ seconds: Double) -> String {
        let steps: [(Double, String)] = [(86_400, "day"), (3_600, "hour"), (60, "minute"), (1, "second")]
        for (size, name) in steps where seconds / size >= 0.995 || size == 1 {
            let value = seconds / size
            var text = value < 9.95 ? String(format: "%.1f", value) : String(format: "%.0f", value)
            if text.hasSuffix(".0") { text.removeLast(2) }
            return "\(text) \(name)\(text == "1" ? "" : "s")"
        }
        return "0 seconds"
    }
}
