/// The lexical layer shared by the audit_class, audit_event and audit_user readers
/// (spec §4): libbsm reads each file with `fgets` into a 256-byte buffer, removes the
/// last `\n`, skips a read whose first byte is `#`, and splits the rest with
/// `strtok_r(":")`, which collapses empty fields.
///
/// Apple's OpenBSM-21 and OpenBSM 1.2 read these three files with the same code (the
/// `bsm_class.c`, `bsm_event.c`, `bsm_user.c` and `bsm_flags.c` of both differ only in
/// locking), so the readers take no dialect; the dialects differ only in the default files.
struct TableRead {
    /// The bytes one `fgets` returns: at most 255, ending after a `\n` or at the limit.
    static let maximumLength = 255

    /// The 1-based physical line the read starts on.
    var line: Int
    /// The 1-based byte column the read starts at (256 for the second piece of a long line).
    var column: Int
    /// The C string libbsm parses: the read up to its first NUL, without the final `\n`.
    var content: ArraySlice<UInt8>
    /// Whether the physical line continues after this read (it was longer than 255 bytes).
    var isSplit: Bool

    /// Whether libbsm skips the read as a comment (`#` in its first byte).
    var isComment: Bool { content.first == UInt8(ascii: "#") }

    /// Whether the read is empty or holds only blanks (`\r` included).
    var isBlank: Bool { content.allSatisfy(Self.isBlankByte) }

    /// Whether the read is a comment whose `#` is preceded by blanks.
    var isIndentedComment: Bool {
        guard let first = content.firstIndex(where: { !Self.isBlankByte($0) }) else { return false }
        return first != content.startIndex && content[first] == UInt8(ascii: "#")
    }

    static func isBlankByte(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r")
            || byte == 0x0B || byte == 0x0C
    }

    /// The 1-based column of the byte at `index` (an index into the file's bytes).
    func column(of index: Int) -> Int { column + (index - content.startIndex) }

    /// The first `limit` fields as `strtok_r(":")` returns them: runs of non-colon bytes.
    /// The last field asked for ends at the next colon; anything after it is ignored.
    func fields(limit: Int) -> [ArraySlice<UInt8>] {
        var result: [ArraySlice<UInt8>] = []
        var index = content.startIndex
        while result.count < limit, index < content.endIndex {
            while index < content.endIndex, content[index] == UInt8(ascii: ":") { index += 1 }
            guard index < content.endIndex else { break }
            let start = index
            while index < content.endIndex, content[index] != UInt8(ascii: ":") { index += 1 }
            result.append(content[start..<index])
        }
        return result
    }

    /// The first place (before the end of the last field libbsm uses) where an empty field
    /// collapsed: a leading `:` or a `::`. Returns the index of the first colon involved.
    func collapsedEmptyField(before end: Int) -> Int? {
        var index = content.startIndex
        if index < end, content[index] == UInt8(ascii: ":") { return index }
        while index + 1 < end {
            if content[index] == UInt8(ascii: ":"), content[index + 1] == UInt8(ascii: ":") { return index }
            index += 1
        }
        return nil
    }

    /// Splits `bytes` into `fgets` reads.
    static func reads(_ bytes: [UInt8]) -> [TableRead] {
        var result: [TableRead] = []
        var offset = 0
        var line = 1
        var column = 1
        while offset < bytes.count {
            let limit = min(bytes.count, offset + maximumLength)
            var end = offset
            var newline = false
            while end < limit {
                end += 1
                if bytes[end - 1] == UInt8(ascii: "\n") {
                    newline = true
                    break
                }
            }
            var contentEnd = newline ? end - 1 : end
            if let nul = bytes[offset..<contentEnd].firstIndex(of: 0) { contentEnd = nul }
            result.append(
                TableRead(
                    line: line, column: column, content: bytes[offset..<contentEnd],
                    isSplit: !newline && end < bytes.count))
            if newline {
                line += 1
                column = 1
            } else {
                column += end - offset
            }
            offset = end
        }
        return result
    }
}

/// The C library conversions libbsm applies to table fields.
enum CNumber {
    static func isSpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || (byte >= 0x09 && byte <= 0x0D)
    }

    /// `strtoul(text, &end, 0)` truncated to 32 bits, as `classfromstr` stores a class mask:
    /// `0x` hex, leading `0` octal, else decimal; leading blanks and a sign allowed;
    /// overflow gives `ULONG_MAX`; garbage gives 0. `complete` tells whether the whole
    /// text was a number.
    static func strtoul32(_ text: ArraySlice<UInt8>) -> (value: UInt32, complete: Bool) {
        var index = text.startIndex
        while index < text.endIndex, isSpace(text[index]) { index += 1 }
        var negative = false
        if index < text.endIndex, text[index] == UInt8(ascii: "+") || text[index] == UInt8(ascii: "-") {
            negative = text[index] == UInt8(ascii: "-")
            index += 1
        }
        var base: UInt64 = 10
        if index < text.endIndex, text[index] == UInt8(ascii: "0") {
            let next = index + 1
            if next + 1 < text.endIndex, text[next] | 0x20 == UInt8(ascii: "x"), digit(text[next + 1], base: 16) != nil
            {
                base = 16
                index = next + 1
            } else {
                base = 8
            }
        }
        var value: UInt64 = 0
        var overflow = false
        var digits = 0
        while index < text.endIndex, let digit = digit(text[index], base: base) {
            let (product, productOverflow) = value.multipliedReportingOverflow(by: base)
            let (sum, sumOverflow) = product.addingReportingOverflow(UInt64(digit))
            if productOverflow || sumOverflow { overflow = true }
            value = sum
            digits += 1
            index += 1
        }
        guard digits > 0 else { return (0, false) }
        if overflow { value = .max } else if negative { value = 0 &- value }
        return (UInt32(truncatingIfNeeded: value), index == text.endIndex)
    }

    /// `atoi(text)` stored into a 16-bit `au_event_t`, as `eventfromstr` stores an event
    /// number: leading blanks and a sign allowed, digits until the first other byte,
    /// garbage gives 0, `strtol` clamping then truncation to `int` and to 16 bits.
    static func atoiEvent(_ text: ArraySlice<UInt8>) -> (value: Int, complete: Bool) {
        var index = text.startIndex
        while index < text.endIndex, isSpace(text[index]) { index += 1 }
        var negative = false
        if index < text.endIndex, text[index] == UInt8(ascii: "+") || text[index] == UInt8(ascii: "-") {
            negative = text[index] == UInt8(ascii: "-")
            index += 1
        }
        var magnitude: UInt64 = 0
        var overflow = false
        var digits = 0
        while index < text.endIndex, let digit = digit(text[index], base: 10) {
            let (product, productOverflow) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, sumOverflow) = product.addingReportingOverflow(UInt64(digit))
            if productOverflow || sumOverflow { overflow = true }
            magnitude = sum
            digits += 1
            index += 1
        }
        guard digits > 0 else { return (0, false) }
        let long: Int64
        if negative {
            long = overflow || magnitude > UInt64(Int64.max) + 1 ? .min : Int64(bitPattern: 0 &- magnitude)
        } else {
            long = overflow || magnitude > UInt64(Int64.max) ? .max : Int64(magnitude)
        }
        let int = Int32(truncatingIfNeeded: long)
        return (Int(UInt16(truncatingIfNeeded: int)), index == text.endIndex)
    }

    private static func digit(_ byte: UInt8, base: UInt64) -> UInt8? {
        let value: UInt8
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): value = byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "z"): value = byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): value = byte - UInt8(ascii: "A") + 10
        default: return nil
        }
        return UInt64(value) < base ? value : nil
    }
}
