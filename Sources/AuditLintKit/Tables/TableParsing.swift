// (Being written on the `tables` branch; these declarations only let the lint layer
// compile until it lands.)

extension AuditClassTable {
    /// Parses an audit_class file as libbsm reads it.
    public static func parse(_ source: SourceText, dialect: Dialect) -> AuditClassTable {
        AuditClassTable(classes: [], path: source.path)
    }

    /// The dialect's default audit_class, embedded in the binary.
    public static func builtIn(_ dialect: Dialect) -> AuditClassTable {
        AuditClassTable(classes: [])
    }
}

extension AuditEventTable {
    /// Parses an audit_event file as libbsm reads it.
    public static func parse(_ source: SourceText, classes: AuditClassTable) -> AuditEventTable {
        AuditEventTable(events: [], path: source.path)
    }

    /// The dialect's default audit_event, embedded in the binary.
    public static func builtIn(_ dialect: Dialect) -> AuditEventTable {
        AuditEventTable(events: [])
    }
}

extension AuditUserTable {
    /// Parses an audit_user file as libbsm reads it.
    public static func parse(_ source: SourceText, classes: AuditClassTable) -> AuditUserTable {
        AuditUserTable(users: [], path: source.path)
    }
}
