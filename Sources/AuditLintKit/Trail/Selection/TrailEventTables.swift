/// The event and class tables `decode` and `commands` read trails with: an audit_event file
/// (given, or the host's) with the audit_class beside it, else a dialect's built-in tables.
///
/// Text and XML output name events only from a file, as praudit does (``prauditNames``);
/// JSON and record selection use the built-in tables when there is no file (``names``,
/// ``events``).
public struct TrailEventTables: Sendable {
    /// The audit_event file read, nil when none was given or found.
    public var file: AuditEventTable?
    /// The events: the file's, else the built-in table's.
    public var events: AuditEventTable
    /// The classes the flags of `--class` and the events' class lists are read with.
    public var classes: AuditClassTable
    /// The dialect whose built-in tables stand in for missing files.
    public var dialect: Dialect

    /// The built-in tables of `dialect` (no file).
    public init(dialect: Dialect) {
        self.file = nil
        self.events = .builtIn(dialect)
        self.classes = .builtIn(dialect)
        self.dialect = dialect
    }

    /// An audit_event file read with `classes`.
    public init(file: AuditEventTable, classes: AuditClassTable, dialect: Dialect) {
        self.file = file
        self.events = file
        self.classes = classes
        self.dialect = dialect
    }

    /// Event names as praudit finds them: from the file, none without one.
    public var prauditNames: BSMEventTable { file.map(BSMEventTable.init) ?? BSMEventTable() }

    /// Event names from the file, else from the built-in table.
    public var names: BSMEventTable { BSMEventTable(events) }

    /// Where the events come from, for messages.
    public var source: String {
        file.map { $0.path ?? "the audit_event file" } ?? "the built-in \(dialect.rawValue) audit_event table"
    }
}
