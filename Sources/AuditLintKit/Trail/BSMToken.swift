/// The token identifiers of the BSM trail format (OpenBSM `audit_record.h`, xnu, FreeBSD).
///
/// Each identifier is the first byte of a token.
public enum BSMTokenKind: UInt8, Sendable, Hashable, CaseIterable {
    case file = 0x11
    case trailer = 0x13
    case header32 = 0x14
    case header32Ex = 0x15
    case data = 0x21
    case ipc = 0x22
    case path = 0x23
    case subject32 = 0x24
    case process32 = 0x26
    case return32 = 0x27
    case text = 0x28
    case opaque = 0x29
    case inAddr = 0x2a
    case ip = 0x2b
    case iport = 0x2c
    case arg32 = 0x2d
    case socket = 0x2e
    case seq = 0x2f
    case ipcPerm = 0x32
    case privilegeSet = 0x38
    case usePrivilege = 0x39
    case newGroups = 0x3b
    case execArgs = 0x3c
    case execEnv = 0x3d
    case attr32 = 0x3e
    case exit = 0x52
    case zonename = 0x60
    case arg64 = 0x71
    case return64 = 0x72
    case attr64 = 0x73
    case header64 = 0x74
    case subject64 = 0x75
    case process64 = 0x77
    case header64Ex = 0x79
    case subject32Ex = 0x7a
    case process32Ex = 0x7b
    case subject64Ex = 0x7c
    case process64Ex = 0x7d
    case inAddrEx = 0x7e
    case socketEx = 0x7f
    case socketInet32 = 0x80
    case socketInet128 = 0x81
    case socketUnix = 0x82
    case rights = 0x83
    case argUUID = 0x84
    case returnUUID = 0x85
    case identity = 0xed
    case krb5Principal = 0xee
    case certHash = 0xef

    /// Whether OpenBSM's `praudit` parses this token (§6.2); the others (§6.3) it prints as
    /// `unknown`.
    public var isParsedByOpenBSM: Bool {
        switch self {
        case .rights, .identity, .krb5Principal, .certHash: false
        default: true
        }
    }

    /// Whether a token id starts a record (a header: 0x14, 0x15, 0x74, 0x79).
    @inline(__always)
    public static func isHeader(_ id: UInt8) -> Bool {
        switch id {
        case header32.rawValue, header32Ex.rawValue, header64.rawValue, header64Ex.rawValue: true
        default: false
        }
    }
}

/// An IPv4 or IPv6 address as stored in a token, with the token's address-type field.
///
/// `type` is the byte count the writer declared (4 for IPv4, 16 for IPv6); `bytes` holds the
/// address bytes read (network order). For an extended header with any other type `bytes`
/// is empty, as OpenBSM reads no address then.
public struct BSMAddress: Sendable, Hashable {
    public var type: UInt32
    public var bytes: [UInt8]

    public init(type: UInt32, bytes: [UInt8]) {
        self.type = type
        self.bytes = bytes
    }

    /// An IPv4 address from its four bytes.
    public static func ipv4(_ a: UInt8, _ b: UInt8, _ c: UInt8, _ d: UInt8) -> BSMAddress {
        BSMAddress(type: 4, bytes: [a, b, c, d])
    }
}

/// A record header (tokens 0x14, 0x15, 0x74, 0x79).
public struct BSMHeader: Sendable, Hashable {
    /// Whether the time fields are 64 bits wide (0x74, 0x79).
    public var is64Bit: Bool
    /// The host address of an extended header (0x15, 0x79); `nil` for a plain header.
    public var host: BSMAddress?
    /// The record byte count the writer stored (whole record, header to trailer).
    public var recordSize: UInt32
    /// Header version: 11 current, 10 OpenBSM 1.0, 1 old Darwin, 2 Solaris.
    public var version: UInt8
    public var event: UInt16
    public var modifier: UInt16
    /// Seconds since the epoch (UTC).
    public var seconds: UInt64
    /// Milliseconds (writers store `tv_usec / 1000` here).
    public var milliseconds: UInt64

