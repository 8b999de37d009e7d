#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Which records to keep, the way OpenBSM's `auditreduce` selects them (Docs/selection.md).
///
/// Every predicate set must hold. Each predicate is decided by the tokens that carry its
/// field, and a record with none of those tokens is not selected: the header decides the
/// time, event and class; every subject token the users, groups and `pid`; every process
/// token the users, groups and the `pid=` object; every path token `file=`; every IPC token
/// of its kind `msgqid=`, `semid=`, `shmid=`; every return token the success or failure
/// half of the class; every zonename token the zone. A record with several tokens of a kind
/// (a subject and a target process) is selected only if each of them passes. A record
/// whose tokens cannot all be read, and a stand-alone file token, are never selected.
/// With ``inverted`` (auditreduce's `-v`) the records kept are exactly the others, those two
/// kinds included.
///
/// Unlike auditreduce, all widths of a token count (auditreduce looks only at `header32`,
/// `subject32`, `process32` and `return32`, so it never selects records written with an
/// extended header or an IPv6 terminal), and tokens OpenBSM cannot parse (macOS's identity
/// token) do not hide the tokens after them.
public struct RecordSelection: Sendable {
    /// Records at or after this time (seconds since the epoch; milliseconds are ignored).
    public var after: Int64?
    /// Records at or before this time (auditreduce keeps a record of that very second).
    public var before: Int64?
    /// The classes, with the event table that puts events in classes.
    public var classes: ClassSelection?
    /// Any of these events; nil for any event.
    public var events: Set<UInt16>?
    public var auditUser: UInt32?
    public var effectiveUser: UInt32?
    public var realUser: UInt32?
    public var effectiveGroup: UInt32?
    public var realGroup: UInt32?
    /// The process id of the subject token.
    public var subjectPID: UInt32?
    /// `file=`: the paths of path tokens.
    public var files: FilePatterns?
    public var messageQueue: UInt32?
    public var semaphore: UInt32?
    public var sharedMemory: UInt32?
    /// `pid=`: the process id of process tokens.
    public var processPID: UInt32?
    /// A `fnmatch` pattern (with `FNM_PATHNAME`) for the zonename token.
    public var zone: String?
    /// Keep the records the predicates do not select (auditreduce's `-v`). With no predicate
    /// set, no record is kept.
    public var inverted = false

    /// No selection: every record.
    public init() {}

    /// Whether nothing is selected on (every record is kept, output unchanged).
    public var isEmpty: Bool { required.isEmpty && !inverted }

    /// Adds an `--object` selector.
    public mutating func add(_ object: ObjectSelector) {
        switch object {
        case .file(let patterns): files = patterns
        case .messageQueue(let id): messageQueue = id
        case .semaphore(let id): semaphore = id
        case .sharedMemory(let id): sharedMemory = id
        case .process(let id): processPID = id
        }
    }

    /// Whether `record` is selected (always when no predicate is set, never if that is
    /// ``inverted``).
    public func selects(_ record: TrailRecordView) -> Bool {
        guard !required.isEmpty else { return !inverted }
        guard !record.isFileToken else { return inverted }
        let (tokens, failedAt) = record.decodeTokens()
        guard failedAt == nil else { return inverted }
        return selects(tokens: tokens)
    }

    /// Whether a record made of `tokens` (all of them readable) is selected.
    public func selects(tokens: [BSMToken]) -> Bool {
        matches(tokens: tokens) != inverted
    }

    /// Whether a record made of `tokens` passes every predicate set (``inverted`` aside).
    private func matches(tokens: [BSMToken]) -> Bool {
        let required = self.required
        guard !required.isEmpty else { return true }
        var decided: Predicates = []
        var event: UInt16?
        for token in tokens {
            switch token {
            case .header(let header):
                decided.formUnion([.after, .before, .classes, .events])
                let seconds = Int64(bitPattern: header.seconds)
                if let after, seconds < after { return false }
                if let before, seconds > before { return false }
                if let classes, !classes.selects(event: header.event, half: .both) { return false }
                if let events, !events.contains(header.event) { return false }
                event = header.event
            case .subject(let subject):
                decided.formUnion([.auditUser, .effectiveUser, .effectiveGroup, .realGroup, .realUser])
                if !users(subject) { return false }
                if subject.role == .subject {
                    decided.insert(.subjectPID)
                    if let subjectPID, subject.pid != subjectPID { return false }
                } else {
                    decided.insert(.processPID)
                    if let processPID, subject.pid != processPID { return false }
                }
            case .ipc(let type, let id):
                switch type {
                case 1:
                    decided.insert(.messageQueue)
                    if let messageQueue, id != messageQueue { return false }
                case 2:
                    decided.insert(.semaphore)
                    if let semaphore, id != semaphore { return false }
                case 3:
                    decided.insert(.sharedMemory)
                    if let sharedMemory, id != sharedMemory { return false }
                default:
                    if messageQueue != nil || semaphore != nil || sharedMemory != nil { return false }
                }
            case .path(let path):
                decided.insert(.files)
                if let files, !files.selects(path: path) { return false }
            case .returnValue(let status, _, _):
                decided.insert(.classes)
                if let classes, let event, !classes.selects(event: event, half: status == 0 ? .success : .failure) {
                    return false
                }
            case .zonename(let name):
                decided.insert(.zone)
                if let zone, !Self.zone(zone, matches: name) { return false }
            default:
                break
            }
        }
        return decided.isSuperset(of: required)
    }

