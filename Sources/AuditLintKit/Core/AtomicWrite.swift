import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes one file atomically (an ``OutputPlan`` with a single file).
public enum AtomicWrite {
    /// Writes `data` to `path`: a regular file (or a new one) by temporary and rename, a
    /// device or FIFO directly.
    ///
    /// - Throws: ``AuditLintError/writeFailed(_:reason:)``.
    public static func write(_ data: Data, to path: String) throws {
        var plan = OutputPlan()
        try plan.add(data, to: path)
        try plan.write()
    }

    /// Writes `text` as UTF-8 to `path` (as the `Data` variant does).
    public static func write(_ text: String, to path: String) throws {
        try write(Data(text.utf8), to: path)
    }
}

/// Every file one command run writes, written all or nothing: each destination is checked
/// when it is added (before anything changes), then every regular file is written to a
/// temporary beside it, and the temporaries are renamed over their targets only when every
/// output was written.
///
/// A destination that is not a regular file (a character or block device such as
/// `/dev/null`, a FIFO) is written directly and never replaced; a symbolic link is written
/// through (the file it names is replaced, the link kept).
public struct OutputPlan {
    private var entries: [(path: String, data: Data)] = []

    public init() {}

    /// The paths added so far, in order.
    public var paths: [String] { entries.map(\.path) }

    /// Adds `data` for `path`, checking now that it can be written: not a directory, in an
    /// existing directory, not already in the plan.
    ///
    /// - Throws: ``AuditLintError/writeFailed(_:reason:)``.
    public mutating func add(_ data: Data, to path: String) throws {
        _ = try OutputFile.destination(path)
        if entries.contains(where: { $0.path == path }) {
            throw AuditLintError.writeFailed(
                path, reason: "named twice as an output of this run; give each output its own file")
        }
        entries.append((path, data))
    }

    /// Adds `text` as UTF-8 for `path` (as the `Data` variant does).
    public mutating func add(_ text: String, to path: String) throws {
        try add(Data(text.utf8), to: path)
    }

    /// Writes every output: temporaries first, then `beforeCommit` (for example standard
    /// output), then the renames. When anything fails before the renames, every temporary
    /// is removed and no target has changed.
    ///
    /// - Throws: ``AuditLintError/writeFailed(_:reason:)``, or what `beforeCommit` throws.
    public func write(beforeCommit: () throws -> Void = {}) throws {
        var staged: [OutputFile] = []
        do {
            for entry in entries {
                let file = try OutputFile(path: entry.path)
                staged.append(file)
                try file.write(entry.data)
                try file.finishWriting()
            }
            try beforeCommit()
        } catch {
            for file in staged { file.discard() }
            throw error
        }
        for file in staged { try file.commit() }
    }
}

/// One output written by streaming: to a temporary renamed over a regular target by
/// ``commit()``, or directly to a device or FIFO. Used through ``OutputPlan`` for outputs
/// held in memory, directly for large streamed ones (`synth`).
public final class OutputFile {
    /// How a destination is written.
    enum Destination {
        /// A regular file, existing or new, at `target` (symbolic links resolved):
        /// through a temporary in the same directory.
        case regular(target: String, existingMode: mode_t?)
        /// A device or FIFO: written in place, never replaced.
        case direct
        /// The process's standard output (never closed).
        case standardOutput
    }

    /// The path as the user named it.
    public let path: String
    private let destination: Destination
    private var descriptor: Int32
    private var temporary: String?
    private var finished = false

    /// How `path` would be written, checked before anything is created.
    static func destination(_ path: String) throws -> Destination {
        func fail(_ reason: String) -> AuditLintError { .writeFailed(path, reason: reason) }
        guard !path.isEmpty else { throw fail("the path is empty") }
        var info = stat()
        if stat(path, &info) == 0 {
            switch InputFile.kind(mode: info.st_mode) {
            case .regular:
                var resolved = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
                let target =
                    realpath(path, &resolved) != nil
                    ? String(decoding: resolved.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self) : path
                return .regular(target: target, existingMode: info.st_mode & 0o7777)
            case .directory:
                throw fail("it is a directory; name a file")
            case .socket, .other:
                throw fail("it is a socket or special file; name a regular file")
            case .fifo, .characterDevice, .blockDevice:
                return .direct
            }
        }
        guard errno == ENOENT else { throw fail(String(cString: strerror(errno))) }
        var link = stat()
        if lstat(path, &link) == 0 {
            throw fail("it is a symbolic link to a missing file; remove the link or name another file")
        }
        let directory = PathName.directory(holding: path)
        guard InputFile.existingKind(of: directory) == .directory else {
            throw fail("the directory \(directory) does not exist; create it first")
        }
        return .regular(target: path, existingMode: nil)
    }

