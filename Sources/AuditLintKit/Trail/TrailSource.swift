import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A stream of trail bytes: a file, standard input, or memory.
public protocol TrailByteSource {
    /// Reads up to `buffer.count` bytes into `buffer`; returns how many, 0 at the end.
    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
}

/// Trail bytes held in memory (tests, encoder output).
public struct MemoryTrailSource: TrailByteSource {
    public let bytes: [UInt8]
    public private(set) var position = 0

    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let n = min(buffer.count, bytes.count - position)
        guard n > 0 else { return 0 }
        bytes.withUnsafeBytes { src in
            buffer.baseAddress!.copyMemory(from: src.baseAddress! + position, byteCount: n)
        }
        position += n
        return n
    }
}

/// Trail bytes read from a file descriptor with `read(2)`, so that pipes and FIFOs work as
/// well as files (see ``checkKind(_:)`` for what is refused).
public final class FileDescriptorTrailSource: TrailByteSource {
    public let path: String
    let fd: Int32
    let ownsDescriptor: Bool

    /// Opens `path` for reading; `-` is standard input.
    public init(path: String) throws {
        self.path = path
        if path == "-" {
            fd = 0
            ownsDescriptor = false
            return
        }
        try Self.checkKind(path)
        let opened = open(path, O_RDONLY | O_NOCTTY)
        guard opened >= 0 else {
            throw AuditLintError.unreadable(path, reason: String(cString: strerror(errno)))
        }
        fd = opened
        ownsDescriptor = true
    }

    /// Checks that `path` can be read as a trail before it is opened: a regular file or a
    /// FIFO (a stream, like standard input `-`, read until its writer closes it), or the
    /// null device (an empty trail). A
    /// directory is expanded by ``TrailPaths``; a device (which may never end, or block on
    /// a terminal) or a socket is refused: to read a live `/dev/auditpipe`, pipe it in
    /// (`cat /dev/auditpipe | auditlint decode -`).
    ///
    /// - Throws: ``AuditLintError/fileNotFound(_:)``, ``AuditLintError/notAFile(_:)`` or
    ///   ``AuditLintError/invalidInput(_:)`` naming the path and its kind.
    public static func checkKind(_ path: String) throws {
        if InputFile.isNullDevice(path) { return }
        switch try InputFile.kind(of: path) {
        case .regular, .fifo: return
        case .directory: throw AuditLintError.notAFile(path)
        case let kind:
            throw AuditLintError.invalidInput(
                "\(path): is \(kind.rawValue); trails are read from regular files, directories of them, FIFOs or standard input (`-`); to read a device such as /dev/auditpipe, pipe it in: `cat \(path) | auditlint decode -`"
            )
        }
    }

    deinit {
        if ownsDescriptor { close(fd) }
    }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        // Standard input may have been read ahead to tell its format (SampleInputFormat).
        if !ownsDescriptor, fd == 0, case let handedBack = StandardInputPushback.take(into: buffer), handedBack > 0 {
            return handedBack
        }
        while true {
            #if canImport(Darwin)
                let n = Darwin.read(fd, buffer.baseAddress, buffer.count)
            #elseif canImport(Glibc)
                let n = Glibc.read(fd, buffer.baseAddress, buffer.count)
            #else
                let n = Musl.read(fd, buffer.baseAddress, buffer.count)
            #endif
            if n >= 0 { return n }
            if errno == EINTR { continue }
            throw AuditLintError.unreadable(path, reason: String(cString: strerror(errno)))
        }
    }
}

