/// The parsed audit_control file. (Being written on the `control` branch; this
/// declaration only lets the lint layer compile until it lands.)
public struct AuditControl: Sendable, Hashable {
    public init() {}
}