    func users(_ s: BSMSubject) -> Bool {
        (auditUser.map { $0 == s.auditUID } ?? true) && (effectiveUser.map { $0 == s.effectiveUID } ?? true)
            && (effectiveGroup.map { $0 == s.effectiveGID } ?? true) && (realGroup.map { $0 == s.realGID } ?? true)
            && (realUser.map { $0 == s.realUID } ?? true)
    }

    /// `fnmatch(pattern, name, FNM_PATHNAME)` on the zone name up to its first NUL.
    static func zone(_ pattern: String, matches name: [UInt8]) -> Bool {
        var cString = name.prefix { $0 != 0 }.map { CChar(bitPattern: $0) }
        cString.append(0)
        return fnmatch(pattern, cString, FNM_PATHNAME) == 0
    }

    /// The predicates, one bit each, so that "every predicate set was decided" is a subset test.
    struct Predicates: OptionSet {
        let rawValue: UInt32
        static let after = Predicates(rawValue: 1 << 0)
        static let before = Predicates(rawValue: 1 << 1)
        static let classes = Predicates(rawValue: 1 << 2)
        static let events = Predicates(rawValue: 1 << 3)
        static let auditUser = Predicates(rawValue: 1 << 4)
        static let effectiveUser = Predicates(rawValue: 1 << 5)
        static let realUser = Predicates(rawValue: 1 << 6)
        static let effectiveGroup = Predicates(rawValue: 1 << 7)
        static let realGroup = Predicates(rawValue: 1 << 8)
        static let subjectPID = Predicates(rawValue: 1 << 9)
        static let files = Predicates(rawValue: 1 << 10)
        static let messageQueue = Predicates(rawValue: 1 << 11)
        static let semaphore = Predicates(rawValue: 1 << 12)
        static let sharedMemory = Predicates(rawValue: 1 << 13)
        static let processPID = Predicates(rawValue: 1 << 14)
        static let zone = Predicates(rawValue: 1 << 15)
    }

    var required: Predicates {
        var set: Predicates = []
        if after != nil { set.insert(.after) }
        if before != nil { set.insert(.before) }
        if classes != nil { set.insert(.classes) }
        if events != nil { set.insert(.events) }
        if auditUser != nil { set.insert(.auditUser) }
        if effectiveUser != nil { set.insert(.effectiveUser) }
        if realUser != nil { set.insert(.realUser) }
        if effectiveGroup != nil { set.insert(.effectiveGroup) }
        if realGroup != nil { set.insert(.realGroup) }
        if subjectPID != nil { set.insert(.subjectPID) }
        if files != nil { set.insert(.files) }
        if messageQueue != nil { set.insert(.messageQueue) }
        if semaphore != nil { set.insert(.semaphore) }
        if sharedMemory != nil { set.insert(.sharedMemory) }
        if processPID != nil { set.insert(.processPID) }
        if zone != nil { set.insert(.zone) }
        return set
    }
}

/// `--class`: an audit-flags string (`+`/`-`/`^`, success and failure halves) and the class
/// of every event, as auditreduce's `-c` uses them through `au_preselect`.
public struct ClassSelection: Sendable, Hashable {
    /// The mask the flags make.
    public var mask: AuditMask
    /// Each event's class mask. As in libbsm's preselection cache, the events are those of
    /// the table up to the first line libbsm stops at, and the last line for a number wins.
    public var eventClasses: [UInt16: UInt32]

    public init(mask: AuditMask, eventClasses: [UInt16: UInt32]) {
        self.mask = mask
        self.eventClasses = eventClasses
    }

    /// Parses `flags` against `classes` (the audit_class table) and takes the events' classes
    /// from `events`.
    public init(flags: String, classes: AuditClassTable, events: AuditEventTable) throws(OptionValueError) {
        let parsed = AuditFlags.parse(flags, classes: classes)
        guard !parsed.elements.isEmpty else { throw OptionValueError("give at least one class, e.g. lo or +ex,-fr") }
        guard let mask = parsed.mask else {
            let names = parsed.problems.map { problem in
                switch problem {
                case .unknownClass(let name, _):
                    "'\(name)' is not a class in \(classes.path ?? "the built-in audit_class")"
                case .emptyName(let index): "'\(parsed.elements[index].text)' names no class"
                }
            }
            throw OptionValueError(names.joined(separator: "; "))
        }
        var eventClasses: [UInt16: UInt32] = [:]
        for event in events.events { eventClasses[UInt16(truncatingIfNeeded: event.number)] = event.classMask }
        self.init(mask: mask, eventClasses: eventClasses)
    }

    /// Whether the event's classes meet the mask's `half` (`.both`: either half). An event
    /// missing from the table is never selected.
    public func selects(event: UInt16, half: AuditFlags.Half) -> Bool {
        guard let eventClass = eventClasses[event] else { return false }
        var bits: UInt32 = 0
        if half != .failure { bits |= mask.success }
        if half != .success { bits |= mask.failure }
        return bits & eventClass != 0
    }
}
