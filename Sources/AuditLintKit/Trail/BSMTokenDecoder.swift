import Foundation

/// Decodes BSM tokens from the bytes of one record.
///
/// Two levels: ``tokenLength(in:at:end:openBSMOnly:)`` finds where a token ends without
/// materialising it (the fast walk), and ``decode(in:at:end:openBSMOnly:)`` builds a
/// ``BSMToken``. Both follow OpenBSM's `au_fetch_tok` exactly, so that a walk and a full
/// decode agree on every byte: a token that does not fit in the bytes left in its record
/// fails (`nil`), and an id the decoder does not know takes everything up to the last 7 bytes
/// of the record (the assumed trailer), failing if nothing remains.
///
/// With `openBSMOnly` the tokens OpenBSM does not parse (0x83, 0xed, 0xee, 0xef) are treated
/// as unknown, as praudit does; otherwise they are decoded.
public enum BSMTokenDecoder {
    /// The most exec-args strings praudit prints (`AUDIT_MAX_ARGS`).
    public static let prauditMaxStrings = 128
    /// The most group ids OpenBSM reads from a new-groups token (`AUDIT_MAX_GROUPS`).
    public static let maxGroups = 16
    /// The longest Unix socket path OpenBSM searches for its NUL (Linux `sun_path`).
    public static let maxUnixPath = 108

    @inline(__always)
    static func be16(_ b: UnsafeRawBufferPointer, _ i: Int) -> Int {
        Int(b[i]) << 8 | Int(b[i + 1])
    }

    @inline(__always)
    static func be32(_ b: UnsafeRawBufferPointer, _ i: Int) -> UInt32 {
        UInt32(bigEndian: b.loadUnaligned(fromByteOffset: i, as: UInt32.self))
    }

    @inline(__always)
    static func be64(_ b: UnsafeRawBufferPointer, _ i: Int) -> UInt64 {
        UInt64(bigEndian: b.loadUnaligned(fromByteOffset: i, as: UInt64.self))
    }

    @inline(__always)
    static func addressLength(_ type: UInt32) -> Int? {
        type == 4 ? 4 : type == 16 ? 16 : nil
    }

    /// Whether `id` is a token this decoder parses (in the given mode).
    public static func isKnown(_ id: UInt8, openBSMOnly: Bool) -> Bool {
        if !openBSMOnly {
            // Every ``BSMTokenKind`` id as a 256-bit set (a test holds it to the enum), so the
            // reader's check of every token is a shift, not a switch.
            let word: UInt64 =
                switch id >> 6 {
                case 0: 0x7b04_ffde_003a_0000
                case 1: 0xfebe_0001_0004_0000
                case 2: 0x3f
                default: 0xe000_0000_0000
                }
            return word >> UInt64(id & 63) & 1 != 0
        }
        guard let kind = BSMTokenKind(rawValue: id) else { return false }
        return !openBSMOnly || kind.isParsedByOpenBSM
    }

    /// The end of `count` NUL-terminated strings starting at `start`, or `nil` if the bytes
    /// end first.
    @inline(__always)
    static func endOfStrings(_ b: UnsafeRawBufferPointer, from start: Int, count: UInt32, end: Int) -> Int? {
        var pos = start
        var left = count
        guard let base = b.baseAddress else { return count == 0 ? start : nil }
        while left > 0 {
            guard pos < end else { return nil }
            guard let nul = memchr(base + pos, 0, end - pos) else { return nil }
            pos = base.distance(to: UnsafeRawPointer(nul)) + 1
            left -= 1
        }
        return pos
    }

