/// One requirement of a compliance profile: its ids in each framework, what it demands
/// of the effective configuration, and the literal check the mainstream checker runs.
public struct ComplianceRequirement: Sendable, Hashable {
    /// What the requirement demands, evaluated on ``ComplianceInput``'s effective values.
    public enum Check: Sendable, Hashable {
        /// `flags` selects every bit of the class on the given half (`.both` = success
        /// and failure; `.failure` is also met by `.both` or by `-all`).
        case flags(className: String, half: AuditFlags.Half)
        /// The same on `naflags`.
        case naflags(className: String, half: AuditFlags.Half)
        /// The kernel policy has `ahlt` and not `cnt` (halt when records cannot be written).
        case halt
        /// The kernel policy has `cnt` and not `ahlt` (keep running, drop records).
        case continueOnFailure
        /// `expire-after` is in effect, deletes something, and never deletes a trail the
        /// target keeps.
        case retention(RetentionTarget)
        /// `minfree` is at least this percentage (and at most 100).
        case minfree(atLeast: Int)
        /// `filesz` rotates trails by size (at least this many bytes; 0 never rotates).
        case rotation(minimumBytes: UInt64)
        /// Listed for the record, not required in this release; the text says why.
        case notRequired(String)

        /// The audit_control key the check reads.
        public var key: String {
            switch self {
            case .flags: "flags"
            case .naflags: "naflags"
            case .halt, .continueOnFailure, .notRequired: "policy"
            case .retention: "expire-after"
            case .minfree: "minfree"
            case .rotation: "filesz"
            }
        }
    }

    /// The mSCP rule id (`audit_flags_fr_configure`); an interface. Requirements that
    /// are not mSCP rules use ids in the same style (`audit_failure_continue`).
    public var id: String
    /// The auditlint rule id a failure is reported under (`AC508`); stable, never reused.
    public var ruleId: String
    /// The DISA STIG id (`APPL-15-001022`); nil when STIG has none.
    public var stig: String?
    /// The CIS Apple macOS benchmark item (`3.2`); nil when CIS has none.
    public var cis: String?
    /// A one-line title.
    public var title: String
    /// What the effective configuration must satisfy.
    public var check: Check
    /// The mainstream checker's literal test; nil when there is none.
    public var literalCheck: LiteralCheck?

    public init(
        id: String, ruleId: String, stig: String?, cis: String?, title: String,
        check: Check, literalCheck: LiteralCheck?
    ) {
        self.id = id
        self.ruleId = ruleId
        self.stig = stig
        self.cis = cis
        self.title = title
        self.check = check
        self.literalCheck = literalCheck
    }
}

/// Every requirement auditlint knows, each declared once: its ids, what it checks, the
/// literal check, and the profiles that require it. Sources: `Docs/reference/compliance.md`.
///
/// A profile's requirements are the entries that list it, in the order of ``entries``
/// (``ComplianceProfile/requirements(_:)``); the rule ids and the AC5xx descriptions are
/// checked against this list by the tests, so a requirement is added here and described
/// once in `Rules/Compliance/`.
public enum ComplianceCatalog {
    /// One requirement's declaration.
    public struct Entry: Sendable {
        /// The requirement id (mSCP id, or an auditlint id in the same style).
        public var id: String
        /// The auditlint rule id a failure is reported under; stable, never reused.
        public var ruleId: String
        /// The profiles that require it.
        public var profiles: Set<ComplianceProfile>
        /// The requirement for a profile (nil when an option asks for it explicitly, such
        /// as `--halt-policy ahlt`) under the options.
        let make: @Sendable (ComplianceProfile?, ComplianceOptions) -> ComplianceRequirement

        /// The requirement as `profile` (nil: an explicit option) requires it under `options`.
        public func requirement(for profile: ComplianceProfile?, _ options: ComplianceOptions) -> ComplianceRequirement {
            make(profile, options)
        }
    }

