import AuditLintKit

/// The 20 default audit classes (names and masks as both stock audit_class files define them,
/// see Docs/reference/tables.md), for tests that must not depend on the built-in tables.
public enum TestClasses {
    public static let table = AuditClassTable(
        classes: [
            ("no", 0x0000_0000), ("fr", 0x0000_0001), ("fw", 0x0000_0002), ("fa", 0x0000_0004),
            ("fm", 0x0000_0008), ("fc", 0x0000_0010), ("fd", 0x0000_0020), ("cl", 0x0000_0040),
            ("pc", 0x0000_0080), ("nt", 0x0000_0100), ("ip", 0x0000_0200), ("na", 0x0000_0400),
            ("ad", 0x0000_0800), ("lo", 0x0000_1000), ("aa", 0x0000_2000), ("ap", 0x0000_4000),
            ("io", 0x2000_0000), ("ex", 0x4000_0000), ("ot", 0x8000_0000), ("all", 0xFFFF_FFFF),
        ].map { AuditClass(name: $0.0, mask: $0.1, description: $0.0) })
}
