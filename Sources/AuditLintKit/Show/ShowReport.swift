/// What auditd will do with an audit_control file: each setting as written, its effective
/// value, and why they differ. Built from an ``AuditControl``; rendered by
/// ``ShowReporter``.
///
/// A setting whose key is missing from the file is nil (`null` in JSON); its consequence
/// is in ``missing``.
public struct ShowReport: Sendable, Hashable {
    /// The JSON schema version.
    public static let schemaVersion = 1

    /// `flags` or `naflags`.
    public struct Flags: Sendable, Hashable {
        /// The value as written; nil when the line has none.
        public var written: String?
        /// Whether libbsm accepts it.
        public var valid: Bool
        /// The effective success mask; nil when there is none (`flags` rejected).
        public var successMask: UInt32?
        /// The effective failure mask.
        public var failureMask: UInt32?
        /// The classes fully covered by the success mask, in audit_class order.
        public var successClasses: [String]?
        /// The classes fully covered by the failure mask.
        public var failureClasses: [String]?
        /// Why the effective value differs from what is written.
        public var why: String?
    }

    /// `policy`.
    public struct Policy: Sendable, Hashable {
        /// The value as written; nil when the line has none.
        public var written: String?
        /// Whether libbsm (and the kernel) accept it.
        public var valid: Bool
        /// The policy the kernel ends up with.
        public var effective: [String]
        /// Why the effective value differs from what is written (shown in text output only).
        public var why: String?
    }

    /// `minfree`.
    public struct Minfree: Sendable, Hashable {
        /// The value as written; nil when the line has none.
        public var written: String?
        /// Whether libbsm (and the kernel) accept it.
        public var valid: Bool
        /// The percentage in force; nil when auditd cannot start.
        public var percent: Int?
        /// The kernel's low-space threshold in percent (integer division); nil when auditd cannot start.
        public var kernelThresholdPercent: Double?
        /// Why the effective value differs from what is written (shown in text output only).
        public var why: String?
    }

    /// `filesz`.
    public struct FileSize: Sendable, Hashable {
        /// The value as written; nil when the line has none.
        public var written: String?
        /// Whether libbsm (and the kernel) accept it.
        public var valid: Bool
        /// The rotation size in force (0: never rotate by size).
        public var bytes: UInt64
        /// Why the effective value differs from what is written (shown in text output only).
        public var why: String?
    }

    /// `expire-after`.
    public struct ExpireAfter: Sendable, Hashable {
        /// The value as written; nil when the line has none.
        public var written: String?
        /// Whether libbsm (and the kernel) accept it.
        public var valid: Bool
        /// The age limit in seconds; nil when no term is an age. Negative as libbsm stores
        /// `-1d` (signed `time_t`): every closed trail is expired.
        public var ageSeconds: Int64?
        /// The size limit in bytes; nil when no term is a size.
        public var sizeBytes: UInt64?
        /// `and`, `or`, or nil for a single condition.
        public var combinator: ExpireAfterSetting.Combinator?
        /// Whether expiry can ever delete a trail.
        public var expiresAnything: Bool
        /// Why the effective value differs from what is written (shown in text output only).
        public var why: String?
    }

    /// `host`.
    public struct Host: Sendable, Hashable {
        /// The value as written; nil when the line has none.
        public var written: String?
        /// Why the effective value differs from what is written (shown in text output only).
        public var why: String?
    }

    /// `qsize`.
    public struct QueueSize: Sendable, Hashable {
        /// The value as written; nil when the line has none.
        public var written: String?
        /// Whether the dialect reads it and the kernel accepts it.
        public var valid: Bool
        /// The kernel's queue high-water mark in force.
        public var value: Int
        /// Why the effective value differs from what is written (shown in text output only).
        public var why: String?
    }

    /// `dist`.
    public struct Dist: Sendable, Hashable {
        /// The value as written; nil when the line has none.
        public var written: String?
        /// Whether auditd links trails for auditdistd.
        public var enabled: Bool
        /// Why the effective value differs from what is written (shown in text output only).
        public var why: String?
    }

    /// The dialect modelled.
    public var dialect: Dialect
    /// The file as the user named it.
    public var file: String
    /// `flags`; nil when the key is missing (as for every setting below).
    public var flags: Flags?
    /// `naflags`.
    public var naflags: Flags?
    /// `policy`.
    public var policy: Policy?
    /// `minfree`.
    public var minfree: Minfree?
    /// `filesz`.
    public var filesz: FileSize?
    /// `expire-after`.
    public var expireAfter: ExpireAfter?
    /// The directories auditd enumerates, in order, as it will `statfs` them.
    public var dirs: [String]
    /// `host`.
    public var host: Host?
    /// `qsize`.
    public var qsize: QueueSize?
    /// `dist`.
    public var dist: Dist?
    /// What the missing keys mean (`minfree is missing: auditd … exits`), in key order.
    public var missing: [String]
    /// Other facts: ignored lines, duplicates, keys this dialect does not read.
    public var notes: [String]

