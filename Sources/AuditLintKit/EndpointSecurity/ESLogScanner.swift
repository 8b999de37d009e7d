/// What a volume estimate needs of one `eslogger` JSON line, found by ``ESLogScanner``.
///
/// Ranges are byte offsets in the line the scanner was given; strings are kept as they are
/// written (still JSON-escaped) so that nothing is allocated per line.
public struct ESLogMessage: Sendable, Hashable {
    /// `event_type` (an `es_event_type_t` value), or -1 when absent or not an integer.
    public var eventType: Int = -1
    /// The one key under `event` (the eslogger short name), as written.
    public var eventKey: Range<Int>?
    /// `time` in seconds since the epoch (UTC, with its fraction), or nil when absent or not ISO 8601.
    public var time: Double?
    /// `global_seq_num`, or nil when absent or not an unsigned integer.
    public var globalSequence: UInt64?
    /// `version` (the message version), or -1 when absent.
    public var version: Int = -1
    /// `process.executable.path`, still escaped, without its quotes.
    public var executablePath: Range<Int>?
    /// Whether `executablePath` holds an escape (`\/`, `\u00e9`) and must be decoded.
    public var executablePathEscaped = false

    public init() {}
}

/// Why a line is not an `eslogger` message (1-based byte `column` in the line).
public struct ESLogLineError: Error, Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        /// The line ends inside a value (eslogger stopped mid-write, or the file was cut).
        case truncated
        /// Not JSON.
        case invalidJSON = "invalid-json"
        /// Valid JSON, but not an object with an `event_type` or an `event`.
        case notAMessage = "not-a-message"
    }

    public var kind: Kind
    public var column: Int
    public var detail: String
}

/// A byte-level scanner for one JSON line of `eslogger` output: it checks the whole line
/// against the JSON grammar (RFC 8259: objects, arrays, strings with their escapes and no raw
/// control characters, numbers, literals; nesting up to ``maximumDepth``) and picks out the
/// fields a volume estimate needs (``ESLogMessage``) while it goes, without building a value
/// tree or allocating. Members may come in any order, and unknown members of any shape are
/// accepted (eslogger's format "is NOT API" and drifts between releases: message version 10
/// writes audit tokens as arrays); UTF-8 inside strings is not validated.
public struct ESLogScanner {
    /// The deepest nesting accepted (deeper is reported as invalid, never a crash).
    public static let maximumDepth = 128

    private let p: UnsafePointer<UInt8>
    private let n: Int
    private var i = 0
    private var message = ESLogMessage()
    private var eventKeys = 0

    private init(_ line: UnsafeRawBufferPointer) {
        p = line.baseAddress!.assumingMemoryBound(to: UInt8.self)
        n = line.count
    }

    /// Scans one line (without its newline).
    ///
    /// - Throws: ``ESLogLineError`` when the line is not a complete JSON object, or is an
    ///   object with neither `event_type` nor `event`.
    public static func scan(_ line: UnsafeRawBufferPointer) throws(ESLogLineError) -> ESLogMessage {
        guard line.count > 0 else { throw ESLogLineError(kind: .truncated, column: 1, detail: "the line is empty") }
        var scanner = ESLogScanner(line)
        scanner.skipSpace()
        guard scanner.i < scanner.n else {
            throw ESLogLineError(kind: .truncated, column: 1, detail: "the line holds only white space")
        }
        guard scanner.p[scanner.i] == UInt8(ascii: "{") else {
            try scanner.value(depth: 1)
            throw ESLogLineError(
                kind: .notAMessage, column: 1, detail: "a JSON value that is not an object (an eslogger message is one)"
            )
        }
        try scanner.object(depth: 1, context: .message)
        scanner.skipSpace()
        if scanner.i < scanner.n { throw scanner.fail("unexpected text after the message's closing '}'") }
        if scanner.message.eventType < 0, scanner.message.eventKey == nil {
            throw ESLogLineError(
                kind: .notAMessage, column: 1,
                detail: "a JSON object without \"event_type\" or \"event\", so not an eslogger message")
        }
        return scanner.message
    }

    /// Which object the scanner is in, for the fields it picks out.
    private enum Context { case message, process, executable, event, other }

    private static let quotes: UInt64 = 0x2222_2222_2222_2222
    private static let backslashes: UInt64 = 0x5C5C_5C5C_5C5C_5C5C
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highs: UInt64 = 0x8080_8080_8080_8080