    public init(
        is64Bit: Bool = false, host: BSMAddress? = nil, recordSize: UInt32 = 0, version: UInt8 = 11,
        event: UInt16, modifier: UInt16 = 0, seconds: UInt64, milliseconds: UInt64
    ) {
        self.is64Bit = is64Bit
        self.host = host
        self.recordSize = recordSize
        self.version = version
        self.event = event
        self.modifier = modifier
        self.seconds = seconds
        self.milliseconds = milliseconds
    }

    /// The token kind this header encodes as.
    public var kind: BSMTokenKind {
        switch (is64Bit, host != nil) {
        case (false, false): .header32
        case (false, true): .header32Ex
        case (true, false): .header64
        case (true, true): .header64Ex
        }
    }
}

/// A subject or process token (0x24, 0x26, 0x75, 0x77, 0x7a–0x7d).
public struct BSMSubject: Sendable, Hashable {
    /// Whether this describes the acting subject or a target process.
    public enum Role: Sendable, Hashable { case subject, process }

    public var role: Role
    /// Whether the terminal port is 64 bits wide.
    public var is64Bit: Bool
    /// Whether it is an `_ex` token (terminal address type plus IPv4 or IPv6 address).
    public var isExtended: Bool
    public var auditUID: UInt32
    public var effectiveUID: UInt32
    public var effectiveGID: UInt32
    public var realUID: UInt32
    public var realGID: UInt32
    public var pid: UInt32
    public var sessionID: UInt32
    /// The terminal "port" (a `dev_t`-like value).
    public var terminalPort: UInt64
    /// The terminal address (always type 4 for non-extended tokens).
    public var terminalAddress: BSMAddress

    public init(
        role: Role = .subject, is64Bit: Bool = false, isExtended: Bool = false, auditUID: UInt32,
        effectiveUID: UInt32, effectiveGID: UInt32, realUID: UInt32, realGID: UInt32, pid: UInt32,
        sessionID: UInt32, terminalPort: UInt64, terminalAddress: BSMAddress
    ) {
        self.role = role
        self.is64Bit = is64Bit
        self.isExtended = isExtended
        self.auditUID = auditUID
        self.effectiveUID = effectiveUID
        self.effectiveGID = effectiveGID
        self.realUID = realUID
        self.realGID = realGID
        self.pid = pid
        self.sessionID = sessionID
        self.terminalPort = terminalPort
        self.terminalAddress = terminalAddress
    }

    public var kind: BSMTokenKind {
        switch (role, is64Bit, isExtended) {
        case (.subject, false, false): .subject32
        case (.subject, true, false): .subject64
        case (.subject, false, true): .subject32Ex
        case (.subject, true, true): .subject64Ex
        case (.process, false, false): .process32
        case (.process, true, false): .process64
        case (.process, false, true): .process32Ex
        case (.process, true, true): .process64Ex
        }
    }
}

/// A file attribute token (0x3e attr32, 0x73 attr64).
public struct BSMAttribute: Sendable, Hashable {
    public var is64Bit: Bool
    public var mode: UInt32
    public var uid: UInt32
    public var gid: UInt32
    public var fileSystemID: UInt32
    public var nodeID: UInt64
    public var device: UInt64

    public init(
        is64Bit: Bool = false, mode: UInt32, uid: UInt32, gid: UInt32, fileSystemID: UInt32,
        nodeID: UInt64, device: UInt64
    ) {
        self.is64Bit = is64Bit
        self.mode = mode
        self.uid = uid
        self.gid = gid
        self.fileSystemID = fileSystemID
        self.nodeID = nodeID
        self.device = device
    }
}

/// The raw 20-byte IPv4 header of an `ip` token (0x2b), fields in network order.
public struct BSMIPHeader: Sendable, Hashable {
    public var bytes: [UInt8]
    public init(bytes: [UInt8]) { self.bytes = bytes }
}

