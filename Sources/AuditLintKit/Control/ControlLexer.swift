/// One line as libbsm reads it: a `fgets` chunk of at most 255 bytes (§1.1 rule 1).
///
/// A physical line longer than 255 bytes is read as several chunks, each parsed as if it
/// were a line of its own; `column` says where a chunk starts in its physical line.
public struct ControlLine: Sendable, Hashable {
    /// The largest number of bytes one read returns (`AU_LINE_MAX` − 1).
    public static let maximumLength = 255

    /// The 1-based physical line the chunk is on.
    public var line: Int
    /// The 1-based byte column of the chunk's first byte (1, or 256, 511, … for the rest
    /// of a split line).
    public var column: Int
    /// The chunk's bytes as read, including its `\n` when it has one.
    public var bytes: [UInt8]
    /// Whether the physical line goes on in the next chunk (the line was split here).
    public var isSplit: Bool
    /// Whether the first byte is `#`: the only kind of comment libbsm knows.
    public var isComment: Bool
    /// Whether the chunk ends in `\r\n` (or `\r` at the end of the file).
    public var hasCarriageReturn: Bool
    /// The offset of a NUL byte in the chunk: C string functions stop there, so nothing
    /// after it is seen.
    public var nulOffset: Int?

    /// Whether the chunk is the continuation of a longer physical line.
    public var isContinuation: Bool { column > 1 }

    /// The chunk's bytes without its `\n`.
    public var content: ArraySlice<UInt8> {
        bytes.last == UInt8(ascii: "\n") ? bytes.dropLast() : bytes[...]
    }
}

/// A `key:value` line libbsm tokenised (comments and blank lines have none).
public struct ControlEntry: Sendable, Hashable {
    /// The index of the line in ``AuditControl/lines``.
    public var lineIndex: Int
    /// The key token exactly as libbsm compares it (leading blanks included).
    public var rawKey: String
    /// The key this line is for, when `rawKey` is exactly a known key name.
    public var key: ControlKey?
    /// The exact range of the key token.
    public var keyRange: SourceRange
    /// The value as the dialect's libbsm returns it; nil when there is none (no `:`; and
    /// on macOS also `key:` with nothing after it).
    public var value: ControlValue?
    /// The range of the whole line content (after libbsm's trim), for findings about the line.
    public var lineRange: SourceRange
    /// Whether a `:` follows the key (on macOS `key:` has a colon but no value).
    public var hasColon: Bool

    /// Whether the key token starts with a space or tab, which no key matches (§1.1 rule 4).
    public var hasLeadingBlank: Bool {
        rawKey.utf8.first.map { $0 == 0x20 || $0 == 0x09 } ?? false
    }

    /// The key token without leading blanks.
    public var strippedKey: String {
        String(rawKey.drop { $0 == " " || $0 == "\t" })
    }

    /// The 1-based physical line.
    public var line: Int { keyRange.start.line }
}

/// A value with its exact place in the file.
public struct ControlValue: Sendable, Hashable {
    /// The bytes libbsm hands to the key's parser.
    public var bytes: [UInt8]
    /// The range of the value; empty (end before start) for an empty value.
    public var range: SourceRange

    /// The value as text (invalid UTF-8 replaced).
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// The range of `length` bytes starting `offset` bytes into the value (a value never
    /// spans lines, so this is exact).
    public func range(offset: Int, length: Int) -> SourceRange {
        SourceRange(
            file: range.file,
            line: range.start.line,
            column: range.start.column + offset,
            length: length
        )
    }

    /// The range from `offset` to the end of the value (at least one column).
    public func range(from offset: Int) -> SourceRange {
        range(offset: offset, length: bytes.count - offset)
    }
}

/// The lexical layer of §1.1: chunks, comments, trimming and the key/value split.
enum ControlLexer {
    static let newline = UInt8(ascii: "\n")
    static let colon = UInt8(ascii: ":")

    /// Splits `source` into 255-byte chunks exactly as `fgets` with a 256-byte buffer does.
    static func lines(of source: SourceText) -> [ControlLine] {
        var result: [ControlLine] = []
        let bytes = source.bytes
        for (index, start) in source.lineStarts.enumerated() {
            let end = index + 1 < source.lineStarts.count ? source.lineStarts[index + 1] : bytes.count
            var position = start
            while position < end {
                let chunkEnd = min(position + ControlLine.maximumLength, end)
                let chunk = Array(bytes[position..<chunkEnd])
                let content = chunk.last == newline ? chunk.dropLast() : chunk[...]
                result.append(
                    ControlLine(
                        line: index + 1,
                        column: position - start + 1,
                        bytes: chunk,
                        isSplit: chunkEnd < end,
                        isComment: chunk.first == UInt8(ascii: "#"),
                        hasCarriageReturn: chunkEnd == end && content.last == UInt8(ascii: "\r"),
                        nulOffset: chunk.firstIndex(of: 0)
                    ))
                position = chunkEnd
            }
        }
        return result
    }

    /// Tokenises one line as the dialect's `getstrfromtype` does; nil for comments and lines
    /// with no key token.
    static func entry(of line: ControlLine, at lineIndex: Int, dialect: Dialect, file: String) -> ControlEntry? {
        if line.isComment { return nil }
        // The C string ends at the first NUL.
        var end = line.nulOffset ?? line.bytes.count
        let bytes = line.bytes
        switch dialect {
        case .openbsm:
            // Trailing `\n`, spaces and tabs are removed (OB); `\r` stays.
            while end > 0, bytes[end - 1] == newline || bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
        case .macos:
            // Only the `\n` is removed (AP).
            if end > 0, bytes[end - 1] == newline { end -= 1 }
        }
        // strtok_r: leading delimiters are skipped, the key runs to the next `:`.
        var keyStart = 0
        while keyStart < end, bytes[keyStart] == colon { keyStart += 1 }
        guard keyStart < end else { return nil }
        var keyEnd = keyStart
        while keyEnd < end, bytes[keyEnd] != colon { keyEnd += 1 }
        let rawKey = String(decoding: bytes[keyStart..<keyEnd], as: UTF8.self)
        func range(_ from: Int, _ to: Int) -> SourceRange {
            SourceRange(
                file: file,
                start: SourcePosition(line: line.line, column: line.column + from),
                end: SourcePosition(line: line.line, column: line.column + to - 1)
            )
        }
        var value: ControlValue?
        if keyEnd < end {
            switch dialect {
            case .openbsm:
                // The rest of the line after the first colon, further colons included.
                value = ControlValue(bytes: Array(bytes[(keyEnd + 1)..<end]), range: range(keyEnd + 1, end))
            case .macos:
                // The next colon-delimited token; none when only colons follow.
                var valueStart = keyEnd + 1
                while valueStart < end, bytes[valueStart] == colon { valueStart += 1 }
                if valueStart < end {
                    var valueEnd = valueStart
                    while valueEnd < end, bytes[valueEnd] != colon { valueEnd += 1 }
                    value = ControlValue(bytes: Array(bytes[valueStart..<valueEnd]), range: range(valueStart, valueEnd))
                }
            }
        }
        return ControlEntry(
            lineIndex: lineIndex,
            rawKey: rawKey,
            key: ControlKey(rawValue: rawKey),
            keyRange: range(keyStart, keyEnd),
            value: value,
            lineRange: range(0, end),
            hasColon: keyEnd < end
        )
    }
}
