import AuditLintTestSupport
import Foundation
import Testing

@testable import AuditLintKit

/// A source that hands out at most `chunk` bytes a read (pipes, window refills).
struct ChunkedSource: TrailByteSource {
    var inner: MemoryTrailSource
    var chunk: Int

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        try inner.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer.prefix(chunk)))
    }
}

@Suite struct TrailDamageTests {
    /// Ten simple records and their offsets.
    static func trail() -> (bytes: [UInt8], offsets: [Int]) {
        var bytes: [UInt8] = []
        var offsets: [Int] = []
        for n in 0..<10 {
            offsets.append(bytes.count)
            BSMEncoder.appendRecord(
                BSMHeader(event: UInt16(100 + n), seconds: 1_700_000_000 + UInt64(n), milliseconds: 0),
                [
                    .path(Array("/tmp/file\(n)\0".utf8)),
                    TokenSamples.subject(.subject, wide: false, ex: false, address: TokenSamples.v4),
                    .returnValue(status: 0, value: 0, is64Bit: false),
                ],
                to: &bytes)
        }
        return (bytes, offsets)
    }

    struct Outcome {
        var events: [UInt16] = []
        var offsets: [Int64] = []
        var problems: [TrailProblem] = []
        var damage: [TrailProblem] { problems.filter(\.isDamage) }
    }

    static func read(_ bytes: [UInt8], chunk: Int = 1 << 20, options: TrailReader.Options = .init()) throws -> Outcome {
        var outcome = Outcome()
        let reader = TrailReader(
            source: ChunkedSource(inner: MemoryTrailSource(bytes), chunk: chunk), name: "damaged.bsm", options: options)
        try reader.forEachRecord(onProblem: { outcome.problems.append($0) }) {
            outcome.events.append($0.event)
            outcome.offsets.append($0.offset)
        }
        return outcome
    }

    static func setU32(_ bytes: inout [UInt8], at i: Int, _ v: UInt32) {
        for k in 0..<4 { bytes[i + k] = UInt8(truncatingIfNeeded: v >> (24 - 8 * UInt32(k))) }
    }

    static let allEvents = (0..<10).map { UInt16(100 + $0) }

    @Test func intactTrailHasNoProblems() throws {
        let (bytes, offsets) = Self.trail()
        for chunk in [1, 7, 1 << 20] {
            let outcome = try Self.read(bytes, chunk: chunk)
            #expect(outcome.events == Self.allEvents)
            #expect(outcome.offsets == offsets.map(Int64.init))
            #expect(outcome.problems.isEmpty)
        }
    }

    @Test func truncatedFinalRecord() throws {
        let (bytes, offsets) = Self.trail()
        let outcome = try Self.read(Array(bytes[..<(offsets[9] + 30)]))
        #expect(outcome.events == Array(Self.allEvents.prefix(9)))
        #expect(outcome.damage.map(\.kind) == [.truncatedRecord])
        #expect(outcome.damage.first?.offset == Int64(offsets[9]))
    }

    @Test func truncatedRecordInTheMiddle() throws {
        let (full, offsets) = Self.trail()
        let bytes = Array(full[..<(offsets[3] + 25)] + full[offsets[4]...])
        let outcome = try Self.read(bytes, chunk: 5)
        #expect(outcome.events == Self.allEvents.filter { $0 != 103 })
        #expect(outcome.damage.map(\.kind) == [.missingTrailer])
        #expect(outcome.damage.first?.offset == Int64(offsets[3]))
        #expect(outcome.damage.first?.detail.contains("resuming at byte \(offsets[3] + 25)") == true)
    }

    @Test func garbageBetweenRecords() throws {
        let (full, offsets) = Self.trail()
        let garbage: [UInt8] = [0, 0x14, 0xff, 0x13, 0xb1, 0x05, 0, 0, 0, 0x20, 0xde, 0xad]
        let bytes = Array(full[..<offsets[5]] + garbage + full[offsets[5]...])
        let outcome = try Self.read(bytes)
        #expect(outcome.events == Self.allEvents)
        #expect(outcome.damage.map(\.kind) == [.garbage])
        #expect(outcome.damage.first?.offset == Int64(offsets[5]))
        #expect(outcome.offsets[5] == Int64(offsets[5] + garbage.count))
    }

    @Test func impossibleSize() throws {
        var (bytes, offsets) = Self.trail()
        Self.setU32(&bytes, at: offsets[2] + 1, 0xFFFF_FFFF)
        let outcome = try Self.read(bytes)
        #expect(outcome.events == Self.allEvents.filter { $0 != 102 })
        #expect(outcome.damage.map(\.kind) == [.impossibleSize])
        #expect(outcome.damage.first?.offset == Int64(offsets[2]))
        #expect(outcome.damage.first?.detail.contains("4294967295") == true)
    }

