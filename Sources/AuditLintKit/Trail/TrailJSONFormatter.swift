/// Writes each record as one JSON object on one line (JSON Lines), keys in a fixed order.
///
/// Fields of a record (`"kind": "record"`), in this order:
/// - `file`, `offset` (byte offset in the file), `size` (bytes), `kind`
/// - `version` (header version), `event` (number), `event_name` and `event_description`
///   (from the event table, else `null`), `modifier`
/// - `time` (seconds since the epoch), `msec` (milliseconds), `iso8601` (UTC, milliseconds)
/// - `host`: the extended header's address, else `null`
/// - `subject`: the first subject token as `{kind, auid, euid, egid, ruid, rgid, pid, sid,
///   terminal: {port, address}}`, else `null`
/// - `return`: `{status (BSM errno), error (its name, null on success), value}`, else `null`
/// - `paths`, `args` (`[{number, value, text}]`), `exec_args`, `exec_env`, `text`: arrays
/// - `identity`: `{signer_type, signing_id, team_id, cdhash (hex)}`, else `null`
/// - `other`: every other token except header and trailer, `{kind, …fields}`, where `kind` is
///   the ``BSMTokenKind`` case name (or `unknown` with `id` and `hex`)
/// - `complete`: `false` when a token overran the record and the rest was skipped.
///
/// A stand-alone file token is `{file, offset, size, kind: "file", time, msec, iso8601, name}`.
/// Strings are the token's bytes up to the first NUL, as UTF-8 with invalid bytes replaced.
public struct TrailJSONFormatter: Sendable {
    public var eventNames: @Sendable (UInt16) -> BSMEventTable.Entry?

    public init(eventNames: @escaping @Sendable (UInt16) -> BSMEventTable.Entry? = { _ in nil }) {
        self.eventNames = eventNames
    }

    /// Appends one line for `record` (from `file`) to `out`.
    public func append(_ record: TrailRecordView, file: String, to out: inout [UInt8]) {
        var w = JSONWriter(out: out)
        out = []
        let (tokens, failedAt) = record.decodeTokens()
        w.open()
        w.key("file")
        w.string(file)
        w.key("offset")
        w.number(record.offset)
        w.key("size")
        w.number(record.bytes.count)
        if record.isFileToken, case .file(let s, let ms, let name)? = tokens.first {
            w.key("kind")
            w.string("file")
            time(&w, UInt64(s), UInt64(ms))
            w.key("name")
            w.string(BSMBytes.string(name))
            w.close()
            w.out.append(10)
            out = w.out
            return
        }
        w.key("kind")
        w.string("record")
        var header: BSMHeader?
        var subject: BSMSubject?
        var returned: (status: UInt8, value: UInt64)?
        var identity: BSMIdentity?
        var paths: [[UInt8]] = []
        var texts: [[UInt8]] = []
        var args: [(UInt8, UInt64, [UInt8])] = []
        var execArgs: [[UInt8]] = []
        var execEnv: [[UInt8]] = []
        var other: [BSMToken] = []
        for token in tokens {
            switch token {
            case .header(let h) where header == nil: header = h
            case .trailer: break
            case .subject(let s) where s.role == .subject && subject == nil: subject = s
            case .returnValue(let status, let value, _) where returned == nil: returned = (status, value)
            case .identity(let i) where identity == nil: identity = i
            case .path(let p): paths.append(p)
            case .text(let t): texts.append(t)
            case .argument(let n, let v, let t, _): args.append((n, v, t))
            case .execArgs(let a): execArgs += a
            case .execEnv(let e): execEnv += e
            default: other.append(token)
            }
        }
        if let h = header {
            w.key("version")
            w.number(Int64(h.version))
            w.key("event")
            w.number(Int64(h.event))
            let entry = eventNames(h.event)
            w.key("event_name")
            w.optionalString(entry?.name)
            w.key("event_description")
            w.optionalString(entry?.description)
            w.key("modifier")
            w.number(Int64(h.modifier))
            time(&w, h.seconds, h.milliseconds)
            w.key("host")
            if let host = h.host { w.address(host) } else { w.null() }
        }
        w.key("subject")
        if let s = subject { subjectObject(&w, s) } else { w.null() }
        w.key("return")
        if let r = returned {
            w.open()
            w.key("status")
            w.number(Int64(r.status))
            w.key("error")
            w.optionalString(r.status == 0 ? nil : BSMErrno.names[r.status] ?? "unknown")
            w.key("value")
            w.unsigned(r.value)
            w.close()
        } else {
            w.null()
        }
        w.key("paths")
        w.strings(paths)
        w.key("args")
        w.openArray()
        for (n, v, t) in args {
            w.open()
            w.key("number")
            w.number(Int64(n))
            w.key("value")
            w.unsigned(v)
            w.key("text")
            w.string(BSMBytes.string(t))
            w.close()
        }
        w.closeArray()
        w.key("exec_args")
        w.strings(execArgs)
        w.key("exec_env")
        w.strings(execEnv)
        w.key("text")
        w.strings(texts)
        w.key("identity")
        if let i = identity {
            w.open()
            w.key("signer_type")
            w.unsigned(UInt64(i.signerType))
            w.key("signing_id")
            w.string(BSMBytes.string(i.signingID))
            w.key("team_id")
            w.string(BSMBytes.string(i.teamID))
            w.key("cdhash")
            w.hex(i.cdhash)
            w.close()
        } else {
            w.null()
        }
        w.key("other")
        w.openArray()
        for token in other {
            otherObject(&w, token)
        }
        w.closeArray()
        w.key("complete")
        w.bool(failedAt == nil)
        w.close()
        w.out.append(10)
        out = w.out
    }

