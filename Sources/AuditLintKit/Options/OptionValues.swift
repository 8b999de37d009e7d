/// Typed values of command-line options, each parsed once and range-checked where it is
/// parsed, so that a command never meets a size, rate, duration or time it cannot use.
///
/// Every parser throws ``OptionValueError`` with a reason that completes the sentence
/// "the value 'X' is invalid for '--option': …"; the command line names the option.
/// Numbers are ASCII digits only (`１２` and `٣` are refused), never NaN or infinite.

/// Why an option's value is refused: what is wrong and what to give instead.
public struct OptionValueError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The reason, without the option's name (the caller names it).
    public var reason: String

    public init(_ reason: String) { self.reason = reason }

    public var description: String { reason }
}

/// A number of bytes: bare bytes or a number with a binary suffix `K`, `M`, `G` or `T`
/// (1K = 1024), e.g. `4096`, `2M`, `1.5G`.
public struct ByteSize: Sendable, Hashable, CustomStringConvertible {
    /// The bytes.
    public let bytes: Int64
    /// The value as the user wrote it.
    public let text: String

    /// The largest size any option takes (2^62 bytes, 4 EiB).
    public static let maximum: Int64 = 1 << 62

    /// Parses `text`, which must lie in `range`.
    public init(parsing text: String, in range: ClosedRange<Int64> = 0...ByteSize.maximum) throws(OptionValueError) {
        guard let bytes = Quantity.sizeValue(text.trimmingCharacters(in: .whitespaces)), bytes <= Self.maximum else {
            throw OptionValueError(
                "give bytes or a number with K, M, G or T (binary: 1K = 1024), e.g. 4096 or 20G, at most 4096T")
        }
        guard range.contains(bytes) else {
            throw OptionValueError(
                "must be from \(Self.describe(range.lowerBound)) to \(Self.describe(range.upperBound))")
        }
        self.bytes = bytes
        self.text = text
    }

    static func describe(_ bytes: Int64) -> String {
        bytes == 1 ? "1 byte" : bytes < 1024 ? "\(bytes) bytes" : Quantity.formatSize(bytes)
    }

    public var description: String { text }
}

/// A write rate: a size per day (`day`, `d`) or per hour (`h`, `hour`), e.g. `2G/day`, `80M/h`;
/// from 0 to 1P a day.
public struct ByteRate: Sendable, Hashable, CustomStringConvertible {
    /// Bytes per second.
    public let bytesPerSecond: Double
    /// The value as the user wrote it.
    public let text: String

    /// The largest rate any option takes: 1 PiB a day.
    public static let maximumPerDay: Double = 1_125_899_906_842_624

    public init(parsing text: String) throws(OptionValueError) {
        let (bytes, seconds) = try Self.split(text)
        let perSecond = Double(bytes) / seconds
        guard perSecond * 86_400 <= Self.maximumPerDay else {
            throw OptionValueError("is more than 1P a day; give a smaller rate, e.g. 2G/day")
        }
        bytesPerSecond = perSecond
        self.text = text
    }

    /// The size and the seconds of its period.
    static func split(_ text: String) throws(OptionValueError) -> (Int64, Double) {
        let value = text.trimmingCharacters(in: .whitespaces)
        let parts = value.split(separator: "/", omittingEmptySubsequences: false)
        let periods: [String: Double] = ["day": 86_400, "d": 86_400, "h": 3_600, "hour": 3_600]
        guard parts.count == 2, let seconds = periods[parts[1].lowercased()],
            let bytes = Quantity.sizeValue(String(parts[0]))
        else {
            throw OptionValueError("give a size per day or per hour, e.g. 2G/day or 80M/h")
        }
        return (bytes, seconds)
    }

    public var description: String { text }
}

/// A daily growth that may be negative: `1G/day`, `-500M/day` (write `--option=-1G/day`);
/// at most 1E a day either way.
public struct DailyGrowth: Sendable, Hashable, CustomStringConvertible {
    /// Bytes added a day (negative: removed).
    public let bytesPerDay: Int64
    /// The value as the user wrote it.
    public let text: String

    public init(parsing text: String) throws(OptionValueError) {
        let value = text.trimmingCharacters(in: .whitespaces)
        let shrinking = value.hasPrefix("-")
        let (bytes, seconds) = try ByteRate.split(shrinking ? String(value.dropFirst()) : value)
        let perDay = (Double(bytes) * 86_400 / seconds).rounded()
        guard perDay <= Double(1 << 60) else {
            throw OptionValueError("is more than 1E a day; give a smaller growth, e.g. 1G/day")
        }
        bytesPerDay = Int64(perDay) * (shrinking ? -1 : 1)
        self.text = text
    }