    @Test func sizeAboveTheCapIsDamageNotAnAllocation() throws {
        var (bytes, offsets) = Self.trail()
        Self.setU32(&bytes, at: offsets[0] + 1, 0x7FFF_0000)
        let outcome = try Self.read(bytes, options: .init(maxRecordSize: 1 << 16))
        #expect(outcome.events == Array(Self.allEvents.dropFirst()))
        #expect(outcome.damage.map(\.kind) == [.impossibleSize])
        #expect(outcome.damage.first?.offset == 0)
    }

    @Test func intactRecordOverTheCapNamesTheCap() throws {
        let big = BSMEncoder.record(
            BSMHeader(event: 7, seconds: 0, milliseconds: 0), [.text(Array(repeating: UInt8(ascii: "a"), count: 200))])
        let small = BSMEncoder.record(BSMHeader(event: 8, seconds: 0, milliseconds: 0), [])
        let outcome = try Self.read(big + small, options: .init(maxRecordSize: 64))
        #expect(outcome.events == [8])
        #expect(outcome.damage.map(\.kind) == [.impossibleSize])
        let detail = try #require(outcome.damage.first?.detail)
        #expect(detail.contains("over the 64-byte cap") && detail.contains("--max-record-size"))
    }

    @Test(arguments: [(1, UInt32(0xdead)), (3, UInt32(999))])
    func trailerDisagrees(_ field: Int, _ value: UInt32) throws {
        var (bytes, offsets) = Self.trail()
        let trailer = offsets[7] - 7
        if field == 1 {
            bytes[trailer + 1] = 0xde
            bytes[trailer + 2] = 0xad
        } else {
            Self.setU32(&bytes, at: trailer + 3, value)
        }
        let outcome = try Self.read(bytes)
        #expect(outcome.events == Self.allEvents, "the record itself is kept")
        #expect(outcome.damage.map(\.kind) == [.trailerMismatch])
        #expect(outcome.damage.first?.offset == Int64(trailer))
    }

