import Foundation

/// The raw bytes of a text file with its line boundaries, for parsers and for reporters
/// that quote a source line under a finding.
///
/// The bytes are kept as read (no newline or encoding normalisation): libbsm sees bytes,
/// so the parsers must too.
public struct SourceText: Sendable, Hashable {
    /// The path as the user named it (used in ranges and messages).
    public let path: String
    /// The file's bytes, unchanged.
    public let bytes: [UInt8]
    /// The byte offset at which each physical line starts (`\n` ends a line).
    public let lineStarts: [Int]

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
        var starts = [0]
        for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") && index + 1 < bytes.count {
            starts.append(index + 1)
        }
        self.lineStarts = bytes.isEmpty ? [] : starts
    }

    public init(path: String, text: String) {
        self.init(path: path, bytes: Array(text.utf8))
    }

    /// Reads a regular file, refusing anything over `limit` bytes so a mistaken path to a
    /// trail or a device cannot exhaust memory, and a FIFO cannot block (see ``InputFile``).
    ///
    /// - Throws: ``AuditLintError/fileNotFound(_:)``, ``AuditLintError/notAFile(_:)``,
    ///   ``AuditLintError/notRegularFile(_:kind:)``,
    ///   ``AuditLintError/fileTooLarge(_:size:limit:)`` or ``AuditLintError/unreadable(_:reason:)``.
    public static func read(path: String, limit: Int = 4 << 20) throws -> SourceText {
        SourceText(path: path, bytes: try InputFile.read(path, limit: limit))
    }

    /// ``read(path:limit:)`` for a file that may be absent: nil when nothing is at `path`
    /// (see ``InputFile/readIfPresent(_:limit:)``).
    public static func readIfPresent(path: String, limit: Int = 4 << 20) throws -> SourceText? {
        try InputFile.readIfPresent(path, limit: limit).map { SourceText(path: path, bytes: $0) }
    }

    /// The number of physical lines.
    public var lineCount: Int { lineStarts.count }

    /// The bytes of 1-based `line` without its `\n` (a `\r` before it is kept).
    public func lineBytes(_ line: Int) -> ArraySlice<UInt8> {
        guard line >= 1, line <= lineStarts.count else { return [] }
        let start = lineStarts[line - 1]
        var end = line < lineStarts.count ? lineStarts[line] : bytes.count
        if end > start, bytes[end - 1] == UInt8(ascii: "\n") { end -= 1 }
        return bytes[start..<end]
    }

    /// Line `line` as display text: invalid UTF-8 replaced, control bytes shown as `?`
    /// so that a caret line printed under it stays aligned byte for byte.
    public func displayLine(_ line: Int) -> String {
        let printable = lineBytes(line).map { byte -> UInt8 in
            (byte < 0x20 && byte != UInt8(ascii: "\t")) || byte == 0x7F || byte >= 0x80 ? UInt8(ascii: "?") : byte
        }
        return String(decoding: printable, as: UTF8.self)
    }
}
