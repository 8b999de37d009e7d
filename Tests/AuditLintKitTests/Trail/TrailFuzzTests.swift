import Foundation
import Testing

@testable import AuditLintKit

/// Random and mutated trails through the reader, the token decoder and every formatter:
/// no crash, no hang, sane results. Seeds are fixed; the whole suite runs in about a second.
@Suite struct TrailFuzzTests {
    enum Mutation: CaseIterable { case truncate, bitFlips, splice, hugeSize, randomBytes }

    struct Result {
        var offsets: [Int64] = []
        var problems: [TrailProblem] = []
    }

    static let options = TrailReader.Options(maxRecordSize: 1 << 16)

    static func exercise(_ bytes: [UInt8]) throws -> Result {
        var result = Result()
        let raw = TrailFixtures.formatter(raw: true)
        let named = TrailFixtures.formatter(raw: false, oneLine: true)
        let json = TrailJSONFormatter()
        var sink: [UInt8] = []
        try TrailReader(source: MemoryTrailSource(bytes), name: "fuzz", options: options).forEachRecord(onProblem: {
            result.problems.append($0)
        }) { record in
            #expect(record.bytes.count <= options.maxRecordSize)
            #expect(record.offset >= 0 && record.offset + Int64(record.bytes.count) <= Int64(bytes.count))
            result.offsets.append(record.offset)
            _ = record.decodeTokens()
            raw.append(record, to: &sink)
            named.append(record, to: &sink)
            json.append(record, file: "fuzz", to: &sink)
            sink.removeAll(keepingCapacity: true)
        }
        #expect(result.offsets == result.offsets.sorted())
        for problem in result.problems { #expect(problem.offset >= 0 && problem.offset <= Int64(bytes.count)) }
        return result
    }

    @Test(arguments: 0..<4)
    func mutatedTrails(_ seed: Int) throws {
        var r = SeededRandom(seed: 0xF00D + UInt64(seed))
        for _ in 0..<50 {
            var (bytes, offsets) = TokenSamples.randomTrail(&r, count: 12)
            let ends = offsets.dropFirst().map { $0 } + [bytes.count]
            switch Mutation.allCases.randomElement(using: &r)! {
            case .truncate:
                let cut = Int.random(in: 0...bytes.count, using: &r)
                let result = try Self.exercise(Array(bytes[..<cut]))
                let intact = zip(offsets, ends).filter { $0.1 <= cut }.map { Int64($0.0) }
                #expect(Array(result.offsets.prefix(intact.count)) == intact)
                #expect(result.problems.contains(where: \.isDamage) == (cut != 0 && !ends.contains(cut)))
            case .bitFlips:
                for _ in 0..<Int.random(in: 1...8, using: &r) {
                    let i = Int.random(in: 0..<bytes.count, using: &r)
                    bytes[i] ^= 1 << UInt8.random(in: 0...7, using: &r)
                }
                _ = try Self.exercise(bytes)
            case .splice:
                let a = Int.random(in: 0..<bytes.count, using: &r)
                let b = min(bytes.count, a + Int.random(in: 1...200, using: &r))
                let at = Int.random(in: 0...bytes.count, using: &r)
                bytes.insert(contentsOf: bytes[a..<b], at: at)
                _ = try Self.exercise(bytes)
            case .hugeSize:
                let k = Int.random(in: 0..<offsets.count, using: &r)
                let size = UInt32.random(in: 0x0001_0001...UInt32.max, using: &r)
                for j in 0..<4 { bytes[offsets[k] + 1 + j] = UInt8(truncatingIfNeeded: size >> (24 - 8 * UInt32(j))) }
                let result = try Self.exercise(bytes)
                #expect(result.offsets == offsets.enumerated().filter { $0.offset != k }.map { Int64($0.element) })
                #expect(result.problems.first?.kind == .impossibleSize)
                #expect(result.problems.first?.offset == Int64(offsets[k]))
            case .randomBytes:
                _ = try Self.exercise(
                    (0..<Int.random(in: 0...3000, using: &r)).map { _ in UInt8.random(in: 0...255, using: &r) })
            }
        }
    }

    /// Records built from random token bytes: the decoder must fail cleanly, never read out
    /// of bounds.
    @Test func randomTokenBodies() throws {
        var r = SeededRandom(seed: 7)
        for _ in 0..<600 {
            let body = (0..<Int.random(in: 0...80, using: &r)).map { _ in UInt8.random(in: 0...255, using: &r) }
            var record = BSMEncoder.record(BSMHeader(event: 1, seconds: 0, milliseconds: 0), [])
            record.insert(contentsOf: body, at: 18)
            let size = UInt32(record.count)
            for j in 0..<4 {
                record[1 + j] = UInt8(truncatingIfNeeded: size >> (24 - 8 * UInt32(j)))
                record[record.count - 4 + j] = record[1 + j]
            }
            let result = try Self.exercise(record)
            #expect(result.offsets == [0])
        }
    }
}
