/// Encodes tokens and whole records in the BSM byte layout (big-endian fields, §6.2).
///
/// The inverse of ``BSMTokenDecoder``: for every token the decoder produces, decoding the
/// encoded bytes gives the token back. Used by tests, benchmarks and trail synthesis.
public enum BSMEncoder {
    /// The bytes of one token.
    public static func encode(_ token: BSMToken) -> [UInt8] {
        var out: [UInt8] = []
        append(token, to: &out)
        return out
    }

    /// A complete record: `header` (its ``BSMHeader/recordSize`` replaced by the real size),
    /// `tokens`, and a trailer with the same size.
    public static func record(_ header: BSMHeader, _ tokens: [BSMToken]) -> [UInt8] {
        var out: [UInt8] = []
        appendRecord(header, tokens, to: &out)
        return out
    }

    /// Appends a complete record to `out` (see ``record(_:_:)``).
    public static func appendRecord(_ header: BSMHeader, _ tokens: [BSMToken], to out: inout [UInt8]) {
        let start = out.count
        append(.header(header), to: &out)
        for token in tokens { append(token, to: &out) }
        let size = UInt32(truncatingIfNeeded: out.count - start + 7)
        out.withUnsafeMutableBytes { $0.storeBytes(of: size.bigEndian, toByteOffset: start + 1, as: UInt32.self) }
        append(.trailer(magic: 0xb105, count: size), to: &out)
    }

    /// Appends the bytes of `token` to `out`.
    public static func append(_ token: BSMToken, to out: inout [UInt8]) {
        out.append(token.id)
        switch token {
        case .file(let s, let ms, let name):
            u32(s, &out)
            u32(ms, &out)
            lengthPrefixed(name, &out)
        case .trailer(let magic, let count):
            u16(magic, &out)
            u32(count, &out)
        case .header(let h):
            u32(h.recordSize, &out)
            out.append(h.version)
            u16(h.event, &out)
            u16(h.modifier, &out)
            if let host = h.host {
                u32(host.type, &out)
                out.append(contentsOf: host.bytes)
            }
            if h.is64Bit {
                u64(h.seconds, &out)
                u64(h.milliseconds, &out)
            } else {
                u32(UInt32(truncatingIfNeeded: h.seconds), &out)
                u32(UInt32(truncatingIfNeeded: h.milliseconds), &out)
            }
        case .data(let how, let unit, let count, let bytes):
            out.append(how)
            out.append(unit)
            out.append(count)
            out.append(contentsOf: bytes)
        case .ipc(let type, let id):
            out.append(type)
            u32(id, &out)
        case .path(let b), .text(let b), .zonename(let b), .opaque(let b):
            lengthPrefixed(b, &out)
        case .subject(let s):
            for v in [s.auditUID, s.effectiveUID, s.effectiveGID, s.realUID, s.realGID, s.pid, s.sessionID] {
                u32(v, &out)
            }
            if s.is64Bit { u64(s.terminalPort, &out) } else { u32(UInt32(truncatingIfNeeded: s.terminalPort), &out) }
            if s.isExtended { u32(s.terminalAddress.type, &out) }
            out.append(contentsOf: s.terminalAddress.bytes)
        case .returnValue(let status, let value, let wide):
            out.append(status)
            if wide { u64(value, &out) } else { u32(UInt32(truncatingIfNeeded: value), &out) }
        case .inAddr(let b), .iport(let b):
            out.append(contentsOf: b)
        case .ip(let h):
            out.append(contentsOf: h.bytes)
        case .inAddrEx(let a):
            u32(a.type, &out)
            out.append(contentsOf: a.bytes)
        case .argument(let number, let value, let text, let wide):
            out.append(number)
            if wide { u64(value, &out) } else { u32(UInt32(truncatingIfNeeded: value), &out) }
            lengthPrefixed(text, &out)
        case .socket(let type, let lport, let laddr, let rport, let raddr):
            u16(type, &out)
            out.append(contentsOf: lport + laddr + rport + raddr)
        case .sequence(let n):
            u32(n, &out)
        case .ipcPerm(let uid, let gid, let cuid, let cgid, let mode, let seq, let key):
            for v in [uid, gid, cuid, cgid, mode, seq, key] { u32(v, &out) }
        case .privilegeSet(let type, let set):
            lengthPrefixed(type, &out)
            lengthPrefixed(set, &out)
        case .usePrivilege(let success, let privilege):
            out.append(success)
            lengthPrefixed(privilege, &out)
        case .newGroups(let declared, let gids):
            u16(declared, &out)
            for g in gids { u32(g, &out) }
        case .execArgs(let strings), .execEnv(let strings), .krb5Principal(let strings), .certHash(let strings):
            u32(UInt32(truncatingIfNeeded: strings.count), &out)
            for s in strings {
                out.append(contentsOf: s)
                out.append(0)
            }
        case .attribute(let a):
            for v in [a.mode, a.uid, a.gid, a.fileSystemID] { u32(v, &out) }
            u64(a.nodeID, &out)
            if a.is64Bit { u64(a.device, &out) } else { u32(UInt32(truncatingIfNeeded: a.device), &out) }
        case .exit(let status, let value):
            u32(status, &out)
            u32(value, &out)
        case .socketEx(let domain, let type, let atype, let lport, let laddr, let rport, let raddr):
            u16(domain, &out)
            u16(type, &out)
            u16(atype, &out)
            out.append(contentsOf: lport + laddr + rport + raddr)
        case .socketInet32(let family, let port, let address), .socketInet128(let family, let port, let address):
            u16(family, &out)
            out.append(contentsOf: port + address)
        case .socketUnix(let family, let path):
            u16(family, &out)
            out.append(contentsOf: path)
        case .rights(let a, let b):
            u64(a, &out)
            u64(b, &out)
        case .argUUID(let number, let uuid, let text), .returnUUID(let number, let uuid, let text):
            out.append(number)
            out.append(contentsOf: uuid)
            lengthPrefixed(text, &out)
        case .identity(let i):
            u32(i.signerType, &out)
            lengthPrefixed(i.signingID + [0], &out)
            out.append(i.signingIDTruncated)
            lengthPrefixed(i.teamID + [0], &out)
            out.append(i.teamIDTruncated)
            lengthPrefixed(i.cdhash, &out)
        case .unknown(_, let bytes):
            out.append(contentsOf: bytes)
        }
    }

    @inline(__always)
    static func u16(_ v: UInt16, _ out: inout [UInt8]) {
        out.append(UInt8(v >> 8))
        out.append(UInt8(v & 0xff))
    }

    @inline(__always)
    static func u32(_ v: UInt32, _ out: inout [UInt8]) {
        u16(UInt16(v >> 16), &out)
        u16(UInt16(v & 0xffff), &out)
    }

    @inline(__always)
    static func u64(_ v: UInt64, _ out: inout [UInt8]) {
        u32(UInt32(v >> 32), &out)
        u32(UInt32(v & 0xffff_ffff), &out)
    }

    static func lengthPrefixed(_ bytes: [UInt8], _ out: inout [UInt8]) {
        u16(UInt16(truncatingIfNeeded: bytes.count), &out)
        out.append(contentsOf: bytes)
    }
}
