/// One audit class: a named set of bits in the 32-bit preselection mask.
public struct AuditClass: Sendable, Hashable, Codable {
    /// The class name as written (`lo`, `aa`, …); matched case-sensitively.
    public var name: String
    /// The name's bytes as written; lookups compare these, as `strcmp` does (so a name with
    /// invalid UTF-8 still matches the same bytes).
    public var nameBytes: [UInt8]
    /// The class's bits (may be several bits; `all` is 0xffffffff, `no` is 0).
    public var mask: UInt32
    /// The free-text description (a `\r` of a CRLF file stays at its end).
    public var description: String
    /// Where the line is; nil for a built-in class (no file text is embedded).
    public var range: SourceRange?
    /// The mask field as written.
    public var maskText: String
    /// Whether the whole mask field is a number for `strtoul(…, 0)`; when false libbsm
    /// uses the leading number, or 0 for garbage (`zz` → 0), without any error.
    public var maskIsNumber: Bool
    /// Where the mask field is.
    public var maskRange: SourceRange?
    /// Where the name field is.
    public var nameRange: SourceRange?
    /// Where the description field is.
    public var descriptionRange: SourceRange?
    /// Where an empty field collapsed before the description (a leading `:` or `::`),
    /// which shifts the fields that follow.
    public var collapsedFieldRange: SourceRange?

    public init(
        name: String,
        mask: UInt32,
        description: String,
        range: SourceRange? = nil,
        maskText: String? = nil,
        maskIsNumber: Bool = true,
        maskRange: SourceRange? = nil,
        nameRange: SourceRange? = nil,
        descriptionRange: SourceRange? = nil,
        collapsedFieldRange: SourceRange? = nil,
        nameBytes: [UInt8]? = nil
    ) {
        self.name = name
        self.nameBytes = nameBytes ?? Array(name.utf8)
        self.mask = mask
        self.description = description
        self.range = range
        self.maskText = maskText ?? "0x\(String(mask, radix: 16))"
        self.maskIsNumber = maskIsNumber
        self.maskRange = maskRange
        self.nameRange = nameRange
        self.descriptionRange = descriptionRange
        self.collapsedFieldRange = collapsedFieldRange
    }
}

/// The classes libbsm can see, in file order (entries after a line that stops the
/// enumeration are not here).
public struct AuditClassTable: Sendable, Hashable {
    /// The visible classes in file order.
    public var classes: [AuditClass] {
        didSet { index = ClassIndex(classes) }
    }
    /// The file the table was read from; nil for a built-in table.
    public var path: String?
    /// The line at which libbsm stopped reading; nil when it read the whole file.
    public var stop: TableStop?
    /// Classes on lines after the stop that would parse on their own: defined in the file
    /// but invisible to every consumer.
    public var hiddenClasses: [AuditClass]
    /// CRLF and long-line facts about the file.
    public var lineFacts: TableLineFacts
    /// The first class of each name, so that a lookup costs the same for a table of
    /// 100,000 classes as for the stock twenty (rules look up every event's classes).
    private var index: ClassIndex

    public init(
        classes: [AuditClass],
        path: String? = nil,
        stop: TableStop? = nil,
        hiddenClasses: [AuditClass] = [],
        lineFacts: TableLineFacts = TableLineFacts()
    ) {
        self.classes = classes
        self.index = ClassIndex(classes)
        self.path = path
        self.stop = stop
        self.hiddenClasses = hiddenClasses
        self.lineFacts = lineFacts
    }

    /// The first class with this exact name, as `getauclassnam_r` finds it.
    public func lookup(_ name: String) -> AuditClass? {
        index.byName[name].map { classes[$0] }
    }

    /// The first class whose name equals `name` ignoring case (for a "did you mean" hint).
    public func lookup(caseInsensitive name: String) -> AuditClass? {
        index.byLowercasedName[name.lowercased()].map { classes[$0] }
    }

    /// The first class with exactly these name bytes (a name with a `\r` or a blank never
    /// matches a well-formed class).
    public func lookup(bytes: some Collection<UInt8>) -> AuditClass? {
        index.byBytes[Array(bytes)].map { classes[$0] }
    }

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.classes == rhs.classes && lhs.path == rhs.path && lhs.stop == rhs.stop
            && lhs.hiddenClasses == rhs.hiddenClasses && lhs.lineFacts == rhs.lineFacts
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(classes)
        hasher.combine(path)
        hasher.combine(stop)
        hasher.combine(hiddenClasses)
        hasher.combine(lineFacts)
    }
}

/// The positions of the first class of each name, by name, by lowercased name and by bytes.
private struct ClassIndex: Sendable {
    var byName: [String: Int] = [:]
    var byLowercasedName: [String: Int] = [:]
    var byBytes: [[UInt8]: Int] = [:]

    init(_ classes: [AuditClass]) {
        for (position, auditClass) in classes.enumerated().reversed() {
            byName[auditClass.name] = position
            byLowercasedName[auditClass.name.lowercased()] = position
            byBytes[auditClass.nameBytes] = position
        }
    }
}
