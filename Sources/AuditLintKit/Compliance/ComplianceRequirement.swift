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

extension ComplianceRequirement {
    /// A requirement whose ids its ``ComplianceCatalog/Entry`` fills in.
    init(stig: String?, cis: String?, title: String, check: Check, literalCheck: LiteralCheck?) {
        self.init(id: "", ruleId: "", stig: stig, cis: cis, title: title, check: check, literalCheck: literalCheck)
    }
}

/// Every requirement auditlint knows, each declared once (one ``Entry``): its ids, what it
/// checks, the literal check, the profiles that require it and its AC5xx description
/// (``ComplianceRules``). See `Docs/reference/compliance.md`.
///
/// A profile's requirements are the entries that list it, in the order of ``entries``
/// (``ComplianceProfile/requirements(_:)``).
public enum ComplianceCatalog {
    /// One requirement's declaration.
    public struct Entry: Sendable {
        /// The requirement id (mSCP id, or an auditlint id in the same style).
        public var id: String
        /// The profiles that require it.
        public var profiles: Set<ComplianceProfile>
        /// The description of the rule a failure is reported under (`AC508`), with its
        /// examples; its id is stable and never reused.
        public var description: RuleDescription
        /// The requirement for a profile (nil when an option asks for it explicitly, such
        /// as `--halt-policy ahlt`) under the options, without its ids.
        let make: @Sendable (ComplianceProfile?, ComplianceOptions) -> ComplianceRequirement

        init(
            id: String, profiles: Set<ComplianceProfile>, description: RuleDescription,
            make: @escaping @Sendable (ComplianceProfile?, ComplianceOptions) -> ComplianceRequirement
        ) {
            self.id = id
            self.profiles = profiles
            self.description = description
            self.make = make
        }

        /// The auditlint rule id a failure is reported under.
        public var ruleId: String { description.id }

        /// The requirement as `profile` (nil: an explicit option) requires it under `options`.
        public func requirement(for profile: ComplianceProfile?, _ options: ComplianceOptions) -> ComplianceRequirement
        {
            var requirement = make(profile, options)
            requirement.id = id
            requirement.ruleId = ruleId
            return requirement
        }
    }

    /// Every requirement, in report order: a profile reports its requirements in this order.
    public static let entries: [Entry] = flagsEntries + policyEntries + retentionEntries

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

    /// References shared by every compliance rule's description.
    static let commonReferences = [
        RuleReference.compliance("how-requirements-are-evaluated"), RuleReference.compliance("literal-checks"),
        RuleReference.compliance("what-literal-checks-miss"), RuleReference.compliance("profiles"),
    ]

    /// The text every rule's behaviour ends with: how the report compares with the literal check.
    static let literalNote =
        "The profile report also runs the mSCP/STIG literal check on the raw text and says so "
        + "explicitly when the file passes the literal check but not the real one, or the reverse."

    /// The mSCP 800-53 profiles.
    static let nist80053: Set<ComplianceProfile> = [.nist80053Low, .nist80053Moderate, .nist80053High]
    /// The profiles that follow the mSCP macOS flags rules.
    static let macOSFlagsProfiles: Set<ComplianceProfile> = nist80053.union([.cisL2, .nist800171, .cnssi1253, .stig])

    static func stig(_ suffix: String, _ options: ComplianceOptions) -> String {
        options.stigRelease.prefix + "-" + suffix
    }

    /// A flags requirement (mSCP `audit_flags_*_configure`): its literal check counts the
    /// `flags` tokens that match `pattern`.
    static func flags(
        _ id: String, stig suffix: String?, cis: String?, title: String,
        className: String, half: AuditFlags.Half, pattern: LiteralCheck.TokenPattern, profiles: Set<ComplianceProfile>,
        description: RuleDescription
    ) -> Entry {
        Entry(id: id, profiles: profiles, description: description) { _, options in
            ComplianceRequirement(
                stig: suffix.map { stig($0, options) }, cis: cis, title: title,
                check: .flags(className: className, half: half),
                literalCheck: .tokenCount(key: "flags", pattern: pattern))
        }
    }
}
