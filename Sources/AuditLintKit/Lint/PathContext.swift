/// Turns the paths findings carry (as the user named them) into paths relative to a root
/// (the repository for SARIF, the baseline's or configuration file's directory), with pure
/// string operations so reporters stay pure and tests need no file system.
public struct PathContext: Sendable, Hashable {
    /// The absolute directory relative paths were given from (the process's working directory).
    public var workingDirectory: String
    /// The absolute directory results are reported relative to.
    public var root: String

    public init(workingDirectory: String, root: String? = nil) {
        self.workingDirectory = PathContext.normalize(workingDirectory)
        self.root = PathContext.normalize(
            root.map { PathContext.absolute($0, from: workingDirectory) } ?? workingDirectory)
    }

    /// `path` made absolute against `directory` and normalised.
    public static func absolute(_ path: String, from directory: String) -> String {
        normalize(path.hasPrefix("/") ? path : directory + "/" + path)
    }

    /// `path` with `.`, empty and `..` components resolved lexically (`/a/./b/../c` → `/a/c`).
    public static func normalize(_ path: String) -> String {
        if isNormalizedAbsolute(path) { return path }
        var parts: [Substring] = []
        let isAbsolute = path.hasPrefix("/")
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == "..", let last = parts.last, last != ".." {
                parts.removeLast()
            } else if part == "..", isAbsolute {
                continue
            } else {
                parts.append(part)
            }
        }
        let joined = parts.joined(separator: "/")
        if isAbsolute { return "/" + joined }
        return joined.isEmpty ? "." : joined
    }

    /// Whether `path` is absolute and already normal (no empty, `.` or `..` component, no
    /// slash at the end unless it is `/`), so ``normalize(_:)`` returns it as it is; one
    /// pass over the bytes (a lint run asks this of every file it reads).
    static func isNormalizedAbsolute(_ path: String) -> Bool {
        var utf8 = path.utf8.makeIterator()
        guard utf8.next() == UInt8(ascii: "/") else { return false }
        var length = 0  // of the current component
        var dots = 0  // the component's bytes if all are `.`
        var sawAny = false
        while let byte = utf8.next() {
            sawAny = true
            if byte == UInt8(ascii: "/") {
                if length == 0 || length == dots && dots <= 2 { return false }
                length = 0
                dots = 0
            } else {
                length += 1
                if byte == UInt8(ascii: ".") { dots += 1 }
            }
        }
        return !sawAny || !(length == 0 || length == dots && dots <= 2)
    }

    /// `path` relative to ``root`` when it lies under it (`hosts/a/audit_control`), else the
    /// normalised absolute path.
    public func relative(_ path: String) -> String {
        let full = PathContext.absolute(path, from: workingDirectory)
        if full == root { return "." }
        let prefix = root == "/" ? "/" : root + "/"
        return full.hasPrefix(prefix) ? String(full.dropFirst(prefix.count)) : full
    }
}
