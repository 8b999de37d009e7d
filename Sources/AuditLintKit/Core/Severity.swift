/// How serious a finding is; ordered `note < warning < error`.
///
/// The names match SARIF's `level` values.
public enum Severity: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// Worth knowing; nothing is misread.
    case note
    /// auditd will do something other than what the file seems to say, or a risk.
    case warning
    /// auditd rejects or ignores the setting, or will not start.
    case error

    private var rank: Int {
        switch self {
        case .note: 0
        case .warning: 1
        case .error: 2
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}
