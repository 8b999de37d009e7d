// The JSON Lines format over every record of a trail, and the exec summary's JSON line;
// every line must be one JSON object (RFC 8259, valid UTF-8) on one line, ending in its
// newline.
//
// Every line is checked for its newline, for no other newline and for its braces. The lines
// of one input in four (chosen by a hash of its bytes, so a run is deterministic) are also
// checked in full by `JSONShape`, a validator that walks the bytes once and builds nothing,
// and is stricter than `JSONValue.parse` (it also rejects invalid UTF-8). Parsing every line
// back into a `JSONValue` held the target near 390 inputs a CPU second; validating every
// line, even without building anything, cost more than formatting the lines.
@testable import AuditLintKit

let formatter = TrailJSONFormatter(eventNames: { fuzzEvents[$0] })

/// A non-allocating RFC 8259 validator for one JSON document.
struct JSONShape {
    let bytes: [UInt8]
    var index = 0

    /// Whether `bytes` is exactly one JSON object, with optional whitespace around it, in
    /// valid UTF-8.
    static func isObject(_ bytes: [UInt8]) -> Bool {
        var decoder = UTF8()
        var iterator = bytes.makeIterator()
        decoding: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue: continue
            case .emptyInput: break decoding
            case .error: return false
            }
        }
        var shape = JSONShape(bytes: bytes)
        shape.skipWhitespace()
        guard shape.current == UInt8(ascii: "{"), shape.value(depth: 0) else { return false }
        shape.skipWhitespace()
        return shape.index == bytes.count
    }

    var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    mutating func skipWhitespace() {
        while let byte = current, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { index += 1 }
    }

    mutating func literal(_ text: StaticString) -> Bool {
        let count = text.utf8CodeUnitCount
        guard index + count <= bytes.count else { return false }
        for offset in 0..<count where bytes[index + offset] != text.utf8Start[offset] { return false }
        index += count
        return true
    }

    mutating func value(depth: Int) -> Bool {
        guard depth < JSONValue.maximumDepth, let byte = current else { return false }
        switch byte {
        case UInt8(ascii: "{"): return members(depth: depth, close: UInt8(ascii: "}"), named: true)
        case UInt8(ascii: "["): return members(depth: depth, close: UInt8(ascii: "]"), named: false)
        case UInt8(ascii: "\""): return string()
        case UInt8(ascii: "t"): return literal("true")
        case UInt8(ascii: "f"): return literal("false")
        case UInt8(ascii: "n"): return literal("null")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return number()
        default: return false
        }
    }

    /// An object (`named`) or an array, from its opening bracket.
    mutating func members(depth: Int, close: UInt8, named: Bool) -> Bool {
        index += 1
        skipWhitespace()
        if current == close {
            index += 1
            return true
        }
        while true {
            skipWhitespace()
            if named {
                guard current == UInt8(ascii: "\""), string() else { return false }
                skipWhitespace()
                guard current == UInt8(ascii: ":") else { return false }
                index += 1
                skipWhitespace()
            }
            guard value(depth: depth + 1) else { return false }
            skipWhitespace()
            if current == UInt8(ascii: ",") {
                index += 1
            } else if current == close {
                index += 1
                return true
            } else {
                return false
            }
        }
    }

    mutating func string() -> Bool {
        index += 1
        while let byte = current {
            index += 1
            switch byte {
            case UInt8(ascii: "\""): return true
            case 0..<0x20: return false
            case UInt8(ascii: "\\"):
                guard let escape = current else { return false }
                index += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                    UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    continue
                case UInt8(ascii: "u"):
                    for _ in 0..<4 {
                        guard let digit = current, digit.isHexDigit else { return false }
                        index += 1
                    }
                default: return false
                }
            default: continue
            }
        }
        return false
    }

    mutating func digits() -> Int {
        let start = index
        while let byte = current, byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") { index += 1 }
        return index - start
    }

    mutating func number() -> Bool {
        if current == UInt8(ascii: "-") { index += 1 }
        let start = index
        let integer = digits()
        guard integer > 0, integer == 1 || bytes[start] != UInt8(ascii: "0") else { return false }
        if current == UInt8(ascii: ".") {
            index += 1
            guard digits() > 0 else { return false }
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            index += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { index += 1 }
            guard digits() > 0 else { return false }
        }
        return true
    }
}

extension UInt8 {
    fileprivate var isHexDigit: Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(self) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(self)
            || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(self)
    }
}

/// Whether `line` (without its newline) has no newline and is braced; with `validate`, whether
/// it is one JSON object.
func isOneLineObject(_ line: [UInt8], validate: Bool) -> Bool {
    guard line.first == UInt8(ascii: "{"), line.last == UInt8(ascii: "}"), !line.contains(10) else { return false }
    return !validate || JSONShape.isObject(line)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    withInput(data, size) { bytes in
        let validate = fnv1a(bytes) % 4 == 0
        var sink: [UInt8] = []
        forEachFuzzRecord(bytes) { record in
            formatter.append(record, file: "fuzz", to: &sink)
            check(sink.last == 10, "a JSON line without its newline")
            sink.removeLast()
            check(
                isOneLineObject(sink, validate: validate),
                "not one JSON object: \(String(decoding: sink, as: UTF8.self))")
            if let exec = ExecRecord(record) {
                let line = Array(exec.jsonLine(file: "fuzz").utf8)
                check(isOneLineObject(line, validate: validate), "exec line not one JSON object on one line")
            }
            sink.removeAll(keepingCapacity: true)
        }
    }
}
