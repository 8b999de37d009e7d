/// What the estimator needs to know of one trail record; the decoder's fast path
/// produces these without materialising every token.
public struct RecordSummary: Sendable, Hashable {
    /// The header's event number.
    public var event: UInt16
    /// The subject's (or else the process token's) audit user id; nil when the record
    /// has neither token. `0xFFFFFFFF` (AU_DEFAUDITID) means non-attributable.
    public var auditUserID: UInt32?
    /// Whether the call succeeded (return status 0, or no return token).
    public var success: Bool
    /// The whole record's size in bytes, as written.
    public var size: Int
    /// Bytes of the exec_args token (0x3c), present only when the sample had `argv`.
    public var execArgsBytes: Int
    /// Bytes of the exec_env token (0x3d), present only when the sample had `arge`.
    public var execEnvBytes: Int
    /// The header time, seconds since the epoch (UTC), with milliseconds.
    public var time: Double
    /// The first path token's text, if any (the executable for exec records).
    public var path: String?

    public init(
        event: UInt16, auditUserID: UInt32?, success: Bool, size: Int,
        execArgsBytes: Int = 0, execEnvBytes: Int = 0, time: Double, path: String? = nil
    ) {
        self.event = event
        self.auditUserID = auditUserID
        self.success = success
        self.size = size
        self.execArgsBytes = execArgsBytes
        self.execEnvBytes = execEnvBytes
        self.time = time
        self.path = path
    }

    /// The non-attributable audit user id (AU_DEFAUDITID).
    public static let unsetAuditUserID: UInt32 = 0xFFFF_FFFF

    /// Whether the kernel preselects this record with `flags` (true) or `naflags`.
    public var isAttributable: Bool {
        guard let auditUserID else { return false }
        return auditUserID != Self.unsetAuditUserID
    }
}
