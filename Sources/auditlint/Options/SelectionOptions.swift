import ArgumentParser
import AuditLintKit
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A value type of the library parsed by its `init(parsing:)`, whose errors say why a value
/// is refused; `parse` is the option's `transform`.
public protocol ParsedByInitializer: ExpressibleByArgument {
    init(parsing text: String) throws(OptionValueError)
}

extension ParsedByInitializer {
    public init?(argument: String) {
        guard let value = try? Self(parsing: argument) else { return nil }
        self = value
    }

    static func parse(_ text: String) throws -> Self { try Self(parsing: text) }
}

extension SelectionTime: ParsedByInitializer {}
extension SelectionDay: ParsedByInitializer {}
extension IdentitySelector: ParsedByInitializer {}
extension EventSelector: ParsedByInitializer {}
extension ObjectSelector: ParsedByInitializer {}

/// A process id for `--pid`: 0 to 4294967295.
enum ProcessID {
    static func parse(_ text: String) throws -> UInt32 {
        UInt32(try BoundedInteger.parse(text, in: 0...Int(UInt32.max)))
    }
}

/// `--events`, `--dialect`: the event table that names events and puts them in classes.
struct EventTableOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "An audit_event file to name and class events (default: /etc/security/audit_event if present, else the built-in table of --dialect; text and XML print numbers without a file, as praudit does).",
            valueName: "file"))
    var events: String?

    @OptionGroup var dialect: DialectOption

    /// The tables: the given or found file (with the audit_class beside it, if any), else the
    /// dialect's built-in ones.
    func load() throws -> TrailEventTables {
        let candidate = events ?? "/etc/security/audit_event"
        let dialect = dialect.resolved()
        guard events != nil || FileManager.default.isReadableFile(atPath: candidate) else {
            return TrailEventTables(dialect: dialect)
        }
        let directory = URL(fileURLWithPath: candidate).deletingLastPathComponent()
        let classPath = directory.appendingPathComponent("audit_class").path
        let classes =
            FileManager.default.isReadableFile(atPath: classPath)
            ? AuditClassTable.parse(try SourceText.read(path: classPath), dialect: dialect) : .builtIn(dialect)
        return TrailEventTables(
            file: AuditEventTable.parse(try SourceText.read(path: candidate), classes: classes), classes: classes,
            dialect: dialect)
    }
}

