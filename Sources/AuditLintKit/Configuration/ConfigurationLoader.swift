import Foundation

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
    /// Parsed tables to share between the configurations a caller loads (a run over a
    /// fleet); nil parses every table file on its own.
    public var tables: TableCache?

    public init(dialect: Dialect = .macos, maximumEntries: Int = 200_000, tables: TableCache? = nil) {
        self.dialect = dialect
        self.maximumEntries = maximumEntries
        self.tables = tables
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
            let names: [String]
            do {
                names = try FileManager.default.contentsOfDirectory(atPath: current).sorted()
            } catch {
                throw AuditLintError.unreadable(current, reason: "cannot list the directory")
            }
            for name in names {
                visited += 1
                if visited > maximumEntries {
                    throw AuditLintError.invalidInput(
                        "\(directory): more than \(maximumEntries) entries searched for audit_control; name the configuration directory itself"
                    )
                }
                let path = current.hasSuffix("/") ? current + name : current + "/" + name
                switch InputFile.existingKind(of: path) {
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
}