    @Test func tokenOverrunsItsRecord() throws {
        var (bytes, offsets) = Self.trail()
        bytes[offsets[4] + 18 + 1] = 0x40  // path length 0x40xx: past the record's end
        let outcome = try Self.read(bytes)
        #expect(outcome.events == Self.allEvents)
        #expect(outcome.damage.map(\.kind) == [.tokenOverrun])
        #expect(outcome.damage.first?.offset == Int64(offsets[4] + 18))
        // praudit prints the header and stops the record there.
        let text = try TrailFixtures.decode(bytes, formatter: TrailFixtures.formatter(raw: true)).text
        #expect(
            String(decoding: text, as: UTF8.self).contains("20,\(offsets[5] - offsets[4]),11,104,0,1700000004,0\n20,"))
    }

    @Test func unknownTokenIsReportedAndSkipped() throws {
        let record = BSMEncoder.record(
            BSMHeader(event: 7, seconds: 0, milliseconds: 0), [.unknown(id: 0x99, bytes: [1, 2, 3])])
        let (full, _) = Self.trail()
        let outcome = try Self.read(record + full)
        #expect(outcome.events == [7] + Self.allEvents)
        #expect(outcome.damage.map(\.kind) == [.unknownToken])
        #expect(outcome.damage.first?.offset == 18)
        let text = try TrailFixtures.decode(record, formatter: TrailFixtures.formatter(raw: false)).text
        #expect(String(decoding: text, as: UTF8.self).hasSuffix("unknown,0x010203\ntrailer,29\n"))
    }

    @Test func isKnownMatchesTheTokenKinds() {
        for id in UInt8.min...UInt8.max {
            let kind = BSMTokenKind(rawValue: id)
            #expect(BSMTokenDecoder.isKnown(id, openBSMOnly: false) == (kind != nil), "id 0x\(String(id, radix: 16))")
            #expect(BSMTokenDecoder.isKnown(id, openBSMOnly: true) == (kind?.isParsedByOpenBSM ?? false))
        }
    }

    /// The estimate checks each record's tokens in its own walk of them: the problems, their
    /// order and what strict mode throws are those of the reader's own check.
    @Test(arguments: [false, true])
    func estimateReportsTheReadersTokenProblems(strict: Bool) throws {
        var (full, offsets) = Self.trail()
        full[offsets[4] + 18 + 1] = 0x40  // an overrun in the fifth record
        full[offsets[7] + 18] = 0x99  // an unknown token in the eighth
        let unknown = BSMEncoder.record(
            BSMHeader(event: 7, seconds: 0, milliseconds: 0), [.unknown(id: 0x9a, bytes: [1, 2, 3])])
        let bytes = unknown + full
        func problems(_ body: (TrailReader, @escaping (TrailProblem) throws -> Void) throws -> Void) -> (
            [TrailProblem], String
        ) {
            var problems: [TrailProblem] = []
            let reader = TrailReader(
                source: ChunkedSource(inner: MemoryTrailSource(bytes), chunk: 100), name: "damaged.bsm",
                options: .init(strict: strict))
            do { try body(reader) { problems.append($0) } } catch { return (problems, "\(error)") }
            return (problems, "")
        }
        let reader = problems { reader, onProblem in try reader.forEachRecord(onProblem: onProblem) { _ in } }
        let estimate = problems { reader, onProblem in
            var builder = VolumeProfileBuilder()
            try builder.add(reader, onProblem: onProblem)
        }
        #expect(estimate.0 == reader.0)
        #expect(estimate.1 == reader.1)
        #expect(reader.0.map(\.kind) == (strict ? [.unknownToken] : [.unknownToken, .tokenOverrun, .unknownToken]))
        #expect(strict == !reader.1.isEmpty)
    }

    @Test func xnuExtendedHeaderSizeIsAcceptedWithANote() throws {
        var record = BSMEncoder.record(
            BSMHeader(host: TokenSamples.v4, event: 72, seconds: 1, milliseconds: 2),
            [.returnValue(status: 0, value: 0, is64Bit: false)])
        let xnuSize = UInt32(record.count - 8)
        Self.setU32(&record, at: 1, xnuSize)
        Self.setU32(&record, at: record.count - 4, xnuSize)
        let (full, _) = Self.trail()
        let outcome = try Self.read(record + full)
        #expect(outcome.events == [72] + Self.allEvents)
        #expect(outcome.damage.isEmpty)
        #expect(outcome.problems.map(\.kind) == [.extendedHeaderSize])
        #expect(outcome.offsets[1] == Int64(record.count))
    }

    @Test func strictModeStopsAtTheFirstDamage() throws {
        var (bytes, offsets) = Self.trail()
        Self.setU32(&bytes, at: offsets[6] + 1, 0xFFFF_FFFF)
        #expect(throws: AuditLintError.self) { try Self.read(bytes, options: .init(strict: true)) }
        do {
            _ = try Self.read(bytes, options: .init(strict: true))
        } catch let AuditLintError.damagedTrail(file, offset, _) {
            #expect(file == "damaged.bsm")
            #expect(offset == Int64(offsets[6]))
        }
    }

    @Test func standAloneFileTokensBetweenRecords() throws {
        let (full, _) = Self.trail()
        let file = BSMEncoder.encode(.file(seconds: 1, milliseconds: 2, name: Array("trail\0".utf8)))
        var fileTokens = 0
        var records = 0
        try TrailReader(source: MemoryTrailSource(file + full + file), name: "f").forEachRecord(onProblem: {
            Issue.record("\($0)")
        }) {
            if $0.isFileToken { fileTokens += 1 } else { records += 1 }
        }
        #expect(fileTokens == 2)
        #expect(records == 10)
    }

    @Test func windowRefillsAcrossAManyMegabyteTrail() throws {
        var r = SeededRandom(seed: 99)
        let (bytes, offsets) = TokenSamples.randomTrail(&r, count: 12_000)
        #expect(bytes.count > 1 << 20)
        let outcome = try Self.read(bytes, chunk: 65_521)
        #expect(outcome.offsets == offsets.map(Int64.init))
        #expect(outcome.damage.isEmpty)
    }
}

@Suite struct TrailPathsTests {
    @Test func directoriesExpandToRegularFilesInNameOrder() throws {
        let fm = FileManager.default
        let dir = fm.temporaryDirectory.appendingPathComponent("auditlint-trails-\(UUID().uuidString)")
        try fm.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? fm.removeItem(at: dir) }
        for name in ["20240102000000.20240103000000", "20240101000000.20240102000000", ".hidden"] {
            try Data([1]).write(to: dir.appendingPathComponent(name))
        }
        try fm.createSymbolicLink(
            atPath: dir.appendingPathComponent("current").path, withDestinationPath: "20240102000000.20240103000000")
        let expanded = try TrailPaths.expand([dir.path, "-"])
        #expect(
            expanded.map { URL(fileURLWithPath: $0).lastPathComponent } == [
                "20240101000000.20240102000000", "20240102000000.20240103000000", "-",
            ])
        #expect(throws: AuditLintError.fileNotFound(dir.path + "/none")) { try TrailPaths.expand([dir.path + "/none"]) }
    }

    /// A directory holding no trail (only a subdirectory, a hidden file and a symbolic link)
    /// used to expand to nothing, and `lint --trail`, `report --trail` and `tune init --trail`
    /// then failed with "the sample spans no time", naming no path.
    @Test func aDirectoryWithoutTrailsIsRefusedByName() throws {
        let fm = FileManager.default
        let dir = fm.temporaryDirectory.appendingPathComponent("auditlint-no-trails-\(UUID().uuidString)")
        try fm.createDirectory(at: dir.appendingPathComponent("sub"), withIntermediateDirectories: true)
        defer { try? fm.removeItem(at: dir) }
        try Data([1]).write(to: dir.appendingPathComponent(".hidden"))
        try fm.createSymbolicLink(atPath: dir.appendingPathComponent("current").path, withDestinationPath: ".hidden")
        let error = try #require(throws: AuditLintError.self) { try TrailPaths.expand([dir.path]) }
        #expect(error.isUsageError)
        #expect(error.description.hasPrefix("\(dir.path): no trail files in this directory"))
    }
}

