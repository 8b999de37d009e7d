/// The one calendar of auditlint: proleptic Gregorian dates and times in UTC, computed
/// without Foundation (Howard Hinnant's `days_from_civil` and `civil_from_days`), so trail
/// names, praudit times, report timestamps and option values agree to the second on every
/// platform. Every date formatting and parsing in the library goes through it.
public enum CivilTime {
    /// A UTC date and time of day.
    public struct Fields: Sendable, Hashable {
        public var year: Int64
        /// 1–12.
        public var month: Int
        /// 1–31.
        public var day: Int
        public var hour: Int
        public var minute: Int
        public var second: Int
        /// 0 = Sunday … 6 = Saturday.
        public var weekday: Int
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date. The arithmetic does not
    /// validate: month 1–12 and day 1–31 are expected (day 31 of a 30-day month is the
    /// next month's first), any year with `|year| < 2^50` is exact.
    public static func daysFromCivil(year: Int64, month: Int, day: Int) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = Int64((month + 9) % 12)
        let doy = (153 * mp + 2) / 5 + Int64(day) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The proleptic Gregorian date of a day number (days since 1970-01-01).
    public static func civilFromDays(_ days: Int64) -> (year: Int64, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = Int(doy - (153 * mp + 2) / 5 + 1)
        let month = Int(mp < 10 ? mp + 3 : mp - 9)
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// The UTC date, time and weekday of `seconds` since the epoch (any `Int64`).
    public static func fields(_ seconds: Int64) -> Fields {
        var days = seconds / 86_400
        var rem = seconds % 86_400
        if rem < 0 {
            rem += 86_400
            days -= 1
        }
        let date = civilFromDays(days)
        let weekday = Int(((days % 7) + 11) % 7)  // 1970-01-01 was a Thursday
        return Fields(
            year: date.year, month: date.month, day: date.day,
            hour: Int(rem / 3600), minute: Int(rem % 3600 / 60), second: Int(rem % 60), weekday: weekday)
    }

    /// Seconds since the epoch of a UTC date and time (not validated; see
    /// ``daysFromCivil(year:month:day:)``).
    public static func seconds(year: Int64, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0)
        -> Int64
    {
        daysFromCivil(year: year, month: month, day: day) * 86_400 + Int64(hour * 3_600 + minute * 60 + second)
    }

    /// The number of days of `month` (1–12) in `year`.
    public static func daysInMonth(year: Int64, month: Int) -> Int {
        switch month {
        case 2: year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    // MARK: Formatting

    /// `YYYY-MM-DD` (year zero-padded to four digits).
    public static func date(_ seconds: Int64) -> String {
        format(seconds) { t, out in appendDate(t, to: &out) }
    }

    /// `YYYY-MM-DD hh:mm:ss`, UTC, for people (`2026-01-05 00:00:00`).
    public static func dateTime(_ seconds: Int64) -> String {
        format(seconds) { t, out in
            appendDate(t, to: &out)
            out.append(UInt8(ascii: " "))
            appendTime(t, separator: UInt8(ascii: ":"), to: &out)
        }
    }

    /// ISO 8601 in UTC: `2026-01-05T00:00:00Z`, or with `milliseconds` (0–999, larger is
    /// 999) `2006-09-18T21:13:02.608Z`.
    public static func iso8601(seconds: Int64, milliseconds: UInt64? = nil) -> String {
        format(seconds) { t, out in appendISO8601(t, milliseconds: milliseconds, to: &out) }
    }

    /// Appends ``iso8601(seconds:milliseconds:)``'s text to `out` (the trail writers' hot path).
    static func appendISO8601<Output: ByteOutput>(seconds: Int64, milliseconds: UInt64?, to out: inout Output) {
        appendISO8601(fields(seconds), milliseconds: milliseconds, to: &out)
    }

    private static func appendISO8601<Output: ByteOutput>(_ t: Fields, milliseconds: UInt64?, to out: inout Output) {
        appendDate(t, to: &out)
        out.append(UInt8(ascii: "T"))
        appendTime(t, separator: UInt8(ascii: ":"), to: &out)
        if let milliseconds {
            let ms = Int(min(milliseconds, 999))
            out.append(UInt8(ascii: "."))
            out.append(UInt8(48 + ms / 100))
            appendTwo(ms % 100, to: &out)
        }
        out.append(UInt8(ascii: "Z"))
    }

    /// `YYYYMMDDhhmmss`, UTC: the time part of an audit trail's name.
    public static func compact(_ seconds: Int64) -> String {
        format(seconds) { t, out in
            appendYear(t.year, to: &out)
            appendTwo(t.month, to: &out)
            appendTwo(t.day, to: &out)
            appendTime(t, separator: nil, to: &out)
        }
    }

    private static func format(_ seconds: Int64, _ body: (Fields, inout [UInt8]) -> Void) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(32)
        body(fields(seconds), &out)
        return String(decoding: out, as: UTF8.self)
    }

    private static func appendDate<Output: ByteOutput>(_ t: Fields, to out: inout Output) {
        appendYear(t.year, to: &out)
        out.append(UInt8(ascii: "-"))
        appendTwo(t.month, to: &out)
        out.append(UInt8(ascii: "-"))
        appendTwo(t.day, to: &out)
    }

    private static func appendTime<Output: ByteOutput>(_ t: Fields, separator: UInt8?, to out: inout Output) {
        appendTwo(t.hour, to: &out)
        if let separator { out.append(separator) }
        appendTwo(t.minute, to: &out)
        if let separator { out.append(separator) }
        appendTwo(t.second, to: &out)
    }

    private static func appendTwo<Output: ByteOutput>(_ value: Int, to out: inout Output) {
        out.append(UInt8(48 + value / 10))
        out.append(UInt8(48 + value % 10))
    }

    private static func appendYear<Output: ByteOutput>(_ year: Int64, to out: inout Output) {
        if year >= 0, year < 1000 {
            for _ in 0..<(year < 10 ? 3 : year < 100 ? 2 : 1) { out.append(UInt8(ascii: "0")) }
        }
        out.append(signed: year)
    }

    // MARK: Parsing

    /// Seconds since the epoch of an ISO 8601 timestamp: `YYYY-MM-DD` (midnight UTC) or
    /// `YYYY-MM-DDThh:mm[:ss[.fraction]]` (`T`, `t` or one space) followed by `Z`, `z`,
    /// `±hh:mm`, `±hhmm`, `±hh` or nothing (UTC). The fraction is dropped (times are whole
    /// seconds); second 60 (a leap second) is the next second, as `timegm` counts it.
    /// Nil when the text is not such a timestamp or names a date or time that does not
    /// exist (February 30, hour 24, offset beyond ±23:59).
    public static func parseISO8601(_ text: String) -> Int64? {
        var scanner = Scanner(Array(text.utf8))
        guard let year = scanner.digits(4), scanner.skip("-"), let month = scanner.digits(2), scanner.skip("-"),
            let day = scanner.digits(2), (1...12).contains(month), day >= 1,
            day <= daysInMonth(year: Int64(year), month: month)
        else { return nil }
        var seconds = daysFromCivil(year: Int64(year), month: month, day: day) * 86_400
        if scanner.atEnd { return seconds }
        guard scanner.skip("T") || scanner.skip("t") || scanner.skip(" "),
            let hour = scanner.digits(2), scanner.skip(":"), let minute = scanner.digits(2), hour < 24, minute < 60
        else { return nil }
        var second = 0
        if scanner.skip(":") {
            guard let value = scanner.digits(2), value <= 60 else { return nil }
            second = value
            if scanner.skip(".") || scanner.skip(",") {
                guard scanner.skipDigits() else { return nil }
            }
        }
        seconds += Int64(hour * 3_600 + minute * 60 + second)
        if scanner.atEnd || ((scanner.skip("Z") || scanner.skip("z")) && scanner.atEnd) { return seconds }
        let sign: Int64
        if scanner.skip("+") { sign = 1 } else if scanner.skip("-") { sign = -1 } else { return nil }
        guard let offsetHours = scanner.digits(2), offsetHours < 24 else { return nil }
        var offsetMinutes = 0
        if !scanner.atEnd {
            _ = scanner.skip(":")
            guard let value = scanner.digits(2), value < 60 else { return nil }
            offsetMinutes = value
        }
        guard scanner.atEnd else { return nil }
        return seconds - sign * Int64(offsetHours * 3_600 + offsetMinutes * 60)
    }

    private struct Scanner {
        let bytes: [UInt8]
        var index = 0

        init(_ bytes: [UInt8]) { self.bytes = bytes }

        var atEnd: Bool { index == bytes.count }

        mutating func skip(_ character: Unicode.Scalar) -> Bool {
            guard index < bytes.count, bytes[index] == UInt8(ascii: character) else { return false }
            index += 1
            return true
        }

        /// Exactly `count` ASCII digits as a number.
        mutating func digits(_ count: Int) -> Int? {
            guard index + count <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[index..<index + count] {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            index += count
            return value
        }

        /// One or more digits.
        mutating func skipDigits() -> Bool {
            let start = index
            while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
                index += 1
            }
            return index > start
        }
    }
}
