/// The C library conversions libbsm applies to values (`atoi`, `sscanf` `%ju`/`%d`/`%c`/`%[`),
/// modelled on bytes with their offsets so findings can point at the exact column.
struct CScanner {
    let bytes: [UInt8]
    var position = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var isAtEnd: Bool { position >= bytes.count }

    /// `isspace` in the C locale.
    static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }

    static func isDigit(_ byte: UInt8) -> Bool { (0x30...0x39).contains(byte) }

    mutating func skipSpaces() {
        while position < bytes.count, Self.isSpace(bytes[position]) { position += 1 }
    }

    /// A number as `strtoumax`/`strtoimax` read it: optional sign, then at least one digit.
    struct Number {
        /// Offset of the sign or first digit.
        var start: Int
        /// Offset after the last digit.
        var end: Int
        var negative: Bool
        /// The magnitude, saturated at `UInt64.max` on overflow (as `strtoumax` does).
        var magnitude: UInt64
        var overflowed: Bool
    }

    /// Reads `[+-]digits` at the current position (no whitespace skipping); nil, with the
    /// position unchanged, when there is no digit.
    mutating func number() -> Number? {
        let start = position
        var index = position
        var negative = false
        if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
            negative = bytes[index] == UInt8(ascii: "-")
            index += 1
        }
        guard index < bytes.count, Self.isDigit(bytes[index]) else { return nil }
        var magnitude: UInt64 = 0
        var overflowed = false
        while index < bytes.count, Self.isDigit(bytes[index]) {
            let (times, o1) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times.addingReportingOverflow(UInt64(bytes[index] - 0x30))
            if o1 || o2 { overflowed = true }
            magnitude = overflowed ? UInt64.max : sum
            index += 1
        }
        position = index
        return Number(start: start, end: index, negative: negative, magnitude: magnitude, overflowed: overflowed)
    }

    /// `%ju`: skips whitespace, reads a number; a negative number wraps modulo 2⁶⁴.
    mutating func scanUnsigned() -> (value: UInt64, number: Number)? {
        let saved = position
        skipSpaces()
        guard let number = number() else {
            position = saved
            return nil
        }
        let value = number.negative ? (number.overflowed ? UInt64.max : 0 &- number.magnitude) : number.magnitude
        return (value, number)
    }

    /// `(int)strtol`: saturated to the 64-bit `long` range, then truncated to 32 bits, as
    /// `atoi` and `sscanf("%d")` do on LP64 systems.
    static func int32(from number: Number) -> Int32 {
        let long: Int64
        if number.negative {
            long =
                number.magnitude > UInt64(Int64.max) + 1 ? Int64.min : Int64(truncatingIfNeeded: 0 &- number.magnitude)
        } else {
            long = number.magnitude > UInt64(Int64.max) ? Int64.max : Int64(number.magnitude)
        }
        return Int32(truncatingIfNeeded: long)
    }

    /// `%c`: the next byte, whatever it is.
    mutating func scanCharacter() -> (byte: UInt8, offset: Int)? {
        guard position < bytes.count else { return nil }
        defer { position += 1 }
        return (bytes[position], position)
    }

    /// `%[set]`: one or more bytes from `set`; nil when none.
    mutating func scanSet(_ set: Set<UInt8>) -> Range<Int>? {
        let start = position
        while position < bytes.count, set.contains(bytes[position]) { position += 1 }
        return position > start ? start..<position : nil
    }
}

/// `atoi(value)`: whitespace skipped, sign, digits; 0 when there is no number.
struct AtoiResult {
    var value: Int32
    /// The digits' range in the value; nil when there were none.
    var digits: Range<Int>?
    /// The bytes `atoi` ignores (after the number, or all of them when there is no number).
    var ignoredTail: Range<Int>?

    init(_ bytes: [UInt8]) {
        var scanner = CScanner(bytes)
        scanner.skipSpaces()
        if let number = scanner.number() {
            value = CScanner.int32(from: number)
            digits = number.start..<number.end
            let rest = bytes[number.end...]
            ignoredTail = rest.contains { !CScanner.isSpace($0) } ? number.end..<bytes.count : nil
        } else {
            value = 0
            digits = nil
            ignoredTail = bytes.isEmpty ? nil : 0..<bytes.count
        }
    }
}

/// `au_spacetobytes`: `B` or a space is bytes, `K`/`M`/`G` multiply by 1024ⁿ (wrapping
/// like C unsigned arithmetic); anything else is an error.
func spaceToBytes(_ value: UInt64, unit: UInt8) -> UInt64? {
    switch unit {
    case UInt8(ascii: "B"), UInt8(ascii: " "): value
    case UInt8(ascii: "K"): value &* 1024
    case UInt8(ascii: "M"): value &* (1024 * 1024)
    case UInt8(ascii: "G"): value &* (1024 * 1024 * 1024)
    default: nil
    }
}

/// A byte shown in a message: printable ASCII as itself, anything else escaped.
func describeByte(_ byte: UInt8) -> String {
    switch byte {
    case 0x20: "a space"
    case 0x09: "a tab"
    case 0x0D: "a carriage return (\\r)"
    case 0x21...0x7E: "`\(Character(Unicode.Scalar(byte)))`"
    default: "byte 0x\(String(byte, radix: 16, uppercase: true))"
    }
}
