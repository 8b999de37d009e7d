/// Whether a file auditlint is asked to lint is text at all: a NUL byte, or mostly bytes
/// that are neither valid UTF-8 nor usual whitespace, mark a binary file (a trail, an
/// image, random bytes) that should be reported once, not line by line.
public enum TextCheck {
    /// The id of the rule that reports a file that is not text (its findings replace every
    /// other finding on that file).
    public static let ruleId = "AC110"

    /// What makes `bytes` not text, in a few words, or nil for text: the offset of the
    /// first NUL byte, or the share of bytes that are control characters or invalid UTF-8
    /// when it is over 30 %. Text in another 8-bit encoding with some accented letters
    /// stays text.
    public static func problem(_ bytes: [UInt8]) -> String? {
        guard !bytes.isEmpty else { return nil }
        var bad = 0
        var index = 0
        while index < bytes.count {
            // Eight printable ASCII bytes (0x20–0x7F) at once: none is a NUL or counts as bad.
            if index + 8 <= bytes.count {
                let word = bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: index, as: UInt64.self) }
                let high: UInt64 = 0x8080_8080_8080_8080
                if word & high == 0, (word &- 0x2020_2020_2020_2020) & ~word & high == 0 {
                    index += 8
                    continue
                }
            }
            let byte = bytes[index]
            if byte < 0x80 {
                // Every byte before is a character or counted bad, none a NUL: the first NUL.
                if byte == 0 { return "a NUL byte at offset \(index)" }
                if byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D && byte != 0x0C && byte != 0x0B {
                    bad += 1
                }
                index += 1
                continue
            }
            let length = byte >= 0xF0 && byte <= 0xF4 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC2 && byte < 0xE0 ? 2 : 0
            if length > 0, index + length <= bytes.count,
                String(validating: bytes[index..<index + length], as: UTF8.self) != nil
            {
                index += length
            } else {
                bad += 1
                index += 1
            }
        }
        guard bad * 10 > bytes.count * 3 else { return nil }
        return "\(bad) of its \(bytes.count) bytes are control characters or invalid UTF-8"
    }
}
