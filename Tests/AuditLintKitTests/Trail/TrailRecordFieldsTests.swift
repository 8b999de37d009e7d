import Foundation
import Testing

@testable import AuditLintKit

/// `TrailRecordFields` and the reader's token check walk a record with their own switch
/// (`TrailRecordView.checkedWalk`: the common tokens' lengths in one place) for speed: they
/// must find exactly what the decoder's walk (`TrailRecordView.forEachToken`) finds, on every
/// token kind, on random records and on damaged ones.
@Suite struct TrailRecordFieldsTests {
    /// What the estimate reads from a record, by the decoder's walk: the reference.
    struct Reading: Equatable, CustomStringConvertible {
        var auditUserID: UInt32?
        var success = true
        var execArgsBytes = 0
        var execEnvBytes = 0
        var path: [UInt8]?
        var last = 0
        var unknown: [Int]?
        var execArgs = false
        var failedAt: Int?

        var description: String {
            "uid \(String(describing: auditUserID)) ok \(success) args \(execArgsBytes) env \(execEnvBytes) path \(String(describing: path)) last \(last) unknown \(String(describing: unknown)) exec \(execArgs) failed \(String(describing: failedAt))"
        }

        /// The reference reading: the decoder's token walk and the estimate's rules (the first
        /// subject's audit user id, else the first process token's; the first return token's
        /// outcome; exec_args and exec_env bytes summed; the first path up to its first NUL).
        init(reference view: TrailRecordView) {
            let b = view.bytes
            var subjectSeen = false
            var returnSeen = false
            var check = TokenCheck()
            check.failedAt = view.forEachToken { id, at, length in
                check.last = at
                if id == 0x3c { check.execArgs = true }
                if check.unknown == nil, !BSMTokenDecoder.isKnown(id, openBSMOnly: false) { check.unknown = (id, at) }
                switch id {
                case 0x24, 0x75, 0x7a, 0x7c:
                    if !subjectSeen {
                        subjectSeen = true
                        auditUserID = BSMTokenDecoder.be32(b, at + 1)
                    }
                case 0x26, 0x77, 0x7b, 0x7d:
                    if !subjectSeen, auditUserID == nil { auditUserID = BSMTokenDecoder.be32(b, at + 1) }
                case 0x27, 0x72:
                    if !returnSeen {
                        returnSeen = true
                        success = b[at + 1] == 0
                    }
                case 0x3c: execArgsBytes += length
                case 0x3d: execEnvBytes += length
                case 0x23:
                    if path == nil { path = Array(b[(at + 3)..<(at + length)].prefix { $0 != 0 }) }
                default: break
                }
            }
            (last, unknown, execArgs, failedAt) = (
                check.last, check.unknown.map { [Int($0.id), $0.at] }, check.execArgs, check.failedAt
            )
        }

        /// What `TrailRecordFields` read.
        init?(fields view: TrailRecordView) {
            var check = TokenCheck()
            guard let fields = TrailRecordFields(view, check: &check, keys: .process) else { return nil }
            auditUserID = fields.optionalAuditUserID
            success = fields.success
            execArgsBytes = fields.execArgsBytes
            execEnvBytes = fields.execEnvBytes
            if fields.pathLength >= 0 {
                path = Array(view.bytes[fields.pathStart..<(fields.pathStart + fields.pathLength)])
                // The hash found in the same pass is the interner's hash of the path.
                #expect(fields.pathHash == path!.withUnsafeBytes { PathInterner.hash($0) })
            }
            (last, unknown, execArgs, failedAt) = (
                check.last, check.unknown.map { [Int($0.id), $0.at] }, check.execArgs, check.failedAt
            )
        }
    }

    static func expectSameReading(_ record: [UInt8]) {
        record.withUnsafeBytes { bytes in
            let view = TrailRecordView(offset: 0, bytes: bytes)
            guard let read = Reading(fields: view) else { return }
            let reference = Reading(reference: view)
            #expect(read == reference, "record \(record)")
        }
    }

    static let header = BSMHeader(event: 23, seconds: 1_700_000_000, milliseconds: 5)