    /// Every requirement, in report order: a profile reports its requirements in this order.
    public static let entries: [Entry] = [
        flags("audit_flags_lo_configure", "AC501", stig: "001002", cis: "3.2", title: "Configure System to Audit All Log In and Log Out Events",
              className: "lo", half: .both, pattern: .prefix("lo"), profiles: macOSFlagsProfiles.union([.freebsd])),
        flags("audit_flags_aa_configure", "AC502", stig: "001044", cis: "3.2", title: "Configure System to Audit All Authorization and Authentication Events",
              className: "aa", half: .both, pattern: .substring("aa"), profiles: macOSFlagsProfiles.union([.freebsd])),
        flags("audit_flags_ad_configure", "AC503", stig: "001001", cis: "3.2", title: "Configure System to Audit All Administrative Action Events",
              className: "ad", half: .both, pattern: .substring("ad"), profiles: macOSFlagsProfiles),
        flags("audit_flags_ex_configure", "AC504", stig: "001024", cis: "3.2", title: "Configure System to Audit All Failed Program Execution on the System",
              className: "ex", half: .failure, pattern: .substring("-ex"), profiles: macOSFlagsProfiles),
        flags("audit_flags_fd_configure", "AC505", stig: "001020", cis: nil, title: "Configure System to Audit All Deletions of Object Attributes",
              className: "fd", half: .failure, pattern: .substring("-fd"), profiles: nist80053.union([.cnssi1253, .stig])),
        // STIG only: `fm` on success and failure (mSCP `'^fm'`).
        flags("audit_flags_fm_configure", "AC506", stig: "001021", cis: nil, title: "Configure System to Audit All Changes of Object Attributes",
              className: "fm", half: .both, pattern: .prefix("fm"), profiles: [.cnssi1253, .stig]),
        // No STIG id: failed `fm` (mSCP `'\-fm'`).
        flags("audit_flags_fm_failed_configure", "AC507", stig: nil, cis: "3.2", title: "Configure System to Audit All Failed Change of Object Attributes",
              className: "fm", half: .failure, pattern: .substring("-fm"), profiles: nist80053.union([.cisL2, .nist800171, .cnssi1253])),
        flags("audit_flags_fr_configure", "AC508", stig: "001022", cis: "3.2", title: "Configure System to Audit All Failed Read Actions on the System",
              className: "fr", half: .failure, pattern: .substring("-fr"), profiles: macOSFlagsProfiles),
        flags("audit_flags_fw_configure", "AC509", stig: "001023", cis: "3.2", title: "Configure System to Audit All Failed Write Actions on the System",
              className: "fw", half: .failure, pattern: .substring("-fw"), profiles: macOSFlagsProfiles),
        // auditlint id (FreeBSD default `naflags:lo,aa`): non-attributable `lo`. No literal checker.
        Entry(id: "audit_naflags_lo_configure", ruleId: "AC514", profiles: [.freebsd]) { _, _ in
            ComplianceRequirement(
                id: "audit_naflags_lo_configure", ruleId: "AC514", stig: nil, cis: nil,
                title: "Configure System to Audit Non-Attributable Log In and Log Out Events",
                check: .naflags(className: "lo", half: .both), literalCheck: nil)
        },
        // `ahlt` without `cnt` (mSCP check `grep -Ec 'ahlt'` on the policy tokens). STIG 14/15
        // only; the macOS 26 STIG lists it as not applicable.
        Entry(id: "audit_failure_halt", ruleId: "AC510", profiles: nist80053.union([.nist800171, .cnssi1253, .stig])) { profile, o in
            let dropped = o.stigRelease == .macOS26
            let required = !(profile == .stig && dropped)
            return ComplianceRequirement(
                id: "audit_failure_halt", ruleId: "AC510", stig: dropped ? nil : stig("001010", o), cis: nil,
                title: "Configure System to Shut Down Upon Audit Failure",
                check: required ? .halt : .notRequired("the macOS 26 STIG (mSCP tahoe) no longer requires ahlt (disa_stig: N/A)"),
                literalCheck: required ? .tokenCount(key: "policy", pattern: .substring("ahlt")) : nil)
        },
        // auditlint id (FreeBSD handbook and audit_control(5) recommend `cnt`): `cnt`
        // without `ahlt`. No literal checker.
        Entry(id: "audit_failure_continue", ruleId: "AC513", profiles: [.freebsd]) { _, _ in
            ComplianceRequirement(
                id: "audit_failure_continue", ruleId: "AC513", stig: nil, cis: nil,
                title: "Configure System to Continue Upon Audit Failure (cnt)",
                check: .continueOnFailure, literalCheck: nil)
        },
        // The retention each baseline names (mSCP unanchored `awk -F: '/expire-after/{print $2}'`
        // compared with the ODV).
        Entry(id: "audit_retention_configure", ruleId: "AC511", profiles: Set(ComplianceProfile.allCases).subtracting([.freebsd])) { profile, o in
            let target: RetentionTarget = switch profile {
            case .cisL1, .cisL2: o.cisRelease.retention
            case .stig: RetentionTarget(age: 7 * 86_400, size: nil, text: "7d", source: "DISA STIG")
            default: RetentionTarget(age: 7 * 86_400, size: nil, text: "7d", source: "mSCP 800-53/800-171/CNSSI ODV")
            }
            return retention(target, o)
        },
        // `minfree` 25 (mSCP `awk -F: '/^minfree/{print $2}'` == `25`).
        Entry(id: "audit_configure_capacity_notify", ruleId: "AC512", profiles: [.nist80053High, .cnssi1253, .stig]) { _, o in
            ComplianceRequirement(
                id: "audit_configure_capacity_notify", ruleId: "AC512", stig: stig("001030", o), cis: nil,
                title: "Configure Audit Capacity Warning (minfree 25)",
                check: .minfree(atLeast: 25),
                literalCheck: .secondField(key: "minfree", anchored: true, expected: "25"))
        },
        // auditlint id (FreeBSD default `filesz:2M`, minimum 512K): trails rotate by size, so
        // expiry runs. No literal checker.
        Entry(id: "audit_filesz_configure", ruleId: "AC515", profiles: [.freebsd]) { _, _ in
            ComplianceRequirement(
                id: "audit_filesz_configure", ruleId: "AC515", stig: nil, cis: nil,
                title: "Configure Trail Rotation by Size (filesz at least 512K)",
                check: .rotation(minimumBytes: 512 << 10), literalCheck: nil)
        },
    ]