    func time(_ w: inout JSONWriter, _ seconds: UInt64, _ ms: UInt64) {
        w.key("time")
        w.number(Int64(bitPattern: seconds))
        w.key("msec")
        w.unsigned(ms)
        w.key("iso8601")
        w.string(CivilTime.iso8601(seconds: Int64(bitPattern: seconds), milliseconds: ms))
    }

    func subjectObject(_ w: inout JSONWriter, _ s: BSMSubject) {
        w.open()
        w.key("kind")
        w.string("\(s.kind)")
        for (name, value) in [
            ("auid", s.auditUID), ("euid", s.effectiveUID), ("egid", s.effectiveGID), ("ruid", s.realUID),
            ("rgid", s.realGID), ("pid", s.pid), ("sid", s.sessionID),
        ] {
            w.key(name)
            w.unsigned(UInt64(value))
        }
        w.key("terminal")
        w.open()
        w.key("port")
        w.unsigned(s.terminalPort)
        w.key("address")
        w.address(s.terminalAddress)
        w.close()
        w.close()
    }

    func otherObject(_ w: inout JSONWriter, _ token: BSMToken) {
        if case .subject(let s) = token {
            subjectObject(&w, s)
            return
        }
        w.open()
        w.key("kind")
        guard let kind = BSMTokenKind(rawValue: token.id), !(token.isUnknown) else {
            w.string("unknown")
            if case .unknown(let id, let bytes) = token {
                w.key("id")
                w.number(Int64(id))
                w.key("hex")
                w.hex(bytes)
            }
            w.close()
            return
        }
        w.string("\(kind)")
        func u(_ name: String, _ v: some BinaryInteger) {
            w.key(name)
            w.unsigned(UInt64(v))
        }
        func s(_ name: String, _ b: [UInt8]) {
            w.key(name)
            w.string(BSMBytes.string(b))
        }
        func h(_ name: String, _ b: [UInt8]) {
            w.key(name)
            w.hex(b)
        }
        func port(_ b: [UInt8]) -> UInt64 { b.count == 2 ? UInt64(b[0]) << 8 | UInt64(b[1]) : 0 }
        switch token {
        case .header(let hd):
            u("event", hd.event)
            u("time", hd.seconds)
        case .trailer(let magic, let count):
            u("magic", magic)
            u("count", count)
        case .file(let sec, let ms, let name):
            u("time", sec)
            u("msec", ms)
            s("name", name)
        case .data(let how, let unit, let count, let bytes):
            u("how_to_print", how)
            u("unit_type", unit)
            u("unit_count", count)
            h("hex", bytes)
        case .ipc(let type, let id):
            u("type", type)
            u("id", id)
        case .returnValue(let status, let value, _):
            u("status", status)
            u("value", value)
        case .opaque(let b): h("hex", b)
        case .zonename(let b): s("name", b)
        case .inAddr(let b):
            w.key("address")
            w.address(BSMAddress(type: 4, bytes: b))
        case .inAddrEx(let a):
            w.key("address")
            w.address(a)
        case .ip(let hdr): h("hex", hdr.bytes)
        case .iport(let b): u("port", port(b))
        case .socket(let type, let lp, let la, let rp, let ra):
            u("type", type)
            u("local_port", port(lp))
            w.key("local_address")
            w.address(BSMAddress(type: 4, bytes: la))
            u("remote_port", port(rp))
            w.key("remote_address")
            w.address(BSMAddress(type: 4, bytes: ra))
        case .sequence(let n): u("sequence", n)
        case .ipcPerm(let uid, let gid, let cuid, let cgid, let mode, let seq, let key):
            u("uid", uid)
            u("gid", gid)
            u("creator_uid", cuid)
            u("creator_gid", cgid)
            u("mode", mode)
            u("sequence", seq)
            u("key", key)
        case .privilegeSet(let type, let set):
            s("type", type)
            s("set", set)
        case .usePrivilege(let success, let p):
            w.key("success")
            w.bool(success != 0)
            s("privilege", p)
        case .newGroups(_, let gids):
            w.key("gids")
            w.openArray()
            for g in gids { w.unsigned(UInt64(g)) }
            w.closeArray()
        case .attribute(let a):
            u("mode", a.mode)
            u("uid", a.uid)
            u("gid", a.gid)
            u("fsid", a.fileSystemID)
            u("node", a.nodeID)
            u("device", a.device)
        case .exit(let status, let value):
            u("status", status)
            u("return", value)
        case .socketEx(let domain, let type, let atype, let lp, let la, let rp, let ra):
            u("domain", domain)
            u("type", type)
            u("local_port", port(lp))
            w.key("local_address")
            w.address(BSMAddress(type: UInt32(atype), bytes: la))
            u("remote_port", port(rp))
            w.key("remote_address")
            w.address(BSMAddress(type: UInt32(atype), bytes: ra))
        case .socketInet32(let family, let p, let a), .socketInet128(let family, let p, let a):
            u("family", family)
            u("port", port(p))
            w.key("address")
            w.address(BSMAddress(type: UInt32(a.count), bytes: a))
        case .socketUnix(let family, let path):
            u("family", family)
            s("path", path)
        case .rights(let a, let b):
            u("rights0", a)
            u("rights1", b)
        case .argUUID(let n, let uuid, let text), .returnUUID(let n, let uuid, let text):
            var text16: [UInt8] = []
            text16.append(uuid: uuid)
            u("number", n)
            w.key("uuid")
            w.string(String(decoding: text16, as: UTF8.self))
            s("text", text)
        case .krb5Principal(let strings), .certHash(let strings):
            w.key("strings")
            w.strings(strings)
        case .identity(let i):
            u("signer_type", i.signerType)
            s("signing_id", i.signingID)
            s("team_id", i.teamID)
            h("cdhash", i.cdhash)
        case .subject, .unknown, .path, .text, .argument, .execArgs, .execEnv:
            break  // Written before this function is reached, or in their own fields.
        }
        w.close()
    }
}

