/// Writes records as OpenBSM's `praudit` does: `-r` (raw), `-n` (the default here) and
/// `-l` (one line a record), with `-d` delimiter.
///
/// Output is byte-identical to praudit given the same event table and error texts, which
/// are injected: ``eventNames`` (praudit reads `/etc/security/audit_event`) and
/// ``errorText`` (praudit uses the host's `strerror` of the BSM error mapped to the local
/// one). Times are printed with ``utcOffset`` (UTC by default, as praudit with `TZ=UTC`;
/// praudit itself uses the local time zone). Tokens praudit does not parse
/// (0x83, 0xed, 0xee, 0xef) print as `unknown` like praudit; a token that overruns its
/// record ends the record's output, as in praudit.
public struct PrauditFormatter: Sendable {
    /// `-r`: numbers instead of names and times.
    public var raw: Bool
    /// `-l`: one line a record, every token followed by the delimiter.
    public var oneLine: Bool
    /// `-s`: event names instead of descriptions.
    public var shortEventNames: Bool
    /// `-d`: the field delimiter.
    public var delimiter: [UInt8]
    /// The event table (`nil` entries print the number).
    public var eventNames: @Sendable (UInt16) -> BSMEventTable.Entry?
    /// The text after `failure : ` for a BSM error number, `nil` for `Unknown error`.
    public var errorText: @Sendable (UInt8) -> String?
    /// Seconds east of UTC at a given time since the epoch, for printing times.
    public var utcOffset: @Sendable (Int64) -> Int

    public init(
        raw: Bool = false, oneLine: Bool = false, shortEventNames: Bool = false, delimiter: String = ",",
        eventNames: @escaping @Sendable (UInt16) -> BSMEventTable.Entry? = { _ in nil },
        errorText: @escaping @Sendable (UInt8) -> String? = BSMErrno.localText,
        utcOffset: @escaping @Sendable (Int64) -> Int = { _ in 0 }
    ) {
        self.utcOffset = utcOffset
        self.raw = raw
        self.oneLine = oneLine
        self.shortEventNames = shortEventNames
        self.delimiter = Array(delimiter.utf8)
        self.eventNames = eventNames
        self.errorText = errorText
    }

    /// Appends the text of one record (or stand-alone file token) to `out`.
    public func append(_ record: TrailRecordView, to array: inout [UInt8]) {
        TextSink.writing(to: &array) { out in
            Self.forEachToken(of: record) { token in
                append(token, to: &out)
                if oneLine { d(&out) } else { out.append(10) }
            }
            if oneLine { out.append(10) }
        }
    }

    /// Calls `body` with each token of `record` as praudit walks it: OpenBSM's tokens only,
    /// up to the first that does not decode. The text and XML formats both walk this way.
    @inline(__always)
    static func forEachToken(of record: TrailRecordView, _ body: (BSMToken) -> Void) {
        var i = 0
        let bytes = record.bytes
        while i < bytes.count {
            guard let (token, n) = BSMTokenDecoder.decode(in: bytes, at: i, end: bytes.count, openBSMOnly: true)
            else { return }
            body(token)
            i += n
        }
    }

