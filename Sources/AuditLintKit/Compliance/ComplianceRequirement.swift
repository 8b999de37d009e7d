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
        /// The kernel policy has `ahlt` (halt when records cannot be written: a failed trail
        /// write panics, with or without `cnt`).
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

/// Every requirement auditlint knows, built for a set of options (the STIG prefix and
/// the retention value depend on them). Sources: `compliance.md` §2.2–§2.4, §3, §4, §5.
public enum ComplianceCatalog {
    /// The auditlint rule id for each requirement id (mSCP id or auditlint id), in rule
    /// id order. Ids are stable and never reused.
    public static let ruleIds: [(requirement: String, ruleId: String)] = [
        ("audit_flags_lo_configure", "AC501"),
        ("audit_flags_aa_configure", "AC502"),
        ("audit_flags_ad_configure", "AC503"),
        ("audit_flags_ex_configure", "AC504"),
        ("audit_flags_fd_configure", "AC505"),
        ("audit_flags_fm_configure", "AC506"),
        ("audit_flags_fm_failed_configure", "AC507"),
        ("audit_flags_fr_configure", "AC508"),
        ("audit_flags_fw_configure", "AC509"),
        ("audit_failure_halt", "AC510"),
        ("audit_retention_configure", "AC511"),
        ("audit_configure_capacity_notify", "AC512"),
        ("audit_failure_continue", "AC513"),
        ("audit_naflags_lo_configure", "AC514"),
        ("audit_filesz_configure", "AC515"),
    ]

    /// The rule id for a requirement id, if known.
    public static func ruleId(for requirementId: String) -> String? {
        ruleIds.first { $0.requirement == requirementId }?.ruleId
    }

    static func stig(_ suffix: String, _ options: ComplianceOptions) -> String {
        options.stigRelease.prefix + "-" + suffix
    }

    static func flags(
        _ id: String, stig suffix: String?, cis: String?, title: String,
        className: String, half: AuditFlags.Half, pattern: LiteralCheck.TokenPattern,
        _ options: ComplianceOptions
    ) -> ComplianceRequirement {
        ComplianceRequirement(
            id: id, ruleId: ruleId(for: id) ?? "", stig: suffix.map { stig($0, options) }, cis: cis, title: title,
            check: .flags(className: className, half: half),
            literalCheck: .tokenCount(key: "flags", pattern: pattern)
        )
    }

    /// `audit_flags_lo_configure`: `lo` on success and failure (mSCP `'^lo'`).
    public static func flagsLo(_ o: ComplianceOptions) -> ComplianceRequirement {
        flags("audit_flags_lo_configure", stig: "001002", cis: "3.2", title: "Configure System to Audit All Log In and Log Out Events",
              className: "lo", half: .both, pattern: .prefix("lo"), o)
    }

    /// `audit_flags_aa_configure`: `aa` on success and failure (mSCP `'aa'`).
    public static func flagsAa(_ o: ComplianceOptions) -> ComplianceRequirement {
        flags("audit_flags_aa_configure", stig: "001044", cis: "3.2", title: "Configure System to Audit All Authorization and Authentication Events",
              className: "aa", half: .both, pattern: .substring("aa"), o)
    }

    /// `audit_flags_ad_configure`: `ad` on success and failure (mSCP `'ad'`).
    public static func flagsAd(_ o: ComplianceOptions) -> ComplianceRequirement {
        flags("audit_flags_ad_configure", stig: "001001", cis: "3.2", title: "Configure System to Audit All Administrative Action Events",
              className: "ad", half: .both, pattern: .substring("ad"), o)
    }

    /// `audit_flags_ex_configure`: failed `ex` (mSCP `'\-ex'`).
    public static func flagsEx(_ o: ComplianceOptions) -> ComplianceRequirement {
        flags("audit_flags_ex_configure", stig: "001024", cis: "3.2", title: "Configure System to Audit All Failed Program Execution on the System",
              className: "ex", half: .failure, pattern: .substring("-ex"), o)
    }

    /// `audit_flags_fd_configure`: failed `fd` (mSCP `'\-fd'`).
    public static func flagsFd(_ o: ComplianceOptions) -> ComplianceRequirement {
        flags("audit_flags_fd_configure", stig: "001020", cis: nil, title: "Configure System to Audit All Deletions of Object Attributes",
              className: "fd", half: .failure, pattern: .substring("-fd"), o)
    }

    /// `audit_flags_fm_configure` (STIG only): `fm` on success and failure (mSCP `'^fm'`).
    public static func flagsFm(_ o: ComplianceOptions) -> ComplianceRequirement {
        flags("audit_flags_fm_configure", stig: "001021", cis: nil, title: "Configure System to Audit All Changes of Object Attributes",
              className: "fm", half: .both, pattern: .prefix("fm"), o)
    }

