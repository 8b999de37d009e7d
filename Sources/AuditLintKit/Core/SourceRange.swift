/// A position in a text file: 1-based line and 1-based byte column.
///
/// Columns count bytes, not characters, because libbsm reads the files byte by byte
/// (`fgets` into a 256-byte buffer); a caret under a column points at the same byte
/// auditd sees.
public struct SourcePosition: Sendable, Hashable, Comparable, Codable {
    /// The 1-based line number (a physical line, ended by `\n`).
    public var line: Int
    /// The 1-based byte column within the line.
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static func < (lhs: SourcePosition, rhs: SourcePosition) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }
}

/// The exact place of a key, a value or a finding in a file.
///
/// `end` is inclusive: it names the last column of the range, as linters' JSON does
/// (`endColumn` is the column of the last byte). An empty range (an absent value)
/// has `end.column == start.column - 1`.
public struct SourceRange: Sendable, Hashable, Codable {
    /// The path of the file as the user named it.
    public var file: String
    /// The first byte of the range.
    public var start: SourcePosition
    /// The last byte of the range (inclusive).
    public var end: SourcePosition

    public init(file: String, start: SourcePosition, end: SourcePosition) {
        self.file = file
        self.start = start
        self.end = end
    }

    /// A range on one line from `column` covering `length` bytes (at least the one column).
    public init(file: String, line: Int, column: Int, length: Int) {
        self.init(
            file: file,
            start: SourcePosition(line: line, column: column),
            end: SourcePosition(line: line, column: column + max(length, 1) - 1)
        )
    }

    /// The range that stands for a whole file (line 1, column 1), for findings about
    /// something missing from the file.
    public static func wholeFile(_ file: String) -> SourceRange {
        SourceRange(file: file, line: 1, column: 1, length: 1)
    }
}
