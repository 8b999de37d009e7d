/// A compliance profile (`--profile NAME`): the audit_control requirements of one
/// baseline, as mSCP `tahoe`/`sequoia` baselines list them (`compliance.md` §2.4), plus
/// the FreeBSD handbook's recommendations (§5).
///
/// Only requirements decidable from audit_control are listed; those about the running
/// system (auditd enabled, file modes and owners, `audit_warn`, install.log) are not.
/// A requirement's literal check is its mSCP check whatever the profile (FreeBSD
/// included); requirements mSCP does not have carry none.
///
/// | Profile | Requirements |
/// |---|---|
/// | `cis-l1` | retention (CIS release) |
/// | `cis-l2` | lo, aa, ad, -ex, -fm, -fr, -fw, retention (CIS release) |
/// | `800-53-low`, `800-53-moderate` | lo, aa, ad, -ex, -fd, -fm, -fr, -fw, ahlt, retention 7d |
/// | `800-53-high` | the same plus minfree 25 |
/// | `800-171` | lo, aa, ad, -ex, -fm, -fr, -fw, ahlt, retention 7d |
/// | `cnssi-1253` | lo, aa, ad, -ex, -fd, fm, -fm, -fr, -fw, ahlt, retention 7d, minfree 25 |
/// | `stig` | lo, aa, ad, -ex, -fd, fm, -fr, -fw, ahlt (not applicable for macOS 26), retention 7d, minfree 25 |
/// | `freebsd` | lo, aa, naflags lo, cnt, filesz ≥ 512K |
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

    /// The profile's requirements under `options`, in report order.
    public func requirements(_ options: ComplianceOptions = ComplianceOptions()) -> [ComplianceRequirement] {
        typealias C = ComplianceCatalog
        let o = options
        let stigRetention = RetentionTarget(age: 7 * 86_400, size: nil, text: "7d", source: "DISA STIG")
        let nistRetention = RetentionTarget(age: 7 * 86_400, size: nil, text: "7d", source: "mSCP 800-53/800-171/CNSSI ODV")
        let cisFlags = [C.flagsLo(o), C.flagsAa(o), C.flagsAd(o), C.flagsEx(o), C.flagsFmFailed(o), C.flagsFr(o), C.flagsFw(o)]
        let nistFlags = [C.flagsLo(o), C.flagsAa(o), C.flagsAd(o), C.flagsEx(o), C.flagsFd(o), C.flagsFmFailed(o), C.flagsFr(o), C.flagsFw(o)]
        var list: [ComplianceRequirement]
        switch self {
        case .cisL1:
            list = [C.retention(o.cisRelease.retention, o)]
        case .cisL2:
            list = cisFlags + [C.retention(o.cisRelease.retention, o)]
        case .nist80053Low, .nist80053Moderate:
            list = nistFlags + [C.failureHalt(o), C.retention(nistRetention, o)]
        case .nist80053High:
            list = nistFlags + [C.failureHalt(o), C.retention(nistRetention, o), C.capacityNotify(o)]
        case .nist800171:
            list = cisFlags + [C.failureHalt(o), C.retention(nistRetention, o)]
        case .cnssi1253:
            list = [C.flagsLo(o), C.flagsAa(o), C.flagsAd(o), C.flagsEx(o), C.flagsFd(o), C.flagsFm(o), C.flagsFmFailed(o),
                    C.flagsFr(o), C.flagsFw(o), C.failureHalt(o), C.retention(nistRetention, o), C.capacityNotify(o)]
        case .stig:
            list = [C.flagsLo(o), C.flagsAa(o), C.flagsAd(o), C.flagsEx(o), C.flagsFd(o), C.flagsFm(o), C.flagsFr(o), C.flagsFw(o),
                    C.failureHalt(o, required: o.stigRelease != .macOS26), C.retention(stigRetention, o), C.capacityNotify(o)]
        case .freebsd:
            list = [C.flagsLo(o), C.flagsAa(o), C.naflagsLo(o), C.failureContinue(o), C.filesz(o)]
        }
        if let mode = options.fmMode {
            list = Self.replacing(in: list, ids: ["audit_flags_fm_configure", "audit_flags_fm_failed_configure"],
                                  with: mode == .failures ? C.flagsFmFailed(o) : C.flagsFm(o))
        }
        if let halt = options.haltPolicy {
            list = Self.replacing(in: list, ids: ["audit_failure_halt", "audit_failure_continue"],
                                  with: halt == .ahlt ? C.failureHalt(o) : C.failureContinue(o))
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
    public func evaluate(_ input: ComplianceInput, options: ComplianceOptions = ComplianceOptions()) -> ComplianceReport {
        ComplianceReport(profile: self, results: requirements(options).map { $0.evaluate(input) })
    }
}
