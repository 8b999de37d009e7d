// The audit_class, audit_event and audit_user readers (spec §4). They never throw: a line
// libbsm cannot parse ends the table (`stop`), and what it hides is kept for the rules.

extension AuditClassTable {
    /// `AU_CLASS_NAME_MAX`: a class name must be shorter than this.
    public static let nameLimit = 8
    /// `AU_CLASS_DESC_MAX`: a class description must be shorter than this.
    public static let descriptionLimit = 72

    /// Parses an audit_class file as libbsm reads it: `mask:name:description` lines, the
    /// mask converted with `strtoul(…, 0)` (garbage → 0), the enumeration ending at the
    /// first line that does not parse. The readers of Apple's OpenBSM-21 and OpenBSM 1.2 are
    /// identical, so `dialect` does not change the result.
    public static func parse(_ source: SourceText, dialect: Dialect) -> AuditClassTable {
        let reader = TableFileReader(source)
        let result = reader.enumerate(parseLine)
        return AuditClassTable(
            classes: result.visible,
            path: source.path,
            stop: result.stop,
            hiddenClasses: result.hidden,
            lineFacts: reader.lineFacts
        )
    }

    /// The dialect's default audit_class, embedded in the binary (parsed once, on first use).
    public static func builtIn(_ dialect: Dialect) -> AuditClassTable {
        switch dialect {
        case .macos: BuiltInTables.macosClasses
        case .openbsm: BuiltInTables.openbsmClasses
        }
    }

    /// The text of the dialect's default audit_class, byte for byte as shipped.
    public static func builtInText(_ dialect: Dialect) -> String {
        switch dialect {
        case .macos: DefaultTableText.macosAuditClass
        case .openbsm: DefaultTableText.openbsmAuditClass
        }
    }

    private static func parseLine(_ read: TableRead, _ reader: TableFileReader) -> TableLineParse<AuditClass> {
        let fields = read.fields(limit: 3)
        guard fields.count == 3 else {
            return .failure(.missingFields(found: fields.count, required: 3), reader.lineRange(read))
        }
        if fields[1].count >= nameLimit {
            return .failure(
                .fieldTooLong(.name, length: fields[1].count, limit: nameLimit), reader.range(read, fields[1]))
        }
        if fields[2].count >= descriptionLimit {
            return .failure(
                .fieldTooLong(.description, length: fields[2].count, limit: descriptionLimit),
                reader.range(read, fields[2]))
        }
        let mask = CNumber.strtoul32(fields[0])
        return .entry(
            AuditClass(
                name: String(decoding: fields[1], as: UTF8.self),
                mask: mask.value,
                description: String(decoding: fields[2], as: UTF8.self),
                range: reader.lineRange(read),
                maskText: String(decoding: fields[0], as: UTF8.self),
                maskIsNumber: mask.complete,
                maskRange: reader.range(read, fields[0]),
                nameRange: reader.range(read, fields[1]),
                descriptionRange: reader.range(read, fields[2]),
                collapsedFieldRange: reader.collapsedFieldRange(read, before: fields[2].endIndex),
                nameBytes: Array(fields[1])
            ))
    }
}

extension AuditEventTable {
    /// `AU_EVENT_NAME_MAX`: an event name must be shorter than this.
    public static let nameLimit = 30
    /// `AU_EVENT_DESC_MAX`: an event description must be shorter than this.
    public static let descriptionLimit = 50

    /// Parses an audit_event file as libbsm reads it: `number:name[:description[:classes]]`
    /// lines, the number via `atoi` (16 bits), the classes via the flags grammar (success
    /// half; 0 when invalid, e.g. an undefined class or a `\r` from CRLF), the enumeration
    /// ending at the first line that does not parse. Duplicate numbers are kept; lookups
    /// return the first.
    public static func parse(_ source: SourceText, classes: AuditClassTable) -> AuditEventTable {
        let reader = TableFileReader(source)
        let result = reader.enumerate { read, reader in parseLine(read, reader, classes) }
        return AuditEventTable(
            events: result.visible,
            path: source.path,
            stop: result.stop,
            hiddenEvents: result.hidden,
            lineFacts: reader.lineFacts
        )
    }

    /// The dialect's default audit_event, embedded in the binary (parsed once, on first use,
    /// against the dialect's default classes).
    public static func builtIn(_ dialect: Dialect) -> AuditEventTable {
        switch dialect {
        case .macos: BuiltInTables.macosEvents
        case .openbsm: BuiltInTables.openbsmEvents
        }
    }

