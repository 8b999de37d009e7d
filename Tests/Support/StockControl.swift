import AuditLintKit

/// The settings of the audit_control each dialect ships, for tests that must run without
/// `../shared`.
///
/// These are the facts of the stock files (keys and values, in their order), without the
/// files' comments. `SharedDataTests` checks them against the shipped files when `../shared`
/// is present.
public enum StockControl {
    /// One `key:value` line a setting, each ending in a newline.
    public static func text(_ dialect: Dialect) -> String {
        settings(dialect).map { "\($0.key):\($0.value)\n" }.joined()
    }

    /// The stock settings of `dialect`, in the order the shipped file has them.
    public static func settings(_ dialect: Dialect) -> [(key: String, value: String)] {
        let distribution: [(key: String, value: String)] = dialect == .openbsm ? [("dist", "off")] : []
        return [("dir", "/var/audit")] + distribution + [
            ("flags", "lo,aa"), ("minfree", "5"), ("naflags", "lo,aa"), ("policy", "cnt,argv"),
            ("filesz", "2M"), ("expire-after", "10M"),
        ]
    }
}
