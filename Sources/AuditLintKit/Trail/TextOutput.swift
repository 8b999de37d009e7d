/// A scratch buffer (normally on the stack) that collects text and appends it to `out` in
/// bulk: the text formatters' hot path writes byte by byte without array overhead.
struct TextSink: ByteOutput {
    var out: [UInt8] = []
    let base: UnsafeMutablePointer<UInt8>
    let capacity: Int
    var count = 0

    init(scratch: UnsafeMutableBufferPointer<UInt8>) {
        base = scratch.baseAddress!
        capacity = scratch.count
    }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        if count == capacity { flush() }
        base[count] = byte
        count &+= 1
    }

    mutating func append(bytes: UnsafeRawBufferPointer) {
        guard let source = bytes.baseAddress, bytes.count > 0 else { return }
        if bytes.count > capacity - count {
            flush()
            if bytes.count > capacity {
                out.append(contentsOf: bytes)
                return
            }
        }
        UnsafeMutableRawPointer(base + count).copyMemory(from: source, byteCount: bytes.count)
        count += bytes.count
    }

    mutating func flush() {
        out.append(contentsOf: UnsafeBufferPointer(start: base, count: count))
        count = 0
    }

    mutating func append(decimal value: UInt64) {
        if capacity &- count < 20 { flush() }
        if value < 10 {
            base[count] = 48 &+ UInt8(truncatingIfNeeded: value)
            count &+= 1
            return
        }
        var digits = 2
        var limit: UInt64 = 100
        while digits < 20, value >= limit {
            digits &+= 1
            limit &*= 10
        }
        // Two digits a division, from the right.
        var v = value
        var i = count &+ digits
        while v >= 100 {
            let q = v / 100
            writePair(UInt32(truncatingIfNeeded: v &- q &* 100), endingAt: i)
            i &-= 2
            v = q
        }
        if v >= 10 {
            writePair(UInt32(truncatingIfNeeded: v), endingAt: i)
        } else {
            base[i &- 1] = 48 &+ UInt8(truncatingIfNeeded: v)
        }
        count &+= digits
    }

    /// Writes the two decimal digits of `pair` (< 100) at base[end - 2], base[end - 1].
    @inline(__always)
    private func writePair(_ pair: UInt32, endingAt end: Int) {
        base[end &- 2] = 48 &+ UInt8(truncatingIfNeeded: pair / 10)
        base[end &- 1] = 48 &+ UInt8(truncatingIfNeeded: pair % 10)
    }

    static let hexDigits: StaticString = "0123456789abcdef"

    /// `0x` and two hex digits a byte; nothing for no bytes (written straight into the
    /// scratch buffer, one room check a byte).
    mutating func append(memory bytes: [UInt8]) {
        guard !bytes.isEmpty else { return }
        append(ascii: "0x")
        let digits = Self.hexDigits.utf8Start
        bytes.withUnsafeBufferPointer { bytes in
            for byte in bytes {
                if capacity &- count < 2 { flush() }
                base[count] = digits[Int(byte >> 4)]
                base[count &+ 1] = digits[Int(byte & 15)]
                count &+= 2
            }
        }
    }

    /// Runs `body` with a sink writing to `out` through a stack scratch buffer.
    static func writing(to out: inout [UInt8], _ body: (inout TextSink) -> Void) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 8192) { scratch in
            var sink = TextSink(scratch: scratch)
            swap(&sink.out, &out)
            body(&sink)
            sink.flush()
            swap(&sink.out, &out)
        }
    }
}

/// Appending trail values without creating `String`s.
extension ByteOutput {
    @inline(__always)
    static func hexDigit(_ nibble: UInt64) -> UInt8 {
        let n = UInt8(truncatingIfNeeded: nibble & 0xf)
        return n < 10 ? 48 &+ n : 87 &+ n
    }

    /// `%x` (lower case, no prefix); `width` pads with zeros (`%02x`).
    mutating func append(hex value: UInt64, width: Int = 1) {
        var shift = 60
        while shift > 0, (value >> UInt64(shift)) == 0, shift >= width * 4 { shift -= 4 }
        while shift >= 0 {
            append(Self.hexDigit(value >> UInt64(shift)))
            shift -= 4
        }
    }

    /// `%o`.
    mutating func append(octal value: UInt64) {
        var shift = 63
        while shift > 0, (value >> UInt64(shift)) == 0 { shift -= 3 }
        while shift >= 0 {
            append(UInt8(48 + (value >> UInt64(shift)) & 7))
            shift -= 3
        }
    }