    /// The auditlint rule id for each requirement id, in rule id order. Ids are stable and
    /// never reused.
    public static var ruleIds: [(requirement: String, ruleId: String)] {
        entries.map { ($0.id, $0.ruleId) }.sorted { $0.1 < $1.1 }
    }

    /// The rule id for a requirement id, if known.
    public static func ruleId(for requirementId: String) -> String? {
        entry(requirementId)?.ruleId
    }

    /// The declaration of a requirement id, if known.
    public static func entry(_ requirementId: String) -> Entry? {
        entries.first { $0.id == requirementId }
    }

    /// The requirement with this id as an option asks for it explicitly (not through a
    /// profile), under `options`.
    public static func requirement(_ requirementId: String, _ options: ComplianceOptions) -> ComplianceRequirement? {
        entry(requirementId)?.requirement(for: nil, options)
    }

    /// The profiles whose flags requirements follow the mSCP macOS baselines.
    static let nist80053: Set<ComplianceProfile> = [.nist80053Low, .nist80053Moderate, .nist80053High]
    static let macOSFlagsProfiles: Set<ComplianceProfile> = nist80053.union([.cisL2, .nist800171, .cnssi1253, .stig])

    static func stig(_ suffix: String, _ options: ComplianceOptions) -> String {
        options.stigRelease.prefix + "-" + suffix
    }

    static func flags(
        _ id: String, _ ruleId: String, stig suffix: String?, cis: String?, title: String,
        className: String, half: AuditFlags.Half, pattern: LiteralCheck.TokenPattern, profiles: Set<ComplianceProfile>
    ) -> Entry {
        Entry(id: id, ruleId: ruleId, profiles: profiles) { _, options in
            ComplianceRequirement(
                id: id, ruleId: ruleId, stig: suffix.map { stig($0, options) }, cis: cis, title: title,
                check: .flags(className: className, half: half),
                literalCheck: .tokenCount(key: "flags", pattern: pattern))
        }
    }

    /// `audit_retention_configure` with the given target.
    public static func retention(_ target: RetentionTarget, _ o: ComplianceOptions) -> ComplianceRequirement {
        ComplianceRequirement(
            id: "audit_retention_configure", ruleId: "AC511", stig: stig("001029", o), cis: "3.4",
            title: "Configure Audit Retention to \(target.text)",
            check: .retention(target),
            literalCheck: .secondField(key: "expire-after", anchored: false, expected: target.text)
        )
    }
}
