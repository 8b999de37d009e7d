import Foundation

/// A later part of a trail file, read on its own into a ``VolumeProfileBuilder/partSnapshot()``
/// of the file's builder while that builder's read goes on up to where the part starts.
///
/// So one large file (or the last files of many) keeps every processor busy, and the profile
/// stays the one a single read gives: ``VolumeProfileBuilder/finishSplitFile(_:stoppedAt:parts:sameAs:options:onProblem:)``
/// adds the parts in order only where each starts exactly where the read before it stopped
/// and its counts can be known (``VolumeProfileBuilder/mergePart(_:)``); from the first
/// part that fails either check, the rest of the file is read again in order.
struct TrailFilePart: @unchecked Sendable {
    /// Where the part starts (a record that frames cleanly) and where its read stops: at the
    /// first record that starts there or later (`Int64.max`: at the end of the file).
    var start: Int64
    var end: Int64
    var builder: VolumeProfileBuilder
    /// Where its read stopped; -1 until read.
    var reached: Int64 = -1
    /// Whether the file could be opened for it (if not, the part is read again).
    var opened = false
    /// The problems found, in order; nil when there were more than
    /// ``VolumeProfileBuilder/heldProblemLimit`` (the part is read again).
    var problems: [TrailProblem]? = []
    /// What reading it threw (after `problems`).
    var error: (any Error)?

    /// The smallest part worth a processor of its own.
    static let minimumBytes: Int64 = 4 << 20

    /// Where to split `file` from `from` up to `end` into `pieces` + 1 about equal parts of
    /// at least `minimum` bytes: the clean record starts at or after each boundary
    /// (``TrailReader/recordStart(of:atOrAfter:options:)``), in order. Empty when that is
    /// too small for two parts.
    static func starts(
        of file: FileDescriptorTrailSource, from: Int64, to end: Int64, pieces: Int, minimum: Int64,
        options: TrailReader.Options
    ) throws -> [Int64] {
        guard pieces > 0 else { return [] }
        let count = min(Int64(pieces), (end - from) / max(1, minimum) - 1)
        guard count > 0 else { return [] }
        var starts: [Int64] = []
        for piece in 1...count {
            let boundary = from + (end - from) / (count + 1) * piece
            guard let start = try TrailReader.recordStart(of: file, atOrAfter: boundary, options: options),
                start > (starts.last ?? from), start < end
            else { continue }
            starts.append(start)
        }
        return starts
    }

    /// Reads the part of `path` (the file `file` reads, checked to be the same) into its
    /// builder, holding its problems.
    mutating func read(
        _ path: String, sameAs file: FileDescriptorTrailSource?, options: TrailReader.Options,
        progress: ((Int64) -> Void)?
    ) {
        (problems, error) = VolumeProfileBuilder.holdingProblems { onProblem in
            let reader = try TrailReader.reader(of: path, from: start, sameAs: file, options: options)
            (reader.end, opened) = (end, true)
            try builder.add(reader, countsFile: false, onProblem: onProblem, progress: progress, split: nil)
            reached = reader.position
        }
    }
}

extension TrailReader {
    /// A reader of `path` from `offset` on, refusing a file that is not the one `file`
    /// reads (replaced since).
    static func reader(of path: String, from offset: Int64, sameAs file: FileDescriptorTrailSource?, options: Options)
        throws -> TrailReader
    {
        let source = try FileDescriptorTrailSource(path: path)
        if let file, !source.isSameFile(as: file) {
            throw AuditLintError.unreadable(path, reason: "the file was replaced while it was read; read it again")
        }
        let reader = TrailReader(source: source, name: path, options: options)
        try reader.start(at: offset)
        return reader
    }
}

extension VolumeProfileBuilder {
    /// Ends the read of a file that was split: this builder read it (`file`) up to `stop`
    /// (which was to be the first part's start), `parts` read the rest. Adds the parts in order
    /// with their problems while each starts where the read before it stopped and can be
    /// merged (``mergePart(_:)``); from the first that cannot, reads the rest of the file
    /// here, its problems passed on as found. A part's error is thrown after its problems.
    /// Returns how many parts were merged.
    @discardableResult
    mutating func finishSplitFile(
        _ path: String, stoppedAt stop: Int64, parts: [TrailFilePart], sameAs file: FileDescriptorTrailSource?,
        options: TrailReader.Options, onProblem: @escaping (TrailProblem) throws -> Void
    ) throws -> Int {
        var (position, merged) = (stop, 0)
        for part in parts.sorted(by: { $0.start < $1.start }) {
            guard part.start == position, part.opened, let problems = part.problems else { break }
            if let error = part.error {
                for problem in problems { try onProblem(problem) }
                throw error
            }
            guard mergePart(part.builder) else { break }
            for problem in problems { try onProblem(problem) }
            (position, merged) = (part.reached, merged + 1)
            if part.end == .max { return merged }
        }
        let reader = try TrailReader.reader(of: path, from: position, sameAs: file, options: options)
        try add(reader, countsFile: false, onProblem: onProblem, progress: nil, split: nil)
        return merged
    }
}
