/// One event: a number, its name and the classes it belongs to.
public struct AuditEvent: Sendable, Hashable, Codable {
    /// The event number (16-bit in the kernel).
    public var number: Int
    /// The symbolic name (`AUE_EXECVE`).
    public var name: String
    /// The description (may be empty).
    public var description: String
    /// The class field as written (may be empty).
    public var classesText: String
    /// The class mask libbsm gives the event: the success half of the class field parsed
    /// with the flags grammar, or 0 when that fails.
    public var classMask: UInt32
    /// Where the line is, for an event read from a file; nil for built-in events.
    public var range: SourceRange?

    public init(number: Int, name: String, description: String, classesText: String, classMask: UInt32, range: SourceRange? = nil) {
        self.number = number
        self.name = name
        self.description = description
        self.classesText = classesText
        self.classMask = classMask
        self.range = range
    }
}

/// The events libbsm can see, in file order, with first-match lookup by number.
public struct AuditEventTable: Sendable, Hashable {
    /// The visible events in file order (duplicates kept).
    public var events: [AuditEvent]
    /// The file the table was read from; nil for a built-in table.
    public var path: String?
    private var firstIndexByNumber: [Int: Int]

    public init(events: [AuditEvent], path: String? = nil) {
        self.events = events
        self.path = path
        var index: [Int: Int] = [:]
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
