import Foundation

/// A command execution found in a trail: a record with an exec-args token.
public struct ExecRecord: Sendable, Hashable {
    public var offset: Int64
    public var event: UInt16
    public var seconds: UInt64
    public var milliseconds: UInt64
    public var pid: UInt32?
    public var auditUID: UInt32?
    public var effectiveUID: UInt32?
    /// The BSM errno of the return token (0 success), if any.
    public var status: UInt8?
    /// The executable path (the first path token), if any.
    public var path: String?
    public var arguments: [String]

    /// The exec record in `record`, or `nil` if it has no exec-args token.
    ///
    /// A record is decoded only when a walk of its token lengths (the reader's token check,
    /// or one of its own) finds an exec-args token (the walk and the decoder stop at the
    /// same overrunning token), so reading a trail for its commands costs little more than
    /// framing it.
    public init?(_ record: TrailRecordView) {
        guard !record.isFileToken, Self.hasExecArgs(record) else { return nil }
        var header: BSMHeader?
        var subject: BSMSubject?
        var arguments: [String]?
        var path: String?
        var status: UInt8?
        // Only the tokens read here are decoded (the walk stops where the decoder would).
        var tokens: [BSMToken] = []
        _ = record.forEachToken { id, at, _ in
            switch id {
            case 0x14, 0x15, 0x74, 0x79, 0x24, 0x75, 0x7a, 0x7c, 0x3c, 0x23, 0x27, 0x72:
                if let (token, _) = BSMTokenDecoder.decode(
                    in: record.bytes, at: at, end: record.bytes.count, openBSMOnly: false)
                {
                    tokens.append(token)
                }
            default: break
            }
        }
        for token in tokens {
            switch token {
            case .header(let h) where header == nil: header = h
            case .subject(let s) where s.role == .subject && subject == nil: subject = s
            case .execArgs(let a): arguments = (arguments ?? []) + a.map { String(decoding: $0, as: UTF8.self) }
            case .path(let p) where path == nil: path = BSMBytes.string(p)
            case .returnValue(let s, _, _) where status == nil: status = s
            default: break
            }
        }
        guard let header, let arguments else { return nil }
        offset = record.offset
        event = header.event
        seconds = header.seconds
        milliseconds = header.milliseconds
        pid = subject?.pid
        auditUID = subject?.auditUID
        effectiveUID = subject?.effectiveUID
        self.status = status
        self.path = path
        self.arguments = arguments
    }

    /// Whether the tokens of `record` (up to one that overruns it) include exec args.
    @inline(__always)
    static func hasExecArgs(_ record: TrailRecordView) -> Bool {
        if let seen = record.execArgsSeen { return seen }
        let bytes = record.bytes
        let end = bytes.count
        var i = 0
        while i < end {
            let id = bytes[i]
            if id == BSMTokenKind.execArgs.rawValue { return true }
            guard let n = BSMTokenDecoder.tokenLength(in: bytes, at: i, end: end, openBSMOnly: false) else {
                return false
            }
            i += n
        }
        return false
    }

    /// One text line: ISO-8601 time, `pid=`, `auid=`, `euid=` (signed, as praudit prints ids,
    /// `-` when the record has no subject), then the arguments, shell-quoted where needed.
    public var textLine: String {
        func id(_ v: UInt32?) -> String { v.map { String(Int32(bitPattern: $0)) } ?? "-" }
        let time = CivilTime.iso8601(seconds: Int64(bitPattern: seconds), milliseconds: milliseconds)
        let argv = arguments.map(Self.shellQuoted).joined(separator: " ")
        return "\(time) pid=\(pid.map { String($0) } ?? "-") auid=\(id(auditUID)) euid=\(id(effectiveUID)) \(argv)"
    }

    /// One JSON object: `file`, `offset`, `event`, `time`, `msec`, `iso8601`, `pid`, `auid`,
    /// `euid` (null when absent), `status`, `path`, `argv`.
    public func jsonLine(file: String) -> String {
        var w = JSONWriter(out: [])
        w.open()
        w.key("file")
        w.string(file)
        w.key("offset")
        w.number(offset)
        w.key("event")
        w.number(Int64(event))
        w.key("time")
        w.number(Int64(bitPattern: seconds))
        w.key("msec")
        w.unsigned(milliseconds)
        w.key("iso8601")
        w.string(CivilTime.iso8601(seconds: Int64(bitPattern: seconds), milliseconds: milliseconds))
        for (name, value) in [("pid", pid), ("auid", auditUID), ("euid", effectiveUID)] {
            w.key(name)
            if let value { w.unsigned(UInt64(value)) } else { w.null() }
        }
        w.key("status")
        if let status { w.number(Int64(status)) } else { w.null() }
        w.key("path")
        w.optionalString(path)
        w.key("argv")
        w.openArray()
        for a in arguments { w.string(a) }
        w.closeArray()
        w.close()
        return String(decoding: w.out, as: UTF8.self)
    }

    /// `word` as a POSIX shell word: unchanged if it is safe, else in single quotes.
    static func shellQuoted(_ word: String) -> String {
        let safe =
            !word.isEmpty
            && word.utf8.allSatisfy { b in
                switch b {
                case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                    UInt8(ascii: "a")...UInt8(ascii: "z"):
                    true
                case UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "/"), UInt8(ascii: "="),
                    UInt8(ascii: ":"), UInt8(ascii: ","), UInt8(ascii: "+"), UInt8(ascii: "@"), UInt8(ascii: "%"):
                    true
                default: false
                }
            }
        if safe { return word }
        // In single quotes; a single quote as '\'' (close, escaped quote, reopen).
        var quoted: [UInt8] = [UInt8(ascii: "'")]
        quoted.reserveCapacity(word.utf8.count + 2)
        for byte in word.utf8 {
            if byte == UInt8(ascii: "'") {
                quoted += [UInt8(ascii: "'"), UInt8(ascii: "\\"), UInt8(ascii: "'"), UInt8(ascii: "'")]
            } else {
                quoted.append(byte)
            }
        }
        quoted.append(UInt8(ascii: "'"))
        return String(decoding: quoted, as: UTF8.self)
    }
}
