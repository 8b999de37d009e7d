import AuditLintTestSupport
import Foundation
import Testing

@testable import AuditLintKit

struct NamedToken: CustomTestStringConvertible, Sendable {
    var name: String
    var token: BSMToken
    var testDescription: String { name }
    static let all = TokenSamples.all.map { NamedToken(name: $0.0, token: $0.1) }
}

@Suite struct TokenRoundTripTests {
    @Test func everyKindHasASample() {
        let ids = Set(TokenSamples.all.map(\.1.id))
        for kind in BSMTokenKind.allCases where kind != .trailer {
            #expect(ids.contains(kind.rawValue), "no sample for \(kind)")
        }
    }

    @Test(arguments: NamedToken.all)
    func encodeDecodeIsIdentity(_ sample: NamedToken) throws {
        let header = BSMHeader(event: 1, seconds: 1_000_000_000, milliseconds: 5)
        var encodedHeader = header
        let bytes = BSMEncoder.record(header, [sample.token])
        encodedHeader.recordSize = UInt32(bytes.count)
        let records = try TrailFixtures.records(bytes)
        let record = try #require(records.first)
        #expect(records.count == 1)
        #expect(record.bytes == bytes)
        let decoded = record.withView { $0.decodeTokens() }
        #expect(decoded.failedAt == nil)
        #expect(
            decoded.tokens == [
                .header(encodedHeader), sample.token, .trailer(magic: 0xb105, count: UInt32(bytes.count)),
            ])
        // The fast length agrees with the encoder.
        let length = bytes.withUnsafeBytes {
            BSMTokenDecoder.tokenLength(in: $0, at: 18, end: $0.count, openBSMOnly: false)
        }
        #expect(length == BSMEncoder.encode(sample.token).count)
        // Re-encoding the decoded tokens gives the same bytes.
        #expect(BSMEncoder.record(encodedHeader, [decoded.tokens[1]]) == bytes)
    }

    @Test(arguments: NamedToken.all)
    func prauditModeTreatsExtensionsAsUnknown(_ sample: NamedToken) throws {
        let bytes = BSMEncoder.record(BSMHeader(event: 1, seconds: 0, milliseconds: 0), [sample.token])
        let tokens = try #require(try TrailFixtures.records(bytes).first).withView {
            $0.decodeTokens(openBSMOnly: true).tokens
        }
        let kind = BSMTokenKind(rawValue: sample.token.id)
        if kind?.isParsedByOpenBSM ?? false {
            #expect(tokens[1] == sample.token)
        } else {
            #expect(
                tokens[1] == .unknown(id: sample.token.id, bytes: Array(BSMEncoder.encode(sample.token).dropFirst())))
        }
    }

    @Test(arguments: 0..<20)
    func randomRecordsRoundTrip(_ seed: Int) throws {
        var r = SeededRandom(seed: UInt64(seed))
        var expected: [[BSMToken]] = []
        var trail: [UInt8] = []
        for _ in 0..<50 {
            var (header, tokens) = TokenSamples.randomRecord(&r)
            let start = trail.count
            BSMEncoder.appendRecord(header, tokens, to: &trail)
            header.recordSize = UInt32(trail.count - start)
            expected.append([.header(header)] + tokens + [.trailer(magic: 0xb105, count: header.recordSize)])
        }
        var problems: [TrailProblem] = []
        var decoded: [[BSMToken]] = []
        try TrailReader(source: MemoryTrailSource(trail), name: "r").forEachRecord(onProblem: { problems.append($0) }) {
            decoded.append($0.decodeTokens().tokens)
        }
        #expect(problems.isEmpty)
        #expect(decoded == expected)
    }

    /// The 27 reference token files decode to one token of exactly their size, and encode back.
    @Test(.enabled(if: SharedData.isAvailable, Comment(rawValue: SharedData.skipReason)))
    func referenceTokenFiles() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: try TrailFixtures.url("openbsm-reference").path)
            .filter { $0.contains("_token") }
        #expect(names.count == 27)
        for name in names {
            let bytes = try TrailFixtures.bytes("openbsm-reference/" + name)
            let decoded = bytes.withUnsafeBytes {
                BSMTokenDecoder.decode(in: $0, at: 0, end: $0.count, openBSMOnly: false)
            }
            let (token, length) = try #require(decoded, "\(name)")
            #expect(length == bytes.count, "\(name)")
            #expect(BSMEncoder.encode(token) == bytes, "\(name)")
        }
    }

    @Test func ipv6Formatting() {
        func text(_ words: [UInt16]) -> String {
            var out: [UInt8] = []
            out.append(ipv6: words.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xff)] })
            return String(decoding: out, as: UTF8.self)
        }
        #expect(text([0xfe80, 0, 0, 0, 0, 0, 0, 1]) == "fe80::1")
        #expect(text([0, 0, 0, 0, 0, 0, 0, 1]) == "::1")
        #expect(text([0, 0, 0, 0, 0, 0, 0, 0]) == "::")
        #expect(text([0, 0, 0, 0, 0, 0xffff, 0x0a00, 0x0001]) == "::ffff:10.0.0.1")
        #expect(text([0x2001, 0xdb8, 0, 1, 0, 0, 0, 1]) == "2001:db8:0:1::1")
        #expect(text([1, 0, 2, 0, 3, 0, 4, 0]) == "1:0:2:0:3:0:4:0")
        #expect(text([0x2001, 0xdb8, 0, 0, 1, 0, 0, 1]) == "2001:db8::1:0:0:1")
    }

    @Test func ctimeAndISOTimes() {
        var out: [UInt8] = []
        out.append(ctime: 1_383_590_180)
        #expect(String(decoding: out, as: UTF8.self) == "Mon Nov  4 18:36:20 2013")
        #expect(CivilTime.iso8601(seconds: 1_158_613_982, milliseconds: 608) == "2006-09-18T21:13:02.608Z")
        #expect(CivilTime.iso8601(seconds: -1, milliseconds: 0) == "1969-12-31T23:59:59.000Z")
    }
}
