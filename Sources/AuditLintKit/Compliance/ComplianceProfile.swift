/// A compliance profile (`--profile NAME`): the audit_control requirements of one
/// baseline, as mSCP `tahoe`/`sequoia` baselines list them, plus the FreeBSD handbook's
/// recommendations. Which requirements each profile has is declared on the requirements
/// (``ComplianceCatalog/entries``); `Docs/reference/compliance.md` lists them.
///
/// Only requirements decidable from audit_control are listed; those about the running
/// system (auditd enabled, file modes and owners, `audit_warn`, install.log) are not.
/// A requirement's literal check is its mSCP check whatever the profile (FreeBSD
/// included); requirements mSCP does not have carry none.
public enum ComplianceProfile: String, Sendable, Hashable, CaseIterable, Codable {
    case cisL1 = "cis-l1"
    case cisL2 = "cis-l2"
    case nist80053Low = "800-53-low"
    case nist80053Moderate = "800-53-moderate"
    case nist80053High = "800-53-high"
    case nist800171 = "800-171"
    case cnssi1253 = "cnssi-1253"
    case stig
    case freebsd

    /// The profile's name as `--profile` takes it.
    public var name: String { rawValue }

    /// A one-line description of the baseline.
    public var title: String {
        switch self {
        case .cisL1: "CIS Apple macOS Benchmark, Level 1"
        case .cisL2: "CIS Apple macOS Benchmark, Level 2"
        case .nist80053Low: "NIST SP 800-53 rev. 5 low (mSCP)"
        case .nist80053Moderate: "NIST SP 800-53 rev. 5 moderate (mSCP)"
        case .nist80053High: "NIST SP 800-53 rev. 5 high (mSCP)"
        case .nist800171: "NIST SP 800-171 rev. 3 (mSCP)"
        case .cnssi1253: "CNSSI-1253 (mSCP)"
        case .stig: "DISA STIG for Apple macOS"
        case .freebsd: "FreeBSD handbook and audit_control(5) recommendations"
        }
    }

    /// The profile's requirements under `options`, in report order: the
    /// ``ComplianceCatalog/entries`` that list this profile, then `--fm-requirement` and
    /// `--halt-policy` replace the requirements they choose between.
    public func requirements(_ options: ComplianceOptions = ComplianceOptions()) -> [ComplianceRequirement] {
        var list = ComplianceCatalog.entries.filter { $0.profiles.contains(self) }.map {
            $0.requirement(for: self, options)
        }
        if let mode = options.fmMode,
            let chosen = ComplianceCatalog.requirement(
                mode == .failures ? "audit_flags_fm_failed_configure" : "audit_flags_fm_configure", options)
        {
            list = Self.replacing(
                in: list, ids: ["audit_flags_fm_configure", "audit_flags_fm_failed_configure"], with: chosen)
        }
        if let halt = options.haltPolicy,
            let chosen = ComplianceCatalog.requirement(
                halt == .ahlt ? "audit_failure_halt" : "audit_failure_continue", options)
        {
            list = Self.replacing(in: list, ids: ["audit_failure_halt", "audit_failure_continue"], with: chosen)
        }
        return list
    }

    /// `list` with every requirement whose id is in `ids` replaced by one `replacement`
    /// at the first one's place; unchanged when none is there.
    private static func replacing(
        in list: [ComplianceRequirement], ids: Set<String>, with replacement: ComplianceRequirement
    ) -> [ComplianceRequirement] {
        guard let first = list.firstIndex(where: { ids.contains($0.id) }) else { return list }
        var result = list
        result[first] = replacement
        return result.enumerated().filter { $0.offset == first || !ids.contains($0.element.id) }.map(\.element)
    }

    /// Evaluates the profile on `input`.
    public func evaluate(_ input: ComplianceInput, options: ComplianceOptions = ComplianceOptions()) -> ComplianceReport
    {
        ComplianceReport(profile: self, results: requirements(options).map { $0.evaluate(input) })
    }
}
