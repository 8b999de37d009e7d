extension CapacityConfiguration {
    /// The settings auditd and the kernel really apply from a parsed audit_control:
    /// an invalid `filesz` never rotates, an invalid `expire-after` never expires, a
    /// rejected `policy` leaves `cnt` only, a rejected `qsize` the kernel default.
    ///
    /// Returns nil when auditd would not start at all (`minfree` missing or invalid; see
    /// `openbsm-semantics.md` §1.2), since then no trail is written.
    public init?(control: AuditControl) {
        guard let minfree = control.minfree.effectivePercent else { return nil }
        self.init(control: control, minfree: minfree)
    }

    /// The same with `minfree` given (for callers that model a file auditd would not
    /// start with, and say so themselves).
    ///
    /// Expiry is what auditd_expire_trails does: a negative age (getacexpire's signed
    /// `time_t`) deletes every closed trail; on macOS with `host` set nothing expires
    /// (``AuditControl/hostStopsExpiry``). Not modelled: OpenBSM-21's division by zero
    /// with `minfree:0` (``MinfreeSetting/dividesByZero``; the model runs as if auditd
    /// survived it, with no soft limit).
    public init(control: AuditControl, minfree: Int) {
        let expire = control.expireAfter
        let policy = control.policy.effective
        self.init(
            filesz: Int64(clamping: control.filesz.effectiveBytes),
            expireAfter: control.hostStopsExpiry
                ? .never
                : ExpireAfter(
                    ageSeconds: expire.ageSeconds.map { Double($0) },
                    sizeBytes: expire.sizeBytes.map { Int64(clamping: $0) },
                    combinator: expire.combinator == .and ? .and : .or),
            minfree: minfree,
            cnt: policy.contains(.cnt),
            ahlt: policy.contains(.ahlt),
            qsize: control.qsize.effective
        )
    }
}