    /// `%#x`: `0` for zero, else `0x` and the hex digits.
    mutating func append(alternateHex value: UInt64) {
        if value == 0 {
            append(UInt8(ascii: "0"))
        } else {
            append(ascii: "0x")
            append(hex: value)
        }
    }

    /// An IPv4 address in dotted-quad form.
    mutating func append(ipv4 b: ArraySlice<UInt8>) {
        var first = true
        for byte in b.prefix(4) {
            if !first { append(UInt8(ascii: ".")) }
            append(decimal: UInt64(byte))
            first = false
        }
    }

    /// An IPv6 address as glibc's `inet_ntop` writes it: the longest run (two or more) of zero
    /// groups becomes `::`, and an IPv4-compatible or IPv4-mapped address ends in a dotted quad.
    mutating func append(ipv6 b: [UInt8]) {
        guard b.count == 16 else { return }
        var words = [Int](repeating: 0, count: 8)
        for i in 0..<8 { words[i] = Int(b[2 * i]) << 8 | Int(b[2 * i + 1]) }
        var bestBase = -1
        var bestLength = 0
        var current = -1
        var currentLength = 0
        for i in 0..<8 {
            if words[i] == 0 {
                if current < 0 {
                    current = i
                    currentLength = 1
                } else {
                    currentLength += 1
                }
                if currentLength > bestLength {
                    bestBase = current
                    bestLength = currentLength
                }
            } else {
                current = -1
            }
        }
        if bestLength < 2 { bestBase = -1 }
        var i = 0
        while i < 8 {
            if i == bestBase {
                append(UInt8(ascii: ":"))
                i += bestLength
                if i == 8 { append(UInt8(ascii: ":")) }
                continue
            }
            if i != 0 { append(UInt8(ascii: ":")) }
            if i == 6, bestBase == 0, bestLength == 6 || (bestLength == 5 && words[5] == 0xffff) {
                append(ipv4: b[12..<16])
                return
            }
            append(hex: UInt64(words[i]))
            i += 1
        }
    }

    /// An address of a token with an address type, as praudit prints it (`invalid` for a
    /// type other than 4 or 16).
    mutating func append(address: BSMAddress) {
        switch address.type {
        case 4 where address.bytes.count >= 4: append(ipv4: address.bytes[0..<4])
        case 16 where address.bytes.count == 16: append(ipv6: address.bytes)
        default: append(ascii: "invalid")
        }
    }

    /// A token string as praudit prints it: every byte but NUL.
    mutating func append(bsmString bytes: [UInt8]) {
        bytes.withUnsafeBytes { raw in
            var start = 0
            while start < raw.count {
                let end = raw[start...].firstIndex(of: 0) ?? raw.count
                append(bytes: UnsafeRawBufferPointer(rebasing: raw[start..<end]))
                start = end + 1
            }
        }
    }

    /// `0x` and two hex digits a byte; nothing for no bytes.
    mutating func append(memory bytes: [UInt8]) {
        guard !bytes.isEmpty else { return }
        append(ascii: "0x")
        for byte in bytes {
            append(Self.hexDigit(UInt64(byte >> 4)))
            append(Self.hexDigit(UInt64(byte)))
        }
    }

    /// A UUID as OpenBSM prints it (8-4-4-4-12 lower-case hex digits).
    mutating func append(uuid bytes: [UInt8]) {
        for (i, byte) in bytes.enumerated() {
            if i == 4 || i == 6 || i == 8 || i == 10 { append(UInt8(ascii: "-")) }
            append(hex: UInt64(byte), width: 2)
        }
    }
}

extension ByteOutput {
    /// `ctime(3)` without the newline, in UTC: `Mon Sep 18 21:13:02 2006` (the date from
    /// ``CivilTime``).
    mutating func append(ctime seconds: Int64) {
        let t = CivilTime.fields(seconds)
        append(ascii: ctimeWeekdays[t.weekday])
        append(UInt8(ascii: " "))
        append(ascii: ctimeMonths[t.month - 1])
        append(UInt8(ascii: " "))
        if t.day < 10 { append(UInt8(ascii: " ")) }
        append(decimal: UInt64(t.day))
        append(UInt8(ascii: " "))
        appendTwoDigits(t.hour)
        append(UInt8(ascii: ":"))
        appendTwoDigits(t.minute)
        append(UInt8(ascii: ":"))
        appendTwoDigits(t.second)
        append(UInt8(ascii: " "))
        append(signed: t.year)
    }

    private mutating func appendTwoDigits(_ value: Int) {
        append(UInt8(48 + value / 10))
        append(UInt8(48 + value % 10))
    }
}

private let ctimeWeekdays: [StaticString] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
private let ctimeMonths: [StaticString] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
]
