/// Which of a table line's fields a problem is in (the fields that can make a line fail;
/// a bad class mask, event number or event class list never does).
public enum TableField: String, Sendable, Hashable, Codable {
    /// The class, event or user name.
    case name
    /// The class or event description.
    case description
    /// audit_user's always-audit mask.
    case always
    /// audit_user's never-audit mask.
    case never
}

/// Why libbsm could not parse a table line (and so stopped reading the file there).
public enum TableLineProblem: Sendable, Hashable {
    /// The line is empty or holds only blanks (`strtok_r` finds too few fields).
    case blankLine
    /// A `#` comment that does not start in column 1 (only column 1 makes a comment).
    case indentedComment
    /// After empty fields collapse, fewer fields than the file format requires.
    case missingFields(found: Int, required: Int)
    /// The field is `length` bytes; libbsm accepts at most `limit − 1`.
    case fieldTooLong(TableField, length: Int, limit: Int)
    /// An audit_user mask names a class that is not in audit_class (or has an empty name).
    case invalidMask(TableField, AuditFlags.Problem)
}

/// The line at which libbsm's enumeration of audit_class, audit_event or audit_user stops:
/// its iterator returns NULL there, so every entry after it is invisible to auditd,
/// login and every other consumer (spec §4).
public struct TableStop: Sendable, Hashable {
    /// Why the line does not parse.
    public var problem: TableLineProblem
    /// The offending bytes: the field for a field problem, the read for a line problem
    /// (an empty range, `end.column == start.column − 1`, for an empty line).
    public var range: SourceRange
    /// The whole read libbsm could not parse (a physical line, or a 255-byte piece of one).
    public var lineRange: SourceRange
    /// Whether the read is the second or later 255-byte piece of a longer physical line.
    public var isContinuationOfLongLine: Bool
    /// The physical lines after the stop that hold data (neither `#` comments nor blank):
    /// lines libbsm never reads.
    public var hiddenLines: [Int]

    public init(
        problem: TableLineProblem, range: SourceRange, lineRange: SourceRange, isContinuationOfLongLine: Bool,
        hiddenLines: [Int]
    ) {
        self.problem = problem
        self.range = range
        self.lineRange = lineRange
        self.isContinuationOfLongLine = isContinuationOfLongLine
        self.hiddenLines = hiddenLines
    }

    /// The 1-based line of the read that stopped the enumeration.
    public var line: Int { lineRange.start.line }
}

/// Facts about a table file's lines that apply whether or not they parse.
public struct TableLineFacts: Sendable, Hashable {
    /// Physical lines (1-based) whose last byte before `\n` is `\r` (CRLF line endings);
    /// libbsm keeps the `\r` in the line's last field.
    public var carriageReturnLines: [Int]
    /// Physical lines (1-based) longer than 255 bytes, which libbsm reads in several pieces.
    public var longLines: [Int]

    public init(carriageReturnLines: [Int] = [], longLines: [Int] = []) {
        self.carriageReturnLines = carriageReturnLines
        self.longLines = longLines
    }
}