    /// The length of the token at `i` (its id byte) in `b`, whose record ends at `end`, or
    /// `nil` if the token overruns the record.
    @inline(__always)
    public static func tokenLength(in b: UnsafeRawBufferPointer, at i: Int, end: Int, openBSMOnly: Bool) -> Int? {
        let rem = end - i
        guard rem > 0 else { return nil }
        let n: Int
        switch b[i] {
        case 0x13: n = 7
        case 0x14: n = 18
        case 0x24, 0x26: n = 37
        case 0x3e: n = 29
        case 0x27, 0x22: n = 6
        case 0x23, 0x28, 0x60, 0x29:
            guard rem >= 3 else { return nil }
            n = 3 + be16(b, i + 1)
        case 0x2d:
            guard rem >= 8 else { return nil }
            n = 8 + be16(b, i + 6)
        case 0x71:
            guard rem >= 12 else { return nil }
            n = 12 + be16(b, i + 10)
        case 0x15, 0x79:
            guard rem >= 14 else { return nil }
            let type = be32(b, i + 10)
            n = 14 + (addressLength(type) ?? 0) + (b[i] == 0x15 ? 8 : 16)
        case 0x74: n = 26
        case 0x75, 0x77: n = 41
        case 0x7a, 0x7b, 0x7c, 0x7d:
            let typeAt = b[i] < 0x7c ? 33 : 37
            guard rem >= typeAt + 4, let a = addressLength(be32(b, i + typeAt)) else { return nil }
            n = typeAt + 4 + a
        case 0x72: n = 10
        case 0x73: n = 33
        case 0x11:
            guard rem >= 11 else { return nil }
            n = 11 + be16(b, i + 9)
        case 0x21:
            guard rem >= 4 else { return nil }
            let unit: Int
            switch b[i + 2] {
            case 0: unit = 1
            case 1: unit = 2
            case 2: unit = 4
            case 3: unit = 8
            default: return nil
            }
            n = 4 + unit * Int(b[i + 3])
        case 0x2a, 0x2f: n = 5
        case 0x2b: n = 21
        case 0x2c: n = 3
        case 0x2e: n = 15
        case 0x32: n = 29
        case 0x38:
            guard rem >= 3 else { return nil }
            let first = be16(b, i + 1)
            guard rem >= 5 + first else { return nil }
            n = 5 + first + be16(b, i + 3 + first)
        case 0x39:
            guard rem >= 4 else { return nil }
            n = 4 + be16(b, i + 2)
        case 0x3b:
            guard rem >= 3 else { return nil }
            n = 3 + 4 * min(be16(b, i + 1), maxGroups)
        case 0x3c, 0x3d:
            guard rem >= 5, let stop = endOfStrings(b, from: i + 5, count: be32(b, i + 1), end: end) else { return nil }
            n = stop - i
        case 0xee where !openBSMOnly, 0xef where !openBSMOnly:
            guard rem >= 5, let stop = endOfStrings(b, from: i + 5, count: be32(b, i + 1), end: end) else { return nil }
            n = stop - i
        case 0x52: n = 9
        case 0x7e:
            guard rem >= 5, let a = addressLength(be32(b, i + 1)) else { return nil }
            n = 5 + a
        case 0x7f:
            guard rem >= 7 else { return nil }
            let t = be16(b, i + 5)
            guard t == 4 || t == 16 else { return nil }
            n = 11 + 2 * t
        case 0x80: n = 9
        case 0x81: n = 21
        case 0x82:
            guard rem >= 3 else { return nil }
            let search = min(rem - 3, maxUnixPath)
            if search > 0, let base = b.baseAddress, let nul = memchr(base + i + 3, 0, search) {
                n = 3 + (base + i + 3).distance(to: UnsafeRawPointer(nul)) + 1
            } else {
                n = 3 + search
            }
        case 0x84, 0x85:
            guard rem >= 20 else { return nil }
            n = 20 + be16(b, i + 18)
        case 0x83 where !openBSMOnly: n = 17
        case 0xed where !openBSMOnly:
            guard rem >= 7 else { return nil }
            var p = i + 7 + be16(b, i + 5) + 1
            guard p + 2 <= end else { return nil }
            p += 2 + be16(b, p) + 1
            guard p + 2 <= end else { return nil }
            p += 2 + be16(b, p)
            n = p - i
        default:
            n = rem - 7
            guard n > 1 else { return nil }
        }
        return n <= rem ? n : nil
    }