    /// The text of one record as a `String` (tests, small outputs).
    public func format(_ record: TrailRecordView) -> String {
        var out: [UInt8] = []
        append(record, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    @inline(__always)
    func d(_ out: inout TextSink) {
        if delimiter.count == 1 { out.append(delimiter[0]) } else { out.append(byteArray: delimiter) }
    }

    func label(_ id: UInt8, _ name: StaticString, _ out: inout TextSink) {
        if raw { out.append(decimal: UInt64(id)) } else { out.append(ascii: name) }
    }

    func user(_ v: UInt32, _ out: inout TextSink) { out.append(signed: Int64(Int32(bitPattern: v))) }

    func event(_ e: UInt16, _ out: inout TextSink) {
        if !raw, let entry = eventNames(e) {
            out.append(text: shortEventNames ? entry.name : entry.description)
        } else {
            out.append(decimal: UInt64(e))
        }
    }

    func time(_ seconds: UInt64, wide: Bool, _ out: inout TextSink) {
        if raw {
            out.append(decimal: UInt64(UInt32(truncatingIfNeeded: seconds)))
        } else {
            let t = wide ? Int64(bitPattern: seconds) : Int64(seconds)
            out.append(ctime: t &+ Int64(utcOffset(t)))
        }
    }

    func msec(_ ms: UInt64, _ out: inout TextSink) {
        let v = UInt64(UInt32(truncatingIfNeeded: ms))
        if raw {
            out.append(decimal: v)
        } else {
            out.append(ascii: " + ")
            out.append(decimal: v)
            out.append(ascii: " msec")
        }
    }

    func port16(_ b: [UInt8]) -> UInt64 { UInt64(b[0]) << 8 | UInt64(b[1]) }

    /// A return token's status: the number (raw), `success`, or `failure : ` and the error text.
    func returnStatus(_ status: UInt8, _ out: inout TextSink) {
        if raw {
            out.append(decimal: UInt64(status))
        } else if status == 0 {
            out.append(ascii: "success")
        } else if let text = errorText(status) {
            out.append(ascii: "failure : ")
            out.append(text: text)
        } else {
            out.append(ascii: "failure: Unknown error: ")
            out.append(decimal: UInt64(status))
        }
    }

    /// The units of a data token, each as its print format says (`how` below 5, `unitType`
    /// below 4).
    func dataUnits(how: UInt8, unitType: UInt8, count: UInt8, bytes: [UInt8], _ out: inout TextSink) {
        let size = 1 << Int(unitType)
        for u in 0..<Int(count) {
            // Units are in the writer's byte order; praudit reads them in the host's
            // (little-endian on every current host) and passes them through varargs.
            var value: UInt64 = 0
            for k in (0..<size).reversed() { value = value << 8 | UInt64(bytes[u * size + k]) }
            let low = UInt32(truncatingIfNeeded: value)
            switch how {
            case 0:
                out.append(UInt8(ascii: " "))
                out.append(UInt8(truncatingIfNeeded: low))
            case 1:
                out.append(UInt8(ascii: " "))
                out.append(octal: UInt64(low))
            case 2:
                out.append(UInt8(ascii: " "))
                out.append(signed: Int64(Int32(bitPattern: low)))
            case 3:
                out.append(UInt8(ascii: " "))
                out.append(hex: UInt64(low))
            default: out.append(UInt8(truncatingIfNeeded: low))
            }
        }
    }

    func append(_ token: BSMToken, to out: inout TextSink) {
        let id = token.id
        switch token {
        case .header(let h):
            label(id, h.host == nil ? "header" : "header_ex", &out)
            if raw, id == BSMTokenKind.header32Ex.rawValue, let host = h.host {
                // praudit tests the raw flag where it means the XML flag here.
                out.append(ascii: "version=\"")
                out.append(decimal: UInt64(h.version))
                out.append(ascii: "\" event=\"")
                event(h.event, &out)
                out.append(ascii: "\" modifier=\"")
                out.append(decimal: UInt64(h.modifier))
                out.append(ascii: "\" host=\"")
                out.append(address: host)
                out.append(ascii: "\" time=\"")
                time(h.seconds, wide: false, &out)
                out.append(ascii: "\" msec=\"")
                msec(h.milliseconds, &out)
                out.append(ascii: "\" >")
                return
            }
            d(&out)
            out.append(decimal: UInt64(h.recordSize))
            d(&out)
            out.append(decimal: UInt64(h.version))
            d(&out)
            event(h.event, &out)
            d(&out)
            out.append(decimal: UInt64(h.modifier))
            if let host = h.host {
                d(&out)
                out.append(address: host)
            }
            d(&out)
            time(h.seconds, wide: h.is64Bit, &out)
            d(&out)
            msec(h.milliseconds, &out)
        case .trailer(_, let count):
            label(id, "trailer", &out)
            d(&out)
            out.append(decimal: UInt64(count))
        case .argument(let number, let value, let text, _):
            label(id, "argument", &out)
            d(&out)
            out.append(decimal: UInt64(number))
            d(&out)
            out.append(ascii: "0x")
            out.append(hex: value)
            d(&out)
            out.append(bsmString: text)
        case .argUUID(let number, let uuid, let text), .returnUUID(let number, let uuid, let text):
            if case .argUUID = token { label(id, "arg_uuid", &out) } else { label(id, "ret_uuid", &out) }
            d(&out)
            out.append(decimal: UInt64(number))
            d(&out)
            out.append(uuid: uuid)
            d(&out)
            out.append(bsmString: text)
        case .data(let how, let unitType, let count, let bytes):
            label(id, "arbitrary", &out)
            d(&out)
            let names: [StaticString] = ["binary", "octal", "decimal", "hex", "string"]
            guard how < 5 else { return }
            out.append(ascii: names[Int(how)])
            d(&out)
            let units: [StaticString] = ["byte", "short", "int", "int64"]
            out.append(ascii: units[Int(unitType)])
            d(&out)
            out.append(decimal: UInt64(count))
            d(&out)
            dataUnits(how: how, unitType: unitType, count: count, bytes: bytes, &out)
        case .attribute(let a):
            label(id, "attribute", &out)
            d(&out)
            out.append(octal: UInt64(a.mode))
            d(&out)
            user(a.uid, &out)
            d(&out)
            user(a.gid, &out)
            d(&out)
            out.append(decimal: UInt64(a.fileSystemID))
            d(&out)
            out.append(signed: Int64(bitPattern: a.nodeID))
            d(&out)
            out.append(decimal: a.device)
        case .exit(let status, let value):
            label(id, "exit", &out)
            d(&out)
            out.append(ascii: "Error ")
            out.append(decimal: UInt64(status))
            d(&out)
            out.append(decimal: UInt64(value))
        case .execArgs(let strings), .execEnv(let strings):
            if case .execArgs = token { label(id, "exec arg", &out) } else { label(id, "exec env", &out) }
            for s in strings.prefix(BSMTokenDecoder.prauditMaxStrings) {
                d(&out)
                out.append(bsmString: s)
            }
        case .file(let seconds, let ms, let name):
            label(id, "file", &out)
            d(&out)
            time(UInt64(seconds), wide: false, &out)
            d(&out)
            msec(UInt64(ms), &out)
            d(&out)
            out.append(bsmString: name)
        case .newGroups(_, let gids):
            label(id, "group", &out)
            for g in gids {
                d(&out)
                user(g, &out)
            }
        case .inAddr(let a):
            label(id, "ip addr", &out)
            d(&out)
            out.append(ipv4: a[...])
        case .inAddrEx(let a):
            label(id, "ip addr ex", &out)
            d(&out)
            out.append(address: a)
        case .ip(let h):
            let b = h.bytes
            label(id, "ip", &out)
            d(&out)
            out.append(memory: [b[0]])
            d(&out)
            out.append(memory: [b[1]])
            d(&out)
            out.append(decimal: port16([b[2], b[3]]))
            d(&out)
            out.append(decimal: port16([b[4], b[5]]))
            d(&out)
            out.append(decimal: port16([b[6], b[7]]))
            d(&out)
            out.append(memory: [b[8]])
            d(&out)
            out.append(memory: [b[9]])
            d(&out)
            out.append(decimal: port16([b[10], b[11]]))
            d(&out)
            out.append(ipv4: b[12..<16])
            d(&out)
            out.append(ipv4: b[16..<20])
        case .ipc(let type, let ipcID):
            label(id, "IPC", &out)
            d(&out)
            switch (raw, type) {
            case (false, 1): out.append(ascii: "Message IPC")
            case (false, 2): out.append(ascii: "Semaphore IPC")
            case (false, 3): out.append(ascii: "Shared Memory IPC")
            default: out.append(decimal: UInt64(type))
            }
            d(&out)
            out.append(decimal: UInt64(ipcID))
        case .ipcPerm(let uid, let gid, let cuid, let cgid, let mode, let seq, let key):
            label(id, "IPC perm", &out)
            d(&out)
            user(uid, &out)
            d(&out)
            user(gid, &out)
            d(&out)
            user(cuid, &out)
            d(&out)
            user(cgid, &out)
            d(&out)
            out.append(octal: UInt64(mode))
            d(&out)
            out.append(decimal: UInt64(seq))
            d(&out)
            out.append(decimal: UInt64(key))
        case .iport(let p):
            label(id, "ip port", &out)
            d(&out)
            out.append(alternateHex: port16(p))
        case .opaque(let bytes):
            label(id, "opaque", &out)
            d(&out)
            out.append(decimal: UInt64(bytes.count))
            d(&out)
            out.append(memory: bytes)
        case .path(let s), .text(let s), .zonename(let s):
            switch token {
            case .path: label(id, "path", &out)
            case .text: label(id, "text", &out)
            default: label(id, "zone", &out)
            }
            d(&out)
            out.append(bsmString: s)
        case .subject(let s):
            switch s.kind {
            case .subject32, .subject64: label(id, "subject", &out)
            case .subject32Ex, .subject64Ex: label(id, "subject_ex", &out)
            case .process32, .process64: label(id, "process", &out)
            default: label(id, "process_ex", &out)
            }
            d(&out)
            user(s.auditUID, &out)
            d(&out)
            user(s.effectiveUID, &out)
            d(&out)
            user(s.effectiveGID, &out)
            d(&out)
            user(s.realUID, &out)
            d(&out)
            user(s.realGID, &out)
            d(&out)
            out.append(decimal: UInt64(s.pid))
            d(&out)
            out.append(decimal: UInt64(s.sessionID))
            d(&out)
            out.append(decimal: s.terminalPort)
            d(&out)
            out.append(address: s.terminalAddress)
        case .returnValue(let status, let value, let wide):
            label(id, "return", &out)
            d(&out)
            returnStatus(status, &out)
            d(&out)
            if wide { out.append(signed: Int64(bitPattern: value)) } else { out.append(decimal: value) }
        case .sequence(let n):
            label(id, "sequence", &out)
            d(&out)
            out.append(decimal: UInt64(n))
        case .socketInet32(let family, let port, let address), .socketInet128(let family, let port, let address):
            if case .socketInet32 = token { label(id, "socket-inet", &out) } else { label(id, "socket-inet6", &out) }
            d(&out)
            out.append(decimal: UInt64(family))
            d(&out)
            out.append(decimal: port16(port))
            d(&out)
            if address.count == 4 { out.append(ipv4: address[...]) } else { out.append(ipv6: address) }
        case .socketUnix(let family, let path):
            label(id, "socket-unix", &out)
            d(&out)
            out.append(decimal: UInt64(family))
            d(&out)
            let text = path.prefix(BSMTokenDecoder.maxUnixPath - 1)
            for byte in text.prefix(while: { $0 != 0 }) { out.append(byte) }
        case .socket(let type, let lport, let laddr, let rport, let raddr):
            label(id, "socket", &out)
            d(&out)
            out.append(decimal: UInt64(type))
            d(&out)
            out.append(decimal: port16(lport))
            d(&out)
            out.append(ipv4: laddr[...])
            d(&out)
            out.append(decimal: port16(rport))
            d(&out)
            out.append(ipv4: raddr[...])
        case .socketEx(let domain, let type, let atype, let lport, let laddr, let rport, let raddr):
            label(id, "socket", &out)
            d(&out)
            out.append(alternateHex: UInt64(domain))
            d(&out)
            out.append(alternateHex: UInt64(type))
            d(&out)
            out.append(alternateHex: port16(lport))
            d(&out)
            out.append(address: BSMAddress(type: UInt32(atype), bytes: laddr))
            d(&out)
            out.append(alternateHex: port16(rport))
            d(&out)
            out.append(address: BSMAddress(type: UInt32(atype), bytes: raddr))
        case .usePrivilege(let success, let privilege):
            label(id, "use of privilege", &out)
            d(&out)
            if success != 0 {
                out.append(ascii: "successful use of priv")
            } else {
                out.append(ascii: "failed use of priv")
            }
            d(&out)
            out.append(bsmString: privilege)
        case .privilegeSet(let type, let set):
            label(id, "privilege", &out)
            d(&out)
            out.append(bsmString: type)
            d(&out)
            out.append(bsmString: set)
        case .unknown(_, let bytes):
            label(id, "unknown", &out)
            d(&out)
            out.append(memory: bytes)
        case .rights, .identity, .krb5Principal, .certHash:
            // Not produced in praudit mode (decoded as unknown).
            label(id, "unknown", &out)
        }
    }
}
