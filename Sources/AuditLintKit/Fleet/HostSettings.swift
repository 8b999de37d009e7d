import Foundation

extension HostAuditSettings {
    /// The settings auditd and the kernel take from `control` (read with the host's
    /// `classes`): the masks and policy bits a sample is replayed through (as
    /// ``EstimateCandidate/init(label:control:flags:naflags:policy:classes:dialect:)`` finds
    /// them) and the rotation, expiry and limits the capacity model simulates (as
    /// ``CapacityConfiguration/init(control:minfree:)`` finds them).
    public init(control: AuditControl, classes: AuditClassTable) {
        let candidate = EstimateCandidate(
            label: control.path, control: control, classes: classes, dialect: control.dialect)
        let capacity = CapacityConfiguration(control: control, minfree: 0)
        self.init(
            flags: candidate.flagsText, naflags: candidate.naflagsText, policy: candidate.policyText,
            flagsMask: candidate.flagsMask, naflagsMask: candidate.naflagsMask, argv: candidate.argv,
            arge: candidate.arge, cnt: capacity.cnt, ahlt: capacity.ahlt, filesz: capacity.filesz,
            minfree: control.minfree.effectivePercent, expireAfterAgeSeconds: capacity.expireAfter.ageSeconds,
            expireAfterSizeBytes: capacity.expireAfter.sizeBytes,
            expireAfterBoth: capacity.expireAfter.combinator == .and, qsize: capacity.qsize,
            problems: candidate.problems)
    }

    /// The settings the capacity model simulates; nil when auditd would not start
    /// (``minfree`` missing or invalid), as ``CapacityConfiguration/init(control:)``.
    public var capacityConfiguration: CapacityConfiguration? {
        guard let minfree else { return nil }
        return CapacityConfiguration(
            filesz: filesz,
            expireAfter: ExpireAfter(
                ageSeconds: expireAfterAgeSeconds, sizeBytes: expireAfterSizeBytes,
                combinator: expireAfterBoth ? .and : .or),
            minfree: minfree, cnt: cnt, ahlt: ahlt, qsize: qsize)
    }

    /// The candidate a sample is replayed through: these masks and policy bits, as the host had them.
    public func candidate(label: String) -> EstimateCandidate {
        EstimateCandidate(
            label: label, flagsText: flags, naflagsText: naflags, policyText: policy, flagsMask: flagsMask,
            naflagsMask: naflagsMask, argv: argv, arge: arge, problems: problems)
    }
}

extension AuditControlFacts {
    /// The facts of the audit_control at `path`: its bytes hashed, and its effective settings
    /// read in `dialect` with `classes` (the host's audit_class, or the built-in one).
    ///
    /// - Throws: the read errors of ``SourceText/read(path:)`` naming the file.
    public static func read(path: String, dialect: Dialect, classes: AuditClassTable) throws -> AuditControlFacts {
        let source = try SourceText.read(path: path)
        let control = AuditControl.parse(source, dialect: dialect, classes: classes)
        return AuditControlFacts(
            path: path, sha256: SHA256.hex(source.bytes),
            settings: HostAuditSettings(control: control, classes: classes))
    }
}