/// `--after`, `--before`, `--on`, `--class`, `--event`, `--audit-user`, `--effective-user`,
/// `--real-user`, `--effective-group`, `--real-group`, `--pid`, `--object`, `--zone`:
/// auditreduce's record selection (Docs/selection.md). All given must hold; `--invert` keeps
/// the other records.
struct SelectionOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp("Keep records at or after this time: \(SelectionTime.forms).", valueName: "time"),
        transform: SelectionTime.parse)
    var after: SelectionTime?

    @Option(
        help: ArgumentHelp(
            "Keep records at or before this time (that second included, as auditreduce -b).", valueName: "time"),
        transform: SelectionTime.parse)
    var before: SelectionTime?

    @Option(
        help: ArgumentHelp(
            "Keep records of this local day: YYYYMMDD or YYYY-MM-DD (not with --after/--before).", valueName: "day"),
        transform: SelectionDay.parse)
    var on: SelectionDay?

    @Option(
        name: .customLong("class"), parsing: .unconditional,
        help: ArgumentHelp(
            "Keep records whose event is in these classes, in audit_control flags grammar (lo,+fw,-fr,^fc): +/- select on success/failure by the return token.",
            valueName: "flags"))
    var classFlags: String?

    @Option(
        name: .customLong("event"),
        help: ArgumentHelp(
            "Keep records of this event, a number or a name (AUE_EXECVE); repeat for any of several.",
            valueName: "event"),
        transform: EventSelector.parse)
    var events: [EventSelector] = []

    @Option(
        name: .customLong("audit-user"), parsing: .unconditional,
        help: ArgumentHelp("Keep records with this audit user (id or name).", valueName: "user"),
        transform: IdentitySelector.parse)
    var auditUser: IdentitySelector?

    @Option(
        name: .customLong("effective-user"), parsing: .unconditional,
        help: ArgumentHelp("Keep records with this effective user (id or name).", valueName: "user"),
        transform: IdentitySelector.parse)
    var effectiveUser: IdentitySelector?

    @Option(
        name: .customLong("real-user"), parsing: .unconditional,
        help: ArgumentHelp("Keep records with this real user (id or name).", valueName: "user"),
        transform: IdentitySelector.parse)
    var realUser: IdentitySelector?

    @Option(
        name: .customLong("effective-group"), parsing: .unconditional,
        help: ArgumentHelp("Keep records with this effective group (id or name).", valueName: "group"),
        transform: IdentitySelector.parse)
    var effectiveGroup: IdentitySelector?

    @Option(
        name: .customLong("real-group"), parsing: .unconditional,
        help: ArgumentHelp("Keep records with this real group (id or name).", valueName: "group"),
        transform: IdentitySelector.parse)
    var realGroup: IdentitySelector?

    @Option(
        name: .customLong("pid"),
        help: ArgumentHelp("Keep records whose subject has this process id.", valueName: "pid"),
        transform: ProcessID.parse)
    var pid: UInt32?

    @Option(
        name: .customLong("object"),
        help: ArgumentHelp(
            "Keep records with this object: \(ObjectSelector.kinds) (each kind once).", valueName: "kind=value"),
        transform: ObjectSelector.parse)
    var objects: [ObjectSelector] = []

    @Option(
        name: .customLong("zone"),
        help: ArgumentHelp("Keep records whose zonename token matches this glob.", valueName: "glob"))
    var zone: String?

    @Flag(help: "Keep the records the other selection options do not select (as auditreduce -v).")
    var invert = false

    func validate() throws {
        if on != nil, after != nil || before != nil {
            throw ValidationError("--on cannot be combined with --after or --before (as auditreduce -d with -a, -b)")
        }
        var kinds: Set<String> = []
        for object in objects where !kinds.insert(object.kind).inserted {
            throw ValidationError(
                "--object \(object.kind)= is given twice; give one \(object.kind)= (file= takes several expressions separated by commas)"
            )
        }
        if zone?.isEmpty == true { throw ValidationError("--zone: give a zone name or glob") }
    }

    /// The selection, with names looked up in `tables` and this host's user and group
    /// databases, and zone-less times placed in `zone` (the local time zone).
    func resolve(tables: TrailEventTables, zone timeZone: TimeZone = .current) throws -> RecordSelection {
        var selection = RecordSelection()
        if let on {
            let day = on.range(in: timeZone)
            (selection.after, selection.before) = (day.lowerBound, day.upperBound)
        }
        if let after { selection.after = after.epoch(in: timeZone) }
        if let before { selection.before = before.epoch(in: timeZone) }
        if let classFlags {
            do {
                selection.classes = try ClassSelection(
                    flags: classFlags, classes: tables.classes, events: tables.events)
            } catch {
                throw ValidationError("--class \(classFlags): \(error.reason)")
            }
        }
        if !events.isEmpty {
            selection.events = try Set(
                events.map { event in
                    guard let number = event.number(in: tables.events) else {
                        throw ValidationError(
                            "--event \(event): no such event in \(tables.source); give its name as written there, or its number"
                        )
                    }
                    return number
                })
        }
        selection.auditUser = try auditUser.map { try Self.user($0, option: "--audit-user") }
        selection.effectiveUser = try effectiveUser.map { try Self.user($0, option: "--effective-user") }
        selection.realUser = try realUser.map { try Self.user($0, option: "--real-user") }
        selection.effectiveGroup = try effectiveGroup.map { try Self.group($0, option: "--effective-group") }
        selection.realGroup = try realGroup.map { try Self.group($0, option: "--real-group") }
        selection.subjectPID = pid
        for object in objects { selection.add(object) }
        selection.zone = zone
        if invert, selection.isEmpty {
            throw ValidationError(
                "--invert keeps the records a selection does not: give at least one selection option with it (for example --event or --audit-user)"
            )
        }
        selection.inverted = invert
        return selection
    }

    static func user(_ selector: IdentitySelector, option: String) throws -> UInt32 {
        try id(selector, option: option, kind: "user") { getpwnam($0)?.pointee.pw_uid }
    }

    static func group(_ selector: IdentitySelector, option: String) throws -> UInt32 {
        try id(selector, option: option, kind: "group") { getgrnam($0)?.pointee.gr_gid }
    }

    /// The id given, or the one this host's database has for the name.
    static func id(
        _ selector: IdentitySelector, option: String, kind: String, lookup: (String) -> UInt32?
    ) throws -> UInt32 {
        switch selector {
        case .id(let id): return id
        case .name(let name):
            guard let id = lookup(name) else {
                throw ValidationError("\(option): no \(kind) named '\(name)' on this host; give the numeric \(kind) id")
            }
            return id
        }
    }
}
