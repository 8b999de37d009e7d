import Foundation

/// The grammar of sizes and decimals the option values share (``ByteSize``, ``ByteRate``,
/// ``TimeSpan``, ``DiskBudget``, …), and the formatting of sizes and durations for people.
///
/// Sizes are bare bytes or a number with a binary suffix `K`, `M`, `G` or `T`
/// (1K = 1024, as OpenBSM reads `filesz`); an optional trailing `B` or `iB` is accepted.
public enum Quantity {
    /// The binary multiplier of each size suffix.
    static let sizeSuffixes: [Character: Double] = [
        "K": 1024, "M": 1024 * 1024, "G": 1024 * 1024 * 1024, "T": 1024 * 1024 * 1024 * 1024,
    ]

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
        formattedSizes.value(bytes) { formatSizeOnce($0) }
    }

    /// ``formatSize(_:)`` computed (`String(format:)` costs far more than a look-up).
    static func formatSizeOnce(_ bytes: Int64) -> String {
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

    /// A size given as a floating-point number of bytes (a rate, a mean), rounded to whole
    /// bytes and held within Int64's range (NaN counts as 0).
    public static func formatSize(rounding bytes: Double) -> String {
        formatSize(Int64(saturating: bytes.rounded()))
    }

    /// A duration for people, in the largest unit that keeps it at least 1:
    /// `45 seconds`, `17 minutes`, `5.5 hours`, `23 days`.
    public static func formatDuration(_ seconds: Double) -> String {
        formattedDurations.value(seconds.bitPattern) { formatDurationOnce(Double(bitPattern: $0)) }
    }

    /// ``formatDuration(_:)`` computed.
    static func formatDurationOnce(_ seconds: Double) -> String {
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

extension Quantity {
    /// Formatted sizes and durations by their exact input (a duration by its bits, so `-0.0`
    /// is not `0.0`): a lint run states the same few figures for many configurations.
    static let formattedSizes = FormattedValues<Int64>()
    static let formattedDurations = FormattedValues<UInt64>()
}

/// Texts made from values, kept by value for the process; at most ``limit`` are kept
/// (all are dropped when it is reached), so memory stays bounded.
final class FormattedValues<Key: Hashable & Sendable>: @unchecked Sendable {
    static var limit: Int { 4_096 }
    private let lock = NSLock()
    private var texts: [Key: String] = [:]

    /// The text of `key`, made by `make` the first time.
    func value(_ key: Key, _ make: (Key) -> String) -> String {
        lock.lock()
        let known = texts[key]
        lock.unlock()
        if let known { return known }
        let text = make(key)
        lock.lock()
        defer { lock.unlock() }
        if texts.count >= Self.limit { texts.removeAll(keepingCapacity: true) }
        texts[key] = text
        return text
    }
}
