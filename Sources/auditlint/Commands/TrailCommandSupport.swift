import ArgumentParser
import AuditLintKit
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Buffered writing to standard output with `write(2)` (decoding produces a lot of text).
struct StandardOutput {
    var buffer: [UInt8] = []

    init() { buffer.reserveCapacity(1 << 17) }

    mutating func flushIfFull() throws {
        if buffer.count >= 1 << 16 { try flush() }
    }

    mutating func flush() throws {
        try OutputFile.standardOutput().write(buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}

/// Reads every record of the trails named on the command line (files, directories, `-`),
/// reporting problems on standard error. Returns whether any damage was found.
func readTrails(
    _ arguments: [String], options: TrailReader.Options, output: inout StandardOutput,
    _ body: (String, TrailRecordView, inout StandardOutput) throws -> Void
) throws -> Bool {
    var damaged = false
    let strict = options.strict
    for path in try TrailPaths.expand(arguments) {
        let reader = TrailReader(source: try FileDescriptorTrailSource(path: path), name: path, options: options)
        do {
            try reader.forEachRecord(onProblem: { problem in
                if problem.isDamage { damaged = true }
                if !strict || !problem.isDamage { writeStandardError("auditlint: \(problem)") }
            }) { record in
                try body(path, record, &output)
                try output.flushIfFull()
            }
        } catch let error as AuditLintError {
            try output.flush()
            if case .damagedTrail = error {
                writeStandardError("auditlint: error: \(error.description)")
                throw ExitCode(ExitStatus.findings.rawValue)
            }
            throw error
        }
    }
    try output.flush()
    return damaged
}

/// Reads the trails named on the command line (files, directories, `-`) into `builder`
/// (several files at once, merged in order: see
/// ``VolumeProfileBuilder/add(trails:options:parallelism:onProblem:progress:)``),
/// reporting problems on standard error and, when it is a terminal, progress as
/// "`command`: file: bytes of total". Damage in strict mode stops with exit code 1.
func readTrailProfiles(
    _ arguments: [String], into builder: inout VolumeProfileBuilder, command: String,
    options: TrailReader.Options = TrailReader.Options()
) throws {
    let progress = ProgressLine(enabled: isatty(2) != 0)
    defer { progress.clear() }
    let paths = try TrailPaths.expand(arguments)
    // None unless shown: the reader then need not look at its progress at all (nor the
    // files' sizes be asked for).
    var report: (@Sendable (String, Int64) -> Void)?
    if progress.enabled {
        var totals: [String: Int64] = [:]
        for path in paths where path != "-" {
            totals[path] = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int64) ?? nil
        }
        let sizes = totals
        report = { path, bytes in
            progress.show(
                "\(command): \(path): \(Quantity.formatSize(bytes))"
                    + (sizes[path].map { " of \(Quantity.formatSize($0))" } ?? ""))
        }
    }
    do {
        try builder.add(
            trails: paths, options: options,
            onProblem: { problem in
                progress.clear()
                if !options.strict || !problem.isDamage { writeStandardError("auditlint: \(problem)") }
            },
            progress: report)
    } catch let error as AuditLintError {
        progress.clear()
        if case .damagedTrail = error {
            writeStandardError("auditlint: error: \(error.description)")
            throw ExitCode(ExitStatus.findings.rawValue)
        }
        throw error
    }
}

/// A one-line progress message on standard error, rewritten in place; silent unless
/// standard error is a terminal. Safe to use from the threads reading trails (one call at
/// a time, under its lock).
final class ProgressLine: @unchecked Sendable {
    let enabled: Bool
    private let lock = NSLock()
    private var shown = false
    private var last = ContinuousClock.now

    init(enabled: Bool) { self.enabled = enabled }

    /// Shows `text` (at most a few times a second).
    func show(_ text: String) {
        guard enabled else { return }
        lock.withLock {
            guard ContinuousClock.now - last > .milliseconds(200) || !shown else { return }
            last = ContinuousClock.now
            FileHandle.standardError.write(Data("\r\u{1B}[K\(text)".utf8))
            shown = true
        }
    }

    /// Erases the line, before other output.
    func clear() {
        guard enabled else { return }
        lock.withLock {
            guard shown else { return }
            FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
            shown = false
        }
    }
}