    @Test(arguments: TokenSamples.all.map(\.0))
    func everyTokenKind(_ name: String) {
        let token = TokenSamples.all.first { $0.0 == name }!.1
        Self.expectSameReading(BSMEncoder.record(Self.header, [token]))
        Self.expectSameReading(
            BSMEncoder.record(Self.header, [token, token, .returnValue(status: 1, value: 0, is64Bit: false)]))
    }

    @Test(arguments: 0..<4)
    func randomAndDamagedRecords(_ seed: Int) {
        var r = SeededRandom(seed: 0x5EED_F1E1 + UInt64(seed))
        for _ in 0..<400 {
            let count = Int.random(in: 0...8, using: &r)
            let tokens = (0..<count).map { _ in
                Int.random(in: 0..<3, using: &r) == 0
                    ? TokenSamples.all.randomElement(using: &r)!.1 : TokenSamples.random(&r)
            }
            var record = BSMEncoder.record(Self.header, tokens)
            Self.expectSameReading(record)
            // Damage: flipped bits, then a cut (the walk must stop where the decoder's does).
            for _ in 0..<Int.random(in: 1...4, using: &r) {
                let i = Int.random(in: 18..<record.count, using: &r)
                record[i] ^= 1 << UInt8.random(in: 0...7, using: &r)
            }
            Self.expectSameReading(record)
            Self.expectSameReading(Array(record.prefix(Int.random(in: 18...record.count, using: &r))))
        }
    }

    /// The path hash found with its NUL in one pass (whole words, reading past the text
    /// only inside the record) is the interner's hash of the text before the NUL: for texts
    /// ending in their one NUL as path tokens do (the fast way), with a NUL before the end or
    /// none, and with the record ending right after the text or well past it.
    @Test(arguments: [false, true])
    func hashUpToNULIsTheHashOfTheText(endsWithNUL: Bool) {
        var r = SeededRandom(seed: endsWithNUL ? 0xA6 : 0xA5)
        for _ in 0..<3000 {
            let count = Int.random(in: 0...(endsWithNUL ? 200 : 40), using: &r)
            // Bytes 0x01 and 0x80 too: the zero-byte test must not take them for NULs.
            let alphabet: [UInt8] = [0x01, 0x80, 0xFF, 0x2F, 0x61]
            var text = (0..<count).map { _ in
                Bool.random(using: &r) ? alphabet.randomElement(using: &r)! : UInt8.random(in: 1...255, using: &r)
            }
            if endsWithNUL, count > 0 { text[count - 1] = 0 }
            if count > 0, Int.random(in: 0..<(endsWithNUL ? 4 : 2), using: &r) == 0 {
                text[Int.random(in: 0..<count, using: &r)] = 0
            }
            let before = Int.random(in: 0...9, using: &r)
            let after = Int.random(in: 0...(endsWithNUL ? 20 : 12), using: &r)
            let record = [UInt8](repeating: 0xEE, count: before) + text + [UInt8](repeating: 0x00, count: after)
            let expected = Array(text.prefix { $0 != 0 })
            record.withUnsafeBytes { bytes in
                let (hash, length) = PathInterner.hashUpToNUL(in: bytes, from: before, count: count, keys: .process)
                #expect(length == expected.count)
                #expect(hash == expected.withUnsafeBytes { PathInterner.hash($0) })
            }
        }
    }

    /// The path hash is keyed at random once a process, so no paths collide whatever they
    /// hold: with the keys fixed, a 16-byte block whose first word was the first key zeroed
    /// its product, and every path that began with one and ended alike collided (a trail of
    /// such paths would make each talker lookup walk past all the others).
    @Test func pathsThatCollidedWithFixedKeysDoNot() {
        let oldKey: UInt64 = 0xA076_1D64_78BD_642F
        let hashes = Set(
            (0..<2000).map { (n: UInt64) -> UInt64 in
                var bytes = withUnsafeBytes(of: oldKey.littleEndian, Array.init)
                bytes += withUnsafeBytes(of: n.littleEndian, Array.init) + Array("/same/tail".utf8)
                return bytes.withUnsafeBytes { PathInterner.hash($0) }
            })
        #expect(hashes.count == 2000)
    }
}
