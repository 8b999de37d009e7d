import AuditLintTestSupport
import Testing

@testable import AuditLintKit

/// ``ExecRecord`` finds exec records by a walk of token lengths (the reader's, or its own)
/// and decodes only those: the same records either way, whatever the event.
@Suite struct ExecRecordTests {
    static let subject = TokenSamples.subject(.subject, wide: false, ex: false, address: TokenSamples.v4)

    /// The exec records of `trail`: through the reader (its token check walked the
    /// records), and from owned copies (the record walks itself).
    static func both(_ trail: [UInt8]) throws -> (read: [ExecRecord], copied: [ExecRecord]) {
        var read: [ExecRecord] = []
        var copied: [ExecRecord] = []
        try TrailReader(source: MemoryTrailSource(trail), name: "t").forEachRecord(onProblem: { _ in }) { view in
            #expect(view.execArgsSeen != nil)
            if let exec = ExecRecord(view) { read.append(exec) }
            if let exec = view.materialize().withView({ ExecRecord($0) }) { copied.append(exec) }
        }
        return (read, copied)
    }

    @Test func execArgsUnderAnyEventAndOnlyWhenDecodable() throws {
        let args = BSMToken.execArgs([Array("ls".utf8), Array("-l".utf8)])
        let ok = BSMToken.returnValue(status: 0, value: 0, is64Bit: false)
        var overrun = BSMEncoder.record(BSMHeader(event: 23, seconds: 3, milliseconds: 0), [Self.subject, args, ok])
        overrun[18 + 37 + 1] = 0x7f  // the exec-args count now asks for more strings than there are
        let trail =
            BSMEncoder.record(BSMHeader(event: 23, seconds: 1, milliseconds: 0), [args, Self.subject, ok])
            + BSMEncoder.record(BSMHeader(event: 72, seconds: 2, milliseconds: 0), [Self.subject, ok, args])
            + overrun
            + BSMEncoder.record(BSMHeader(event: 23, seconds: 4, milliseconds: 0), [Self.subject, ok])
        let (read, copied) = try Self.both(trail)
        #expect(read == copied)
        #expect(read.map(\.seconds) == [1, 2])
        #expect(read.map(\.arguments) == [["ls", "-l"], ["ls", "-l"]])
    }
}
