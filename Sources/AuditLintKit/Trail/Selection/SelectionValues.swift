import Foundation

// The values the record-selection options take (Docs/selection.md). Each parses once, where
// the option is read, and says why a value is refused.

/// A time `--after` and `--before` take:
///
/// - auditreduce's `YYYYMMDD[HH[MM[SS]]]` (8, 10, 12 or 14 digits forming a date from 1970),
///   in the local time zone as auditreduce reads it;
/// - ISO 8601: `2026-01-01`, `2026-01-01T08:30[:00]` (local time, no zone written), or with
///   `Z` or an offset (`2026-01-01T08:30:00Z`, `…+02:00`), an absolute time;
/// - seconds since the epoch: any other digits, or `@SECONDS` (always seconds).
///
/// Zone-less times are resolved with ``epoch(in:)``, so that tests choose the zone.
public struct SelectionTime: Sendable, Hashable, CustomStringConvertible {
    /// The value as written.
    public let text: String
    /// Seconds since the epoch, or for a local time its date and time counted as if in UTC.
    let seconds: Int64
    /// Whether ``seconds`` is a wall-clock time still to be placed in a time zone.
    public let isLocal: Bool

    /// How a time is written, for help texts and errors.
    public static let forms =
        "YYYYMMDD[HH[MM[SS]]] or ISO 8601 (local time unless it ends in Z or an offset), or seconds since the epoch (@SECONDS)"

    /// Parses `text` (see the type's documentation).
    public init(parsing text: String) throws(OptionValueError) {
        let value = text.trimmingCharacters(in: .whitespaces)
        self.text = text
        if value.hasPrefix("@"), let epoch = Self.epochSeconds(value.dropFirst()) {
            (seconds, isLocal) = (epoch, false)
        } else if !value.isEmpty, value.utf8.allSatisfy({ (48...57).contains($0) }) {
            if [8, 10, 12, 14].contains(value.utf8.count), let local = Self.digits(value) {
                (seconds, isLocal) = (local, true)
            } else if let epoch = Self.epochSeconds(Substring(value)) {
                (seconds, isLocal) = (epoch, false)
            } else {
                throw OptionValueError("give a time from 1970 to 9999 as \(Self.forms)")
            }
        } else if let parsed = PointInTime.iso8601(value) {
            // A zone designator can only follow the date (`Z`, `+hh`, `-hh` after the time).
            let zoned = value.utf8.dropFirst(10).contains {
                $0 == UInt8(ascii: "Z") || $0 == UInt8(ascii: "z") || $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-")
            }
            guard (0...PointInTime.latest).contains(parsed) else {
                throw OptionValueError("give a time from 1970 to 9999 as \(Self.forms)")
            }
            (seconds, isLocal) = (parsed, !zoned)
        } else {
            throw OptionValueError("give a time as \(Self.forms)")
        }
    }

    /// Seconds since the epoch: a local time placed in `zone` (by the zone's rules at that
    /// date), an absolute time as it is.
    public func epoch(in zone: TimeZone) -> Int64 {
        isLocal ? Self.placing(seconds, in: zone) : seconds
    }

    public var description: String { text }

    /// `YYYYMMDD[HH[MM[SS]]]` as a wall-clock time counted as if in UTC, or nil when the
    /// digits are no date from 1970 to 9999.
    static func digits(_ text: String) -> Int64? {
        let d = text.utf8.map { Int($0) - 48 }
        func field(_ from: Int, _ count: Int) -> Int {
            from + count <= d.count ? d[from..<(from + count)].reduce(0) { $0 * 10 + $1 } : 0
        }
        return PointInTime.epoch(
            year: field(0, 4), month: field(4, 2), day: field(6, 2), hour: field(8, 2), minute: field(10, 2),
            second: field(12, 2))
    }

    /// Decimal seconds from 0 to 9999-12-31 23:59:59.
    static func epochSeconds(_ text: Substring) -> Int64? {
        guard !text.isEmpty, text.utf8.count <= 12, text.utf8.allSatisfy({ (48...57).contains($0) }),
            let value = Int64(text), value <= PointInTime.latest
        else { return nil }
        return value
    }

    /// The instant a wall-clock time (`wall`, counted as if in UTC) names in `zone`: the
    /// zone's offset at the guess, corrected once for a change of offset in between.
    static func placing(_ wall: Int64, in zone: TimeZone) -> Int64 {
        func offset(_ t: Int64) -> Int64 {
            Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(t))))
        }
        let guess = wall - offset(wall)
        return wall - offset(guess)
    }
}

/// A day `--on` takes: `YYYYMMDD` (auditreduce's `-d`) or `YYYY-MM-DD`, from 00:00:00 to
/// 23:59:59 local time, both ends included.
public struct SelectionDay: Sendable, Hashable, CustomStringConvertible {
    public let text: String
    /// Midnight of the day, counted as if in UTC.
    let midnight: Int64

    public init(parsing text: String) throws(OptionValueError) {
        let value = text.trimmingCharacters(in: .whitespaces)
        let bytes = Array(value.utf8)
        var midnight: Int64?
        if bytes.count == 8, bytes.allSatisfy({ (48...57).contains($0) }) {
            midnight = SelectionTime.digits(value)
        } else if bytes.count == 10, bytes[4] == UInt8(ascii: "-") {
            midnight = PointInTime.iso8601(value)
        }
        guard let midnight else { throw OptionValueError("give a day from 1970 to 9999 as YYYYMMDD or YYYY-MM-DD") }
        self.text = text
        self.midnight = midnight
    }

