/// Writes records as OpenBSM's `praudit -x` does, byte for byte: one element a token, a
/// `<record …>` element for the header closed by the trailer, between ``header`` and
/// ``footer``.
///
/// The options and the injected tables are ``PrauditFormatter``'s (``text``): `raw` (`-r`:
/// numbers), `shortEventNames` (`-s`), `oneLine` (`-l`: a record's elements on one line),
/// the event table, error texts and time zone. praudit's quirks are kept, since programs
/// parse this output as praudit writes it: only exec arguments and environment strings are
/// escaped (`&amp;` … and C-style escapes for control and non-ASCII bytes); paths, texts and
/// descriptions are written as they are, even with `<`, `&` or `"` in them. An IPC element
/// has no space before its first attribute (`<IPCipc-type=`), UUID, privilege and
/// use-of-privilege tokens are bare attributes without an element, a new-groups token closes
/// `</group>` after every id, a 32-bit extended header without `-r` prints its fields
/// delimited like the text form, and tokens praudit does not parse print nothing.
public struct PrauditXMLFormatter: Sendable {
    /// The options, tables and value printers shared with the text form.
    public var text: PrauditFormatter

    /// What praudit writes before the first record.
    public static let header = "<?xml version='1.0' ?>\n<audit>\n"
    /// What praudit writes after the last record of the files it read (praudit leaves it
    /// out after standard input; `decode` writes it in both cases).
    public static let footer = "</audit>\n"

    public init(_ text: PrauditFormatter) { self.text = text }

    /// Appends the XML of one record (or stand-alone file token) to `out`.
    public func append(_ record: TrailRecordView, to array: inout [UInt8]) {
        TextSink.writing(to: &array) { out in
            PrauditFormatter.forEachToken(of: record) { token in
                append(token, to: &out)
                if !text.oneLine { out.append(10) }
            }
            if text.oneLine { out.append(10) }
        }
    }

