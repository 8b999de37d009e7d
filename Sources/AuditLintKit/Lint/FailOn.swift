/// The least severity that makes `auditlint lint` exit 1 (`--fail-on`, `failOn`).
///
/// Independent of what is displayed: every finding is reported, only the exit status
/// depends on this threshold.
public enum FailOn: String, Sendable, Hashable, CaseIterable {
    /// Fail on errors only (the default).
    case error
    /// Fail on warnings and errors.
    case warning
    /// Fail on any finding.
    case note
    /// Never fail because of findings (exit 0; usage and I/O errors still exit 2 and 3).
    case never

    /// Whether a finding of `severity` reaches this threshold.
    public func isReached(by severity: Severity) -> Bool {
        switch self {
        case .error: severity >= .error
        case .warning: severity >= .warning
        case .note: true
        case .never: false
        }
    }

    /// The exit status for a run: 1 when an unsuppressed finding reaches the threshold, else 0.
    public func exitStatus(for findings: [ReportedFinding]) -> Int32 {
        findings.contains { !$0.isSuppressed && isReached(by: $0.finding.severity) } ? 1 : 0
    }
}
