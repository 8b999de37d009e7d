/// The one JSON writer (and the bounded reader) of auditlint: a document whose objects keep
/// their key order, so reports, baselines and interfaces are byte-for-byte deterministic.
/// Every output off the hot path is built as a `JSONValue` and rendered with ``compact`` or
/// ``pretty``; the trail JSON Lines writer streams bytes itself but escapes strings with the
/// same ``JSONText/appendString(_:to:)``.
///
/// Numbers: `integer` and `unsigned` are written exactly; `double` is written as the
/// shortest text that reads back the same value, without a `.0` on integral values (as
/// Foundation's `JSONEncoder` writes it, but `-0` as `0`), and `null` when not finite; `numberLiteral` is
/// written as given, for interfaces whose spelling is fixed (``withFraction(_:)``,
/// ``rounded(_:decimals:)``). Keys keep the order they are given in; ``sortingKeys()``
/// sorts them. ``init(encoding:)`` builds a document from an `Encodable` value.
///
/// Foundation's `JSONSerialization` neither keeps key order nor reports where a document is
/// damaged; this type does both.
///
/// Not `indirect`: arrays and objects already hold their items out of line, and a scalar
/// (each of a profile's thousands of numbers) then costs no allocation of its own.
public enum JSONValue: Sendable, Hashable {
    // Numbers without a fraction or exponent that fit in `Int` parse as `integer`.
    case null
    case bool(Bool)
    case integer(Int)
    /// An unsigned 64-bit number (never produced by the parser).
    case unsigned(UInt64)
    case double(Double)
    /// A number written exactly as this text, which must be a valid JSON number (never
    /// produced by the parser).
    case numberLiteral(String)
    case string(String)
    case array([JSONValue])
    /// Members in the order they are written.
    case object([(String, JSONValue)])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): true
        case (.bool(let a), .bool(let b)): a == b
        case (.string(let a), .string(let b)): a == b
        case (.array(let a), .array(let b)): a == b
        case (.object(let a), .object(let b)):
            a.count == b.count && a.allSatisfy { key, value in b.first { $0.0 == key }?.1 == value }
        default:
            if let a = lhs.exactInteger, let b = rhs.exactInteger {
                a == b
            } else if let a = lhs.numericValue, let b = rhs.numericValue {
                a == b
            } else {
                false
            }
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case .null: hasher.combine(0)
        case .bool(let value): hasher.combine(value)
        case .integer, .unsigned, .double, .numberLiteral: hasher.combine(numericValue)
        case .string(let value): hasher.combine(value)
        case .array(let values): hasher.combine(values)
        case .object(let members): hasher.combine(members.count)
        }
    }

    /// The value of a number as a `Double` (nil for anything else).
    public var numericValue: Double? {
        switch self {
        case .integer(let value): Double(value)
        case .unsigned(let value): Double(value)
        case .double(let value): value
        case .numberLiteral(let text): Double(text)
        default: nil
        }
    }

    /// An integral number exactly, wide enough for both `Int` and `UInt64`.
    private var exactInteger: (negative: Bool, magnitude: UInt64)? {
        switch self {
        case .integer(let value): (value < 0, UInt64(value.magnitude))
        case .unsigned(let value): (false, value)
        default: nil
        }
    }

    /// The member named `key` of an object (the first one, should a document repeat it).
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.0 == key }?.1
    }

    /// An object from key/value pairs in order.
    public static func object(_ members: KeyValuePairs<String, JSONValue>) -> JSONValue {
        .object(members.map { ($0.key, $0.value) })
    }

    /// An object without its null members, for optional fields that are omitted when absent.
    public static func compactObject(_ members: [(String, JSONValue?)]) -> JSONValue {
        .object(members.compactMap { key, value in value.map { (key, $0) } })
    }

    /// `transform(value)`, or `null` when there is no value.
    public static func optional<T>(_ value: T?, _ transform: (T) -> JSONValue) -> JSONValue {
        value.map(transform) ?? .null
    }

    /// A number written as Swift writes a `Double`, keeping `.0` on integral values
    /// (`5.0`, `33.333333333333336`); `null` when not finite.
    public static func withFraction(_ value: Double) -> JSONValue {
        value.isFinite ? .numberLiteral("\(value)") : .null
    }

    /// A number rounded to at most `decimals` digits after the point (`1234.6` for
    /// 1234.56 with one decimal); integral values are written without a fraction and a
    /// value that is not finite as `null`.
    public static func rounded(_ value: Double, decimals: Int) -> JSONValue {
        guard value.isFinite else { return .null }
        guard value != value.rounded() else { return .double(value) }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        return .double((value * scale).rounded() / scale)
    }

    /// The document with every object's members sorted by key (by UTF-8 bytes), as
    /// `JSONEncoder`'s `.sortedKeys` writes them.
    public func sortingKeys() -> JSONValue {
        switch self {
        case .array(let values): .array(values.map { $0.sortingKeys() })
        case .object(let members):
            .object(
                members.map { ($0.0, $0.1.sortingKeys()) }.sorted { $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) })
        default: self
        }
    }

    // MARK: Writing

    /// The document as compact JSON (no spaces), `/` not escaped, non-ASCII kept as UTF-8.
    public var compact: String {
        var out: [UInt8] = []
        write(to: &out, indent: nil, level: 0)
        return String(decoding: out, as: UTF8.self)
    }

    /// The document indented by two spaces, `"key": value`, empty containers as `[]`/`{}`.
    public var pretty: String {
        var out: [UInt8] = []
        write(to: &out, indent: "  ", level: 0)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the compact rendering to `out`.
    public func write(to out: inout [UInt8]) {
        write(to: &out, indent: nil, level: 0)
    }

    /// The text of a `double`: the shortest that reads back the same value, without `.0`.
    static func text(of value: Double) -> String {
        guard value.isFinite else { return "null" }
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        return text == "-0" ? "0" : text
    }

    private func write(to out: inout [UInt8], indent: String?, level: Int) {
        switch self {
        case .null: out += "null".utf8
        case .bool(let value): out += (value ? "true" : "false").utf8
        case .integer(let value): out += String(value).utf8
        case .unsigned(let value): out += String(value).utf8
        case .double(let value): out += Self.text(of: value).utf8
        case .numberLiteral(let text): out += text.utf8
        case .string(let value): JSONText.appendString(value, to: &out)
        case .array(let values):
            writeContainer(values.map { (nil, $0) }, open: "[", close: "]", to: &out, indent: indent, level: level)
        case .object(let members):
            writeContainer(members.map { ($0.0, $0.1) }, open: "{", close: "}", to: &out, indent: indent, level: level)
        }
    }

    private func writeContainer(
        _ items: [(String?, JSONValue)], open: Unicode.Scalar, close: Unicode.Scalar,
        to out: inout [UInt8], indent: String?, level: Int
    ) {
        out.append(UInt8(ascii: open))
        guard !items.isEmpty else {
            out.append(UInt8(ascii: close))
            return
        }
        for (index, (key, value)) in items.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            if let indent { out += ("\n" + String(repeating: indent, count: level + 1)).utf8 }
            if let key {
                JSONText.appendString(key, to: &out)
                out += (indent == nil ? ":" : ": ").utf8
            }
            value.write(to: &out, indent: indent, level: level + 1)
        }
        if let indent { out += ("\n" + String(repeating: indent, count: level)).utf8 }
        out.append(UInt8(ascii: close))
    }
}