    /// The XML of one record as a `String` (tests, small outputs).
    public func format(_ record: TrailRecordView) -> String {
        var out: [UInt8] = []
        append(record, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// `name="` value `" ` (praudit's `open_attr` and `close_attr`).
    func attribute(_ name: StaticString, _ out: inout TextSink, _ value: (inout TextSink) -> Void) {
        out.append(ascii: name)
        out.append(ascii: "=\"")
        value(&out)
        out.append(ascii: "\" ")
    }

    func append(_ token: BSMToken, to out: inout TextSink) {
        switch token {
        case .header(let h):
            out.append(ascii: "<record ")
            if h.host != nil, !h.is64Bit, !text.raw {
                // praudit tests the raw flag where it means the XML flag here, and so prints
                // the text form's fields after the element name.
                var fields = text
                fields.oneLine = false
                var line: [UInt8] = []
                TextSink.writing(to: &line) { fields.append(token, to: &$0) }
                // Drop the token name the text form starts with ("header_ex").
                out.append(byteArray: Array(line.dropFirst(9)))
                return
            }
            attribute("version", &out) { $0.append(decimal: UInt64(h.version)) }
            attribute("event", &out) { text.event(h.event, &$0) }
            attribute("modifier", &out) { $0.append(decimal: UInt64(h.modifier)) }
            if let host = h.host { attribute("host", &out) { $0.append(address: host) } }
            attribute("time", &out) { text.time(h.seconds, wide: h.is64Bit, &$0) }
            attribute("msec", &out) { text.msec(h.milliseconds, &$0) }
            out.append(UInt8(ascii: ">"))
        case .trailer:
            out.append(ascii: "</record>")
        case .argument(let number, let value, let description, _):
            out.append(ascii: "<argument ")
            attribute("arg-num", &out) { $0.append(decimal: UInt64(number)) }
            attribute("value", &out) {
                $0.append(ascii: "0x")
                $0.append(hex: value)
            }
            attribute("desc", &out) { $0.append(bsmString: description) }
            out.append(ascii: "/>")
        case .argUUID(let number, let uuid, let description), .returnUUID(let number, let uuid, let description):
            if case .argUUID = token {
                attribute("arg_uuid-num", &out) { $0.append(decimal: UInt64(number)) }
            } else {
                attribute("ret_uuid-num", &out) { $0.append(decimal: UInt64(number)) }
            }
            attribute("uuid", &out) { $0.append(uuid: uuid) }
            attribute("desc", &out) { $0.append(bsmString: description) }
        case .data(let how, let unitType, let count, let bytes):
            out.append(ascii: "<arbitrary ")
            let names: [StaticString] = ["binary", "octal", "decimal", "hex", "string"]
            guard how < 5 else { return }
            attribute("print", &out) { $0.append(ascii: names[Int(how)]) }
            attribute("type", &out) { $0.append(decimal: UInt64(1 << Int(unitType))) }
            attribute("count", &out) { $0.append(decimal: UInt64(count)) }
            out.append(UInt8(ascii: ">"))
            text.dataUnits(how: how, unitType: unitType, count: count, bytes: bytes, &out)
            out.append(ascii: "</arbitrary>")
        case .attribute(let a):
            out.append(ascii: "<attribute ")
            attribute("mode", &out) { $0.append(octal: UInt64(a.mode)) }
            attribute("uid", &out) { text.user(a.uid, &$0) }
            attribute("gid", &out) { text.user(a.gid, &$0) }
            attribute("fsid", &out) { $0.append(decimal: UInt64(a.fileSystemID)) }
            attribute("nodeid", &out) { $0.append(signed: Int64(bitPattern: a.nodeID)) }
            attribute("device", &out) { $0.append(decimal: a.device) }
            out.append(ascii: "/>")
        case .exit(let status, let value):
            out.append(ascii: "<exit ")
            attribute("errval", &out) {
                $0.append(ascii: "Error ")
                $0.append(decimal: UInt64(status))
            }
            attribute("retval", &out) { $0.append(decimal: UInt64(value)) }
            out.append(ascii: "/>")
        case .execArgs(let strings), .execEnv(let strings):
            let isArgs: Bool
            if case .execArgs = token { isArgs = true } else { isArgs = false }
            out.append(ascii: isArgs ? "<exec_args>" : "<exec_env>")
            for s in strings.prefix(BSMTokenDecoder.prauditMaxStrings) {
                out.append(ascii: isArgs ? "<arg>" : "<env>")
                Self.appendEscaped(s, &out)
                out.append(ascii: isArgs ? "</arg>" : "</env>")
            }
            out.append(ascii: isArgs ? "</exec_args>" : "</exec_env>")
        case .file(let seconds, let ms, let name):
            out.append(ascii: "<file ")
            attribute("time", &out) { text.time(UInt64(seconds), wide: false, &$0) }
            attribute("msec", &out) { text.msec(UInt64(ms), &$0) }
            out.append(UInt8(ascii: ">"))
            out.append(bsmString: name)
            out.append(ascii: "</file>")
        case .newGroups(_, let gids):
            out.append(ascii: "<group>")
            for g in gids {
                out.append(ascii: "<gid>")
                text.user(g, &out)
                out.append(ascii: "</gid></group>")
            }
        case .inAddr(let a):
            out.append(ascii: "<ip_address>")
            out.append(ipv4: a[...])
            out.append(ascii: "</ip_address>")
        case .inAddrEx(let a):
            out.append(ascii: "<ip_address>")
            out.append(address: a)
            out.append(ascii: "</ip_address>")
        case .ip(let h):
            let b = h.bytes
            out.append(ascii: "<ip ")
            attribute("version", &out) { $0.append(memory: [b[0]]) }
            attribute("service_type", &out) { $0.append(memory: [b[1]]) }
            attribute("len", &out) { $0.append(decimal: text.port16([b[2], b[3]])) }
            attribute("id", &out) { $0.append(decimal: text.port16([b[4], b[5]])) }
            attribute("offset", &out) { $0.append(decimal: text.port16([b[6], b[7]])) }
            attribute("time_to_live", &out) { $0.append(memory: [b[8]]) }
            attribute("protocol", &out) { $0.append(memory: [b[9]]) }
            attribute("cksum", &out) { $0.append(decimal: text.port16([b[10], b[11]])) }
            attribute("src_addr", &out) { $0.append(ipv4: b[12..<16]) }
            attribute("dest_addr", &out) { $0.append(ipv4: b[16..<20]) }
            out.append(ascii: "/>")
        case .ipc(let type, let id):
            out.append(ascii: "<IPC")
            attribute("ipc-type", &out) { out in
                switch (text.raw, type) {
                case (false, 1): out.append(ascii: "Message IPC")
                case (false, 2): out.append(ascii: "Semaphore IPC")
                case (false, 3): out.append(ascii: "Shared Memory IPC")
                default: out.append(decimal: UInt64(type))
                }
            }
            attribute("ipc-id", &out) { $0.append(decimal: UInt64(id)) }
            out.append(ascii: "/>")
        case .ipcPerm(let uid, let gid, let cuid, let cgid, let mode, let seq, let key):
            out.append(ascii: "<IPC_perm ")
            attribute("uid", &out) { text.user(uid, &$0) }
            attribute("gid", &out) { text.user(gid, &$0) }
            attribute("creator-uid", &out) { text.user(cuid, &$0) }
            attribute("creator-gid", &out) { text.user(cgid, &$0) }
            attribute("mode", &out) { $0.append(octal: UInt64(mode)) }
            attribute("seq", &out) { $0.append(decimal: UInt64(seq)) }
            attribute("key", &out) { $0.append(decimal: UInt64(key)) }
            out.append(ascii: "/>")
        case .iport(let p):
            out.append(ascii: "<ip_port>")
            out.append(alternateHex: text.port16(p))
            out.append(ascii: "</ip_port>")
        case .opaque(let bytes):
            out.append(ascii: "<opaque>")
            out.append(memory: bytes)
            out.append(ascii: "</opaque>")
        case .path(let s):
            out.append(ascii: "<path>")
            out.append(bsmString: s)
            out.append(ascii: "</path>")
        case .text(let s):
            out.append(ascii: "<text>")
            out.append(bsmString: s)
            out.append(ascii: "</text>")
        case .zonename(let s):
            out.append(ascii: "<zone ")
            attribute("name", &out) { $0.append(bsmString: s) }
            out.append(ascii: "/>")
        case .subject(let s):
            out.append(ascii: s.role == .subject ? "<subject " : "<process ")
            attribute("audit-uid", &out) { text.user(s.auditUID, &$0) }
            attribute("uid", &out) { text.user(s.effectiveUID, &$0) }
            attribute("gid", &out) { text.user(s.effectiveGID, &$0) }
            attribute("ruid", &out) { text.user(s.realUID, &$0) }
            attribute("rgid", &out) { text.user(s.realGID, &$0) }
            attribute("pid", &out) { $0.append(decimal: UInt64(s.pid)) }
            attribute("sid", &out) { $0.append(decimal: UInt64(s.sessionID)) }
            attribute("tid", &out) { out in
                out.append(decimal: s.terminalPort)
                // Only the plain 32-bit subject separates the port from the address.
                if s.kind == .subject32 { out.append(UInt8(ascii: " ")) }
                out.append(address: s.terminalAddress)
            }
            out.append(ascii: "/>")
        case .returnValue(let status, let value, let wide):
            out.append(ascii: "<return ")
            attribute("errval", &out) { text.returnStatus(status, &$0) }
            attribute("retval", &out) { out in
                if wide { out.append(signed: Int64(bitPattern: value)) } else { out.append(decimal: value) }
            }
            out.append(ascii: "/>")
        case .sequence(let n):
            out.append(ascii: "<sequence ")
            attribute("seq-num", &out) { $0.append(decimal: UInt64(n)) }
            out.append(ascii: "/>")
        case .socketInet32(let family, let port, let address), .socketInet128(let family, let port, let address):
            if case .socketInet32 = token {
                out.append(ascii: "<socket-inet ")
            } else {
                out.append(ascii: "<socket-inet6 ")
            }
            attribute("type", &out) { $0.append(decimal: UInt64(family)) }
            attribute("port", &out) { $0.append(decimal: text.port16(port)) }
            attribute("addr", &out) { out in
                if address.count == 4 { out.append(ipv4: address[...]) } else { out.append(ipv6: address) }
            }
            out.append(ascii: "/>")
        case .socketUnix(let family, let path):
            out.append(ascii: "<socket-unix ")
            attribute("type", &out) { $0.append(decimal: UInt64(family)) }
            attribute("port", &out) { _ in }
            attribute("addr", &out) { out in
                for byte in path.prefix(BSMTokenDecoder.maxUnixPath - 1).prefix(while: { $0 != 0 }) { out.append(byte) }
            }
            out.append(ascii: "/>")
        case .socket(let type, let lport, let laddr, let rport, let raddr):
            out.append(ascii: "<socket ")
            attribute("sock_type", &out) { $0.append(decimal: UInt64(type)) }
            attribute("lport", &out) { $0.append(decimal: text.port16(lport)) }
            attribute("laddr", &out) { $0.append(ipv4: laddr[...]) }
            attribute("fport", &out) { $0.append(decimal: text.port16(rport)) }
            attribute("faddr", &out) { $0.append(ipv4: raddr[...]) }
            out.append(ascii: "/>")
        case .socketEx(let domain, let type, let atype, let lport, let laddr, let rport, let raddr):
            out.append(ascii: "<socket ")
            attribute("sock_dom", &out) { $0.append(alternateHex: UInt64(domain)) }
            attribute("sock_type", &out) { $0.append(alternateHex: UInt64(type)) }
            attribute("lport", &out) { $0.append(alternateHex: text.port16(lport)) }
            attribute("laddr", &out) { $0.append(address: BSMAddress(type: UInt32(atype), bytes: laddr)) }
            attribute("faddr", &out) { $0.append(address: BSMAddress(type: UInt32(atype), bytes: raddr)) }
            attribute("fport", &out) { $0.append(alternateHex: text.port16(rport)) }
            out.append(ascii: "/>")
        case .usePrivilege(let success, let privilege):
            attribute("status", &out) {
                $0.append(ascii: success != 0 ? "successful use of priv" : "failed use of priv")
            }
            attribute("name", &out) { $0.append(bsmString: privilege) }
        case .privilegeSet(let type, let set):
            attribute("type", &out) { $0.append(bsmString: type) }
            attribute("priv", &out) { $0.append(bsmString: set) }
        case .unknown, .rights, .identity, .krb5Principal, .certHash:
            break  // praudit -x prints nothing for a token it does not parse.
        }
    }

    /// praudit's XML string: `&`, `<`, `>`, `"`, `'` as entities, and every other byte as
    /// `vis(3)` with `VIS_CSTYLE` writes it (OpenBSM's own copy, which praudit uses where the
    /// system has none): printable ASCII, space, tab and newline as they are, `\` doubled,
    /// `\r \b \a \v \f` as C escapes, 0xA0 as `\240`, other bytes as `\^C`, `\M-c` or `\M^C`.
    static func appendEscaped(_ bytes: [UInt8], _ out: inout TextSink) {
        for byte in bytes {
            switch byte {
            case 0: return
            case UInt8(ascii: "&"): out.append(ascii: "&amp;")
            case UInt8(ascii: "<"): out.append(ascii: "&lt;")
            case UInt8(ascii: ">"): out.append(ascii: "&gt;")
            case UInt8(ascii: "\""): out.append(ascii: "&quot;")
            case UInt8(ascii: "'"): out.append(ascii: "&apos;")
            case UInt8(ascii: "\\"): out.append(ascii: "\\\\")
            case 0x21...0x7e, UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"): out.append(byte)
            case 0x0d: out.append(ascii: "\\r")
            case 0x08: out.append(ascii: "\\b")
            case 0x07: out.append(ascii: "\\a")
            case 0x0b: out.append(ascii: "\\v")
            case 0x0c: out.append(ascii: "\\f")
            case 0xa0: out.append(ascii: "\\240")
            default:
                out.append(UInt8(ascii: "\\"))
                var c = byte
                if c & 0x80 != 0 {
                    c &= 0x7f
                    out.append(UInt8(ascii: "M"))
                }
                if c < 0x20 || c == 0x7f {
                    out.append(UInt8(ascii: "^"))
                    out.append(c == 0x7f ? UInt8(ascii: "?") : c + 0x40)
                } else {
                    out.append(UInt8(ascii: "-"))
                    out.append(c)
                }
            }
        }
    }
}
