import Foundation

/// What the estimator reads from one trail record, found with the decoder's fast token walk
/// (no token is materialised; the path stays a range of the record's bytes).
struct TrailRecordFields {
    var event: UInt16 = 0
    /// The subject's audit user id, else the process token's; `hasAuditUserID` says whether
    /// either was present.
    var auditUserID: UInt32 = 0
    var hasAuditUserID = false
    var success = true
    var size = 0
    var execArgsBytes = 0
    var execEnvBytes = 0
    var seconds: UInt64 = 0
    var milliseconds: UInt64 = 0
    /// The first path token's text (up to its first NUL) as a range of the record, and its
    /// ``PathInterner/hash(_:)``.
    var pathStart = 0
    var pathLength = -1
    var pathHash: UInt64 = 0

    /// Reads `view`; nil for a stand-alone file token.
    @inline(__always)
    init?(_ view: TrailRecordView) {
        var check = TokenCheck()
        self.init(view, check: &check, keys: .process)
    }

    /// Reads `view`, noting in `check` what the reader's token check needs (one walk does
    /// both); nil for a stand-alone file token (`check` is then untouched). The path is
    /// hashed with `keys` (``PathInterner/HashKeys/process``, loaded once a read).
    @inline(__always)
    init?(_ view: TrailRecordView, check: inout TokenCheck, keys: PathInterner.HashKeys) {
        let b = view.bytes
        guard !view.isFileToken, b.count >= 18 else { return nil }
        event = UInt16(BSMTokenDecoder.be16(b, 6))
        size = b.count
        switch b[0] {
        case BSMTokenKind.header32.rawValue:
            seconds = UInt64(BSMTokenDecoder.be32(b, 10))
            milliseconds = UInt64(BSMTokenDecoder.be32(b, 14))
        case BSMTokenKind.header64.rawValue where b.count >= 26:
            seconds = BSMTokenDecoder.be64(b, 10)
            milliseconds = BSMTokenDecoder.be64(b, 18)
        case BSMTokenKind.header32Ex.rawValue, BSMTokenKind.header64Ex.rawValue:
            let address = BSMTokenDecoder.be32(b, 10) == 16 ? 16 : 4
            let at = 14 + address
            if b[0] == BSMTokenKind.header32Ex.rawValue, b.count >= at + 8 {
                seconds = UInt64(BSMTokenDecoder.be32(b, at))
                milliseconds = UInt64(BSMTokenDecoder.be32(b, at + 4))
            } else if b[0] == BSMTokenKind.header64Ex.rawValue, b.count >= at + 16 {
                seconds = BSMTokenDecoder.be64(b, at)
                milliseconds = BSMTokenDecoder.be64(b, at + 8)
            }
        default:
            break
        }
        var subjectSeen = false
        var processSeen = false
        var returnSeen = false
        var fields = self
        check = view.checkedWalk { id, at, n in
            switch id {
            case BSMTokenKind.path.rawValue:
                if fields.pathLength < 0 {
                    fields.pathStart = at + 3
                    (fields.pathHash, fields.pathLength) = PathInterner.hashUpToNUL(
                        in: b, from: at + 3, count: n - 3, keys: keys)
                }
            case BSMTokenKind.subject32.rawValue, BSMTokenKind.subject64.rawValue, BSMTokenKind.subject32Ex.rawValue,
                BSMTokenKind.subject64Ex.rawValue:
                if !subjectSeen {
                    subjectSeen = true
                    fields.auditUserID = BSMTokenDecoder.be32(b, at + 1)
                    fields.hasAuditUserID = true
                }
            case BSMTokenKind.process32.rawValue, BSMTokenKind.process64.rawValue, BSMTokenKind.process32Ex.rawValue,
                BSMTokenKind.process64Ex.rawValue:
                if !subjectSeen, !processSeen {
                    processSeen = true
                    fields.auditUserID = BSMTokenDecoder.be32(b, at + 1)
                    fields.hasAuditUserID = true
                }
            case BSMTokenKind.return32.rawValue, BSMTokenKind.return64.rawValue:
                if !returnSeen {
                    returnSeen = true
                    fields.success = b[at + 1] == 0
                }
            case BSMTokenKind.execArgs.rawValue:
                fields.execArgsBytes += n
            case BSMTokenKind.execEnv.rawValue:
                fields.execEnvBytes += n
            default:
                break
            }
        }
        self = fields
    }

    /// The header time in seconds since the epoch, with milliseconds.
    var time: Double { Double(seconds) + Double(milliseconds % 1000) / 1000 }

    /// The audit user id as ``RecordSummary`` keeps it.
    var optionalAuditUserID: UInt32? { hasAuditUserID ? auditUserID : nil }
}

extension RecordSummary {
    /// Summarises one trail record with the decoder's fast token walk: the header's event
    /// and time, the subject's (else the process token's) audit user id, the return
    /// token's outcome, the exec_args/exec_env bytes and the first path.
    ///
    /// Returns nil for a stand-alone file token, which is not a record.
    public init?(_ record: TrailRecordView) {
        guard let fields = TrailRecordFields(record) else { return nil }
        var path: String?
        if fields.pathLength >= 0 {
            path = String(
                decoding: UnsafeRawBufferPointer(
                    rebasing: record.bytes[fields.pathStart..<(fields.pathStart + fields.pathLength)]), as: UTF8.self)
        }
        self.init(
            event: fields.event, auditUserID: fields.optionalAuditUserID, success: fields.success, size: fields.size,
            execArgsBytes: fields.execArgsBytes, execEnvBytes: fields.execEnvBytes, time: fields.time, path: path)
    }
}