// MARK: - Parsing

/// Where and why a JSON document could not be parsed (1-based line and byte column).
public struct JSONParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The 1-based line of the problem.
    public var line: Int
    /// The 1-based byte column of the problem.
    public var column: Int
    /// What is wrong.
    public var problem: String

    public var description: String { "\(line):\(column): \(problem)" }
}

extension JSONValue {
    /// The deepest nesting the parser accepts; deeper documents are rejected, never a crash.
    public static let maximumDepth = 128

    /// Parses a complete JSON document (RFC 8259; duplicate keys keep their first value
    /// when read with the subscript).
    ///
    /// - Throws: ``JSONParseError`` naming the line and column of the first problem.
    public static func parse(_ bytes: [UInt8]) throws(JSONParseError) -> JSONValue {
        let result = bytes.withUnsafeBufferPointer { buffer -> Result<JSONValue, JSONParseError> in
            var parser = JSONParser(bytes: buffer)
            do throws(JSONParseError) {
                parser.skipWhitespace()
                let value = try parser.parseValue(depth: 0)
                parser.skipWhitespace()
                if parser.index < buffer.count { throw parser.error("unexpected text after the document") }
                return .success(value)
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// Parses a document held in a string.
    public static func parse(_ text: String) throws(JSONParseError) -> JSONValue {
        try parse(Array(text.utf8))
    }
}

/// A byte-level scanner over the document's bytes (borrowed for the parse, never copied).
private struct JSONParser {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0

    init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    func error(_ problem: String, at offset: Int? = nil) -> JSONParseError {
        let end = min(offset ?? index, bytes.count)
        var line = 1
        var lineStart = 0
        for position in 0..<end where bytes[position] == UInt8(ascii: "\n") {
            line += 1
            lineStart = position + 1
        }
        let truncated = offset == nil && index >= bytes.count
        return JSONParseError(
            line: line, column: end - lineStart + 1, problem: truncated ? "unexpected end of the document" : problem)
    }

    var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    mutating func skipWhitespace() {
        while let byte = current, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { index += 1 }
    }

    mutating func expect(_ literal: StaticString, value: JSONValue) throws(JSONParseError) -> JSONValue {
        let count = literal.utf8CodeUnitCount
        guard index + count <= bytes.count,
            UnsafeBufferPointer(start: literal.utf8Start, count: count).elementsEqual(bytes[index..<index + count])
        else {
            throw error("expected a value (a string, number, object, array, true, false or null)")
        }
        index += count
        return value
    }

    mutating func parseValue(depth: Int) throws(JSONParseError) -> JSONValue {
        guard depth < JSONValue.maximumDepth else {
            throw error("nested more than \(JSONValue.maximumDepth) levels deep")
        }
        guard let byte = current else { throw error("unexpected end of the document") }
        switch byte {
        case UInt8(ascii: "{"): return try parseObject(depth: depth)
        case UInt8(ascii: "["): return try parseArray(depth: depth)
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): return try expect("true", value: .bool(true))
        case UInt8(ascii: "f"): return try expect("false", value: .bool(false))
        case UInt8(ascii: "n"): return try expect("null", value: .null)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
        default: throw error("expected a value (a string, number, object, array, true, false or null)")
        }
    }

    mutating func parseObject(depth: Int) throws(JSONParseError) -> JSONValue {
        index += 1
        var members: [(String, JSONValue)] = []
        skipWhitespace()
        if current == UInt8(ascii: "}") {
            index += 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard current == UInt8(ascii: "\"") else { throw error("expected a quoted member name") }
            let key = try parseString()
            skipWhitespace()
            guard current == UInt8(ascii: ":") else { throw error("expected ':' after the member name") }
            index += 1
            skipWhitespace()
            members.append((key, try parseValue(depth: depth + 1)))
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "}"):
                index += 1
                return .object(members)
            default: throw error("expected ',' or '}' in an object")
            }
        }
    }