    /// `audit_flags_fm_failed_configure`: failed `fm` (mSCP `'\-fm'`); no STIG id.
    public static func flagsFmFailed(_ o: ComplianceOptions) -> ComplianceRequirement {
        flags("audit_flags_fm_failed_configure", stig: nil, cis: "3.2", title: "Configure System to Audit All Failed Change of Object Attributes",
              className: "fm", half: .failure, pattern: .substring("-fm"), o)
    }

    /// `audit_flags_fr_configure`: failed `fr` (mSCP `'\-fr'`).
    public static func flagsFr(_ o: ComplianceOptions) -> ComplianceRequirement {
        flags("audit_flags_fr_configure", stig: "001022", cis: "3.2", title: "Configure System to Audit All Failed Read Actions on the System",
              className: "fr", half: .failure, pattern: .substring("-fr"), o)
    }

    /// `audit_flags_fw_configure`: failed `fw` (mSCP `'\-fw'`).
    public static func flagsFw(_ o: ComplianceOptions) -> ComplianceRequirement {
        flags("audit_flags_fw_configure", stig: "001023", cis: "3.2", title: "Configure System to Audit All Failed Write Actions on the System",
              className: "fw", half: .failure, pattern: .substring("-fw"), o)
    }

    /// `audit_failure_halt`: `ahlt` in the kernel policy (mSCP check `grep -Ec 'ahlt'` on the
    /// policy tokens). STIG 14/15 only; with STIG 26 in `stig` it is not applicable.
    public static func failureHalt(_ o: ComplianceOptions, required: Bool = true) -> ComplianceRequirement {
        let dropped = o.stigRelease == .macOS26
        return ComplianceRequirement(
            id: "audit_failure_halt", ruleId: "AC510", stig: dropped ? nil : stig("001010", o), cis: nil,
            title: "Configure System to Shut Down Upon Audit Failure",
            check: required ? .halt : .notRequired("the macOS 26 STIG (mSCP tahoe) no longer requires ahlt (disa_stig: N/A)"),
            literalCheck: required ? .tokenCount(key: "policy", pattern: .substring("ahlt")) : nil
        )
    }

    /// `audit_failure_continue` (auditlint id; FreeBSD handbook and audit_control(5)
    /// recommend `cnt`): `cnt` without `ahlt`. No literal checker.
    public static func failureContinue(_ o: ComplianceOptions) -> ComplianceRequirement {
        ComplianceRequirement(
            id: "audit_failure_continue", ruleId: "AC513", stig: nil, cis: nil,
            title: "Configure System to Continue Upon Audit Failure (cnt)",
            check: .continueOnFailure, literalCheck: nil
        )
    }

    /// `audit_retention_configure` with the given target (mSCP unanchored
    /// `awk -F: '/expire-after/{print $2}'` compared with the ODV).
    public static func retention(_ target: RetentionTarget, _ o: ComplianceOptions) -> ComplianceRequirement {
        ComplianceRequirement(
            id: "audit_retention_configure", ruleId: "AC511", stig: stig("001029", o), cis: "3.4",
            title: "Configure Audit Retention to \(target.text)",
            check: .retention(target),
            literalCheck: .secondField(key: "expire-after", anchored: false, expected: target.text)
        )
    }

    /// `audit_configure_capacity_notify`: `minfree` 25 (mSCP `awk -F: '/^minfree/{print $2}'` == `25`).
    public static func capacityNotify(_ o: ComplianceOptions) -> ComplianceRequirement {
        ComplianceRequirement(
            id: "audit_configure_capacity_notify", ruleId: "AC512", stig: stig("001030", o), cis: nil,
            title: "Configure Audit Capacity Warning (minfree 25)",
            check: .minfree(atLeast: 25),
            literalCheck: .secondField(key: "minfree", anchored: true, expected: "25")
        )
    }

    /// `audit_naflags_lo_configure` (auditlint id; FreeBSD default `naflags:lo,aa`):
    /// non-attributable `lo` on success and failure. No literal checker.
    public static func naflagsLo(_ o: ComplianceOptions) -> ComplianceRequirement {
        ComplianceRequirement(
            id: "audit_naflags_lo_configure", ruleId: "AC514", stig: nil, cis: nil,
            title: "Configure System to Audit Non-Attributable Log In and Log Out Events",
            check: .naflags(className: "lo", half: .both), literalCheck: nil
        )
    }

    /// `audit_filesz_configure` (auditlint id; FreeBSD default `filesz:2M`, minimum
    /// 512K): trails rotate by size, so expiry runs. No literal checker.
    public static func filesz(_ o: ComplianceOptions) -> ComplianceRequirement {
        ComplianceRequirement(
            id: "audit_filesz_configure", ruleId: "AC515", stig: nil, cis: nil,
            title: "Configure Trail Rotation by Size (filesz at least 512K)",
            check: .rotation(minimumBytes: 512 << 10), literalCheck: nil
        )
    }
}
