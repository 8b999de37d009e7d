import Testing

@testable import AuditLintKit

@Suite struct ControlLexerTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var file: String
        var dialect: Dialect
        /// The value libbsm returns for `key`, nil when none (missing key or no value).
        var key: String
        var value: String?
        var testDescription: String { "\(dialect): \(file.debugDescription) → \(key)=\(value.debugDescription)" }
    }

    /// §1.1: comments, trimming, splitting, first occurrence, per dialect.
    static let cases: [Case] = [
        Case(file: "policy:cnt,argv\n", dialect: .openbsm, key: "policy", value: "cnt,argv"),
        Case(file: "policy:cnt,argv \t\n", dialect: .openbsm, key: "policy", value: "cnt,argv"),
        Case(file: "policy:cnt,argv \t\n", dialect: .macos, key: "policy", value: "cnt,argv \t"),
        Case(file: "policy:cnt,argv\r\n", dialect: .openbsm, key: "policy", value: "cnt,argv\r"),
        Case(file: "policy:cnt,argv\r\n", dialect: .macos, key: "policy", value: "cnt,argv\r"),
        Case(file: "policy:cnt,argv # x\n", dialect: .openbsm, key: "policy", value: "cnt,argv # x"),
        Case(file: "#policy:cnt\npolicy:argv\n", dialect: .openbsm, key: "policy", value: "argv"),
        Case(file: " #x\npolicy: cnt\n", dialect: .openbsm, key: "policy", value: " cnt"),
        Case(file: " filesz:2M\n", dialect: .openbsm, key: "filesz", value: nil),
        Case(file: "dir:/var/audit:extra\n", dialect: .openbsm, key: "dir", value: "/var/audit:extra"),
        Case(file: "dir:/var/audit:extra\n", dialect: .macos, key: "dir", value: "/var/audit"),
        Case(file: "flags::lo\n", dialect: .openbsm, key: "flags", value: ":lo"),
        Case(file: "flags::lo\n", dialect: .macos, key: "flags", value: "lo"),
        Case(file: ":flags:lo\n", dialect: .openbsm, key: "flags", value: "lo"),
        Case(file: "flags:\n", dialect: .openbsm, key: "flags", value: ""),
        Case(file: "flags:\n", dialect: .macos, key: "flags", value: nil),
        Case(file: "flags\n", dialect: .openbsm, key: "flags", value: nil),
        Case(file: "Flags:lo\n", dialect: .openbsm, key: "flags", value: nil),
        Case(file: "filesz:2M\nfilesz:4M\n", dialect: .openbsm, key: "filesz", value: "2M"),
        // A key with no value still stops the search: the later line is never reached.
        Case(file: "filesz\nfilesz:4M\n", dialect: .openbsm, key: "filesz", value: nil),
        Case(file: "policy:cnt\u{0}argv\n", dialect: .openbsm, key: "policy", value: "cnt"),
        Case(file: "policy:cnt", dialect: .openbsm, key: "policy", value: "cnt"),
    ]

    @Test(arguments: cases)
    func valueInForce(_ testCase: Case) throws {
        let control = parseControl(testCase.file, dialect: testCase.dialect)
        let key = try #require(ControlKey(rawValue: testCase.key))
        #expect(control.entry(for: key)?.value?.text == testCase.value)
    }

    @Test func rangesOfKeyAndValue() throws {
        let control = parseControl("#c\n:flags:lo,aa\n")
        let entry = try #require(control.entry(for: .flags))
        #expect(entry.keyRange == SourceRange(file: "audit_control", line: 2, column: 2, length: 5))
        #expect(entry.value?.range == SourceRange(file: "audit_control", line: 2, column: 8, length: 5))
    }

    @Test func emptyValueHasAnEmptyRangeAfterTheColon() throws {
        let control = parseControl("naflags:\n")
        let value = try #require(control.entry(for: .naflags)?.value)
        #expect(value.range.start == SourcePosition(line: 1, column: 9))
        #expect(value.range.end == SourcePosition(line: 1, column: 8))
    }

    @Test func longLinesAreReadIn255ByteChunks() throws {
        // 248 bytes of value after "flags:" leaves "policy:argv" as a line of its own.
        let text = "flags:" + String(repeating: "a", count: 249) + "policy:argv\n"
        let control = parseControl(text)
        #expect(control.lines.count == 2)
        #expect(control.lines[0].bytes.count == 255)
        #expect(control.lines[0].isSplit)
        #expect(control.lines[1].column == 256)
        let policy = try #require(control.entry(for: .policy))
        #expect(policy.value?.text == "argv")
        #expect(policy.keyRange.start == SourcePosition(line: 1, column: 256))
        #expect(control.policy.effective == .argv)
        #expect(control.splitLines.count == 1)
    }

    @Test func aLineOfExactly255BytesLosesNothing() {
        let text = "dir:/" + String(repeating: "a", count: 250) + "\nminfree:5\n"
        let control = parseControl(text)
        #expect(control.lines.count == 3)
        #expect(control.lines[1].bytes == [UInt8(ascii: "\n")])
        #expect(control.splitLines.isEmpty)
        #expect(control.minfree.effectivePercent == 5)
    }

    @Test func aContinuationChunkStartingWithHashIsAComment() {
        let text = "host:" + String(repeating: "h", count: 250) + "#minfree:5\n"
        let control = parseControl(text)
        #expect(control.lines[1].isComment)
        #expect(control.minfree.entry == nil)
    }

    @Test func carriageReturnsAreKeptAndReported() {
        let control = parseControl("flags:lo,aa\r\nminfree:5\r\n")
        #expect(control.carriageReturnLines.map(\.line) == [1, 2])
        #expect(control.flags.isValid == false)
        #expect(control.minfree.effectivePercent == 5)
    }

    @Test func lexicalFactsForRules() {
        let control = parseControl(
            "  # note\n filesz:2M\nfilsz:2M\npolicy:cnt\npolicy:argv\nqsize:50\n", dialect: .macos)
        #expect(control.indentedComments.map(\.line) == [1])
        #expect(control.leadingBlankEntries.map(\.line) == [2])
        #expect(control.unknownEntries.map(\.rawKey) == ["filsz"])
        #expect(control.duplicates.map { [$0.ignored.line, $0.inForce.line] } == [[5, 4]])
        #expect(control.entriesNotReadByDialect.map(\.rawKey) == ["qsize"])
    }

    @Test func inlineCommentOffset() throws {
        let control = parseControl("policy:cnt,argv # x\nflags:lo#aa\n")
        #expect(control.policy.entry?.value?.commentOffset == 9)
        #expect(control.flags.entry?.value?.commentOffset == nil)
    }

    @Test func emptyFileAndBlankLines() {
        let control = parseControl("")
        #expect(control.lines.isEmpty)
        #expect(control.entries.isEmpty)
        #expect(parseControl("\n \n\t\n:::\n").entries.isEmpty)
    }
}