    /// Opens `path` for writing: a temporary beside a regular target, the target itself
    /// for a device or FIFO.
    ///
    /// - Throws: ``AuditLintError/writeFailed(_:reason:)``.
    public init(path: String) throws {
        self.path = path
        destination = try Self.destination(path)
        switch destination {
        case .standardOutput:  // only from standardOutput(), never from a path
            descriptor = STDOUT_FILENO
        case .direct:
            descriptor = open(path, O_WRONLY | O_NOCTTY)
            guard descriptor >= 0 else {
                throw AuditLintError.writeFailed(path, reason: String(cString: strerror(errno)))
            }
        case .regular(let target, let existingMode):
            let directory = PathName.directory(holding: target)
            let name = String(target.split(separator: "/").last ?? "output")
            var template = Array(PathName.join(directory, ".\(name).auditlint-XXXXXX").utf8CString)
            descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
            guard descriptor >= 0 else {
                throw AuditLintError.writeFailed(
                    path, reason: "cannot create a temporary file in \(directory): \(String(cString: strerror(errno)))")
            }
            temporary = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            let mask = umask(0)
            umask(mask)
            fchmod(descriptor, existingMode ?? (0o666 & ~mask))
        }
    }

    private init(standardOutput: ()) {
        path = "standard output"
        destination = .standardOutput
        descriptor = STDOUT_FILENO
    }

    /// The process's standard output, written directly with `write(2)` so that every
    /// write error (a full disk, a closed pipe) is reported; never closed.
    public static func standardOutput() -> OutputFile { OutputFile(standardOutput: ()) }

    deinit {
        if descriptor >= 0, destination.ownsDescriptor { close(descriptor) }
        if let temporary { unlink(temporary) }
    }

    /// Writes all of `data`.
    ///
    /// - Throws: ``AuditLintError/writeFailed(_:reason:)`` (a full disk, an I/O error).
    public func write(_ data: Data) throws {
        try data.withUnsafeBytes { try write($0) }
    }

    /// Writes all of `bytes`.
    public func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write($0) }
    }

    private func write(_ buffer: UnsafeRawBufferPointer) throws {
        guard var base = buffer.baseAddress, descriptor >= 0 else { return }
        var left = buffer.count
        while left > 0 {
            let written = systemWrite(descriptor, base, left)
            if written < 0 {
                if errno == EINTR { continue }
                throw AuditLintError.writeFailed(path, reason: String(cString: strerror(errno)))
            }
            left -= written
            base += written
        }
    }

    /// Flushes a temporary to disk and closes the file; a failure here (a full disk
    /// reported late) leaves the target unchanged.
    public func finishWriting() throws {
        guard !finished, destination.ownsDescriptor else { return }
        finished = true
        if temporary != nil, fsync(descriptor) != 0 {
            throw AuditLintError.writeFailed(path, reason: String(cString: strerror(errno)))
        }
        let result = close(descriptor)
        descriptor = -1
        if result != 0 { throw AuditLintError.writeFailed(path, reason: String(cString: strerror(errno))) }
    }

    /// Finishes writing and renames the temporary over the target (nothing more for a
    /// device or FIFO).
    public func commit() throws {
        try finishWriting()
        guard let temporary, case .regular(let target, _) = destination else { return }
        guard rename(temporary, target) == 0 else {
            throw AuditLintError.writeFailed(path, reason: String(cString: strerror(errno)))
        }
        self.temporary = nil
    }

    /// Abandons the output: the temporary is removed, the target left as it was.
    public func discard() {
        if descriptor >= 0, destination.ownsDescriptor {
            close(descriptor)
            descriptor = -1
        }
        if let temporary { unlink(temporary) }
        temporary = nil
    }

    private func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
        #if canImport(Darwin)
            Darwin.write(descriptor, buffer, count)
        #elseif canImport(Glibc)
            Glibc.write(descriptor, buffer, count)
        #else
            Musl.write(descriptor, buffer, count)
        #endif
    }
}

extension OutputFile.Destination {
    var ownsDescriptor: Bool {
        if case .standardOutput = self { return false }
        return true
    }
}
