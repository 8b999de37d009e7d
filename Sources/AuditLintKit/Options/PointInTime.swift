/// A moment in UTC, as the options that take a time (`--start`, `--since`) accept it:
///
/// - ISO 8601: a date `2026-01-01` (midnight UTC), or a date and time
///   `2026-01-01T08:30:00Z`, `2026-01-01T08:30Z`, `2026-01-01T10:30:00+02:00` (a time without
///   `Z` or an offset is UTC; a space may stand for the `T`);
/// - seconds since the epoch: `1767225600`;
/// - a trail name's stamp: `YYYYMMDDhhmmss` (UTC), e.g. `20260101000000`;
/// - `now`: the current time.
///
/// Times from 1970-01-01 to 9999-12-31 are accepted. The calendar arithmetic is
/// ``CivilTime``'s, the same the decoder prints trail times with.
public struct PointInTime: Sendable, Hashable, CustomStringConvertible {
    /// Seconds since 1970-01-01 00:00:00 UTC.
    public let epoch: Int64
    /// The value as the user wrote it.
    public let text: String

    /// The latest time accepted: 9999-12-31 23:59:59 UTC.
    public static let latest: Int64 = 253_402_300_799

    /// How a time is written, for help texts.
    public static let forms =
        "ISO 8601 (2026-01-01, 2026-01-01T08:00:00Z, 2026-01-01T10:00+02:00), seconds since the epoch, or now"

    /// A time already known.
    public init(epoch: Int64, text: String? = nil) {
        self.epoch = epoch
        self.text = text ?? String(epoch)
    }

    /// Parses `text`; `now` is the current time in seconds since the epoch (for `now`).
    public init(parsing text: String, now: @autoclosure () -> Int64) throws(OptionValueError) {
        let value = text.trimmingCharacters(in: .whitespaces)
        let epoch: Int64?
        if value == "now" {
            epoch = now()
        } else if value.count == 14, value.allSatisfy({ $0.isASCII && $0.isNumber }) {
            epoch = Self.compact(value)
        } else if !value.isEmpty, value.allSatisfy({ $0.isASCII && $0.isNumber }) {
            epoch = value.count <= 12 ? Int64(value) : nil
        } else {
            epoch = Self.iso8601(value)
        }
        guard let epoch, (0...Self.latest).contains(epoch) else {
            throw OptionValueError("give a time from 1970 to 9999 as \(Self.forms)")
        }
        self.epoch = epoch
        self.text = text
    }

    /// `YYYYMMDDhhmmss` (UTC), as in trail file names.
    static func compact(_ text: String) -> Int64? {
        let digits = text.map { Int($0.asciiValue! - 48) }
        func field(_ from: Int, _ count: Int) -> Int { digits[from..<(from + count)].reduce(0) { $0 * 10 + $1 } }
        return epoch(
            year: field(0, 4), month: field(4, 2), day: field(6, 2), hour: field(8, 2), minute: field(10, 2),
            second: field(12, 2))
    }

    /// `YYYY-MM-DD[(T| )hh:mm[:ss][Z|±hh[:mm]]]`.
    static func iso8601(_ text: String) -> Int64? {
        let bytes = Array(text.utf8)
        var index = 0
        func number(_ width: Int) -> Int? {
            guard index + width <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[index..<(index + width)] {
                guard (48...57).contains(byte) else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            index += width
            return value
        }
        func take(_ character: Character) -> Bool {
            guard index < bytes.count, bytes[index] == character.asciiValue else { return false }
            index += 1
            return true
        }
        guard let year = number(4), take("-"), let month = number(2), take("-"), let day = number(2) else { return nil }
        var (hour, minute, second, offset) = (0, 0, 0, 0)
        if index < bytes.count {
            guard take("T") || take("t") || take(" "), let h = number(2), take(":"), let m = number(2) else {
                return nil
            }
            (hour, minute) = (h, m)
            if take(":") {
                guard let s = number(2) else { return nil }
                second = s
            }
            if take("Z") || take("z") {
            } else if index < bytes.count {
                let sign: Int
                if take("+") { sign = 1 } else if take("-") { sign = -1 } else { return nil }
                guard let offsetHours = number(2), offsetHours <= 23 else { return nil }
                var offsetMinutes = 0
                if index < bytes.count {
                    _ = take(":")
                    guard let m = number(2), m <= 59 else { return nil }
                    offsetMinutes = m
                }
                offset = sign * (offsetHours * 3_600 + offsetMinutes * 60)
            }
            guard index == bytes.count else { return nil }
        }
        guard let local = epoch(year: year, month: month, day: day, hour: hour, minute: minute, second: second) else {
            return nil
        }
        return local - Int64(offset)
    }

    public var description: String { text }

    /// Seconds since the epoch of a UTC date and time, or nil when there is no such date
    /// (month 1–12, the month's days, hour 0–23, minute and second 0–59, year 1970–9999).
    static func epoch(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) -> Int64? {
        guard (1970...9999).contains(year), (1...12).contains(month),
            (1...CivilTime.daysInMonth(year: Int64(year), month: month)).contains(day),
            (0..<24).contains(hour), (0..<60).contains(minute), (0..<60).contains(second)
        else { return nil }
        return CivilTime.seconds(year: Int64(year), month: month, day: day, hour: hour, minute: minute, second: second)
    }
}
