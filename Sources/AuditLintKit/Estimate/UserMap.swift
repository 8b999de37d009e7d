import Foundation

/// Audit user id → login name, for applying audit_user's per-user masks to a sample
/// (`estimate --user-map`).
///
/// Read from a passwd-format file (`name:x:uid:gid:…`, as `/etc/passwd` or
/// `getent passwd` prints it) or a simpler list: `name:uid` or `uid name` a line. Blank
/// lines and lines starting with `#` are skipped. When a uid appears twice the first
/// name is kept, as `getpwuid` returns the first match.
public struct UserMap: Sendable, Hashable {
    /// Audit user id → login name.
    public var names: [UInt32: String]

    public init(names: [UInt32: String]) {
        self.names = names
    }

    /// Reads and parses the map at `path`.
    ///
    /// - Throws: ``AuditLintError`` when the file is unreadable or a line is malformed.
    public static func read(path: String) throws -> UserMap {
        try parse(try SourceText.read(path: path))
    }

    /// Parses a user map.
    ///
    /// - Throws: ``AuditLintError/invalidFile(_:line:column:problem:)`` naming the first
    ///   malformed line (binary data, a missing or non-numeric uid, an empty name).
    public static func parse(_ source: SourceText) throws -> UserMap {
        var names: [UInt32: String] = [:]
        for line in stride(from: 1, through: source.lineCount, by: 1) {
            var bytes = source.lineBytes(line)
            if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
            func fail(at index: Int, _ problem: String) -> AuditLintError {
                .invalidFile(
                    source.path, line: line, column: index - source.lineStarts[line - 1] + 1,
                    problem: problem + "; give a passwd file (name:x:uid:…) or lines of name:uid or uid name")
            }
            if let zero = bytes.firstIndex(of: 0) { throw fail(at: zero, "binary data, not a user map") }
            guard let text = String(validating: bytes, as: UTF8.self) else {
                throw fail(at: bytes.startIndex, "not UTF-8 text")
            }
            let blank: (Character) -> Bool = { $0 == " " || $0 == "\t" }
            var trimmed = Substring(text).drop(while: blank)
            while let last = trimmed.last, blank(last) { trimmed.removeLast() }
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            /// The byte index in `source` of a position in `text`.
            func index(_ position: String.Index) -> Int {
                bytes.startIndex + text.utf8.distance(from: text.startIndex, to: position)
            }
            let start = index(trimmed.startIndex)
            let name: Substring
            let uidText: Substring
            if trimmed.contains(":") {
                let fields = trimmed.split(separator: ":", omittingEmptySubsequences: false)
                name = fields[0]
                uidText = fields.count >= 3 ? fields[2] : fields[1]
            } else {
                let fields = trimmed.split(whereSeparator: blank)
                guard fields.count == 2 else {
                    throw fail(at: start, "expected two fields, uid and name, found \(fields.count)")
                }
                (uidText, name) = (fields[0], fields[1])
            }
            guard !name.isEmpty, !name.contains(where: \.isWhitespace) else {
                throw fail(at: start, "missing or invalid user name")
            }
            guard uidText.allSatisfy(\.isASCII), let uid = UInt32(uidText) else {
                throw fail(
                    at: index(uidText.startIndex), "uid '\(uidText.prefix(40))' is not a number from 0 to 4294967295")
            }
            if names[uid] == nil { names[uid] = String(name) }
        }
        return UserMap(names: names)
    }
}
