/// The JSON string escaper every JSON output of auditlint uses: ``JSONValue`` and the trail
/// JSON Lines writer.
public enum JSONText {
    /// `text` as a JSON string literal (quotes included), escaped as ``appendString(_:to:)`` does.
    public static func string(_ text: String) -> String {
        var out: [UInt8] = []
        appendString(text, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends `text` as a JSON string literal (RFC 8259): `"` and `\` escaped, `\n`, `\r`
    /// and `\t` as short escapes, the other C0 controls, DEL, U+2028 and U+2029 as `\uXXXX`
    /// (lower-case hex) so the output is safe in JavaScript and on a terminal; `/` and other
    /// non-ASCII characters are kept as UTF-8.
    public static func appendString(_ text: String, to out: inout [UInt8]) {
        var text = text
        text.withUTF8 { appendString(utf8: $0, to: &out) }
    }

    private static func appendString(utf8 bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        appendString(utf8: UnsafeRawBufferPointer(bytes), to: &out)
    }

    /// Appends the valid UTF-8 `bytes` as a JSON string literal, escaped as
    /// ``appendString(_:to:)`` does (runs that need no escape are copied whole).
    static func appendString<Output: ByteOutput>(utf8 bytes: UnsafeRawBufferPointer, to out: inout Output) {
        out.append(UInt8(ascii: "\""))
        var index = 0
        var run = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte >= 0x20, byte != UInt8(ascii: "\""), byte != UInt8(ascii: "\\"), byte != 0x7F, byte != 0xE2 {
                index += 1
                continue
            }
            if index > run { out.append(bytes: UnsafeRawBufferPointer(rebasing: bytes[run..<index])) }
            index += 1
            switch byte {
            case UInt8(ascii: "\""): out.append(ascii: #"\""#)
            case UInt8(ascii: "\\"): out.append(ascii: #"\\"#)
            case 0x0A: out.append(ascii: #"\n"#)
            case 0x0D: out.append(ascii: #"\r"#)
            case 0x09: out.append(ascii: #"\t"#)
            case 0..<0x20, 0x7F: appendUnicodeEscape(UInt16(byte), to: &out)
            case 0xE2
            where index + 1 < bytes.count && bytes[index] == 0x80
                && (bytes[index + 1] == 0xA8 || bytes[index + 1] == 0xA9):
                // U+2028 and U+2029 are E2 80 A8 and E2 80 A9 in UTF-8.
                appendUnicodeEscape(bytes[index + 1] == 0xA8 ? 0x2028 : 0x2029, to: &out)
                index += 2
            default: out.append(byte)
            }
            run = index
        }
        if index > run { out.append(bytes: UnsafeRawBufferPointer(rebasing: bytes[run..<index])) }
        out.append(UInt8(ascii: "\""))
    }

    /// Appends any bytes as a JSON string literal: as they are when they are ASCII, else
    /// decoded as UTF-8 with invalid sequences replaced (as `String(decoding:as:)` does).
    static func appendString<Output: ByteOutput>(bytes: UnsafeRawBufferPointer, to out: inout Output) {
        var ascii = true
        for byte in bytes where byte >= 0x80 {
            ascii = false
            break
        }
        if ascii {
            appendString(utf8: bytes, to: &out)
        } else {
            var text = String(decoding: bytes, as: UTF8.self)
            text.withUTF8 { appendString(utf8: UnsafeRawBufferPointer($0), to: &out) }
        }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    private static func appendUnicodeEscape<Output: ByteOutput>(_ code: UInt16, to out: inout Output) {
        out.append(ascii: #"\u"#)
        for shift in stride(from: 12, through: 0, by: -4) { out.append(hexDigits[Int(code >> UInt16(shift)) & 15]) }
    }
}
