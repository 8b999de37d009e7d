import Foundation

/// Loading a configuration into the context the rules read (the loader itself, in
/// Configuration/, knows nothing of linting).
extension ConfigurationLoader {
    /// Loads the configuration whose audit_control is at `controlPath`, with the sibling
    /// table files when present; `tables` shares parsed tables between the configurations
    /// a caller loads (a run over a fleet), nil parses every table file on its own.
    ///
    /// - Throws: an I/O ``AuditLintError`` when a file exists but cannot be read.
    public func load(controlPath: String, tables: TableCache? = nil) throws -> LintContext {
        let directory = PathName.directory(holding: controlPath)
        func sibling(_ name: String) throws -> SourceText? {
            try SourceText.readIfPresent(path: PathName.join(directory, name))
        }
        return Self.context(
            control: try SourceText.read(path: controlPath),
            classes: try sibling(FileName.classes),
            events: try sibling(FileName.events),
            users: try sibling(FileName.users),
            dialect: dialect,
            tables: tables
        )
    }

    /// Builds the context from texts already in memory (used by `load`, by rule
    /// examples and by tests); `tables` shares parsed tables with other configurations.
    public static func context(
        control: SourceText,
        classes: SourceText? = nil,
        events: SourceText? = nil,
        users: SourceText? = nil,
        dialect: Dialect,
        tables: TableCache? = nil
    ) -> LintContext {
        let classTable = classes.map { AuditClassTable.parse($0, dialect: dialect) } ?? .builtIn(dialect)
        let eventTable =
            events.map { events in
                tables?.events(events, classes: classTable, classesSource: classes, dialect: dialect)
                    ?? AuditEventTable.parse(events, classes: classTable)
            } ?? .builtIn(dialect)
        let userTable = users.map { AuditUserTable.parse($0, classes: classTable) }
        return LintContext(
            dialect: dialect,
            controlSource: control,
            control: AuditControl.parse(control, dialect: dialect, classes: classTable),
            classesSource: classes,
            classes: classTable,
            eventsSource: events,
            events: eventTable,
            usersSource: users,
            users: userTable
        )
    }
}