    @inline(__always)
    private func fail(_ detail: String) -> ESLogLineError {
        ESLogLineError(kind: i >= n ? .truncated : .invalidJSON, column: min(i, n) + 1, detail: detail)
    }

    @inline(__always)
    private mutating func skipSpace() {
        while i < n {
            switch p[i] {
            case 0x20, 0x09, 0x0A, 0x0D: i += 1
            default: return
            }
        }
    }

    @inline(__always)
    private mutating func expect(_ byte: UInt8, _ what: String) throws(ESLogLineError) {
        skipSpace()
        guard i < n, p[i] == byte else { throw fail(i < n ? "expected \(what)" : "the line ends before \(what)") }
        i += 1
    }

    /// Scans an object whose `{` is at `i`.
    private mutating func object(depth: Int, context: Context) throws(ESLogLineError) {
        guard depth <= Self.maximumDepth else { throw fail("nested more than \(Self.maximumDepth) deep") }
        i += 1
        skipSpace()
        if i < n, p[i] == UInt8(ascii: "}") {
            i += 1
            return
        }
        while true {
            skipSpace()
            guard i < n else { throw fail("the line ends inside an object") }
            guard p[i] == UInt8(ascii: "\"") else { throw fail("expected a member name in quotes") }
            let keyStart = i + 1
            try string()
            let key = keyStart..<(i - 1)
            try expect(UInt8(ascii: ":"), "':' after a member name")
            skipSpace()
            guard i < n else { throw fail("the line ends before a member's value") }
            try member(key, context: context, depth: depth)
            skipSpace()
            guard i < n else { throw fail("the line ends inside an object") }
            if p[i] == UInt8(ascii: ",") {
                i += 1
                continue
            }
            guard p[i] == UInt8(ascii: "}") else { throw fail("expected ',' or '}' after an object member") }
            i += 1
            return
        }
    }

    @inline(__always)
    private func keyIs(_ key: Range<Int>, _ name: StaticString) -> Bool {
        guard key.count == name.utf8CodeUnitCount else { return false }
        let bytes = name.utf8Start
        for k in 0..<key.count where p[key.lowerBound + k] != bytes[k] { return false }
        return true
    }

    /// Scans one member's value, picking out the fields of interest.
    @inline(__always)
    private mutating func member(_ key: Range<Int>, context: Context, depth: Int) throws(ESLogLineError) {
        let first = p[i]
        switch context {
        case .message:
            if first == UInt8(ascii: "{") {
                if keyIs(key, "process") { return try object(depth: depth + 1, context: .process) }
                if keyIs(key, "event") { return try object(depth: depth + 1, context: .event) }
            } else if first == UInt8(ascii: "\""), keyIs(key, "time") {
                let start = i + 1
                try string()
                message.time = Self.time(p + start, i - 1 - start)
                return
            } else if first >= UInt8(ascii: "0"), first <= UInt8(ascii: "9") {
                if keyIs(key, "event_type") {
                    message.eventType = try integer().map { $0 <= UInt64(Int32.max) ? Int($0) : -1 } ?? -1
                    return
                }
                if keyIs(key, "global_seq_num") {
                    message.globalSequence = try integer()
                    return
                }
                if keyIs(key, "version") {
                    message.version = try integer().map { $0 <= UInt64(Int32.max) ? Int($0) : -1 } ?? -1
                    return
                }
            }
        case .process:
            if first == UInt8(ascii: "{"), keyIs(key, "executable") {
                return try object(depth: depth + 1, context: .executable)
            }
        case .executable:
            if first == UInt8(ascii: "\""), keyIs(key, "path") {
                let start = i + 1
                let escaped = try string()
                message.executablePath = start..<(i - 1)
                message.executablePathEscaped = escaped
                return
            }
        case .event:
            eventKeys += 1
            if eventKeys == 1 { message.eventKey = key } else { message.eventKey = nil }
        case .other:
            break
        }
        try value(depth: depth + 1)
    }

