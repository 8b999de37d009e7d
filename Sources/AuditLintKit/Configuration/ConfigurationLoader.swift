import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Finds audit_control files and loads each with the class, event and user tables
/// auditd would read beside it.
///
/// A configuration directory holds `audit_control` and, optionally, `audit_class`,
/// `audit_event` and `audit_user`. When the class or event file is absent, the
/// dialect's built-in default (embedded in the binary) is used, as on a host where only
/// audit_control is managed.
public struct ConfigurationLoader: Sendable {
    /// The file names auditd reads, as found in `/etc/security`.
    public enum FileName {
        public static let control = "audit_control"
        public static let classes = "audit_class"
        public static let events = "audit_event"
        public static let users = "audit_user"
    }

    /// Which implementation's behaviour to model.
    public var dialect: Dialect
    /// The most directory entries a search visits before it stops with an error.
    public var maximumEntries: Int

    public init(dialect: Dialect = .macos, maximumEntries: Int = 200_000) {
        self.dialect = dialect
        self.maximumEntries = maximumEntries
    }

    /// The audit_control files named by `paths`: files as given (a table file stands for
    /// the audit_control beside it), directories searched recursively (hidden directories
    /// and build folders skipped), sorted and without duplicates.
    ///
    /// A named path must be a regular file or a directory; an `audit_control` met while
    /// searching a directory that is not a regular file (a FIFO, a device) is skipped, and
    /// named in the error when the directory holds nothing else.
    ///
    /// - Throws: ``AuditLintError/fileNotFound(_:)`` for a missing path,
    ///   ``AuditLintError/notRegularFile(_:kind:)`` for a FIFO, device or socket,
    ///   ``AuditLintError/noControlFile(directory:)`` for a directory with none.
    public func discover(_ paths: [String]) throws -> [String] {
        var found: [String] = []
        var seen = Set<String>()
        for path in paths {
            let files: [String]
            switch try InputFile.kind(of: path) {
            case .directory:
                let searched = try search(directory: path)
                if searched.files.isEmpty, let skipped = searched.skipped.first {
                    throw AuditLintError.notRegularFile(skipped.path, kind: skipped.kind.rawValue)
                }
                files = searched.files
            case .regular:
                files = [controlFile(for: path)]
            case let other:
                throw AuditLintError.notRegularFile(path, kind: other.rawValue)
            }
            if files.isEmpty { throw AuditLintError.noControlFile(directory: path) }
            for file in files where seen.insert(file).inserted {
                found.append(file)
            }
        }
        return found
    }

    /// The audit_control a named file belongs to: a table file (`audit_class`,
    /// `audit_event`, `audit_user`) stands for the audit_control beside it, so a hook that
    /// passes changed file names lints the configuration they change.
    private func controlFile(for path: String) -> String {
        let name = (path as NSString).lastPathComponent
        guard [FileName.classes, FileName.events, FileName.users].contains(name) else { return path }
        let sibling = PathName.join(PathName.directory(holding: path), FileName.control)
        return InputFile.existingKind(of: sibling) == .regular ? sibling : path
    }

    private func search(directory: String) throws -> (files: [String], skipped: [(path: String, kind: InputFile.Kind)])
    {
        var results: [String] = []
        var skipped: [(path: String, kind: InputFile.Kind)] = []
        var visited = 0
        var pending = [directory]
        while let current = pending.popLast() {
            let entries: [(name: String, listed: InputFile.Kind?)]
            if let listed = try Self.entries(of: current) {
                entries = listed.sorted { $0.name < $1.name }
            } else {
                do {
                    entries = try FileManager.default.contentsOfDirectory(atPath: current).sorted().map { ($0, nil) }
                } catch {
                    throw AuditLintError.unreadable(current, reason: "cannot list the directory")
                }
            }
            // Whether `stat(2)` agrees with the listing in this directory, learnt from the first
            // entry that needs one: it then agrees for every entry (search permission is the
            // directory's), so the listing's kind is taken without asking again.
            var listingAgrees: Bool?
            for (name, listed) in entries {
                visited += 1
                if visited > maximumEntries {
                    throw AuditLintError.invalidInput(
                        "\(directory): more than \(maximumEntries) entries searched for audit_control; name the configuration directory itself"
                    )
                }
                let path = current.hasSuffix("/") ? current + name : current + "/" + name
                let kind: InputFile.Kind?
                if let listed, name != FileName.control, listed != .directory {
                    // Neither an audit_control nor a directory: nothing is done with it,
                    // whatever stat(2) would say.
                    continue
                } else if let listed, listingAgrees == true, path.utf8.count < Int(PATH_MAX) {
                    kind = listed
                } else {
                    kind = InputFile.existingKind(of: path)
                    if let listed, listingAgrees == nil { listingAgrees = kind == listed }
                }
                switch kind {
                case .directory?:
                    if !name.hasPrefix("."), !Self.skippedDirectories.contains(name) {
                        pending.append(path)
                    }
                case .regular? where name == FileName.control:
                    results.append(path)
                case let kind? where name == FileName.control:
                    skipped.append((path, kind))
                default:
                    continue
                }
            }
        }
        return (results.sorted(), skipped)
    }

    private static let skippedDirectories: Set<String> = ["node_modules", "DerivedData"]

    /// The entries of `directory` (without `.` and `..`), each with the kind the listing
    /// gives (`d_type`; nil for a symbolic link or an unknown type, which only `stat(2)`
    /// can tell), read with `readdir(3)`; nil when a name is not valid UTF-8 (the caller
    /// lists the directory with FileManager then, as before).
    ///
    /// - Throws: ``AuditLintError/unreadable(_:reason:)`` when the directory cannot be listed.
    private static func entries(of directory: String) throws -> [(name: String, listed: InputFile.Kind?)]? {
        guard let stream = opendir(directory) else {
            throw AuditLintError.unreadable(directory, reason: "cannot list the directory")
        }
        defer { closedir(stream) }
        var entries: [(name: String, listed: InputFile.Kind?)] = []
        while true {
            errno = 0
            guard let entry = readdir(stream) else {
                if errno != 0 { throw AuditLintError.unreadable(directory, reason: "cannot list the directory") }
                return entries
            }
            let name = withUnsafeBytes(of: entry.pointee.d_name) { bytes in
                bytes.withMemoryRebound(to: UInt8.self) { buffer in
                    String(validating: buffer.prefix { $0 != 0 }, as: UTF8.self)
                }
            }
            guard let name else { return nil }
            if name == "." || name == ".." { continue }
            entries.append((name, kind(type: entry.pointee.d_type)))
        }
    }

    /// The kind a listing's `d_type` gives; nil for a symbolic link or an unknown type.
    private static func kind(type: UInt8) -> InputFile.Kind? {
        switch Int(type) {
        case Int(DT_REG): .regular
        case Int(DT_DIR): .directory
        case Int(DT_FIFO): .fifo
        case Int(DT_CHR): .characterDevice
        case Int(DT_BLK): .blockDevice
        case Int(DT_SOCK): .socket
        default: nil
        }
    }
}
