import Foundation

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
    ///
    /// The line is written straight from the record's bytes (one walk of its token lengths,
    /// then each field from its token), without building tokens or strings; it is byte for
    /// byte ``value(of:file:)``'s compact rendering and a newline (a test holds the two
    /// together on every token kind).
    public func append(_ record: TrailRecordView, file: String, to out: inout [UInt8]) {
        let b = record.bytes
        // At most one token every two bytes (the shortest token is 2 bytes long).
        withUnsafeTemporaryAllocation(of: Int32.self, capacity: b.count / 2 + 1) { offsets in
            var count = 0
            var i = 0
            while i < b.count {
                guard let n = BSMTokenDecoder.tokenLength(in: b, at: i, end: b.count, openBSMOnly: false) else { break }
                offsets[count] = Int32(truncatingIfNeeded: i)
                count += 1
                i += n
            }
            let complete = i >= b.count
            TextSink.writing(to: &out) { sink in
                write(
                    record, file: file, tokens: UnsafeBufferPointer(rebasing: offsets[..<count]), complete: complete,
                    to: &sink)
            }
        }
    }

    /// Writes the line of `record` whose tokens start at `tokens` (offsets in the record).
    private func write(
        _ record: TrailRecordView, file: String, tokens: UnsafeBufferPointer<Int32>, complete: Bool,
        to out: inout TextSink
    ) {
        let b = record.bytes
        out.append(ascii: #"{"file":"#)
        var file = file
        file.withUTF8 { JSONText.appendString(utf8: UnsafeRawBufferPointer($0), to: &out) }
        out.append(ascii: #","offset":"#)
        out.append(signed: record.offset)
        out.append(ascii: #","size":"#)
        out.append(decimal: UInt64(b.count))
        if record.isFileToken, let first = tokens.first, first == 0 {
            // sec u32, msec u32, len u16, name.
            out.append(ascii: #","kind":"file""#)
            time(UInt64(BSMTokenDecoder.be32(b, 1)), UInt64(BSMTokenDecoder.be32(b, 5)), &out)
            out.append(ascii: #","name":"#)
            string(b, 11, BSMTokenDecoder.be16(b, 9), &out)
            out.append(ascii: "}\n")
            return
        }
        out.append(ascii: #","kind":"record""#)
        // The first of each single-valued field; every other token but the trailer is "other".
        var header = -1
        var subject = -1
        var returned = -1
        var identity = -1
        for at in tokens {
            let i = Int(at)
            switch b[i] {
            case 0x14, 0x15, 0x74, 0x79: if header < 0 { header = i }
            case 0x24, 0x75, 0x7a, 0x7c: if subject < 0 { subject = i }
            case 0x27, 0x72: if returned < 0 { returned = i }
            case 0xed: if identity < 0 { identity = i }
            default: break
            }
        }
        if header >= 0 { headerFields(b, header, &out) }
        out.append(ascii: #","subject":"#)
        if subject >= 0 { subjectObject(b, subject, &out) } else { out.append(ascii: "null") }
        out.append(ascii: #","return":"#)
        if returned >= 0 {
            let status = b[returned + 1]
            out.append(ascii: #"{"status":"#)
            out.append(decimal: UInt64(status))
            out.append(ascii: #","error":"#)
            if status == 0 {
                out.append(ascii: "null")
            } else {
                var name = BSMErrno.names[status] ?? "unknown"
                name.withUTF8 { JSONText.appendString(utf8: UnsafeRawBufferPointer($0), to: &out) }
            }
            out.append(ascii: #","value":"#)
            out.append(
                decimal: b[returned] == 0x72
                    ? BSMTokenDecoder.be64(b, returned + 2) : UInt64(BSMTokenDecoder.be32(b, returned + 2)))
            out.append(UInt8(ascii: "}"))
        } else {
            out.append(ascii: "null")
        }
        out.append(ascii: #","paths":"#)
        lengthPrefixedStrings(b, tokens, 0x23, &out)
        out.append(ascii: #","args":["#)
        var first = true
        for at in tokens where b[Int(at)] == 0x2d || b[Int(at)] == 0x71 {
            let i = Int(at)
            let wide = b[i] == 0x71
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            out.append(ascii: #"{"number":"#)
            out.append(decimal: UInt64(b[i + 1]))
            out.append(ascii: #","value":"#)
            out.append(decimal: wide ? BSMTokenDecoder.be64(b, i + 2) : UInt64(BSMTokenDecoder.be32(b, i + 2)))
            out.append(ascii: #","text":"#)
            let text = i + (wide ? 12 : 8)
            string(b, text, BSMTokenDecoder.be16(b, text - 2), &out)
            out.append(UInt8(ascii: "}"))
        }
        out.append(ascii: #"],"exec_args":"#)
        strings(b, tokens, 0x3c, &out)
        out.append(ascii: #","exec_env":"#)
        strings(b, tokens, 0x3d, &out)
        out.append(ascii: #","text":"#)
        lengthPrefixedStrings(b, tokens, 0x28, &out)
        out.append(ascii: #","identity":"#)
        if identity >= 0 {
            identityObject(b, identity, &out)
        } else {
            out.append(ascii: "null")
        }
        out.append(ascii: #","other":["#)
        first = true
        for at in tokens {
            let i = Int(at)
            switch b[i] {
            case 0x13, 0x23, 0x2d, 0x71, 0x3c, 0x3d, 0x28: continue
            case 0x14, 0x15, 0x74, 0x79: if i == header { continue }
            case 0x24, 0x75, 0x7a, 0x7c: if i == subject { continue }
            case 0x27, 0x72: if i == returned { continue }
            case 0xed: if i == identity { continue }
            default: break
            }
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            otherObject(b, i, &out)
        }
        out.append(ascii: #"],"complete":"#)
        out.append(ascii: complete ? "true}\n" : "false}\n")
    }

    /// `,"version":…,"host":…`: the fields of the header at `i`.
    private func headerFields(_ b: UnsafeRawBufferPointer, _ i: Int, _ out: inout TextSink) {
        let id = b[i]
        let event = UInt16(BSMTokenDecoder.be16(b, i + 6))
        out.append(ascii: #","version":"#)
        out.append(decimal: UInt64(b[i + 5]))
        out.append(ascii: #","event":"#)
        out.append(decimal: UInt64(event))
        let entry = eventNames(event)
        out.append(ascii: #","event_name":"#)
        optionalString(entry?.name, &out)
        out.append(ascii: #","event_description":"#)
        optionalString(entry?.description, &out)
        out.append(ascii: #","modifier":"#)
        out.append(decimal: UInt64(BSMTokenDecoder.be16(b, i + 8)))
        var at = i + 10
        var host: BSMAddress?
        if id == 0x15 || id == 0x79 {
            let type = BSMTokenDecoder.be32(b, at)
            let length = BSMTokenDecoder.addressLength(type) ?? 0
            host = BSMAddress(
                type: type, bytes: Array(UnsafeRawBufferPointer(rebasing: b[(at + 4)..<(at + 4 + length)])))
            at += 4 + length
        }
        if id == 0x74 || id == 0x79 {
            time(BSMTokenDecoder.be64(b, at), BSMTokenDecoder.be64(b, at + 8), &out)
        } else {
            time(UInt64(BSMTokenDecoder.be32(b, at)), UInt64(BSMTokenDecoder.be32(b, at + 4)), &out)
        }
        out.append(ascii: #","host":"#)
        if let host { address(host, &out) } else { out.append(ascii: "null") }
    }

    /// `,"time":…,"msec":…,"iso8601":"…"`.
    private func time(_ seconds: UInt64, _ ms: UInt64, _ out: inout TextSink) {
        out.append(ascii: #","time":"#)
        out.append(signed: Int64(bitPattern: seconds))
        out.append(ascii: #","msec":"#)
        out.append(decimal: ms)
        out.append(ascii: #","iso8601":""#)
        CivilTime.appendISO8601(seconds: Int64(bitPattern: seconds), milliseconds: ms, to: &out)
        out.append(UInt8(ascii: "\""))
    }

    /// The subject or process token at `i` as an object.
    private func subjectObject(_ b: UnsafeRawBufferPointer, _ i: Int, _ out: inout TextSink) {
        let id = b[i]
        out.append(ascii: #"{"kind":""#)
        out.append(text: Self.kindNames[Int(id)])
        for (key, at) in Self.subjectFields {
            out.append(ascii: key)
            out.append(decimal: UInt64(BSMTokenDecoder.be32(b, i + at)))
        }
        let wide = id == 0x75 || id == 0x77 || id == 0x7c || id == 0x7d
        out.append(ascii: #","terminal":{"port":"#)
        out.append(decimal: wide ? BSMTokenDecoder.be64(b, i + 29) : UInt64(BSMTokenDecoder.be32(b, i + 29)))
        out.append(ascii: #","address":""#)
        let at = i + (wide ? 37 : 33)
        if id >= 0x7a {
            let type = BSMTokenDecoder.be32(b, at)
            if type == 4 {
                ipv4(b, at + 4, &out)
            } else {
                let length = BSMTokenDecoder.addressLength(type) ?? 0
                out.append(
                    address: BSMAddress(
                        type: type, bytes: Array(UnsafeRawBufferPointer(rebasing: b[(at + 4)..<(at + 4 + length)]))))
            }
        } else {
            ipv4(b, at, &out)
        }
        out.append(ascii: "\"}}")
    }

    /// The 32-bit fields of a subject or process token: key (with what comes before it)
    /// and offset in the token.
    static let subjectFields: [(StaticString, Int)] = [
        (#"","auid":"#, 1), (#","euid":"#, 5), (#","egid":"#, 9), (#","ruid":"#, 13), (#","rgid":"#, 17),
        (#","pid":"#, 21), (#","sid":"#, 25),
    ]

    /// The leading 32-bit fields of an attribute token, likewise.
    static let attributeFields: [(StaticString, Int)] = [
        (#"","mode":"#, 1), (#","uid":"#, 5), (#","gid":"#, 9), (#","fsid":"#, 13),
    ]

    /// The identity token at `i` as an object.
    private func identityObject(_ b: UnsafeRawBufferPointer, _ i: Int, _ out: inout TextSink) {
        // signer u32, len u16, signing id (its last byte dropped), u8, len u16, team id
        // (likewise), u8, len u16, cdhash.
        out.append(ascii: #"{"signer_type":"#)
        out.append(decimal: UInt64(BSMTokenDecoder.be32(b, i + 1)))
        var at = i + 5
        let signing = BSMTokenDecoder.be16(b, at)
        out.append(ascii: #","signing_id":"#)
        string(b, at + 2, max(0, signing - 1), &out)
        at += 2 + signing + 1
        let team = BSMTokenDecoder.be16(b, at)
        out.append(ascii: #","team_id":"#)
        string(b, at + 2, max(0, team - 1), &out)
        at += 2 + team + 1
        out.append(ascii: #","cdhash":""#)
        hex(b, at + 2, BSMTokenDecoder.be16(b, at), &out)
        out.append(ascii: "\"}")
    }

    /// A token of the `other` list: attributes straight from the bytes, the rest decoded.
    private func otherObject(_ b: UnsafeRawBufferPointer, _ i: Int, _ out: inout TextSink) {
        let id = b[i]
        switch id {
        case 0x24, 0x26, 0x75, 0x77, 0x7a, 0x7b, 0x7c, 0x7d:
            subjectObject(b, i, &out)
        case 0x3e, 0x73:
            out.append(ascii: #"{"kind":""#)
            out.append(text: Self.kindNames[Int(id)])
            for (key, at) in Self.attributeFields {
                out.append(ascii: key)
                out.append(decimal: UInt64(BSMTokenDecoder.be32(b, i + at)))
            }
            out.append(ascii: #","node":"#)
            out.append(decimal: BSMTokenDecoder.be64(b, i + 17))
            out.append(ascii: #","device":"#)
            out.append(decimal: id == 0x73 ? BSMTokenDecoder.be64(b, i + 25) : UInt64(BSMTokenDecoder.be32(b, i + 25)))
            out.append(UInt8(ascii: "}"))
        default:
            guard let (token, _) = BSMTokenDecoder.decode(in: b, at: i, end: b.count, openBSMOnly: false) else {
                return
            }
            var bytes: [UInt8] = []
            Self.otherValue(token).write(to: &bytes)
            out.append(byteArray: bytes)
        }
    }

    /// `[…]`: the string of every token with this id (path or text: length u16, bytes).
    private func lengthPrefixedStrings(
        _ b: UnsafeRawBufferPointer, _ tokens: UnsafeBufferPointer<Int32>, _ id: UInt8, _ out: inout TextSink
    ) {
        out.append(UInt8(ascii: "["))
        var first = true
        for at in tokens where b[Int(at)] == id {
            let i = Int(at)
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            string(b, i + 3, BSMTokenDecoder.be16(b, i + 1), &out)
        }
        out.append(UInt8(ascii: "]"))
    }

    /// `[…]`: the strings of every token with this id (exec args or env).
    private func strings(
        _ b: UnsafeRawBufferPointer, _ tokens: UnsafeBufferPointer<Int32>, _ id: UInt8, _ out: inout TextSink
    ) {
        out.append(UInt8(ascii: "["))
        var first = true
        for at in tokens where b[Int(at)] == id {
            let start = Int(at)
            let end = start + (BSMTokenDecoder.tokenLength(in: b, at: start, end: b.count, openBSMOnly: false) ?? 0)
            var pos = start + 5
            while pos < end {
                var stop = pos
                while b[stop] != 0 { stop += 1 }
                if !first { out.append(UInt8(ascii: ",")) }
                first = false
                JSONText.appendString(bytes: UnsafeRawBufferPointer(rebasing: b[pos..<stop]), to: &out)
                pos = stop + 1
            }
        }
        out.append(UInt8(ascii: "]"))
    }

    /// A token string of `length` bytes at `start`: its text up to the first NUL.
    @inline(__always)
    private func string(_ b: UnsafeRawBufferPointer, _ start: Int, _ length: Int, _ out: inout TextSink) {
        var n = length
        if length > 0, let base = b.baseAddress, let nul = memchr(base + start, 0, length) {
            n = (base + start).distance(to: UnsafeRawPointer(nul))
        }
        JSONText.appendString(bytes: UnsafeRawBufferPointer(rebasing: b[start..<(start + n)]), to: &out)
    }

    private func optionalString(_ text: String?, _ out: inout TextSink) {
        guard var text else {
            out.append(ascii: "null")
            return
        }
        text.withUTF8 { JSONText.appendString(utf8: UnsafeRawBufferPointer($0), to: &out) }
    }

    private func hex(_ b: UnsafeRawBufferPointer, _ start: Int, _ length: Int, _ out: inout TextSink) {
        for byte in UnsafeRawBufferPointer(rebasing: b[start..<(start + length)]) {
            out.append(TextSink.hexDigit(UInt64(byte >> 4)))
            out.append(TextSink.hexDigit(UInt64(byte)))
        }
    }

    private func ipv4(_ b: UnsafeRawBufferPointer, _ at: Int, _ out: inout TextSink) {
        for k in 0..<4 {
            if k > 0 { out.append(UInt8(ascii: ".")) }
            out.append(decimal: UInt64(b[at + k]))
        }
    }

    private func address(_ a: BSMAddress, _ out: inout TextSink) {
        out.append(UInt8(ascii: "\""))
        out.append(address: a)
        out.append(UInt8(ascii: "\""))
    }

    /// The ``BSMTokenKind`` case name of each token id (empty for unknown ids).
    static let kindNames: [String] = (0...255).map { id in BSMTokenKind(rawValue: UInt8(id)).map { "\($0)" } ?? "" }

    // MARK: The document model

    /// The line of `record` as a document: the model ``append(_:file:to:)`` writes (built
    /// from the decoded tokens; slower).
    func value(of record: TrailRecordView, file: String) -> JSONValue {
        let (tokens, failedAt) = record.decodeTokens()
        var members: [(String, JSONValue)] = [
            ("file", .string(file)), ("offset", .integer(Int(record.offset))), ("size", .integer(record.bytes.count)),
        ]
        if record.isFileToken, case .file(let s, let ms, let name)? = tokens.first {
            members.append(("kind", .string("file")))
            members += Self.timeMembers(UInt64(s), UInt64(ms))
            members.append(("name", .string(BSMBytes.string(name))))
            return .object(members)
        }
        members.append(("kind", .string("record")))
        var header: BSMHeader?
        var subject: BSMSubject?
        var returned: (status: UInt8, value: UInt64)?
        var identity: BSMIdentity?
        var paths: [JSONValue] = []
        var texts: [JSONValue] = []
        var args: [JSONValue] = []
        var execArgs: [JSONValue] = []
        var execEnv: [JSONValue] = []
        var other: [JSONValue] = []
        for token in tokens {
            switch token {
            case .header(let h) where header == nil: header = h
            case .trailer: break
            case .subject(let s) where s.role == .subject && subject == nil: subject = s
            case .returnValue(let status, let value, _) where returned == nil: returned = (status, value)
            case .identity(let i) where identity == nil: identity = i
            case .path(let p): paths.append(.string(BSMBytes.string(p)))
            case .text(let t): texts.append(.string(BSMBytes.string(t)))
            case .argument(let n, let v, let t, _):
                args.append(
                    .object([
                        ("number", .integer(Int(n))), ("value", .unsigned(v)), ("text", .string(BSMBytes.string(t))),
                    ]))
            case .execArgs(let a): execArgs += a.map { .string(BSMBytes.string($0)) }
            case .execEnv(let e): execEnv += e.map { .string(BSMBytes.string($0)) }
            default: other.append(Self.otherValue(token))
            }
        }
        if let h = header {
            let entry = eventNames(h.event)
            members += [
                ("version", .integer(Int(h.version))), ("event", .integer(Int(h.event))),
                ("event_name", entry.map { .string($0.name) } ?? .null),
                ("event_description", entry.map { .string($0.description) } ?? .null),
                ("modifier", .integer(Int(h.modifier))),
            ]
            members += Self.timeMembers(h.seconds, h.milliseconds)
            members.append(("host", h.host.map(Self.addressValue) ?? .null))
        }
        members.append(("subject", subject.map(Self.subjectValue) ?? .null))
        members.append(
            (
                "return",
                returned.map { r in
                    .object([
                        ("status", .integer(Int(r.status))),
                        ("error", r.status == 0 ? .null : .string(BSMErrno.names[r.status] ?? "unknown")),
                        ("value", .unsigned(r.value)),
                    ])
                } ?? .null
            ))
        members += [
            ("paths", .array(paths)), ("args", .array(args)), ("exec_args", .array(execArgs)),
            ("exec_env", .array(execEnv)), ("text", .array(texts)),
        ]
        members.append(
            (
                "identity",
                identity.map { i in
                    .object([
                        ("signer_type", .unsigned(UInt64(i.signerType))),
                        ("signing_id", .string(BSMBytes.string(i.signingID))),
                        ("team_id", .string(BSMBytes.string(i.teamID))), ("cdhash", Self.hexValue(i.cdhash)),
                    ])
                } ?? .null
            ))
        members.append(("other", .array(other)))
        members.append(("complete", .bool(failedAt == nil)))
        return .object(members)
    }

    static func timeMembers(_ seconds: UInt64, _ ms: UInt64) -> [(String, JSONValue)] {
        [
            ("time", .integer(Int(Int64(bitPattern: seconds)))), ("msec", .unsigned(ms)),
            ("iso8601", .string(CivilTime.iso8601(seconds: Int64(bitPattern: seconds), milliseconds: ms))),
        ]
    }

    static func hexValue(_ bytes: [UInt8]) -> JSONValue {
        var text: [UInt8] = []
        for b in bytes { text.append(hex: UInt64(b), width: 2) }
        return .string(String(decoding: text, as: UTF8.self))
    }

    static func addressValue(_ a: BSMAddress) -> JSONValue {
        var text: [UInt8] = []
        text.append(address: a)
        return .string(String(decoding: text, as: UTF8.self))
    }

    static func subjectValue(_ s: BSMSubject) -> JSONValue {
        .object([
            ("kind", .string("\(s.kind)")), ("auid", .unsigned(UInt64(s.auditUID))),
            ("euid", .unsigned(UInt64(s.effectiveUID))), ("egid", .unsigned(UInt64(s.effectiveGID))),
            ("ruid", .unsigned(UInt64(s.realUID))), ("rgid", .unsigned(UInt64(s.realGID))),
            ("pid", .unsigned(UInt64(s.pid))), ("sid", .unsigned(UInt64(s.sessionID))),
            ("terminal", .object([("port", .unsigned(s.terminalPort)), ("address", addressValue(s.terminalAddress))])),
        ])
    }

    /// A token of the `other` list: `{kind, …fields}`.
    static func otherValue(_ token: BSMToken) -> JSONValue {
        if case .subject(let s) = token { return subjectValue(s) }
        guard let kind = BSMTokenKind(rawValue: token.id), !(token.isUnknown) else {
            if case .unknown(let id, let bytes) = token {
                return .object([("kind", .string("unknown")), ("id", .integer(Int(id))), ("hex", hexValue(bytes))])
            }
            return .object([("kind", .string("unknown"))])
        }
        var members: [(String, JSONValue)] = [("kind", .string("\(kind)"))]
        func u(_ name: String, _ v: some BinaryInteger) { members.append((name, .unsigned(UInt64(v)))) }
        func s(_ name: String, _ b: [UInt8]) { members.append((name, .string(BSMBytes.string(b)))) }
        func h(_ name: String, _ b: [UInt8]) { members.append((name, hexValue(b))) }
        func a(_ name: String, _ address: BSMAddress) { members.append((name, addressValue(address))) }
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
        case .inAddr(let b): a("address", BSMAddress(type: 4, bytes: b))
        case .inAddrEx(let address): a("address", address)
        case .ip(let hdr): h("hex", hdr.bytes)
        case .iport(let b): u("port", port(b))
        case .socket(let type, let lp, let la, let rp, let ra):
            u("type", type)
            u("local_port", port(lp))
            a("local_address", BSMAddress(type: 4, bytes: la))
            u("remote_port", port(rp))
            a("remote_address", BSMAddress(type: 4, bytes: ra))
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
            members.append(("success", .bool(success != 0)))
            s("privilege", p)
        case .newGroups(_, let gids):
            members.append(("gids", .array(gids.map { .unsigned(UInt64($0)) })))
        case .attribute(let at):
            u("mode", at.mode)
            u("uid", at.uid)
            u("gid", at.gid)
            u("fsid", at.fileSystemID)
            u("node", at.nodeID)
            u("device", at.device)
        case .exit(let status, let value):
            u("status", status)
            u("return", value)
        case .socketEx(let domain, let type, let atype, let lp, let la, let rp, let ra):
            u("domain", domain)
            u("type", type)
            u("local_port", port(lp))
            a("local_address", BSMAddress(type: UInt32(atype), bytes: la))
            u("remote_port", port(rp))
            a("remote_address", BSMAddress(type: UInt32(atype), bytes: ra))
        case .socketInet32(let family, let p, let address), .socketInet128(let family, let p, let address):
            u("family", family)
            u("port", port(p))
            a("address", BSMAddress(type: UInt32(address.count), bytes: address))
        case .socketUnix(let family, let path):
            u("family", family)
            s("path", path)
        case .rights(let first, let second):
            u("rights0", first)
            u("rights1", second)
        case .argUUID(let n, let uuid, let text), .returnUUID(let n, let uuid, let text):
            var text16: [UInt8] = []
            text16.append(uuid: uuid)
            u("number", n)
            members.append(("uuid", .string(String(decoding: text16, as: UTF8.self))))
            s("text", text)
        case .krb5Principal(let strings), .certHash(let strings):
            members.append(("strings", .array(strings.map { .string(BSMBytes.string($0)) })))
        case .identity(let i):
            u("signer_type", i.signerType)
            s("signing_id", i.signingID)
            s("team_id", i.teamID)
            h("cdhash", i.cdhash)
        case .subject, .unknown, .path, .text, .argument, .execArgs, .execEnv:
            break  // Written before this function is reached, or in their own fields.
        }
        return .object(members)
    }
}

extension BSMToken {
    var isUnknown: Bool {
        if case .unknown = self { return true }
        return false
    }
}

/// A minimal streaming JSON writer with commas handled by position (``ExecRecord``'s lines).
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
    mutating func unsigned(_ v: UInt64) {
        comma()
        out.append(decimal: v)
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

    mutating func rawString(_ s: String) {
        JSONText.appendString(s, to: &out)
    }
}
