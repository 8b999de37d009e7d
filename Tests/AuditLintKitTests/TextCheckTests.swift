import Testing

@testable import AuditLintKit

/// ``TextCheck/problem(_:)`` gives, for any bytes, what the byte-by-byte check it replaced
/// gave (first NUL, then the share of control bytes and invalid UTF-8).
@Suite struct TextCheckTests {
    /// The byte-by-byte check, as first written.
    static func reference(_ bytes: [UInt8]) -> String? {
        if let zero = bytes.firstIndex(of: 0) { return "a NUL byte at offset \(zero)" }
        guard !bytes.isEmpty else { return nil }
        var bad = 0
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte < 0x80 {
                if byte < 0x20 && ![0x09, 0x0A, 0x0D, 0x0C, 0x0B].contains(byte) { bad += 1 }
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

    @Test func agreesWithTheByteByByteCheck() {
        var inputs: [[UInt8]] = [
            [], [0], Array("flags:lo,aa\nminfree:5\n".utf8), Array("dir:/var/audit\u{7F}\u{1F}x\n".utf8),
            Array("é ü 日本 🎉 text with accents, long enough to take the eight-byte path\n".utf8),
            Array(repeating: 0x41, count: 17) + [0], [0x41, 0x42, 0x43, 0x44, 0x45, 0x46, 0x47, 0x00, 0x01],
            Array(repeating: 0x01, count: 40), Array(repeating: 0xFF, count: 9), [0xE2, 0x82] + Array("abcdefgh".utf8),
        ]
        // Random mixes: mostly printable ASCII with control bytes, NULs, high bytes and UTF-8.
        var random = SeededRandom(seed: 0x7E57)
        let pieces: [[UInt8]] = [
            Array("abcdefgh ".utf8), [0x0A], [0x09], [0x0D, 0x0A], [0x01], [0x1F], [0x7F], [0x80], [0xC3, 0xA9],
            [0xE6, 0x97, 0xA5], [0xF0, 0x9F, 0x8E, 0x89], [0xC3], [0xED, 0xA0, 0x80], [0xF5, 0x80, 0x80], [0x00],
        ]
        for _ in 0..<2_000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int(random.next() % 24) {
                let piece = pieces[Int(random.next() % UInt64(pieces.count))]
                bytes += random.next() % 4 == 0 ? piece : Array(piece.prefix(1 + Int(random.next() % 3)))
            }
            inputs.append(bytes)
        }
        for bytes in inputs {
            #expect(TextCheck.problem(bytes) == Self.reference(bytes), "\(bytes)")
        }
    }
}