    public var description: String { text }
}

/// A duration: a number with `s`, `m`, `h` or `d` (a bare number is seconds), e.g. `90d`, `12h`.
public struct TimeSpan: Sendable, Hashable, CustomStringConvertible {
    /// The seconds.
    public let seconds: Double
    /// The value as the user wrote it.
    public let text: String

    /// One year of 365 days, in seconds.
    public static let year: Double = 365 * 86_400

    /// A duration already known (a default).
    public init(seconds: Double, text: String) {
        self.seconds = seconds
        self.text = text
    }

    /// Parses `text`; the result must be more than 0 (or at least 0 when `allowZero`) and at
    /// most `maximum` seconds.
    public init(parsing text: String, allowZero: Bool = false, maximum: Double = 100 * TimeSpan.year)
        throws(OptionValueError)
    {
        let value = text.trimmingCharacters(in: .whitespaces)
        let units: [Character: Double] = ["s": 1, "m": 60, "h": 3_600, "d": 86_400]
        var number = Substring(value)
        var unit = 1.0
        if let last = value.last?.lowercased().first, let multiplier = units[last] {
            number = value.dropLast()
            unit = multiplier
        }
        guard let amount = Quantity.decimal(number), (amount * unit).isFinite else {
            throw OptionValueError("give a number with s, m, h or d, e.g. 90d or 12h")
        }
        let seconds = amount * unit
        guard seconds > 0 || (allowZero && seconds == 0) else {
            throw OptionValueError("must be more than 0" + (allowZero ? " or 0" : "") + ", e.g. 30d")
        }
        guard seconds <= maximum else {
            throw OptionValueError("must be at most \(Int(maximum / 86_400))d")
        }
        self.seconds = seconds
        self.text = text
    }

    public var description: String { text }
}

/// Disk space the trails may use: a percentage of the disk above 0 and at most 100 (`5%`)
/// or a size above 0 (`20G`).
public struct DiskBudget: Sendable, Hashable, CustomStringConvertible {
    /// The budget.
    public let budget: CapacityBudget
    /// The value as the user wrote it.
    public let text: String

    public init(parsing text: String) throws(OptionValueError) {
        let value = text.trimmingCharacters(in: .whitespaces)
        if value.hasSuffix("%") {
            guard let percent = Quantity.decimal(value.dropLast()), percent > 0, percent <= 100 else {
                throw OptionValueError(
                    "give a percentage of the disk above 0 and at most 100 (e.g. 5%) or a size (e.g. 20G)")
            }
            budget = .percentOfDisk(percent)
        } else {
            guard let bytes = Quantity.sizeValue(value), bytes > 0, bytes <= ByteSize.maximum else {
                throw OptionValueError("give a percentage of the disk (e.g. 5%) or a size above 0 (e.g. 20G)")
            }
            budget = .bytes(bytes)
        }
        self.text = text
    }

    public var description: String { text }
}

/// 24 comma-separated non-negative weights for the UTC hours 00–23, not all zero.
public struct HourlyWeights: Sendable, Hashable, CustomStringConvertible {
    /// The 24 weights.
    public let weights: [Double]
    /// The value as the user wrote it.
    public let text: String

    public init(parsing text: String) throws(OptionValueError) {
        let fields = text.split(separator: ",", omittingEmptySubsequences: false)
        let weights = fields.compactMap { Quantity.decimal($0.trimmingCharacters(in: .whitespaces)[...]) }
        guard fields.count == 24, weights.count == 24, weights.allSatisfy({ $0 <= 1e12 }),
            weights.contains(where: { $0 > 0 })
        else {
            throw OptionValueError(
                "give 24 comma-separated non-negative weights (one per UTC hour, 00 to 23), not all zero")
        }
        self.weights = weights
        self.text = text
    }

    public var description: String { text }
}

/// A whole number in a range: ASCII digits with an optional sign, e.g. `5`.
public enum BoundedInteger {
    /// Parses `text` as an integer in `range`.
    public static func parse(_ text: String, in range: ClosedRange<Int>) throws(OptionValueError) -> Int {
        let value = text.trimmingCharacters(in: .whitespaces)
        let digits = value.hasPrefix("-") || value.hasPrefix("+") ? value.dropFirst() : value[...]
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let number = Int(value) else {
            throw OptionValueError("give a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        guard range.contains(number) else {
            throw OptionValueError("must be from \(range.lowerBound) to \(range.upperBound)")
        }
        return number
    }
}
