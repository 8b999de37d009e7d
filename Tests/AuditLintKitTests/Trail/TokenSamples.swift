@testable import AuditLintKit

/// Example tokens of every kind, and random ones.
enum TokenSamples {
    static let v4 = BSMAddress.ipv4(10, 1, 2, 3)
    static let v6 = BSMAddress(type: 16, bytes: [0xfe, 0x80] + Array(repeating: 0, count: 13) + [1])

    static func subject(_ role: BSMSubject.Role, wide: Bool, ex: Bool, address: BSMAddress) -> BSMToken {
        .subject(
            BSMSubject(
                role: role, is64Bit: wide, isExtended: ex, auditUID: 501, effectiveUID: 0, effectiveGID: 20,
                realUID: 501, realGID: 20, pid: 4242, sessionID: 100_003,
                terminalPort: wide ? 0x1_0000_0002 : 50_331_650,
                terminalAddress: address))
    }

    /// One token of every kind the decoder knows (and one unknown), named for test output.
    static let all: [(String, BSMToken)] = [
        ("file", .file(seconds: 74565, milliseconds: 424, name: Array("test\0".utf8))),
        ("header32", .header(BSMHeader(event: 23, seconds: 1_158_613_982, milliseconds: 608))),
        ("header32_ex IPv4", .header(BSMHeader(host: v4, event: 72, seconds: 1, milliseconds: 2))),
        ("header32_ex IPv6", .header(BSMHeader(host: v6, event: 72, seconds: 1, milliseconds: 2))),
        (
            "header64",
            .header(BSMHeader(is64Bit: true, version: 10, event: 1, modifier: 3, seconds: 1 << 33, milliseconds: 999))
        ),
        ("header64_ex", .header(BSMHeader(is64Bit: true, host: v6, event: 1, seconds: 5, milliseconds: 6))),
        ("data", .data(howToPrint: 3, unitType: 1, unitCount: 3, bytes: [1, 2, 3, 4, 5, 6])),
        ("ipc", .ipc(type: 2, id: 77)),
        ("path", .path(Array("/usr/bin/grep\0".utf8))),
        ("subject32", subject(.subject, wide: false, ex: false, address: v4)),
        ("process32", subject(.process, wide: false, ex: false, address: v4)),
        ("subject64", subject(.subject, wide: true, ex: false, address: v4)),
        ("process64", subject(.process, wide: true, ex: false, address: v4)),
        ("subject32_ex IPv4", subject(.subject, wide: false, ex: true, address: v4)),
        ("subject32_ex IPv6", subject(.subject, wide: false, ex: true, address: v6)),
        ("process32_ex IPv6", subject(.process, wide: false, ex: true, address: v6)),
        ("subject64_ex IPv4", subject(.subject, wide: true, ex: true, address: v4)),
        ("process64_ex IPv6", subject(.process, wide: true, ex: true, address: v6)),
        ("return32", .returnValue(status: 2, value: 0xffff_ffff, is64Bit: false)),
        ("return64", .returnValue(status: 0, value: 1 << 40, is64Bit: true)),
        ("text", .text(Array("hello\0".utf8))),
        ("opaque", .opaque([0xaa, 0xbb, 0xcc])),
        ("in_addr", .inAddr([192, 168, 1, 1])),
        ("in_addr_ex IPv6", .inAddrEx(v6)),
        ("in_addr_ex IPv4", .inAddrEx(v4)),
        ("ip", .ip(BSMIPHeader(bytes: Array(0..<20)))),
        ("iport", .iport([0, 80])),
        ("arg32", .argument(number: 1, value: 0xabcd, text: Array("fd\0".utf8), is64Bit: false)),
        ("arg64", .argument(number: 2, value: 1 << 50, text: Array("addr\0".utf8), is64Bit: true)),
        (
            "socket",
            .socket(
                type: 2, localPort: [0, 22], localAddress: [127, 0, 0, 1], remotePort: [4, 0],
                remoteAddress: [10, 0, 0, 1])
        ),
        ("seq", .sequence(12345)),
        ("ipc_perm", .ipcPerm(uid: 1, gid: 2, creatorUID: 3, creatorGID: 4, mode: 0o644, sequence: 5, key: 6)),
        ("privilege set", .privilegeSet(type: Array("Effective\0".utf8), set: Array("file_dac_read\0".utf8))),
        ("use of privilege", .usePrivilege(success: 1, privilege: Array("proc_owner\0".utf8))),
        ("newgroups", .newGroups(declaredCount: 3, gids: [20, 80, 501])),
        ("exec args", .execArgs([Array("ls".utf8), Array("-l".utf8), []])),
        ("exec env", .execEnv([Array("PATH=/bin".utf8)])),
        (
            "attr32",
            .attribute(BSMAttribute(mode: 0o100755, uid: 0, gid: 0, fileSystemID: 90, nodeID: 24222, device: 112_200))
        ),
        (
            "attr64",
            .attribute(
                BSMAttribute(
                    is64Bit: true, mode: 0o644, uid: 501, gid: 20, fileSystemID: 1, nodeID: 1 << 40, device: 1 << 33))
        ),
        ("exit", .exit(status: 1, returnValue: 0)),
        ("zonename", .zonename(Array("global\0".utf8))),
        (
            "socket_ex IPv4",
            .socketEx(
                domain: 2, type: 2, addressType: 4, localPort: [0, 80], localAddress: [1, 2, 3, 4],
                remotePort: [0x1f, 0x90], remoteAddress: [5, 6, 7, 8])
        ),
        (
            "socket_ex IPv6",
            .socketEx(
                domain: 26, type: 1, addressType: 16, localPort: [0, 53], localAddress: v6.bytes, remotePort: [0, 0],
                remoteAddress: v6.bytes)
        ),
        ("socket-inet", .socketInet32(family: 2, port: [1, 187], address: [8, 8, 8, 8])),
        ("socket-inet6", .socketInet128(family: 30, port: [1, 187], address: v6.bytes)),
        ("socket-unix", .socketUnix(family: 1, path: Array("/var/run/syslog\0".utf8))),
        ("rights", .rights(0x0200_0000_0000_0001, 0x0400_0000_0000_0000)),
        ("arg_uuid", .argUUID(number: 4, uuid: Array(0..<16), text: Array("uuid\0".utf8))),
        ("ret_uuid", .returnUUID(number: 5, uuid: Array(16..<32), text: Array("ret\0".utf8))),
        (
            "identity",
            .identity(
                BSMIdentity(signerType: 1, signingID: Array("com.apple.ls".utf8), teamID: [], cdhash: Array(0..<20)))
        ),
        ("krb5 principal", .krb5Principal([Array("user@EXAMPLE.COM".utf8)])),
        ("cert hash", .certHash([Array("abcdef".utf8), Array("0123".utf8)])),
        ("unknown 0x99", .unknown(id: 0x99, bytes: [1, 2, 3])),
    ]

