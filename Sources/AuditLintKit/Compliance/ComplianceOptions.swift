/// Choices where the benchmarks changed over time or disagree with each other
/// (Docs/reference/compliance.md#conflicts-between-baselines). Every option has a documented default.
public struct ComplianceOptions: Sendable, Hashable {
    /// Which CIS Apple macOS benchmark release sets the retention value (CIS 3.4).
    public enum CISRelease: String, Sendable, Hashable, CaseIterable, Codable {
        /// CIS macOS 11 and 12 benchmarks: `expire-after:60d OR 1G`.
        case macOS12 = "macos-12"
        /// CIS macOS 13, 14 up to v3.0.0, 15 up to v2.0.0 and 26 v1.0.0: `60d OR 5G`.
        case macOS15 = "macos-15-v2.0"
        /// CIS macOS 26 v1.1.0 (and 14 v3.1.0 / 15 v2.1.0 as Fleet applies them): at
        /// least 30 days, no size requirement (mSCP `tahoe` ODV `30d`).
        case macOS26 = "macos-26-v1.1"

        /// The benchmark releases this value covers, for reasons and reports.
        public var benchmark: String {
            switch self {
            case .macOS12: "CIS macOS 11/12"
            case .macOS15: "CIS macOS 13 to 15 v2.0.0"
            case .macOS26: "CIS macOS 26 v1.1.0"
            }
        }

        /// The retention the release asks for (its mSCP ODV).
        public var retention: RetentionTarget {
            switch self {
            case .macOS12: RetentionTarget(age: 60 * Self.day, size: 1 << 30, text: "60d OR 1G", source: benchmark)
            case .macOS15: RetentionTarget(age: 60 * Self.day, size: 5 << 30, text: "60d OR 5G", source: benchmark)
            case .macOS26: RetentionTarget(age: 30 * Self.day, size: nil, text: "30d", source: benchmark)
            }
        }

        private static let day: UInt64 = 86_400
    }

    /// Which DISA STIG for macOS names the requirements (the `APPL-NN-` prefix) and
    /// whether `ahlt` is required.
    public enum STIGRelease: String, Sendable, Hashable, CaseIterable, Codable {
        /// Apple macOS 14 STIG (V2R1): requires `ahlt` (APPL-14-001010).
        case macOS14 = "macos-14"
        /// Apple macOS 15 STIG (V1R3): requires `ahlt` (APPL-15-001010).
        case macOS15 = "macos-15"
        /// macOS 26 as mSCP `tahoe` maps it (no DISA XCCDF published yet): `ahlt` dropped.
        case macOS26 = "macos-26"

        /// The STIG id prefix, `APPL-15`.
        public var prefix: String {
            switch self {
            case .macOS14: "APPL-14"
            case .macOS15: "APPL-15"
            case .macOS26: "APPL-26"
            }
        }
    }

    /// Which `fm` requirement applies where STIG and the other baselines disagree.
    public enum FMMode: String, Sendable, Hashable, CaseIterable, Codable {
        /// `-fm`: failed attribute changes (800-53, 800-171, CIS;
        /// `audit_flags_fm_failed_configure`).
        case failures = "-fm"
        /// `fm`: successful and failed attribute changes (DISA STIG;
        /// `audit_flags_fm_configure`).
        case successAndFailures = "fm"
    }

    /// Which failure mode applies where NIST and FreeBSD/OpenBSM disagree.
    public enum HaltPolicy: String, Sendable, Hashable, CaseIterable, Codable {
        /// `ahlt` (with or without `cnt`): halt when records cannot be written (NIST, 800-171,
        /// CNSSI, STIG 14/15; `audit_failure_halt`).
        case ahlt
        /// `cnt` without `ahlt`: keep running, drop records (FreeBSD handbook, OpenBSM
        /// audit_control(5); `audit_failure_continue`).
        case cnt
    }

    /// The CIS release for retention. Default `.macOS26` (the newest, `30d`).
    public var cisRelease: CISRelease
    /// The STIG release for ids and the halt requirement. Default `.macOS15` (the newest
    /// DISA-published macOS STIG).
    public var stigRelease: STIGRelease
    /// Overrides the `fm` requirement of every profile that has one; nil keeps each
    /// profile's own (`-fm`; STIG `fm`; CNSSI-1253 both).
    public var fmMode: FMMode?
    /// Overrides the failure-mode requirement of every profile that has one (all but
    /// CIS); nil keeps each profile's own (`ahlt`; FreeBSD `cnt`; STIG 26 none).
    public var haltPolicy: HaltPolicy?

    public init(
        cisRelease: CISRelease = .macOS26,
        stigRelease: STIGRelease = .macOS15,
        fmMode: FMMode? = nil,
        haltPolicy: HaltPolicy? = nil
    ) {
        self.cisRelease = cisRelease
        self.stigRelease = stigRelease
        self.fmMode = fmMode
        self.haltPolicy = haltPolicy
    }
}

/// A retention requirement: trails must be kept at least as long as an `expire-after`
/// of `text` keeps them (a dominance test, not a string compare).
public struct RetentionTarget: Sendable, Hashable {
    /// The age the requirement keeps trails for, in seconds; nil when it has no age term.
    public var age: UInt64?
    /// The total size the requirement keeps, in bytes; nil when it has no size term.
    public var size: UInt64?
    /// The value as the benchmark writes it (the mSCP ODV), `60d OR 5G`.
    public var text: String
    /// Who asks for it, `CIS macOS 26 v1.1.0`.
    public var source: String

    public init(age: UInt64?, size: UInt64?, text: String, source: String) {
        self.age = age
        self.size = size
        self.text = text
        self.source = source
    }
}