    /// Builds the report for `control`, naming classes from `classes`.
    public init(control: AuditControl, classes: AuditClassTable) {
        dialect = control.dialect
        file = control.path
        func flagsReport(_ setting: FlagsSetting) -> Flags? {
            guard setting.isPresent else { return nil }
            let mask = setting.effectiveMask
            return Flags(
                written: setting.written,
                valid: setting.isValid,
                successMask: mask?.success,
                failureMask: mask?.failure,
                successClasses: mask.map { classes.names(coveredBy: $0.success) },
                failureClasses: mask.map { classes.names(coveredBy: $0.failure) },
                why: setting.explanation
            )
        }
        flags = flagsReport(control.flags)
        naflags = flagsReport(control.naflags)
        let policy = control.policy
        self.policy =
            policy.isPresent
            ? Policy(
                written: policy.written, valid: policy.isValid, effective: policy.effective.names,
                why: policy.explanation)
            : nil
        let minfree = control.minfree
        self.minfree =
            minfree.isPresent
            ? Minfree(
                written: minfree.written, valid: minfree.isValid, percent: minfree.effectivePercent,
                kernelThresholdPercent: minfree.kernelThresholdPercent, why: minfree.explanation)
            : nil
        let filesz = control.filesz
        self.filesz =
            filesz.isPresent
            ? FileSize(
                written: filesz.written, valid: filesz.isValid, bytes: filesz.effectiveBytes, why: filesz.explanation)
            : nil
        let expire = control.expireAfter
        expireAfter =
            expire.isPresent
            ? ExpireAfter(
                written: expire.written, valid: expire.isValid, ageSeconds: expire.ageSeconds,
                sizeBytes: expire.sizeBytes, combinator: expire.isValid ? expire.combinator : nil,
                expiresAnything: control.trailsExpire,
                why: [
                    expire.explanation,
                    control.hostStopsExpiry && expire.expiresAnything ? AuditControl.hostStopsExpiryNote : nil,
                ]
                .compactMap { $0 }.joined(separator: "; ").nilIfEmpty)
            : nil
        dirs = control.effectiveDirectories
        host = control.host.entry.map { entry in
            Host(
                written: entry.value?.text,
                why: control.host.effective == nil ? "no host name: records carry no host address" : nil)
        }
        let qsize = control.qsize
        self.qsize = qsize.entry.map { entry in
            QueueSize(
                written: entry.value?.text,
                valid: qsize.isRead && qsize.isValid,
                value: qsize.effective,
                why: !qsize.isRead
                    ? "this dialect's auditd does not read qsize; the kernel keeps \(QueueSizeSetting.kernelDefault)"
                    : qsize.keepsDefault
                        ? "no `:`: getacqsize keeps the kernel's default queue size \(QueueSizeSetting.kernelDefault) without an error"
                        : qsize.isValid
                            ? nil
                            : "not a number in 11–10000: the kernel keeps its queue size \(QueueSizeSetting.kernelDefault)"
            )
        }
        let dist = control.dist
        self.dist = dist.entry.map { entry in
            Dist(
                written: entry.value?.text, enabled: dist.isEnabled,
                why: !dist.isRead
                    ? "this dialect's auditd does not read dist"
                    : dist.isEnabled || ["off", "no"].contains(entry.value?.text.lowercased() ?? "")
                        ? nil
                        : "only exactly `on` or `yes` (any case) enables it")
        }
        missing = Self.missingNotes(control)
        notes = Self.notes(control)
    }

    static func missingNotes(_ control: AuditControl) -> [String] {
        var result: [String] = []
        if control.effectiveDirectories.isEmpty {
            result.append("no dir is enumerated: auditd finds no trail directory and cannot start")
        }
        if !control.flags.isPresent, let why = control.flags.explanation { result.append(why) }
        if !control.naflags.isPresent, let why = control.naflags.explanation { result.append(why) }
        if !control.policy.isPresent, let why = control.policy.explanation { result.append(why) }
        if !control.minfree.isPresent, let why = control.minfree.explanation { result.append(why) }
        if !control.filesz.isPresent, let why = control.filesz.explanation { result.append(why) }
        if !control.expireAfter.isPresent, let why = control.expireAfter.explanation { result.append(why) }
        return result
    }

    static func notes(_ control: AuditControl) -> [String] {
        var result: [String] = []
        for entry in control.leadingBlankEntries {
            result.append(
                "line \(entry.line): ` \(entry.strippedKey)` starts with a blank, so auditd does not see it as \(entry.strippedKey)"
            )
        }
        for duplicate in control.duplicates {
            result.append(
                "line \(duplicate.ignored.line): \(duplicate.key.rawValue) repeats; line \(duplicate.inForce.line) is in force"
            )
        }
        for entry in control.unknownEntries {
            result.append("line \(entry.line): unknown key `\(entry.rawKey)` is ignored")
        }
        // dist and qsize say so in their own blocks.
        for entry in control.entriesNotReadByDialect where entry.key != .dist && entry.key != .qsize {
            result.append("line \(entry.line): \(entry.rawKey) is not read by the \(control.dialect.rawValue) dialect")
        }
        if control.dialect == .macos {
            for mask in control.sessionFlagMasks {
                result.append(
                    "line \(mask.entry.line): \(mask.key.rawValue) has no effect on macOS 14 and later (the kernel uses fixed masks)"
                )
            }
        }
        for setting in control.directories where !setting.isEnumerated {
            result.append("line \(setting.entry.line): dir is after the end of the directory list and is never used")
        }
        for split in control.splitLines {
            result.append("line \(split.first.line): over 255 bytes; libbsm reads the rest as another line")
        }
        if let first = control.carriageReturnLines.first {
            result.append("line \(first.line): CRLF line endings; every value keeps a trailing \\r")
        }
        return result
    }
}

extension String {
    /// nil for the empty string.
    fileprivate var nilIfEmpty: String? { isEmpty ? nil : self }
}