    /// Scans any value starting at `i`.
    private mutating func value(depth: Int) throws(ESLogLineError) {
        switch p[i] {
        case UInt8(ascii: "{"): try object(depth: depth, context: .other)
        case UInt8(ascii: "["): try array(depth: depth)
        case UInt8(ascii: "\""): try string()
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): _ = try number()
        default: throw fail("expected a JSON value")
        }
    }

    private mutating func array(depth: Int) throws(ESLogLineError) {
        guard depth <= Self.maximumDepth else { throw fail("nested more than \(Self.maximumDepth) deep") }
        i += 1
        skipSpace()
        if i < n, p[i] == UInt8(ascii: "]") {
            i += 1
            return
        }
        while true {
            skipSpace()
            guard i < n else { throw fail("the line ends inside an array") }
            try value(depth: depth + 1)
            skipSpace()
            guard i < n else { throw fail("the line ends inside an array") }
            if p[i] == UInt8(ascii: ",") {
                i += 1
                continue
            }
            guard p[i] == UInt8(ascii: "]") else { throw fail("expected ',' or ']' in an array") }
            i += 1
            return
        }
    }

    private mutating func literal(_ word: StaticString) throws(ESLogLineError) {
        let count = word.utf8CodeUnitCount
        guard i + count <= n else {
            i = n
            throw fail("the line ends inside \(word)")
        }
        for k in 0..<count where p[i + k] != word.utf8Start[k] { throw fail("expected a JSON value") }
        i += count
    }

    /// Scans a string whose `"` is at `i`, eight bytes at a time where no quote, backslash or
    /// control character is among them; returns whether it holds an escape.
    @discardableResult
    @inline(__always)
    private mutating func string() throws(ESLogLineError) -> Bool {
        i += 1
        var escaped = false
        while true {
            while i + 8 <= n {
                let word = UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self)
                let quote = word ^ Self.quotes
                let backslash = word ^ Self.backslashes
                let special =
                    ((quote &- Self.ones) & ~quote) | ((backslash &- Self.ones) & ~backslash)
                    | ((word &- Self.ones &* 0x20) & ~word)
                if special & Self.highs != 0 { break }
                i += 8
            }
            guard i < n else { throw fail("the line ends inside a string") }
            let byte = p[i]
            if byte == UInt8(ascii: "\"") {
                i += 1
                return escaped
            }
            if byte == UInt8(ascii: "\\") {
                escaped = true
                i += 1
                guard i < n else { throw fail("the line ends inside a string") }
                switch p[i] {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                    UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    i += 1
                case UInt8(ascii: "u"):
                    i += 1
                    for _ in 0..<4 {
                        guard i < n else { throw fail("the line ends inside a string") }
                        guard Self.hexValue(p[i]) != nil else { throw fail("expected four hex digits after \\u") }
                        i += 1
                    }
                default: throw fail("an invalid escape in a string")
                }
                continue
            }
            if byte < 0x20 { throw fail("a control character inside a string (it must be escaped)") }
            i += 1
        }
    }

    @inline(__always)
    static func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    /// Scans a number; returns its value when it is a non-negative integer that fits 64 bits.
    private mutating func number() throws(ESLogLineError) -> UInt64? {
        var negative = false
        if p[i] == UInt8(ascii: "-") {
            negative = true
            i += 1
        }
        guard i < n, p[i] >= UInt8(ascii: "0"), p[i] <= UInt8(ascii: "9") else { throw fail("expected a digit") }
        var value: UInt64? = 0
        if p[i] == UInt8(ascii: "0") {
            i += 1
        } else {
            while i < n, p[i] >= UInt8(ascii: "0"), p[i] <= UInt8(ascii: "9") {
                if let current = value {
                    let (times, o1) = current.multipliedReportingOverflow(by: 10)
                    let (sum, o2) = times.addingReportingOverflow(UInt64(p[i] - UInt8(ascii: "0")))
                    value = o1 || o2 ? nil : sum
                }
                i += 1
            }
        }
        var integral = !negative
        if i < n, p[i] == UInt8(ascii: ".") {
            integral = false
            i += 1
            guard i < n, p[i] >= UInt8(ascii: "0"), p[i] <= UInt8(ascii: "9") else {
                throw fail("expected a digit after '.'")
            }
            while i < n, p[i] >= UInt8(ascii: "0"), p[i] <= UInt8(ascii: "9") { i += 1 }
        }
        if i < n, p[i] == UInt8(ascii: "e") || p[i] == UInt8(ascii: "E") {
            integral = false
            i += 1
            if i < n, p[i] == UInt8(ascii: "+") || p[i] == UInt8(ascii: "-") { i += 1 }
            guard i < n, p[i] >= UInt8(ascii: "0"), p[i] <= UInt8(ascii: "9") else {
                throw fail("expected a digit in an exponent")
            }
            while i < n, p[i] >= UInt8(ascii: "0"), p[i] <= UInt8(ascii: "9") { i += 1 }
        }
        if i >= n { throw fail("the line ends inside a number") }
        return integral ? value : nil
    }

    @inline(__always)
    private mutating func integer() throws(ESLogLineError) -> UInt64? { try number() }

    /// Seconds since the epoch of `YYYY-MM-DDThh:mm:ss[.fraction](Z|±hh:mm)`, or nil.
    static func time(_ s: UnsafePointer<UInt8>, _ count: Int) -> Double? {
        func digits(_ at: Int, _ length: Int) -> Int? {
            guard at + length <= count else { return nil }
            var value = 0
            for k in at..<(at + length) {
                let d = Int(s[k]) - 48
                guard d >= 0, d <= 9 else { return nil }
                value = value * 10 + d
            }
            return value
        }
        guard count >= 19, let year = digits(0, 4), s[4] == UInt8(ascii: "-"), let month = digits(5, 2),
            s[7] == UInt8(ascii: "-"), let day = digits(8, 2), s[10] == UInt8(ascii: "T") || s[10] == UInt8(ascii: " "),
            let hour = digits(11, 2), s[13] == UInt8(ascii: ":"), let minute = digits(14, 2),
            s[16] == UInt8(ascii: ":"),
            let second = digits(17, 2), (1...12).contains(month), day >= 1,
            day <= CivilTime.daysInMonth(year: Int64(year), month: month), hour < 24, minute < 60, second <= 60
        else { return nil }
        var k = 19
        var fraction = 0.0
        if k < count, s[k] == UInt8(ascii: ".") {
            k += 1
            var scale = 0.1
            let start = k
            while k < count, s[k] >= UInt8(ascii: "0"), s[k] <= UInt8(ascii: "9") {
                fraction += Double(s[k] - UInt8(ascii: "0")) * scale
                scale /= 10
                k += 1
            }
            guard k > start else { return nil }
        }
        var offset = 0
        if k < count, s[k] == UInt8(ascii: "Z") {
            k += 1
        } else if k < count, s[k] == UInt8(ascii: "+") || s[k] == UInt8(ascii: "-") {
            let sign = s[k] == UInt8(ascii: "-") ? -1 : 1
            guard let hours = digits(k + 1, 2), hours < 24 else { return nil }
            k += 3
            var minutes = 0
            if k < count, s[k] == UInt8(ascii: ":") { k += 1 }
            if k < count {
                guard let value = digits(k, 2), value < 60 else { return nil }
                minutes = value
                k += 2
            }
            offset = sign * (hours * 3600 + minutes * 60)
        }
        guard k == count else { return nil }
        let seconds = CivilTime.seconds(
            year: Int64(year), month: month, day: day, hour: hour, minute: minute, second: second)
        return Double(seconds - Int64(offset)) + fraction
    }

    /// A JSON string's content (without quotes) decoded: escapes resolved, surrogate pairs
    /// joined, invalid UTF-8 and lone surrogates replaced by U+FFFD.
    public static func decodeString(_ bytes: UnsafeRawBufferPointer) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var k = 0
        func unit(_ at: Int) -> UInt32? {
            guard at + 4 <= bytes.count else { return nil }
            var value: UInt32 = 0
            for j in at..<(at + 4) {
                guard let digit = hexValue(bytes[j]) else { return nil }
                value = value << 4 | digit
            }
            return value
        }
        func append(_ scalar: UInt32) {
            let scalar = Unicode.Scalar(scalar) ?? "\u{FFFD}"
            out += Array(String(Character(scalar)).utf8)
        }
        while k < bytes.count {
            let byte = bytes[k]
            guard byte == UInt8(ascii: "\\"), k + 1 < bytes.count else {
                out.append(byte)
                k += 1
                continue
            }
            let escape = bytes[k + 1]
            k += 2
            switch escape {
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                guard let high = unit(k) else {
                    append(0xFFFD)
                    continue
                }
                k += 4
                if (0xD800..<0xDC00).contains(high), k + 6 <= bytes.count, bytes[k] == UInt8(ascii: "\\"),
                    bytes[k + 1] == UInt8(ascii: "u"), let low = unit(k + 2), (0xDC00..<0xE000).contains(low)
                {
                    k += 6
                    append(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))
                } else {
                    append(high)
                }
            default: out.append(escape)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