/// `decode --max-record-size 9223372036854775807` trapped computing the reader's window.
@Suite struct TrailReaderWindowTests {
    @Test(arguments: [Int.max, Int.max - (1 << 20) + 1, Int(UInt32.max) + 1])
    func aCapBeyondThe32BitLengthFieldNeedsNoLargerWindow(cap: Int) {
        #expect(TrailReader.Options(maxRecordSize: cap).windowSize == Int(UInt32.max) + (1 << 20))
    }

    @Test func anOrdinaryCapKeepsItsWindow() {
        #expect(TrailReader.Options(maxRecordSize: 4 << 20).windowSize == (4 << 20) + (1 << 20))
    }
}

/// Regular files are mapped a window at a time instead of read: every record, offset and
/// problem must be what reading the same bytes gives, whatever the window and wherever the
/// damage falls (records across window edges, damage at an edge, a truncated last record).
@Suite struct MappedTrailTests {
    struct Reading: Equatable {
        var records: [TrailRecord] = []
        var problems: [TrailProblem] = []
        var damagedBytes: Int64 = 0
    }

    static func read(_ reader: TrailReader) throws -> Reading {
        var reading = Reading()
        try reader.forEachRecord(onProblem: { reading.problems.append($0) }) {
            reading.records.append($0.materialize())
        }
        reading.damagedBytes = reader.position - reader.statistics.bytes
        return reading
    }

    @Test(arguments: [4096, 10_000, 65_536, TrailMapping.windowSize])
    func mappedReadingEqualsReading(_ window: Int) throws {
        let directory = try TemporaryDirectory("mapped")
        defer { directory.remove() }
        var r = SeededRandom(seed: UInt64(window))
        for round in 0..<6 {
            var (bytes, _) = TokenSamples.randomTrail(&r, count: 300)
            if round > 0 {
                // Damage: flipped bits, garbage, and (every other round) a cut last record.
                for _ in 0..<round * 3 {
                    bytes[Int.random(in: 0..<bytes.count, using: &r)] ^= 1 << UInt8.random(in: 0...7, using: &r)
                }
                bytes.insert(contentsOf: [0xde, 0xad, 0xbe, 0xef], at: Int.random(in: 0..<bytes.count, using: &r))
                if round % 2 == 0 { bytes.removeLast(Int.random(in: 1...40, using: &r)) }
            }
            let path = try directory.write("trail\(round).bsm", bytes)
            let options = TrailReader.Options(maxRecordSize: 1 << 16)
            let file = try FileDescriptorTrailSource(path: path)
            #expect(file.isMappable)
            let mapped = try Self.read(TrailReader(source: file, name: path, options: options, mappingWindow: window))
            let read = try Self.read(TrailReader(source: MemoryTrailSource(bytes), name: path, options: options))
            #expect(mapped == read, "window \(window), round \(round)")
            #expect(!mapped.records.isEmpty)
        }
    }

    @Test func emptyFilesAndFIFOsAreRead() throws {
        let directory = try TemporaryDirectory("mapped-empty")
        defer { directory.remove() }
        let empty = try FileDescriptorTrailSource(path: try directory.write("empty.bsm", []))
        #expect(!empty.isMappable)
        #expect(try Self.read(TrailReader(source: empty, name: "empty.bsm")) == Reading())
    }

    @Test func aMappedTrailIsNamedForASignalHandler() throws {
        let directory = try TemporaryDirectory("mapped-registry")
        defer { directory.remove() }
        var r = SeededRandom(seed: 5)
        let path = try directory.write("named.bsm", TokenSamples.randomTrail(&r, count: 20).bytes)
        let reader = TrailReader(source: try FileDescriptorTrailSource(path: path), name: path)
        var named: String?
        try reader.forEachRecord { record in
            if named == nil, let name = TrailMappingRegistry.path(containing: record.bytes.baseAddress) {
                named = String(cString: name)
            }
        }
        #expect(named == path)
        var local = 0
        #expect(TrailMappingRegistry.path(containing: &local) == nil)
    }
}