    /// The text of the dialect's default audit_event, byte for byte as shipped.
    public static func builtInText(_ dialect: Dialect) -> String {
        switch dialect {
        case .macos: DefaultTableText.macosAuditEvent
        case .openbsm: DefaultTableText.openbsmAuditEvent
        }
    }

    private static func parseLine(_ read: TableRead, _ reader: TableFileReader, _ classes: AuditClassTable)
        -> TableLineParse<AuditEvent>
    {
        let fields = read.fields(limit: 4)
        guard fields.count >= 2 else {
            return .failure(.missingFields(found: fields.count, required: 2), reader.lineRange(read))
        }
        if fields[1].count >= nameLimit {
            return .failure(
                .fieldTooLong(.name, length: fields[1].count, limit: nameLimit), reader.range(read, fields[1]))
        }
        if fields.count > 2, fields[2].count >= descriptionLimit {
            return .failure(
                .fieldTooLong(.description, length: fields[2].count, limit: descriptionLimit),
                reader.range(read, fields[2]))
        }
        let number = CNumber.atoiEvent(fields[0])
        let numberText = String(decoding: fields[0], as: UTF8.self)
        var classMask: UInt32 = 0
        var classesValid = false
        if fields.count == 4, let mask = AuditFlags.parse(bytes: fields[3], classes: classes).mask {
            classMask = mask.success
            classesValid = true
        }
        return .entry(
            AuditEvent(
                number: number.value,
                name: String(decoding: fields[1], as: UTF8.self),
                description: fields.count > 2 ? String(decoding: fields[2], as: UTF8.self) : "",
                classesText: fields.count == 4 ? String(decoding: fields[3], as: UTF8.self) : "",
                classMask: classMask,
                range: reader.lineRange(read),
                numberText: numberText,
                numberIsExact: number.complete && Int(numberText) == number.value,
                numberRange: reader.range(read, fields[0]),
                nameRange: reader.range(read, fields[1]),
                descriptionRange: fields.count > 2 ? reader.range(read, fields[2]) : nil,
                classesRange: fields.count == 4 ? reader.range(read, fields[3]) : nil,
                classesValid: classesValid,
                collapsedFieldRange: reader.collapsedFieldRange(read, before: fields[fields.count - 1].endIndex)
            ))
    }
}

extension AuditUserTable {
    /// `AU_USER_NAME_MAX`: a user name must be shorter than this.
    public static let nameLimit = 50

    /// Parses an audit_user file as libbsm reads it: `user:always:never` lines, both masks
    /// in the flags grammar; a missing field (`alice:lo:`) or an invalid class makes the
    /// line malformed and ends the enumeration.
    public static func parse(_ source: SourceText, classes: AuditClassTable) -> AuditUserTable {
        let reader = TableFileReader(source)
        let result = reader.enumerate { read, reader in parseLine(read, reader, classes) }
        return AuditUserTable(
            users: result.visible,
            path: source.path,
            stop: result.stop,
            hiddenUsers: result.hidden,
            lineFacts: reader.lineFacts
        )
    }

    private static func parseLine(_ read: TableRead, _ reader: TableFileReader, _ classes: AuditClassTable)
        -> TableLineParse<AuditUserEntry>
    {
        let fields = read.fields(limit: 3)
        guard fields.count == 3 else {
            return .failure(.missingFields(found: fields.count, required: 3), reader.lineRange(read))
        }
        if fields[0].count >= nameLimit {
            return .failure(
                .fieldTooLong(.name, length: fields[0].count, limit: nameLimit), reader.range(read, fields[0]))
        }
        var masks: [AuditMask] = []
        for (field, bytes) in [(TableField.always, fields[1]), (.never, fields[2])] {
            let flags = AuditFlags.parse(bytes: bytes, classes: classes)
            guard let mask = flags.mask else {
                let problem = flags.problems[0]
                let element = flags.elements[problem.elementIndex]
                let start = bytes.startIndex + element.offset
                return .failure(.invalidMask(field, problem), reader.range(read, bytes[start..<start + element.length]))
            }
            masks.append(mask)
        }
        return .entry(
            AuditUserEntry(
                name: String(decoding: fields[0], as: UTF8.self),
                always: masks[0],
                never: masks[1],
                range: reader.lineRange(read),
                alwaysText: String(decoding: fields[1], as: UTF8.self),
                neverText: String(decoding: fields[2], as: UTF8.self),
                nameRange: reader.range(read, fields[0]),
                alwaysRange: reader.range(read, fields[1]),
                neverRange: reader.range(read, fields[2])
            ))
    }
}