    static func bytes(_ r: inout SeededRandom, max: Int) -> [UInt8] {
        (0..<Int.random(in: 0...max, using: &r)).map { _ in UInt8.random(in: 1...255, using: &r) }
    }

    static func cString(_ r: inout SeededRandom, max: Int = 40) -> [UInt8] { bytes(&r, max: max) + [0] }

    /// A random well-formed token that is not a header, trailer or unknown token.
    static func random(_ r: inout SeededRandom) -> BSMToken {
        let u32 = { (r: inout SeededRandom) in UInt32.random(in: 0...UInt32.max, using: &r) }
        let address = { (r: inout SeededRandom) -> BSMAddress in
            Bool.random(using: &r)
                ? BSMAddress(type: 4, bytes: bytes4(&r))
                : BSMAddress(type: 16, bytes: (0..<16).map { _ in UInt8.random(in: 0...255, using: &r) })
        }
        switch Int.random(in: 0..<16, using: &r) {
        case 0: return .path(cString(&r))
        case 1: return .text(cString(&r, max: 200))
        case 2:
            return .subject(
                BSMSubject(
                    role: Bool.random(using: &r) ? .subject : .process, is64Bit: Bool.random(using: &r),
                    isExtended: true, auditUID: u32(&r), effectiveUID: u32(&r), effectiveGID: u32(&r), realUID: u32(&r),
                    realGID: u32(&r), pid: u32(&r), sessionID: u32(&r), terminalPort: UInt64(u32(&r)),
                    terminalAddress: address(&r)))
        case 3:
            return .returnValue(status: UInt8.random(in: 0...255, using: &r), value: UInt64(u32(&r)), is64Bit: false)
        case 4:
            return .argument(
                number: UInt8.random(in: 0...9, using: &r), value: UInt64(u32(&r)), text: cString(&r), is64Bit: false)
        case 5: return .execArgs((0..<Int.random(in: 0...20, using: &r)).map { _ in bytes(&r, max: 30) })
        case 6:
            return .attribute(
                BSMAttribute(
                    mode: u32(&r), uid: u32(&r), gid: u32(&r), fileSystemID: u32(&r), nodeID: UInt64(u32(&r)) << 7,
                    device: UInt64(u32(&r))))
        case 7:
            let unit = UInt8.random(in: 0...3, using: &r)
            let count = UInt8.random(in: 0...20, using: &r)
            return .data(
                howToPrint: UInt8.random(in: 0...4, using: &r), unitType: unit, unitCount: count,
                bytes: (0..<(Int(count) << Int(unit))).map { _ in UInt8.random(in: 0...255, using: &r) })
        case 8:
            return .identity(
                BSMIdentity(
                    signerType: u32(&r), signingID: bytes(&r, max: 30), teamID: bytes(&r, max: 10),
                    cdhash: bytes(&r, max: 20)))
        case 9: return .inAddrEx(address(&r))
        case 10: return .exit(status: u32(&r), returnValue: u32(&r))
        case 11: return .newGroups(declaredCount: 2, gids: [u32(&r), u32(&r)])
        case 12: return .opaque(bytes(&r, max: 50))
        case 13: return .sequence(u32(&r))
        case 14: return .socketInet32(family: 2, port: [1, 2], address: bytes4(&r))
        default: return .zonename(cString(&r))
        }
    }

    static func bytes4(_ r: inout SeededRandom) -> [UInt8] { (0..<4).map { _ in UInt8.random(in: 0...255, using: &r) } }

    /// A random record: header, up to 6 random tokens.
    static func randomRecord(_ r: inout SeededRandom) -> (header: BSMHeader, tokens: [BSMToken]) {
        let header = BSMHeader(
            is64Bit: Int.random(in: 0..<8, using: &r) == 0, version: 11, event: UInt16.random(in: 0...50000, using: &r),
            seconds: UInt64.random(in: 0...2_000_000_000, using: &r),
            milliseconds: UInt64.random(in: 0...999, using: &r))
        return (header, (0..<Int.random(in: 0...6, using: &r)).map { _ in random(&r) })
    }

    /// A trail of `count` random records and each record's offset.
    static func randomTrail(_ r: inout SeededRandom, count: Int) -> (bytes: [UInt8], offsets: [Int]) {
        var bytes: [UInt8] = []
        var offsets: [Int] = []
        for _ in 0..<count {
            offsets.append(bytes.count)
            let (header, tokens) = randomRecord(&r)
            BSMEncoder.appendRecord(header, tokens, to: &bytes)
        }
        return (bytes, offsets)
    }
}
