import Testing

@testable import AuditLintKit

@Suite struct SourceTextTests {
    @Test func splitsLinesKeepingCarriageReturns() {
        let text = SourceText(path: "f", text: "a:1\r\nb:2\nlast")
        #expect(text.lineCount == 3)
        #expect(Array(text.lineBytes(1)) == Array("a:1\r".utf8))
        #expect(Array(text.lineBytes(2)) == Array("b:2".utf8))
        #expect(Array(text.lineBytes(3)) == Array("last".utf8))
        #expect(text.lineBytes(4).isEmpty)
    }

    @Test func emptyFileHasNoLines() {
        #expect(SourceText(path: "f", bytes: []).lineCount == 0)
        #expect(SourceText(path: "f", text: "\n").lineCount == 1)
    }

    @Test func displayLineReplacesControlAndNonASCIIBytes() {
        let text = SourceText(path: "f", bytes: [0x61, 0x0D, 0xC3, 0xA9, 0x09, 0x62])
        #expect(text.displayLine(1) == "a???\tb")
    }

    @Test func severityOrder() {
        #expect(Severity.note < .warning)
        #expect(Severity.warning < .error)
        #expect(Severity.allCases.max() == .error)
    }

    @Test func rangeOnOneLineIsInclusive() {
        let range = SourceRange(file: "f", line: 3, column: 8, length: 10)
        #expect(range.end == SourcePosition(line: 3, column: 17))
    }
}
