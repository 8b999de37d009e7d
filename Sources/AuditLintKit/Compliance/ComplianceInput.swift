/// What the compliance requirements read: the *effective* values libbsm, auditd and the
/// kernel end up with for one audit_control file, plus the raw text for the literal checks.
///
/// The lint layer fills it from the parsed `AuditControl`; the engine never parses
/// audit_control itself. "Effective" means after libbsm's rules: first line wins for a
/// duplicate key, a flags string with an unknown class is rejected as a whole, a policy
/// that libbsm or the kernel rejects leaves the kernel on `cnt`, and so on
/// (Docs/reference/audit_control.md, Docs/reference/compliance.md#how-requirements-are-evaluated).
public struct ComplianceInput: Sendable, Hashable {
    /// The effective state of one audit_control key: missing, rejected, or the value in
    /// effect.
    public enum KeyState<Value: Sendable & Hashable>: Sendable, Hashable {
        /// No line for the key.
        case missing
        /// A line is there but libbsm, auditd or the kernel rejects it; `reason` says why
        /// in a few words (for example "class ` aa` is not in audit_class").
        case invalid(reason: String)
        /// The value in effect.
        case valid(Value)

        /// The value in effect, or nil when missing or invalid.
        public var value: Value? {
            if case .valid(let value) = self { return value }
            return nil
        }
    }

    /// How the two `expire-after` terms combine.
    public enum Combinator: String, Sendable, Hashable, Codable {
        /// Delete when either active threshold is exceeded (also a single term).
        case or = "OR"
        /// Delete only when both thresholds are exceeded; with an inactive term nothing is
        /// ever deleted.
        case and = "AND"
    }

    /// The `expire-after` condition as `getacexpire` reads it (a second term of the
    /// same kind already overwrote the first).
    public struct Expiry: Sendable, Hashable {
        /// The age threshold in seconds; nil or 0 is inactive; negative (`-1d`, a signed
        /// `time_t` in getacexpire) expires every closed trail.
        public var age: Int64?
        /// The size threshold in bytes (total of closed trails); nil or 0 is inactive.
        public var size: UInt64?
        /// How the terms combine (`.or` for a single term).
        public var combinator: Combinator

        /// Why auditd never applies the condition although it is valid (macOS with `host`
        /// set: ``AuditControl/hostStopsExpiry``); nil when it does.
        public var neverApplied: String?

        public init(age: Int64? = nil, size: UInt64? = nil, combinator: Combinator = .or, neverApplied: String? = nil) {
            self.age = age
            self.size = size
            self.combinator = combinator
            self.neverApplied = neverApplied
        }

        /// The active age threshold (nil when inactive).
        public var activeAge: Int64? { age.flatMap { $0 != 0 ? $0 : nil } }
        /// The active size threshold (nil when inactive).
        public var activeSize: UInt64? { size.flatMap { $0 > 0 ? $0 : nil } }

        /// Whether auditd can ever delete a trail under this condition.
        public var deletesAnything: Bool {
            guard neverApplied == nil else { return false }
            switch combinator {
            case .or: return activeAge != nil || activeSize != nil
            case .and: return activeAge != nil && activeSize != nil
            }
        }
    }

    /// The audit_control file's bytes, unchanged (for the literal checks).
    public var controlText: [UInt8]
    /// The class table the masks were computed with (maps class names to bits).
    public var classes: AuditClassTable
    /// The effective `flags` mask (read at login by `au_user_mask`).
    public var flags: KeyState<AuditMask>
    /// The effective `naflags` mask (pushed to the kernel by auditd).
    public var naflags: KeyState<AuditMask>
    /// The policy names the kernel ends up with. `.missing` and `.invalid` both mean
    /// auditd set the kernel policy to `cnt` only (`auditd_set_policy`); a policy libbsm
    /// accepts but the kernel rejects (`seq`, …) is `.invalid` too.
    public var policy: KeyState<Set<String>>
    /// The effective `expire-after`; missing or invalid means auditd expires nothing.
    public var expireAfter: KeyState<Expiry>
    /// The effective `minfree` percentage; missing or out of range means auditd does
    /// not start.
    public var minfree: KeyState<Int>
    /// The effective `filesz` in bytes (0 = no size-based rotation).
    public var filesz: KeyState<UInt64>

    public init(
        controlText: [UInt8],
        classes: AuditClassTable,
        flags: KeyState<AuditMask> = .missing,
        naflags: KeyState<AuditMask> = .missing,
        policy: KeyState<Set<String>> = .missing,
        expireAfter: KeyState<Expiry> = .missing,
        minfree: KeyState<Int> = .missing,
        filesz: KeyState<UInt64> = .missing
    ) {
        self.controlText = controlText
        self.classes = classes
        self.flags = flags
        self.naflags = naflags
        self.policy = policy
        self.expireAfter = expireAfter
        self.minfree = minfree
        self.filesz = filesz
    }

    /// The effective flags mask; nil when the line is missing or rejected.
    public var flagsMask: AuditMask? { flags.value }

    /// The policy the kernel runs with: the parsed set, or `cnt` alone after a fallback.
    public var kernelPolicy: Set<String> { policy.value ?? ["cnt"] }
}
