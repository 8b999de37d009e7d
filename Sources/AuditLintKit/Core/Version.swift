/// The tool's identity, as reported in JSON and SARIF output.
public enum AuditLintTool {
    /// The tool's name.
    public static let name = "auditlint"
    /// The tool's version (semantic versioning).
    public static let version = "0.1.0"
}
