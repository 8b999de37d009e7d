/// The parsed audit_control file. (Being written on the `control` branch; this
/// declaration only lets the lint layer compile until it lands.)
public struct AuditControl: Sendable, Hashable {
    public init() {}

    /// Parses audit_control exactly as libbsm reads it (never throws: every problem is data).
    public static func parse(_ source: SourceText, dialect: Dialect, classes: AuditClassTable) -> AuditControl {
        AuditControl()
    }
}