extension BSMToken {
    var isUnknown: Bool {
        if case .unknown = self { return true }
        return false
    }
}

/// A minimal JSON writer with commas handled by position.
struct JSONWriter {
    var out: [UInt8]
    var needsComma = false

    mutating func comma() {
        if needsComma { out.append(UInt8(ascii: ",")) }
    }

    mutating func open() {
        comma()
        out.append(UInt8(ascii: "{"))
        needsComma = false
    }
    mutating func close() {
        out.append(UInt8(ascii: "}"))
        needsComma = true
    }
    mutating func openArray() {
        comma()
        out.append(UInt8(ascii: "["))
        needsComma = false
    }
    mutating func closeArray() {
        out.append(UInt8(ascii: "]"))
        needsComma = true
    }

    mutating func key(_ name: String) {
        comma()
        rawString(name)
        out.append(UInt8(ascii: ":"))
        needsComma = false
    }

    mutating func number(_ v: Int64) {
        comma()
        out.append(signed: v)
        needsComma = true
    }
    mutating func number(_ v: Int) { number(Int64(v)) }
    mutating func unsigned(_ v: UInt64) {
        comma()
        out.append(decimal: v)
        needsComma = true
    }
    mutating func bool(_ v: Bool) {
        comma()
        out.append(ascii: v ? "true" : "false")
        needsComma = true
    }
    mutating func null() {
        comma()
        out.append(ascii: "null")
        needsComma = true
    }

    mutating func string(_ s: String) {
        comma()
        rawString(s)
        needsComma = true
    }

    mutating func optionalString(_ s: String?) {
        if let s { string(s) } else { null() }
    }

    mutating func strings(_ list: [[UInt8]]) {
        openArray()
        for item in list { string(BSMBytes.string(item)) }
        closeArray()
    }

    mutating func hex(_ bytes: [UInt8]) {
        comma()
        out.append(UInt8(ascii: "\""))
        for b in bytes { out.append(hex: UInt64(b), width: 2) }
        out.append(UInt8(ascii: "\""))
        needsComma = true
    }

    mutating func address(_ a: BSMAddress) {
        comma()
        out.append(UInt8(ascii: "\""))
        out.append(address: a)
        out.append(UInt8(ascii: "\""))
        needsComma = true
    }

    mutating func rawString(_ s: String) {
        JSONText.appendString(s, to: &out)
    }
}