/// The code-signing identity macOS appends to records (0xed, xnu `au_to_identity`).
public struct BSMIdentity: Sendable, Hashable {
    public var signerType: UInt32
    /// The signing identifier, without its terminating NUL.
    public var signingID: [UInt8]
    public var signingIDTruncated: UInt8
    /// The team identifier, without its terminating NUL.
    public var teamID: [UInt8]
    public var teamIDTruncated: UInt8
    public var cdhash: [UInt8]

    public init(
        signerType: UInt32, signingID: [UInt8], signingIDTruncated: UInt8 = 0, teamID: [UInt8],
        teamIDTruncated: UInt8 = 0, cdhash: [UInt8]
    ) {
        self.signerType = signerType
        self.signingID = signingID
        self.signingIDTruncated = signingIDTruncated
        self.teamID = teamID
        self.teamIDTruncated = teamIDTruncated
        self.cdhash = cdhash
    }
}

/// One decoded BSM token.
///
/// Byte strings keep exactly the bytes the token holds (for `len`-prefixed strings that is
/// `len` bytes, normally ending in a NUL), so that encoding gives back the same bytes.
/// ``BSMBytes/string(_:)`` turns them into text.
public enum BSMToken: Sendable, Hashable {
    /// A stand-alone or embedded file token (0x11): time and trail file name.
    case file(seconds: UInt32, milliseconds: UInt32, name: [UInt8])
    case trailer(magic: UInt16, count: UInt32)
    case header(BSMHeader)
    /// Arbitrary data (0x21): how to print (0 binary … 4 string), unit type (0 byte, 1 short,
    /// 2 int32, 3 int64), unit count, and the units' bytes in the writer's byte order.
    case data(howToPrint: UInt8, unitType: UInt8, unitCount: UInt8, bytes: [UInt8])
    case ipc(type: UInt8, id: UInt32)
    case path([UInt8])
    case subject(BSMSubject)
    /// A return token: BSM errno status (0 success) and value; 32 or 64 bits wide.
    case returnValue(status: UInt8, value: UInt64, is64Bit: Bool)
    case text([UInt8])
    case opaque([UInt8])
    /// IPv4 address (0x2a).
    case inAddr([UInt8])
    /// IPv4 or IPv6 address with its type (0x7e).
    case inAddrEx(BSMAddress)
    case ip(BSMIPHeader)
    /// A port number (0x2c), raw bytes as written.
    case iport([UInt8])
    /// A system-call argument: number, value, description; 32 or 64 bits wide.
    case argument(number: UInt8, value: UInt64, text: [UInt8], is64Bit: Bool)
    /// Solaris socket token (0x2e): type, local port and address, remote port and address.
    case socket(type: UInt16, localPort: [UInt8], localAddress: [UInt8], remotePort: [UInt8], remoteAddress: [UInt8])
    case sequence(UInt32)
    case ipcPerm(
        uid: UInt32, gid: UInt32, creatorUID: UInt32, creatorGID: UInt32, mode: UInt32, sequence: UInt32, key: UInt32)
    case privilegeSet(type: [UInt8], set: [UInt8])
    case usePrivilege(success: UInt8, privilege: [UInt8])
    /// New groups (0x3b). OpenBSM reads at most 16 group ids whatever `declaredCount` says.
    case newGroups(declaredCount: UInt16, gids: [UInt32])
    /// Exec arguments (0x3c), each without its NUL.
    case execArgs([[UInt8]])
    /// Exec environment (0x3d), each without its NUL.
    case execEnv([[UInt8]])
    case attribute(BSMAttribute)
    /// Exit token (0x52): status (the writer's error) and return value.
    case exit(status: UInt32, returnValue: UInt32)
    case zonename([UInt8])
    /// Socket with BSM domain and type constants (0x7f); address type is 4 or 16.
    case socketEx(
        domain: UInt16, type: UInt16, addressType: UInt16, localPort: [UInt8], localAddress: [UInt8],
        remotePort: [UInt8], remoteAddress: [UInt8])
    /// IPv4 socket address (0x80): local address family, port bytes, address.
    case socketInet32(family: UInt16, port: [UInt8], address: [UInt8])
    /// IPv6 socket address (0x81).
    case socketInet128(family: UInt16, port: [UInt8], address: [UInt8])
    /// Unix-domain socket (0x82): family and the path bytes read (normally NUL-terminated).
    case socketUnix(family: UInt16, path: [UInt8])
    /// FreeBSD capability rights (0x83): the two words of `cap_rights_t`.
    case rights(UInt64, UInt64)
    case argUUID(number: UInt8, uuid: [UInt8], text: [UInt8])
    case returnUUID(number: UInt8, uuid: [UInt8], text: [UInt8])
    case identity(BSMIdentity)
    /// Kerberos principal strings (0xee, exec-args layout), each without its NUL.
    case krb5Principal([[UInt8]])
    /// Certificate hashes (0xef, exec-args layout), each without its NUL.
    case certHash([[UInt8]])
    /// A token this decoder does not parse: its id and the bytes after it up to the
    /// record's trailer.
    case unknown(id: UInt8, bytes: [UInt8])