    /// Decodes the token at `i` in `b` (record ending at `end`): the token and its length, or
    /// `nil` if it overruns the record.
    public static func decode(in b: UnsafeRawBufferPointer, at i: Int, end: Int, openBSMOnly: Bool) -> (
        token: BSMToken, length: Int
    )? {
        guard let length = tokenLength(in: b, at: i, end: end, openBSMOnly: openBSMOnly) else { return nil }
        var c = Cursor(b: b, pos: i + 1)
        let id = b[i]
        guard isKnown(id, openBSMOnly: openBSMOnly) else {
            return (.unknown(id: id, bytes: c.bytes(length - 1)), length)
        }
        let token: BSMToken
        switch id {
        case 0x11:
            let s = c.u32()
            let ms = c.u32()
            let len = c.u16()
            token = .file(seconds: s, milliseconds: ms, name: c.bytes(Int(len)))
        case 0x13:
            token = .trailer(magic: c.u16(), count: c.u32())
        case 0x14, 0x15, 0x74, 0x79:
            let size = c.u32()
            let version = c.u8()
            let event = c.u16()
            let modifier = c.u16()
            var host: BSMAddress?
            if id == 0x15 || id == 0x79 {
                let type = c.u32()
                host = BSMAddress(type: type, bytes: c.bytes(addressLength(type) ?? 0))
            }
            let wide = id == 0x74 || id == 0x79
            let s = wide ? c.u64() : UInt64(c.u32())
            let ms = wide ? c.u64() : UInt64(c.u32())
            token = .header(
                BSMHeader(
                    is64Bit: wide, host: host, recordSize: size, version: version, event: event,
                    modifier: modifier, seconds: s, milliseconds: ms))
        case 0x21:
            let how = c.u8()
            let unit = c.u8()
            let count = c.u8()
            token = .data(howToPrint: how, unitType: unit, unitCount: count, bytes: c.bytes(length - 4))
        case 0x22:
            token = .ipc(type: c.u8(), id: c.u32())
        case 0x23, 0x28, 0x60, 0x29:
            let bytes = c.bytes(Int(c.u16()))
            token =
                id == 0x23 ? .path(bytes) : id == 0x28 ? .text(bytes) : id == 0x60 ? .zonename(bytes) : .opaque(bytes)
        case 0x24, 0x26, 0x75, 0x77, 0x7a, 0x7b, 0x7c, 0x7d:
            let wide = id == 0x75 || id == 0x77 || id == 0x7c || id == 0x7d
            let ex = id >= 0x7a
            let auid = c.u32()
            let euid = c.u32()
            let egid = c.u32()
            let ruid = c.u32()
            let rgid = c.u32()
            let pid = c.u32()
            let sid = c.u32()
            let port = wide ? c.u64() : UInt64(c.u32())
            let address: BSMAddress
            if ex {
                let type = c.u32()
                address = BSMAddress(type: type, bytes: c.bytes(addressLength(type) ?? 0))
            } else {
                address = BSMAddress(type: 4, bytes: c.bytes(4))
            }
            token = .subject(
                BSMSubject(
                    role: (id == 0x24 || id == 0x75 || id == 0x7a || id == 0x7c) ? .subject : .process,
                    is64Bit: wide, isExtended: ex, auditUID: auid, effectiveUID: euid, effectiveGID: egid,
                    realUID: ruid, realGID: rgid, pid: pid, sessionID: sid, terminalPort: port,
                    terminalAddress: address))
        case 0x27:
            token = .returnValue(status: c.u8(), value: UInt64(c.u32()), is64Bit: false)
        case 0x72:
            token = .returnValue(status: c.u8(), value: c.u64(), is64Bit: true)
        case 0x2a:
            token = .inAddr(c.bytes(4))
        case 0x2b:
            token = .ip(BSMIPHeader(bytes: c.bytes(20)))
        case 0x2c:
            token = .iport(c.bytes(2))
        case 0x2d, 0x71:
            let number = c.u8()
            let value = id == 0x71 ? c.u64() : UInt64(c.u32())
            let text = c.bytes(Int(c.u16()))
            token = .argument(number: number, value: value, text: text, is64Bit: id == 0x71)
        case 0x2e:
            token = .socket(
                type: c.u16(), localPort: c.bytes(2), localAddress: c.bytes(4), remotePort: c.bytes(2),
                remoteAddress: c.bytes(4))
        case 0x2f:
            token = .sequence(c.u32())
        case 0x32:
            token = .ipcPerm(
                uid: c.u32(), gid: c.u32(), creatorUID: c.u32(), creatorGID: c.u32(), mode: c.u32(), sequence: c.u32(),
                key: c.u32())
        case 0x38:
            let type = c.bytes(Int(c.u16()))
            token = .privilegeSet(type: type, set: c.bytes(Int(c.u16())))
        case 0x39:
            let success = c.u8()
            token = .usePrivilege(success: success, privilege: c.bytes(Int(c.u16())))
        case 0x3b:
            let declared = c.u16()
            token = .newGroups(declaredCount: declared, gids: (0..<min(Int(declared), maxGroups)).map { _ in c.u32() })
        case 0x3c, 0x3d, 0xee, 0xef:
            c.pos += 4
            let strings = c.strings(end: i + length)
            switch id {
            case 0x3c: token = .execArgs(strings)
            case 0x3d: token = .execEnv(strings)
            case 0xee: token = .krb5Principal(strings)
            default: token = .certHash(strings)
            }
        case 0x3e, 0x73:
            let mode = c.u32()
            let uid = c.u32()
            let gid = c.u32()
            let fsid = c.u32()
            let node = c.u64()
            let dev = id == 0x73 ? c.u64() : UInt64(c.u32())
            token = .attribute(
                BSMAttribute(
                    is64Bit: id == 0x73, mode: mode, uid: uid, gid: gid, fileSystemID: fsid, nodeID: node, device: dev))
        case 0x52:
            token = .exit(status: c.u32(), returnValue: c.u32())
        case 0x7e:
            let type = c.u32()
            token = .inAddrEx(BSMAddress(type: type, bytes: c.bytes(Int(type))))
        case 0x7f:
            let domain = c.u16()
            let type = c.u16()
            let atype = c.u16()
            token = .socketEx(
                domain: domain, type: type, addressType: atype, localPort: c.bytes(2),
                localAddress: c.bytes(Int(atype)), remotePort: c.bytes(2), remoteAddress: c.bytes(Int(atype)))
        case 0x80:
            token = .socketInet32(family: c.u16(), port: c.bytes(2), address: c.bytes(4))
        case 0x81:
            token = .socketInet128(family: c.u16(), port: c.bytes(2), address: c.bytes(16))
        case 0x82:
            let family = c.u16()
            token = .socketUnix(family: family, path: c.bytes(length - 3))
        case 0x83:
            token = .rights(c.u64(), c.u64())
        case 0x84, 0x85:
            let number = c.u8()
            let uuid = c.bytes(16)
            let text = c.bytes(Int(c.u16()))
            token =
                id == 0x84
                ? .argUUID(number: number, uuid: uuid, text: text) : .returnUUID(number: number, uuid: uuid, text: text)
        case 0xed:
            let signer = c.u32()
            let signing = c.bytes(Int(c.u16()))
            let signingTruncated = c.u8()
            let team = c.bytes(Int(c.u16()))
            let teamTruncated = c.u8()
            let cdhash = c.bytes(Int(c.u16()))
            token = .identity(
                BSMIdentity(
                    signerType: signer, signingID: Array(signing.dropLast()), signingIDTruncated: signingTruncated,
                    teamID: Array(team.dropLast()), teamIDTruncated: teamTruncated, cdhash: cdhash))
        default:
            token = .unknown(id: id, bytes: c.bytes(length - 1))
        }
        return (token, length)
    }

    /// A big-endian reader over bytes already known to be in bounds (``tokenLength`` checked).
    struct Cursor {
        let b: UnsafeRawBufferPointer
        var pos: Int

        mutating func u8() -> UInt8 {
            defer { pos += 1 }
            return b[pos]
        }

        mutating func u16() -> UInt16 {
            defer { pos += 2 }
            return UInt16(be16(b, pos))
        }

        mutating func u32() -> UInt32 {
            defer { pos += 4 }
            return be32(b, pos)
        }

        mutating func u64() -> UInt64 {
            defer { pos += 8 }
            return be64(b, pos)
        }

        mutating func bytes(_ n: Int) -> [UInt8] {
            defer { pos += n }
            return Array(UnsafeRawBufferPointer(rebasing: b[pos..<(pos + n)]))
        }

        /// The NUL-terminated strings up to `end` (``tokenLength`` found where the token's
        /// count of them ends).
        mutating func strings(end: Int) -> [[UInt8]] {
            var result: [[UInt8]] = []
            while pos < end {
                var stop = pos
                while b[stop] != 0 { stop += 1 }
                result.append(Array(UnsafeRawBufferPointer(rebasing: b[pos..<stop])))
                pos = stop + 1
            }
            return result
        }
    }
}
