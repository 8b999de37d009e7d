import AuditLintKit

/// What the table rules need to know about one of audit_class, audit_event and
/// audit_user, when the linted directory has that file (built-in tables are never linted).
struct TableFileFacts {
    enum Kind {
        case classes, events, users
    }

    var kind: Kind
    var source: SourceText
    var stop: TableStop?
    var lineFacts: TableLineFacts
    /// The entries libbsm sees.
    var visibleCount: Int
    /// The names of the entries after the stop that would parse on their own.
    var hiddenNames: [String]

    /// `audit_class`, `audit_event` or `audit_user`.
    var fileName: String {
        switch kind {
        case .classes: "audit_class"
        case .events: "audit_event"
        case .users: "audit_user"
        }
    }

    /// What the file's entries are called.
    func noun(_ count: Int) -> String {
        switch kind {
        case .classes: count == 1 ? "class" : "classes"
        case .events: count == 1 ? "event" : "events"
        case .users: count == 1 ? "user entry" : "user entries"
        }
    }

    /// What happens to entries libbsm never reads.
    var hiddenConsequence: String {
        switch kind {
        case .classes:
            "flags, naflags and audit_user masks naming them are rejected and events in them get class 0"
        case .events:
            "auditd never loads their class mappings, so they are not preselected as the file says (only praudit's name lookup, which skips bad lines, still finds them)"
        case .users:
            "those users silently get plain `flags` at login"
        }
    }

    /// "libbsm stops reading audit_class here: the 14 data lines after it (fd, cl, pc, fr,
    /// fw and 9 more) are invisible to auditd and every other reader; …"
    func truncationMessage(_ stop: TableStop) -> String {
        let lines = stop.hiddenLines.count
        guard lines > 0 else {
            return
                "libbsm stops reading \(fileName) here; nothing follows, so nothing is lost yet, but any \(noun(2)) added after it will be invisible"
        }
        var lost = "the \(lines) data line\(lines == 1 ? "" : "s") after it"
        if !hiddenNames.isEmpty {
            lost += " (\(hiddenNames.count) \(noun(hiddenNames.count)): \(Self.list(hiddenNames)))"
        }
        let readers = kind == .events ? "auditd" : "auditd and every other reader"
        return
            "libbsm stops reading \(fileName) here: \(lost) \(lines == 1 ? "is" : "are") invisible to \(readers); \(hiddenConsequence)"
    }

    /// Up to five names, then how many more.
    static func list(_ names: [String]) -> String {
        let shown = names.prefix(5).map { "`\($0)`" }.joined(separator: ", ")
        return names.count > 5 ? "\(shown) and \(names.count - 5) more" : shown
    }
}

extension LintContext {
    /// The table files the linted directory has, audit_class first.
    var tableFiles: [TableFileFacts] {
        var files: [TableFileFacts] = []
        if let source = classesSource {
            files.append(
                TableFileFacts(
                    kind: .classes, source: source, stop: classes.stop, lineFacts: classes.lineFacts,
                    visibleCount: classes.classes.count, hiddenNames: classes.hiddenClasses.map(\.name)))
        }
        if let source = eventsSource {
            files.append(
                TableFileFacts(
                    kind: .events, source: source, stop: events.stop, lineFacts: events.lineFacts,
                    visibleCount: events.events.count, hiddenNames: events.hiddenEvents.map(\.name)))
        }
        if let source = usersSource, let users {
            files.append(
                TableFileFacts(
                    kind: .users, source: source, stop: users.stop, lineFacts: users.lineFacts,
                    visibleCount: users.users.count, hiddenNames: users.hiddenUsers.map(\.name)))
        }
        return files
    }
}

/// References shared by the table rules.
enum TableReferences {
    static let common = Doc.tables("how-the-tables-are-read")
    static let classes = Doc.tables("audit_class")
    static let events = Doc.tables("audit_event")
    static let users = Doc.tables("audit_user")
    static let flags = Doc.auditControl("audit-flags-grammar")
    static let timing = Doc.kernel("when-settings-take-effect")
}
