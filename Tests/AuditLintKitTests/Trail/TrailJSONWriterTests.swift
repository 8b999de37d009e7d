import AuditLintTestSupport
import Foundation
import Testing

@testable import AuditLintKit

/// The JSON Lines fast path (``TrailJSONFormatter/append(_:file:to:)``, written from the
/// record's bytes) against its document model (``TrailJSONFormatter/value(of:file:)``,
/// rendered by `JSONValue`): the same bytes on every token kind.
@Suite struct TrailJSONWriterTests {
    static let table = BSMEventTable(
        parsing: "23:AUE_EXECVE:execve(2) \"quoted\":ex,pc\n72:AUE_OPEN_R:open(2) - read:fr\n")
    static let formatter = TrailJSONFormatter(eventNames: { table[$0] })

    /// Checks every record of `trail` (named `file`); returns how many there were.
    @discardableResult
    static func check(_ trail: [UInt8], file: String = "trails/a \"b\" é.bsm") throws -> Int {
        var count = 0
        try TrailReader(source: MemoryTrailSource(trail), name: file).forEachRecord(onProblem: { _ in }) { record in
            var fast: [UInt8] = [0x2a]
            formatter.append(record, file: file, to: &fast)
            let model = formatter.value(of: record, file: file).compact + "\n"
            #expect(String(decoding: fast.dropFirst(), as: UTF8.self) == model, "record at \(record.offset)")
            #expect(fast.first == 0x2a)
            count += 1
        }
        return count
    }

    static let header = BSMHeader(event: 23, seconds: 1_768_464_000, milliseconds: 5)
    static let subject = TokenSamples.subject(.subject, wide: false, ex: false, address: TokenSamples.v4)

    /// Each kind in a record twice (first and second of its kind), between a subject and a
    /// return, so it lands in its own field and in `other` as the record model puts it.
    @Test(arguments: TokenSamples.all.map(\.0))
    func everyTokenKind(_ name: String) throws {
        let token = try #require(TokenSamples.all.first { $0.0 == name }?.1)
        var tokens: [BSMToken] = [Self.subject, token, .returnValue(status: 13, value: 1, is64Bit: false)]
        // An unknown token takes everything up to the trailer: it can only come last.
        if case .unknown = token {} else { tokens.append(token) }
        let trail = BSMEncoder.record(Self.header, tokens) + BSMEncoder.record(Self.header, [token])
        #expect(try Self.check(trail) == 2)
    }

    @Test func standAloneFileTokenAndWideHeaders() throws {
        var trail = BSMEncoder.encode(.file(seconds: 74565, milliseconds: 424, name: Array("next\0".utf8)))
        for case .header(let header) in TokenSamples.all.map(\.1) {
            trail += BSMEncoder.record(header, [Self.subject, .returnValue(status: 0, value: 0, is64Bit: true)])
        }
        #expect(try Self.check(trail) == 6)
    }

    /// Random tokens: strings with quotes, controls, invalid UTF-8 and U+2028; subjects and
    /// processes; several returns and identities.
    @Test func randomRecords() throws {
        var random = SeededRandom(seed: 11)
        var trail: [UInt8] = []
        for n in 0..<300 {
            var tokens = (0..<Int.random(in: 0...8, using: &random)).map { _ in TokenSamples.random(&random) }
            if n % 7 == 0 { tokens.append(.path(Array("/tmp/\u{2028}\u{2029}\"\\\t\u{7f}é\0".utf8))) }
            if n % 11 == 0 { tokens.append(.text([0xff, 0xe2, 0x80, 0x41, 0x00, 0x42])) }
            BSMEncoder.appendRecord(
                BSMHeader(event: UInt16(n % 3 == 0 ? 23 : 72 + n), seconds: UInt64(n) << 20, milliseconds: UInt64(n)),
                tokens, to: &trail)
        }
        #expect(try Self.check(trail) == 300)
    }

    /// A token that runs past its record: the rest is skipped and `complete` is false.
    @Test func overrunningToken() throws {
        var record = BSMEncoder.record(
            Self.header,
            [Self.subject, .path(Array("/bin/ls\0".utf8)), .returnValue(status: 0, value: 0, is64Bit: false)])
        let path = 18 + 37
        record[path + 1] = 0x7f  // the path's length now runs past the trailer
        #expect(try Self.check(record) == 1)
        var out: [UInt8] = []
        try TrailReader(source: MemoryTrailSource(record), name: "t").forEachRecord(onProblem: { _ in }) {
            Self.formatter.append($0, file: "t", to: &out)
        }
        #expect(
            String(decoding: out, as: UTF8.self).hasSuffix(
                #""paths":[],"args":[],"exec_args":[],"exec_env":[],"text":[],"identity":null,"other":[],"complete":false}"#
                    + "\n"))
    }
}