extension AuditFlags.Problem {
    /// The index of the element the problem is in.
    public var elementIndex: Int {
        switch self {
        case .unknownClass(_, let index), .emptyName(let index): index
        }
    }
}

/// The result of parsing one read of a table file.
enum TableLineParse<Entry> {
    case entry(Entry)
    case failure(TableLineProblem, SourceRange)
}

/// A table file split into libbsm's reads, with range helpers and the enumeration loop.
struct TableFileReader {
    let source: SourceText
    let reads: [TableRead]

    init(_ source: SourceText) {
        self.source = source
        self.reads = TableRead.reads(source.bytes)
    }

    /// The range of `bytes` (a slice of the read's content).
    func range(_ read: TableRead, _ bytes: ArraySlice<UInt8>) -> SourceRange {
        let column = read.column(of: bytes.startIndex)
        return SourceRange(
            file: source.path,
            start: SourcePosition(line: read.line, column: column),
            end: SourcePosition(line: read.line, column: column + bytes.count - 1)
        )
    }

    /// The range of the whole read (empty for an empty line).
    func lineRange(_ read: TableRead) -> SourceRange { range(read, read.content) }

    /// The range of a collapsed empty field before `end`: the leading `:` or the `::`.
    func collapsedFieldRange(_ read: TableRead, before end: Int) -> SourceRange? {
        guard let index = read.collapsedEmptyField(before: end) else { return nil }
        let length = index + 1 < read.content.endIndex && read.content[index + 1] == UInt8(ascii: ":") ? 2 : 1
        return range(read, read.content[index..<index + length])
    }

    /// CRLF and long-line facts.
    var lineFacts: TableLineFacts {
        let carriageReturns = (1...max(source.lineCount, 1)).filter { source.lineBytes($0).last == UInt8(ascii: "\r") }
        var long: [Int] = []
        for read in reads where read.isSplit && long.last != read.line { long.append(read.line) }
        return TableLineFacts(carriageReturnLines: source.lineCount == 0 ? [] : carriageReturns, longLines: long)
    }

    /// libbsm's enumeration: comments skipped, every other read parsed until one fails.
    /// After a failure, the later reads are parsed one by one only to report what is hidden.
    func enumerate<Entry>(_ parse: (TableRead, TableFileReader) -> TableLineParse<Entry>) -> (
        visible: [Entry], stop: TableStop?, hidden: [Entry]
    ) {
        var visible: [Entry] = []
        for (index, read) in reads.enumerated() where !read.isComment {
            switch parse(read, self) {
            case .entry(let entry):
                visible.append(entry)
            case .failure(let problem, let range):
                var hiddenLines: [Int] = []
                var hidden: [Entry] = []
                for later in reads[(index + 1)...] where !later.isComment && !later.isBlank {
                    if hiddenLines.last != later.line { hiddenLines.append(later.line) }
                    if case .entry(let entry) = parse(later, self) { hidden.append(entry) }
                }
                let stop = TableStop(
                    problem: read.isBlank ? .blankLine : read.isIndentedComment ? .indentedComment : problem,
                    range: read.isBlank || read.isIndentedComment ? lineRange(read) : range,
                    lineRange: lineRange(read),
                    isContinuationOfLongLine: read.column > 1,
                    hiddenLines: hiddenLines
                )
                return (visible, stop, hidden)
            }
        }
        return (visible, nil, [])
    }
}

/// The built-in default tables, parsed from the embedded files on first use.
enum BuiltInTables {
    static let macosClasses = classes(.macos)
    static let openbsmClasses = classes(.openbsm)
    static let macosEvents = events(.macos, macosClasses)
    static let openbsmEvents = events(.openbsm, openbsmClasses)

    private static func classes(_ dialect: Dialect) -> AuditClassTable {
        let source = SourceText(
            path: "builtin/\(dialect.rawValue)/audit_class", text: AuditClassTable.builtInText(dialect))
        var table = AuditClassTable.parse(source, dialect: dialect)
        table.path = nil
        return table
    }

    private static func events(_ dialect: Dialect, _ classes: AuditClassTable) -> AuditEventTable {
        let source = SourceText(
            path: "builtin/\(dialect.rawValue)/audit_event", text: AuditEventTable.builtInText(dialect))
        var table = AuditEventTable.parse(source, classes: classes)
        table.path = nil
        return table
    }
}