    /// The token id this token encodes as.
    public var id: UInt8 {
        switch self {
        case .file: BSMTokenKind.file.rawValue
        case .trailer: BSMTokenKind.trailer.rawValue
        case .header(let h): h.kind.rawValue
        case .data: BSMTokenKind.data.rawValue
        case .ipc: BSMTokenKind.ipc.rawValue
        case .path: BSMTokenKind.path.rawValue
        case .subject(let s): s.kind.rawValue
        case .returnValue(_, _, let wide): (wide ? BSMTokenKind.return64 : .return32).rawValue
        case .text: BSMTokenKind.text.rawValue
        case .opaque: BSMTokenKind.opaque.rawValue
        case .inAddr: BSMTokenKind.inAddr.rawValue
        case .inAddrEx: BSMTokenKind.inAddrEx.rawValue
        case .ip: BSMTokenKind.ip.rawValue
        case .iport: BSMTokenKind.iport.rawValue
        case .argument(_, _, _, let wide): (wide ? BSMTokenKind.arg64 : .arg32).rawValue
        case .socket: BSMTokenKind.socket.rawValue
        case .sequence: BSMTokenKind.seq.rawValue
        case .ipcPerm: BSMTokenKind.ipcPerm.rawValue
        case .privilegeSet: BSMTokenKind.privilegeSet.rawValue
        case .usePrivilege: BSMTokenKind.usePrivilege.rawValue
        case .newGroups: BSMTokenKind.newGroups.rawValue
        case .execArgs: BSMTokenKind.execArgs.rawValue
        case .execEnv: BSMTokenKind.execEnv.rawValue
        case .attribute(let a): (a.is64Bit ? BSMTokenKind.attr64 : .attr32).rawValue
        case .exit: BSMTokenKind.exit.rawValue
        case .zonename: BSMTokenKind.zonename.rawValue
        case .socketEx: BSMTokenKind.socketEx.rawValue
        case .socketInet32: BSMTokenKind.socketInet32.rawValue
        case .socketInet128: BSMTokenKind.socketInet128.rawValue
        case .socketUnix: BSMTokenKind.socketUnix.rawValue
        case .rights: BSMTokenKind.rights.rawValue
        case .argUUID: BSMTokenKind.argUUID.rawValue
        case .returnUUID: BSMTokenKind.returnUUID.rawValue
        case .identity: BSMTokenKind.identity.rawValue
        case .krb5Principal: BSMTokenKind.krb5Principal.rawValue
        case .certHash: BSMTokenKind.certHash.rawValue
        case .unknown(let id, _): id
        }
    }
}

/// Helpers for the byte strings tokens carry.
public enum BSMBytes {
    /// The text of a token string: its bytes up to the first NUL, decoded as UTF-8 with
    /// invalid sequences replaced.
    public static func string(_ bytes: [UInt8]) -> String {
        let end = bytes.firstIndex(of: 0) ?? bytes.count
        return String(decoding: bytes[..<end], as: UTF8.self)
    }

    /// A `len`-prefixed token string for `text`: its UTF-8 bytes and a terminating NUL.
    public static func cString(_ text: String) -> [UInt8] {
        Array(text.utf8) + [0]
    }
}