/// The trail files named on a command line, in reading order.
public enum TrailPaths {
    /// Expands `arguments`: a directory becomes its regular files sorted by name (auditd's
    /// trail names sort by time; symbolic links such as `current` are skipped), `-` stays
    /// standard input, a file stays itself. A directory with no such file is an error.
    public static func expand(_ arguments: [String]) throws -> [String] {
        var result: [String] = []
        let fm = FileManager.default
        for argument in arguments {
            if argument == "-" {
                result.append(argument)
                continue
            }
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: argument, isDirectory: &isDirectory) else {
                throw AuditLintError.fileNotFound(argument)
            }
            guard isDirectory.boolValue else {
                try FileDescriptorTrailSource.checkKind(argument)
                result.append(argument)
                continue
            }
            let names: [String]
            do {
                names = try fm.contentsOfDirectory(atPath: argument)
            } catch {
                throw AuditLintError.unreadable(argument, reason: "cannot list the directory")
            }
            let base = argument.hasSuffix("/") ? argument : argument + "/"
            // Regular files only: auditd's `current` is a symbolic link to the live trail,
            // which is listed under its own name.
            let before = result.count
            for name in names.sorted() where !name.hasPrefix(".") {
                let type = (try? fm.attributesOfItem(atPath: base + name))?[.type] as? FileAttributeType
                if type == .typeRegular { result.append(base + name) }
            }
            // A directory without trails is a wrong path, not an empty sample: every command
            // would otherwise go on to a figure-less error that names no path.
            if result.count == before {
                throw AuditLintError.invalidInput(
                    "\(argument): no trail files in this directory (trails are its regular files whose names do not start with `.`); name a directory of auditd trails or the trail files themselves"
                )
            }
        }
        return result
    }
}

extension FileDescriptorTrailSource {
    /// The file's size now (`fstat(2)`).
    func size() throws -> Int64 {
        var status = stat()
        guard fstat(fd, &status) == 0 else {
            throw AuditLintError.unreadable(path, reason: String(cString: strerror(errno)))
        }
        return Int64(status.st_size)
    }

    /// Whether the file can be mapped rather than read: a regular file that is not empty
    /// (files such as those under /proc say they are empty and must be read).
    var isMappable: Bool {
        guard ownsDescriptor else { return false }
        var status = stat()
        return fstat(fd, &status) == 0 && status.st_mode & S_IFMT == S_IFREG && status.st_size > 0
    }

    /// Whether this descriptor and `other`'s are open on the same file (device and inode).
    func isSameFile(as other: FileDescriptorTrailSource) -> Bool {
        var (mine, theirs) = (stat(), stat())
        return fstat(fd, &mine) == 0 && fstat(other.fd, &theirs) == 0 && mine.st_dev == theirs.st_dev
            && mine.st_ino == theirs.st_ino
    }

    /// Moves the read position to `offset` (after a mapping was refused).
    func seek(to offset: Int64) throws {
        guard lseek(fd, off_t(offset), SEEK_SET) >= 0 else {
            throw AuditLintError.unreadable(path, reason: String(cString: strerror(errno)))
        }
    }
}

/// A window of a trail file mapped into memory (read-only, private), so its records are
/// walked where the page cache holds them instead of being copied by `read(2)`.
///
/// Windows are ``windowSize`` bytes (more when a record needs it) and are unmapped as the
/// reader moves on, so the resident set stays small whatever the file's size.
///
/// A file truncated by another process while it is mapped makes the next access to a
/// vanished page raise `SIGBUS`. Every mapping is recorded in ``TrailMappingRegistry``, so a
/// program can install a `SIGBUS` handler that names the file (the `auditlint` command
/// does: it reports the truncation and exits 3).
struct TrailMapping {
    /// The bytes mapped at a time when no record needs more.
    static let windowSize = 8 << 20

    /// The file offset of `bytes[0]` (a multiple of the page size).
    let offset: Int64
    /// The mapped bytes.
    let bytes: UnsafeRawBufferPointer
    private let slot: Int

    /// Maps `count` bytes of `file` from `position` (from the page that holds it); nil
    /// when the system refuses.
    init?(_ file: FileDescriptorTrailSource, from position: Int64, count: Int) {
        let page = Int64(sysconf(Int32(_SC_PAGESIZE)))
        let start = position - position % page
        let length = count + Int(position - start)
        guard length > 0,
            let address = mmap(nil, length, PROT_READ, MAP_PRIVATE, file.fd, off_t(start)),
            address != MAP_FAILED
        else { return nil }
        offset = start
        bytes = UnsafeRawBufferPointer(start: address, count: length)
        slot = TrailMappingRegistry.record(bytes, path: file.path)
    }

    /// Unmaps the window; its bytes must not be used afterwards.
    func unmap() {
        TrailMappingRegistry.forget(slot)
        munmap(UnsafeMutableRawPointer(mutating: bytes.baseAddress), bytes.count)
    }
}
