import Foundation

/// The tables and configuration an estimate evaluates candidates with: an audit_control
/// (optional), the class and event tables that map event numbers to classes, and the
/// per-user masks (audit_user with a uid → name map) when given.
public struct EstimateSetup: Sendable {
    /// The parsed audit_control, when one was given.
    public var control: AuditControl?
    public var classes: AuditClassTable
    public var events: AuditEventTable
    public var dialect: Dialect
    /// The audit_user table, when one was given or found beside the audit_control.
    public var users: AuditUserTable?
    /// Audit user id → login name, for applying `users` (empty without `--user-map`).
    public var userNames: [UInt32: String] = [:]
    /// Where the tables came from, for the report's notes.
    public var notes: [String]

    public init(
        control: AuditControl?, classes: AuditClassTable, events: AuditEventTable, dialect: Dialect,
        notes: [String] = []
    ) {
        self.control = control
        self.classes = classes
        self.events = events
        self.dialect = dialect
        self.notes = notes
    }

    /// Loads the tables as auditd would find them.
    ///
    /// - Parameters:
    ///   - controlPath: an audit_control; the audit_class and audit_event beside it are used
    ///     when present.
    ///   - eventsPath: an audit_event to use instead (`--events`).
    ///   - usersPath: an audit_user to use instead of the one beside `controlPath` (`--users`).
    ///   - userMapPath: a uid → login name map (``UserMap``) for applying audit_user.
    ///   - dialect: whose libbsm to model and whose built-in tables stand in for absent files.
    /// - Throws: ``AuditLintError`` when a named file is missing or unreadable.
    public static func load(
        controlPath: String?, eventsPath: String?, usersPath: String? = nil, userMapPath: String? = nil,
        dialect: Dialect
    ) throws -> EstimateSetup {
        var notes: [String] = []
        let directory = controlPath.map {
            PathName.directory(holding: PathContext.absolute($0, from: FileManager.default.currentDirectoryPath))
        }
        func beside(_ name: String) -> String? {
            guard let directory else { return nil }
            let path = directory + "/" + name
            return FileManager.default.isReadableFile(atPath: path) ? path : nil
        }
        let classes: AuditClassTable
        if let path = beside(ConfigurationLoader.FileName.classes) {
            classes = AuditClassTable.parse(try SourceText.read(path: path), dialect: dialect)
            notes.append("classes: \(path)")
        } else {
            classes = AuditClassTable.builtIn(dialect)
        }
        let events: AuditEventTable
        if let path = eventsPath ?? beside(ConfigurationLoader.FileName.events) {
            events = AuditEventTable.parse(try SourceText.read(path: path), classes: classes)
            notes.append("events: \(path)")
        } else {
            events = AuditEventTable.builtIn(dialect)
            notes.append("events: the built-in \(dialect.rawValue) audit_event")
        }
        let control = try controlPath.map {
            AuditControl.parse(try SourceText.read(path: $0), dialect: dialect, classes: classes)
        }
        var setup = EstimateSetup(control: control, classes: classes, events: events, dialect: dialect, notes: notes)
        if let path = usersPath ?? beside(ConfigurationLoader.FileName.users) {
            setup.users = AuditUserTable.parse(try SourceText.read(path: path), classes: classes)
            setup.notes.append("users: \(path)")
        }
        if let userMapPath {
            setup.userNames = try UserMap.read(path: userMapPath).names
            setup.notes.append("user map: \(userMapPath)")
        }
        return setup
    }

    /// The stock audit_control's candidate values: flags and naflags `lo,aa`, policy `cnt,argv`.
    public var stockControl: AuditControl {
        AuditControl.parse(
            SourceText(path: "stock audit_control", text: "flags:lo,aa\nnaflags:lo,aa\npolicy:cnt,argv\n"),
            dialect: dialect, classes: classes)
    }

    /// The candidate `path` (an audit_control) puts in force, with these tables.
    public func candidate(controlAt path: String) throws -> EstimateCandidate {
        let source = try SourceText.read(path: path)
        if source.bytes.contains(0) {
            throw AuditLintError.invalidInput(
                "\(path): not an audit_control (it holds binary data); give trails before --compare, or as --compare FILE --compare FILE"
            )
        }
        let control = AuditControl.parse(source, dialect: dialect, classes: classes)
        return EstimateCandidate(label: path, control: control, classes: classes, dialect: dialect)
    }

    /// One candidate per class that `base`'s flags do not fully select: `base` plus that
    /// class (success and failure). Classes with mask 0 (`no`) or every bit (`all`) are left out.
    public func additions(to base: EstimateCandidate) -> [EstimateCandidate] {
        guard let mask = base.flagsMask else { return [] }
        var seen = Set<UInt32>()
        return classes.classes.compactMap { auditClass in
            guard auditClass.mask != 0, auditClass.mask != .max, seen.insert(auditClass.mask).inserted,
                mask.success & auditClass.mask != auditClass.mask || mask.failure & auditClass.mask != auditClass.mask
            else { return nil }
            return base.adding(class: auditClass.name, classes: classes)
        }
    }

    /// An estimator over these tables.
    public func estimator(topCount: Int = 10) -> Estimator {
        Estimator(events: events, classes: classes, topCount: topCount, users: users, userNames: userNames)
    }
}