    mutating func parseArray(depth: Int) throws(JSONParseError) -> JSONValue {
        index += 1
        var values: [JSONValue] = []
        skipWhitespace()
        if current == UInt8(ascii: "]") {
            index += 1
            return .array(values)
        }
        while true {
            skipWhitespace()
            values.append(try parseValue(depth: depth + 1))
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "]"):
                index += 1
                return .array(values)
            default: throw error("expected ',' or ']' in an array")
            }
        }
    }

    mutating func parseHex4() throws(JSONParseError) -> UInt32 {
        guard index + 4 <= bytes.count else { throw error("incomplete \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default: throw error("invalid hexadecimal digit in a \\u escape")
            }
            value = value * 16 + digit
            index += 1
        }
        return value
    }

    mutating func parseString() throws(JSONParseError) -> String {
        let start = index
        index += 1
        // Fast path: a string without escapes is its bytes, decoded once.
        var end = index
        while end < bytes.count {
            let byte = bytes[end]
            if byte == UInt8(ascii: "\"") {
                index = end + 1
                return String(decoding: UnsafeBufferPointer(rebasing: bytes[start + 1..<end]), as: UTF8.self)
            }
            if byte == UInt8(ascii: "\\") || byte < 0x20 { break }
            end += 1
        }
        var scalars = String.UnicodeScalarView()
        var runStart = index
        func flush(_ parser: JSONParser, upTo end: Int, into scalars: inout String.UnicodeScalarView) {
            scalars.append(contentsOf: String(decoding: parser.bytes[runStart..<end], as: UTF8.self).unicodeScalars)
        }
        while true {
            guard let byte = current else { throw error("unterminated string", at: start) }
            if byte == UInt8(ascii: "\"") {
                flush(self, upTo: index, into: &scalars)
                index += 1
                return String(scalars)
            }
            if byte < 0x20 { throw error("control character inside a string; write it as an escape") }
            if byte != UInt8(ascii: "\\") {
                index += 1
                continue
            }
            flush(self, upTo: index, into: &scalars)
            index += 1
            guard let escape = current else { throw error("unterminated string", at: start) }
            index += 1
            switch escape {
            case UInt8(ascii: "\""): scalars.append("\"")
            case UInt8(ascii: "\\"): scalars.append("\\")
            case UInt8(ascii: "/"): scalars.append("/")
            case UInt8(ascii: "b"): scalars.append("\u{08}")
            case UInt8(ascii: "f"): scalars.append("\u{0C}")
            case UInt8(ascii: "n"): scalars.append("\n")
            case UInt8(ascii: "r"): scalars.append("\r")
            case UInt8(ascii: "t"): scalars.append("\t")
            case UInt8(ascii: "u"):
                var code = try parseHex4()
                if (0xD800..<0xDC00).contains(code), index + 1 < bytes.count,
                    bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u")
                {
                    index += 2
                    let low = try parseHex4()
                    code = (0xDC00..<0xE000).contains(low) ? 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00) : 0xFFFD
                }
                scalars.append(Unicode.Scalar(code) ?? "\u{FFFD}")
            default: throw error("invalid escape in a string")
            }
            runStart = index
        }
    }

    mutating func parseNumber() throws(JSONParseError) -> JSONValue {
        let start = index
        var isInteger = true
        if current == UInt8(ascii: "-") { index += 1 }
        func digits(_ parser: inout JSONParser) -> Int {
            let before = parser.index
            while let byte = parser.current, byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") { parser.index += 1 }
            return parser.index - before
        }
        let integerDigits = digits(&self)
        guard integerDigits > 0 else { throw error("invalid number") }
        if integerDigits > 1, bytes[index - integerDigits] == UInt8(ascii: "0") {
            throw error("invalid number (leading zero)", at: start)
        }
        if current == UInt8(ascii: ".") {
            isInteger = false
            index += 1
            guard digits(&self) > 0 else { throw error("invalid number (no digits after '.')") }
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            isInteger = false
            index += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { index += 1 }
            guard digits(&self) > 0 else { throw error("invalid number (no digits in the exponent)") }
        }
        // Up to 18 digits always fit in an `Int`: read them without making a string.
        let negative = bytes[start] == UInt8(ascii: "-")
        if isInteger, integerDigits <= 18 {
            var magnitude = 0
            for position in (index - integerDigits)..<index { magnitude = magnitude * 10 + Int(bytes[position] &- 48) }
            return .integer(negative ? -magnitude : magnitude)
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        if isInteger, let value = Int(text) { return .integer(value) }
        guard let value = Double(text), value.isFinite else { throw error("number out of range", at: start) }
        return .double(value)
    }
}