    /// The first and last second of the day in `zone`.
    public func range(in zone: TimeZone) -> ClosedRange<Int64> {
        let first = SelectionTime.placing(midnight, in: zone)
        return first...max(first, SelectionTime.placing(midnight + 86_399, in: zone))
    }

    public var description: String { text }
}

/// A user or group for `--audit-user`, `--effective-user`, `--real-user`,
/// `--effective-group`, `--real-group`: a number, or a name looked up in the host's user or
/// group database by the command.
///
/// Numbers are 32-bit ids as auditreduce compares them: `-1` and `4294967295` are the same
/// id (the "unset" audit user).
public enum IdentitySelector: Sendable, Hashable, CustomStringConvertible {
    case id(UInt32)
    case name(String)

    public init(parsing text: String) throws(OptionValueError) {
        if let id = try Self.number(text) {
            self = .id(id)
        } else if text.isEmpty || text.contains("\0") {
            throw OptionValueError("give a name or a numeric id")
        } else {
            self = .name(text)
        }
    }

    /// A signed or unsigned decimal that fits 32 bits as the id's bit pattern
    /// (-2147483648 to 4294967295), nil when `text` is not a decimal number.
    public static func number(_ text: String) throws(OptionValueError) -> UInt32? {
        var digits = Substring(text)
        var negative = false
        if let sign = digits.first, sign == "-" || sign == "+" {
            negative = sign == "-"
            digits = digits.dropFirst()
        }
        guard !digits.isEmpty, digits.utf8.allSatisfy({ (48...57).contains($0) }) else { return nil }
        guard digits.utf8.count <= 10, let magnitude = Int64(digits),
            negative ? magnitude <= 1 << 31 : magnitude <= Int64(UInt32.max)
        else { throw OptionValueError("'\(text)' is out of range: give -2147483648 to 4294967295") }
        return UInt32(truncatingIfNeeded: negative ? -magnitude : magnitude)
    }

    public var description: String {
        switch self {
        case .id(let id): String(id)
        case .name(let name): name
        }
    }
}

/// An event for `--event`: a number (0 to 65535) or a name from the event table
/// (`AUE_EXECVE`).
public enum EventSelector: Sendable, Hashable, CustomStringConvertible {
    case number(UInt16)
    case name(String)

    public init(parsing text: String) throws(OptionValueError) {
        if !text.isEmpty, text.utf8.allSatisfy({ (48...57).contains($0) }) {
            guard text.utf8.count <= 5, let n = Int(text), let number = UInt16(exactly: n) else {
                throw OptionValueError("'\(text)' is out of range: event numbers are 0 to 65535")
            }
            self = .number(number)
        } else if text.isEmpty {
            throw OptionValueError("give an event number or name (AUE_EXECVE)")
        } else {
            self = .name(text)
        }
    }

    /// The event's number: a name is looked up as `getauevnonam` does, the first line of
    /// `table` with that name (lines after one libbsm stops at included).
    public func number(in table: AuditEventTable) -> UInt16? {
        switch self {
        case .number(let n): return n
        case .name(let name):
            let event = table.events.first { $0.name == name } ?? table.hiddenEvents.first { $0.name == name }
            return event.map { UInt16(truncatingIfNeeded: $0.number) }
        }
    }

    public var description: String {
        switch self {
        case .number(let n): String(n)
        case .name(let name): name
        }
    }
}

/// An object for `--object KIND=VALUE`, the kinds auditreduce's `-o` selects on.
public enum ObjectSelector: Sendable, CustomStringConvertible {
    /// `file=PATTERNS`: path tokens (see ``FilePatterns``).
    case file(FilePatterns)
    /// `msgqid=ID`: IPC tokens of a message queue.
    case messageQueue(UInt32)
    /// `semid=ID`: IPC tokens of a semaphore.
    case semaphore(UInt32)
    /// `shmid=ID`: IPC tokens of a shared memory segment.
    case sharedMemory(UInt32)
    /// `pid=ID`: process tokens (the target of a signal or an audit call).
    case process(UInt32)

    /// The kinds, for help texts.
    public static let kinds = "file=REGEX[,~REGEX...], msgqid=ID, semid=ID, shmid=ID or pid=ID"

    public init(parsing text: String) throws(OptionValueError) {
        guard let equals = text.firstIndex(of: "=") else {
            throw OptionValueError("give KIND=VALUE, one of \(Self.kinds)")
        }
        let kind = text[..<equals]
        let value = String(text[text.index(after: equals)...])
        func id() throws(OptionValueError) -> UInt32 {
            guard let id = try IdentitySelector.number(value) else {
                throw OptionValueError("\(kind)= takes a number, not '\(value)'")
            }
            return id
        }
        switch kind {
        case "file": self = .file(try FilePatterns(parsing: value))
        case "msgqid": self = .messageQueue(try id())
        case "semid": self = .semaphore(try id())
        case "shmid": self = .sharedMemory(try id())
        case "pid": self = .process(try id())
        case "sock":
            throw OptionValueError(
                "sock= selects nothing: auditreduce accepts it but no token ever satisfies it, so it prints no record; use file=, msgqid=, semid=, shmid= or pid="
            )
        default: throw OptionValueError("unknown object kind '\(kind)': give \(Self.kinds)")
        }
    }

    /// The kind as written before `=`.
    public var kind: String {
        switch self {
        case .file: "file"
        case .messageQueue: "msgqid"
        case .semaphore: "semid"
        case .sharedMemory: "shmid"
        case .process: "pid"
        }
    }

    public var description: String {
        switch self {
        case .file(let patterns): "file=\(patterns.text)"
        case .messageQueue(let id), .semaphore(let id), .sharedMemory(let id), .process(let id): "\(kind)=\(id)"
        }
    }
}
