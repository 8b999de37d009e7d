/// One event: a number, its name and the classes it belongs to.
public struct AuditEvent: Sendable, Hashable, Codable {
    /// The event number as libbsm stores it: `atoi` of the field truncated to the 16-bit
    /// `au_event_t` (garbage → 0, `70000` → 4464).
    public var number: Int
    /// The symbolic name (`AUE_EXECVE`).
    public var name: String
    /// The description (may be empty).
    public var description: String
    /// The class field as written (may be empty).
    public var classesText: String
    /// The class mask libbsm gives the event: the success half of the class field parsed
    /// with the flags grammar, or 0 when that fails or the field is missing.
    public var classMask: UInt32
    /// Where the line is; nil for a built-in event (no file text is embedded).
    public var range: SourceRange?
    /// The number field as written.
    public var numberText: String
    /// Whether the number field is entirely a decimal number that fits in 16 bits
    /// (otherwise `number` is what `atoi` and the truncation made of it).
    public var numberIsExact: Bool
    /// Where the number field is.
    public var numberRange: SourceRange?
    /// Where the name field is.
    public var nameRange: SourceRange?
    /// Where the description field is; nil when the line has none.
    public var descriptionRange: SourceRange?
    /// Where the class field is; nil when the line has none (class 0).
    public var classesRange: SourceRange?
    /// Whether libbsm accepts the class field (false also when it is missing).
    public var classesValid: Bool
    /// Where an empty field collapsed before the class field (a leading `:` or `::`),
    /// which shifts the fields that follow (`5:AUE_E::lo` → description `lo`, no class).
    public var collapsedFieldRange: SourceRange?

    public init(
        number: Int,
        name: String,
        description: String,
        classesText: String,
        classMask: UInt32,
        range: SourceRange? = nil,
        numberText: String? = nil,
        numberIsExact: Bool = true,
        numberRange: SourceRange? = nil,
        nameRange: SourceRange? = nil,
        descriptionRange: SourceRange? = nil,
        classesRange: SourceRange? = nil,
        classesValid: Bool = true,
        collapsedFieldRange: SourceRange? = nil
    ) {
        self.number = number
        self.name = name
        self.description = description
        self.classesText = classesText
        self.classMask = classMask
        self.range = range
        self.numberText = numberText ?? String(number)
        self.numberIsExact = numberIsExact
        self.numberRange = numberRange
        self.nameRange = nameRange
        self.descriptionRange = descriptionRange
        self.classesRange = classesRange
        self.classesValid = classesValid
        self.collapsedFieldRange = collapsedFieldRange
    }
}

/// The events libbsm can see, in file order, with first-match lookup by number.
///
/// `events` is what `getauevent` enumerates and auditd pushes to the kernel (`A_SETCLASS`):
/// it ends at the first line that does not parse. (libbsm's `getauevnum`/`getauevnam`,
/// used by praudit to name events, instead skip lines that do not parse, so they still
/// find the `hiddenEvents`.)
public struct AuditEventTable: Sendable, Hashable {
    /// The visible events in file order (duplicates kept).
    public var events: [AuditEvent]
    /// The file the table was read from; nil for a built-in table.
    public var path: String?
    /// The line at which libbsm stopped reading; nil when it read the whole file.
    public var stop: TableStop?
    /// Events on lines after the stop that would parse on their own: auditd never maps them.
    public var hiddenEvents: [AuditEvent]
    /// CRLF and long-line facts about the file.
    public var lineFacts: TableLineFacts
    private var firstIndexByNumber: [Int: Int]

    public init(
        events: [AuditEvent],
        path: String? = nil,
        stop: TableStop? = nil,
        hiddenEvents: [AuditEvent] = [],
        lineFacts: TableLineFacts = TableLineFacts()
    ) {
        self.events = events
        self.path = path
        self.stop = stop
        self.hiddenEvents = hiddenEvents
        self.lineFacts = lineFacts
        var index: [Int: Int] = [:]
        index.reserveCapacity(events.count)
        for (position, event) in events.enumerated() where index[event.number] == nil {
            index[event.number] = position
        }
        self.firstIndexByNumber = index
    }

    /// The first event with this number, as `getauevnum` finds it.
    public func event(number: Int) -> AuditEvent? {
        firstIndexByNumber[number].map { events[$0] }
    }
}
