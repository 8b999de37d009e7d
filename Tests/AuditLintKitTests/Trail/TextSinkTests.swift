import Testing

@testable import AuditLintKit

/// The text formatters' scratch sink writes numbers and hex dumps like printf.
@Suite struct TextSinkTests {
    /// Every power of ten, its neighbours, and the extremes.
    static let decimals: [UInt64] = {
        var values: [UInt64] = [0, 1, 9, 99, 100, UInt64.max, UInt64.max - 1, 1 << 63, 1 << 32]
        var p: UInt64 = 1
        for _ in 0..<19 {
            p *= 10
            values += [p - 1, p, p + 1]
        }
        return values
    }()

    @Test func decimalsMatchSwiftsOwn() {
        var out: [UInt8] = []
        TextSink.writing(to: &out) { sink in
            for value in Self.decimals {
                sink.append(decimal: value)
                sink.append(UInt8(ascii: " "))
            }
        }
        #expect(String(decoding: out, as: UTF8.self) == Self.decimals.map { "\($0) " }.joined())
    }

    @Test func decimalsAcrossTheScratchBoundary() {
        // 8 192 bytes of scratch: many numbers force flushes at every alignment.
        var out: [UInt8] = []
        var expected = ""
        TextSink.writing(to: &out) { sink in
            for i in 0..<3_000 {
                let value = UInt64(i) &* 2_654_435_761 &* UInt64(i % 7 + 1)
                sink.append(decimal: value)
                expected += String(value)
            }
        }
        #expect(String(decoding: out, as: UTF8.self) == expected)
    }

    @Test func hexDumpsLongerThanTheScratch() {
        let bytes = (0..<10_000).map { UInt8(truncatingIfNeeded: $0 &* 37) }
        var out: [UInt8] = []
        TextSink.writing(to: &out) { sink in
            sink.append(UInt8(ascii: "x"))
            sink.append(memory: bytes)
            sink.append(memory: [])
            sink.append(memory: [0x0a, 0xf0])
        }
        let hex = (bytes + [0x0a, 0xf0]).map { String($0 >> 4, radix: 16) + String($0 & 15, radix: 16) }
        let expected = "x0x" + hex.prefix(bytes.count).joined() + "0x" + hex.suffix(2).joined()
        #expect(String(decoding: out, as: UTF8.self) == expected)
    }
}
