import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The one way auditlint opens a file it reads whole (configurations, tables,
/// `.auditlint.json`, baselines, volume profiles, journals, user maps): the file type is
/// checked before the file is opened, so a FIFO cannot block and a device cannot feed an
/// endless stream, and no more than a stated limit is read.
public enum InputFile {
    /// What a path names, from `stat(2)` (symbolic links followed).
    public enum Kind: String, Sendable, Hashable {
        case regular = "a regular file"
        case directory = "a directory"
        case fifo = "a FIFO (named pipe)"
        case characterDevice = "a character device"
        case blockDevice = "a block device"
        case socket = "a socket"
        case other = "not a regular file"
    }

    /// The kind of file at `path`.
    ///
    /// - Throws: ``AuditLintError/fileNotFound(_:)`` or ``AuditLintError/unreadable(_:reason:)``.
    public static func kind(of path: String) throws -> Kind {
        kind(mode: try status(of: path).st_mode)
    }

    /// `stat(2)` of `path`.
    ///
    /// - Throws: ``AuditLintError/fileNotFound(_:)`` or ``AuditLintError/unreadable(_:reason:)``.
    private static func status(of path: String) throws -> stat {
        var info = stat()
        guard stat(path, &info) == 0 else {
            let code = errno
            if code == ENOENT || code == ENOTDIR { throw AuditLintError.fileNotFound(path) }
            throw AuditLintError.unreadable(path, reason: String(cString: strerror(code)))
        }
        return info
    }

    /// The kind of an existing file, or nil when nothing is at `path`.
    public static func existingKind(of path: String) -> Kind? {
        var info = stat()
        return stat(path, &info) == 0 ? kind(mode: info.st_mode) : nil
    }

    static func kind(mode: mode_t) -> Kind {
        switch mode & S_IFMT {
        case S_IFREG: .regular
        case S_IFDIR: .directory
        case S_IFIFO: .fifo
        case S_IFCHR: .characterDevice
        case S_IFBLK: .blockDevice
        case S_IFSOCK: .socket
        default: .other
        }
    }

    /// Whether `path` is the null device (`/dev/null` or a link to it), which reads as an
    /// empty file without blocking: the usual way to say "an empty table" on a command line.
    public static func isNullDevice(_ path: String) -> Bool {
        var info = stat()
        var null = stat()
        return stat(path, &info) == 0 && stat("/dev/null", &null) == 0
            && kind(mode: info.st_mode) == .characterDevice && info.st_rdev == null.st_rdev
    }

    /// Throws unless `path` names a regular file (after symbolic links).
    ///
    /// - Throws: ``AuditLintError/fileNotFound(_:)``, ``AuditLintError/notAFile(_:)`` for a
    ///   directory, ``AuditLintError/notRegularFile(_:kind:)`` for a FIFO, device or socket.
    public static func requireRegular(_ path: String) throws {
        switch try kind(of: path) {
        case .regular: return
        case .directory: throw AuditLintError.notAFile(path)
        case let other: throw AuditLintError.notRegularFile(path, kind: other.rawValue)
        }
    }

    /// Reads the regular file at `path` whole, refusing anything over `limit` bytes; the
    /// null device reads as empty.
    ///
    /// The type is checked before `open(2)` and again on the open descriptor (the file may
    /// be replaced in between); the open never blocks (`O_NONBLOCK`) and never makes a
    /// terminal the controlling one (`O_NOCTTY`). At most `limit + 1` bytes are allocated.
    ///
    /// - Throws: the errors of ``requireRegular(_:)``,
    ///   ``AuditLintError/fileTooLarge(_:size:limit:)`` or ``AuditLintError/unreadable(_:reason:)``.
    public static func read(_ path: String, limit: Int) throws -> [UInt8] {
        try read(path, limit: limit, found: try status(of: path))
    }

    /// ``read(_:limit:)`` for a file that may be absent: nil when nothing is at `path` (any
    /// `stat(2)` failure, as ``existingKind(of:)`` has it), the same errors otherwise.
    /// One `stat(2)` serves both questions.
    public static func readIfPresent(_ path: String, limit: Int) throws -> [UInt8]? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return try read(path, limit: limit, found: info)
    }

    /// The device number of `/dev/null`, looked up once (nil when it cannot be).
    private static let nullDevice: dev_t? = {
        var null = stat()
        return stat("/dev/null", &null) == 0 ? null.st_rdev : nil
    }()

    /// ``read(_:limit:)`` once `stat(2)` has given `found` for `path`: the null device reads
    /// as empty (as ``isNullDevice(_:)`` says), anything but a regular file is refused
    /// (as ``requireRegular(_:)`` says), then the file is opened and checked again.
    private static func read(_ path: String, limit: Int, found: stat) throws -> [UInt8] {
        switch kind(mode: found.st_mode) {
        case .regular: break
        case .characterDevice where found.st_rdev == nullDevice: return []
        case .directory: throw AuditLintError.notAFile(path)
        case let other: throw AuditLintError.notRegularFile(path, kind: other.rawValue)
        }
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY)
        guard descriptor >= 0 else {
            throw AuditLintError.unreadable(path, reason: String(cString: strerror(errno)))
        }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            throw AuditLintError.unreadable(path, reason: String(cString: strerror(errno)))
        }
        let opened = kind(mode: info.st_mode)
        guard opened == .regular else {
            throw opened == .directory
                ? AuditLintError.notAFile(path) : AuditLintError.notRegularFile(path, kind: opened.rawValue)
        }
        if info.st_size > Int64(limit) {
            throw AuditLintError.fileTooLarge(path, size: Int(clamping: info.st_size), limit: limit)
        }
        // The size may change while reading: read up to limit + 1 bytes whatever stat said.
        let capacity = min(Int(info.st_size), limit) + 1
        var bytes = [UInt8](repeating: 0, count: capacity)
        var count = 0
        while true {
            if count == bytes.count {
                guard bytes.count <= limit else { break }
                bytes.append(contentsOf: repeatElement(0, count: min(max(bytes.count, 4096), limit + 1 - bytes.count)))
            }
            let got = bytes.withUnsafeMutableBytes { buffer in
                systemRead(descriptor, buffer.baseAddress! + count, buffer.count - count)
            }
            if got < 0 {
                if errno == EINTR { continue }
                throw AuditLintError.unreadable(path, reason: String(cString: strerror(errno)))
            }
            if got == 0 { break }
            count += got
        }
        if count > limit { throw AuditLintError.fileTooLarge(path, size: count, limit: limit) }
        bytes.removeSubrange(count...)
        return bytes
    }

    private static func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
        #if canImport(Darwin)
            Darwin.read(descriptor, buffer, count)
        #elseif canImport(Glibc)
            Glibc.read(descriptor, buffer, count)
        #else
            Musl.read(descriptor, buffer, count)
        #endif
    }
}

/// Pure string operations on paths as the user wrote them.
public enum PathName {
    /// The directory holding `path`, as a path usable from the same working directory:
    /// `a` → `.`, `dir/a` → `dir`, `/a` → `/`, `dir/a/` → `dir`, `` → `.`.
    ///
    /// The one place auditlint derives a parent directory (Foundation's
    /// `deletingLastPathComponent` traps on some relative one-character paths on Linux).
    public static func directory(holding path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed.removeLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return "." }
        var parent = trimmed[..<slash]
        while parent.hasSuffix("/") { parent.removeLast() }
        return parent.isEmpty ? "/" : String(parent)
    }

    /// `name` in `directory` (`.` adds no prefix, so messages keep the user's spelling).
    public static func join(_ directory: String, _ name: String) -> String {
        if directory == "." || directory.isEmpty { return name }
        return directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }
}
