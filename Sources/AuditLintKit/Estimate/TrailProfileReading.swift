import Foundation

extension VolumeProfileBuilder {
    /// Problems a file read on another thread may hold until it is merged; a file with more
    /// is read again on the calling thread, its problems passed on as they are found.
    static let heldProblemLimit = 10_000

    /// Runs `read` with a problem handler that holds what it is given, up to
    /// ``heldProblemLimit``: returns the problems in order (nil past the limit, where `read`
    /// was stopped) and what `read` threw.
    static func holdingProblems(
        _ read: (_ onProblem: @escaping (TrailProblem) throws -> Void) throws -> Void
    ) -> (problems: [TrailProblem]?, error: (any Error)?) {
        var problems: [TrailProblem] = []
        do {
            try read { problem in
                guard problems.count < heldProblemLimit else { throw TooManyProblems() }
                problems.append(problem)
            }
            return (problems, nil)
        } catch is TooManyProblems {
            return (nil, nil)
        } catch {
            return (problems, error)
        }
    }

    private struct TooManyProblems: Error {}

    /// Reads trail files into the profile (`paths` as ``TrailPaths/expand(_:)`` gives them),
    /// on up to `parallelism` threads (the calling thread reads too, between merges), each
    /// file into a builder of its own, merged in the order of `paths` (``merge(_:)``): the
    /// profile, the problems passed to `onProblem` and their order are the same whatever the
    /// parallelism. A thread with no file left to read takes the later part of a file being
    /// read (``TrailFilePart``), so a lone large file, or the last of many, is read on every
    /// processor. Memory stays bounded: at most 2 × `parallelism` files are read ahead of
    /// the merge, and a part holds what a file's builder does.
    ///
    /// - Parameters:
    ///   - options: the reader's options (in strict mode the first damage, in file order,
    ///     is thrown).
    ///   - parallelism: threads reading at once (default: the active processors); 1 reads
    ///     the files one after another on the calling thread.
    ///   - onProblem: called on the calling thread with each problem, in file order.
    ///   - progress: called about every 64 MiB of a file with its path and the bytes of
    ///     records read so far, from the thread reading it (one call at a time).
    /// - Throws: the first error in file order: what the reader throws (I/O errors naming
    ///   the file, ``AuditLintError/damagedTrail(_:offset:reason:)`` in strict mode) or what
    ///   `onProblem` throws.
    public mutating func add(
        trails paths: [String], options: TrailReader.Options = TrailReader.Options(),
        parallelism: Int = ProcessInfo.processInfo.activeProcessorCount,
        onProblem: @escaping (TrailProblem) throws -> Void = { _ in },
        progress: (@Sendable (_ path: String, _ bytes: Int64) -> Void)? = nil
    ) throws {
        try add(
            trails: paths, options: options, parallelism: parallelism, minimumPartBytes: TrailFilePart.minimumBytes,
            onProblem: onProblem, progress: progress)
    }

    /// ``add(trails:options:parallelism:onProblem:progress:)``, splitting off parts of at
    /// least `minimumPartBytes` (tests split small files).
    mutating func add(
        trails paths: [String], options: TrailReader.Options, parallelism: Int, minimumPartBytes: Int64,
        onProblem: @escaping (TrailProblem) throws -> Void, progress: (@Sendable (String, Int64) -> Void)?
    ) throws {
        let workers = Self.threads(reading: paths, parallelism: parallelism, minimumPartBytes: minimumPartBytes)
        guard workers > 1 else {
            // One builder a file, merged in order; its storage serves the next file.
            var file = blank()
            for path in paths {
                try file.add(
                    file: path, options: options, onProblem: onProblem,
                    progress: progress.map { report in { report(path, $0) } })
                absorb(&file)
            }
            return
        }
        // The calling thread reads too, between merges, and files may be read up to two a
        // worker ahead of the merge: a thread that merged while the others read waited for a
        // processor (the scheduler left it queued behind a busy one for 2–4 ms while another
        // processor idled), and so did the readers waiting for it (8 files on 2 cores: 40–46 ms
        // against 41–73 ms, best of 15 speedup 1.58–1.75× against 1.14–1.65×).
        let run = ParallelTrailRead(
            paths: paths, options: options, workers: workers, minimumPartBytes: minimumPartBytes, progress: progress,
            blank: blank())
        let group = DispatchGroup()
        for worker in 1..<workers {
            group.runOnOwnThread { run.work(worker) }
        }
        defer {
            run.cancel()
            group.wait()
        }
        for index in paths.indices {
            run.readWhileWaiting(for: index)
            var outcome = run.take(index)
            if outcome.problems == nil {
                // Too many problems to hold: read it again here, passing them on as found.
                outcome.builder = blank()
                try outcome.builder.add(file: paths[index], options: options, onProblem: onProblem, progress: nil)
            } else {
                for problem in outcome.problems ?? [] { try onProblem(problem) }
                if let error = outcome.error { throw error }
                if let stop = outcome.stop {
                    try outcome.builder.finishSplitFile(
                        paths[index], stoppedAt: stop, parts: outcome.parts, sameAs: outcome.file, options: options,
                        onProblem: onProblem)
                }
            }
            absorb(&outcome.builder, emptying: false)
            run.recycle(outcome.builder, to: outcome.worker)
        }
    }

    /// Reads the trail file `path` whole into the profile, on this thread.
    private mutating func add(
        file path: String, options: TrailReader.Options, onProblem: @escaping (TrailProblem) throws -> Void,
        progress: ((Int64) -> Void)?
    ) throws {
        let reader = try TrailReader(source: FileDescriptorTrailSource(path: path), name: path, options: options)
        try add(reader, onProblem: onProblem, progress: progress, split: nil)
    }

    /// The threads worth reading `paths` on: one a file, and one more for each two
    /// `minimumPartBytes` of their regular files, up to `parallelism`.
    static func threads(reading paths: [String], parallelism: Int, minimumPartBytes: Int64) -> Int {
        let parallelism = max(1, parallelism)
        guard parallelism > paths.count else { return parallelism }
        var bytes: Int64 = 0
        for path in paths {
            var status = stat()
            if stat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG { bytes += Int64(status.st_size) }
        }
        return min(parallelism, paths.count + Int(bytes / (2 * minimumPartBytes)))
    }
}

/// What reading one file on a worker thread gave.
struct TrailFileOutcome: @unchecked Sendable {
    var builder = VolumeProfileBuilder()
    /// The problems found, in order; nil when there were more than
    /// ``VolumeProfileBuilder/heldProblemLimit`` (the file is read again).
    var problems: [TrailProblem]? = []
    /// What reading it threw (after `problems`).
    var error: (any Error)?
    /// The worker that read it, which reads into its storage again.
    var worker = 0
    /// For a file that was split: where its read stopped, the file read, and the parts
    /// others read (``TrailFilePart``).
    var stop: Int64?
    var file: FileDescriptorTrailSource?
    var parts: [TrailFilePart] = []
}

/// A part of file `index` to read (the file its read reads, to check it is the same).
struct PartTask: @unchecked Sendable {
    var index: Int
    var file: FileDescriptorTrailSource
    var part: TrailFilePart
}

/// The shared state of a parallel read: threads take the next file while they are fewer than
/// `window` files ahead of the merge, and leave what they read for the merging thread; with
/// no file left, they read the parts that the reads under way split off for them.
final class ParallelTrailRead: @unchecked Sendable {
    let paths: [String]
    let options: TrailReader.Options
    let window: Int
    /// An empty builder with the limits in force.
    let blank: VolumeProfileBuilder
    let minimumPartBytes: Int64
    let progress: (@Sendable (String, Int64) -> Void)?
    private let condition = NSCondition()
    private var next = 0
    private var merged = 0
    private var cancelled = false
    private var outcomes: [Int: TrailFileOutcome] = [:]
    /// Each worker's merged builders, whose storage it reads its next files into (at most
    /// two a worker: with one, a builder that came back while another waited was dropped
    /// and the worker's next file read into new tables, 0.048–0.059 s against 0.045–0.052 s
    /// for 8 files on 2 cores).
    private var spare: [[VolumeProfileBuilder]]
    /// Parts split off and not yet taken, oldest first; each file's parts read and how many
    /// are still being read.
    private var tasks: [PartTask] = []
    private var partsRead: [Int: [TrailFilePart]] = [:]
    private var partsPending: [Int: Int] = [:]
    /// Threads with no file left, waiting for a part; files whose reads may still split.
    private var idle = 0
    private var splittable = 0
    /// Bytes read of each file so far, by all its readers (for `progress`).
    private var progressBytes: [String: Int64] = [:]

    init(
        paths: [String], options: TrailReader.Options, workers: Int, minimumPartBytes: Int64,
        progress: (@Sendable (String, Int64) -> Void)?, blank: VolumeProfileBuilder
    ) {
        self.paths = paths
        self.minimumPartBytes = minimumPartBytes
        self.options = options
        window = 2 * workers
        self.blank = blank
        self.progress = progress
        spare = Array(repeating: [], count: workers)
    }

    /// A worker thread: reads files, then parts, until none is left or the read is
    /// cancelled.
    func work(_ worker: Int) {
        while true {
            if let index = claim() {
                read(index, worker: worker)
            } else if let task = nextTask() {
                read(task)
            } else {
                return
            }
        }
    }

    /// The merging thread, before it takes file `index`: reads files (as worker 0) while
    /// that one is not read yet and the window has room, then parts, and waits when there
    /// is neither.
    func readWhileWaiting(for index: Int) {
        enum Step {
            case file(Int)
            case part(PartTask)
        }
        while true {
            let step: Step? = condition.withLock {
                while !cancelled, !isComplete(index) {
                    if next < paths.count, next - merged < window { return .file(claimNext()) }
                    if !tasks.isEmpty { return .part(tasks.removeFirst()) }
                    // Waiting: for a part to read, once no file is left.
                    let waitsForPart = next >= paths.count
                    if waitsForPart { idle += 1 }
                    condition.wait()
                    if waitsForPart { idle -= 1 }
                }
                return nil
            }
            switch step {
            case .file(let file): read(file, worker: 0)
            case .part(let task): read(task)
            case nil: return
            }
        }
    }

    /// Whether file `index` and its parts are read.
    private func isComplete(_ index: Int) -> Bool {
        outcomes[index] != nil && partsPending[index, default: 0] == 0
    }

    /// Reads file `index` into a builder of `worker`'s and leaves what it gave for the merge.
    private func read(_ index: Int, worker: Int) {
        var outcome = TrailFileOutcome()
        outcome.worker = worker
        if let builder = condition.withLock({ spare[worker].popLast() }) {
            // Emptied here: a merged builder's tables were last written by this processor.
            outcome.builder = builder
            outcome.builder.removeAll()
        } else {
            outcome.builder = blank
        }
        let path = paths[index]
        (outcome.problems, outcome.error) = VolumeProfileBuilder.holdingProblems { onProblem in
            let source = try FileDescriptorTrailSource(path: path)
            let reader = TrailReader(source: source, name: path, options: options)
            try outcome.builder.add(
                reader, onProblem: onProblem, progress: reporter(for: path),
                split: { reader, from, talkers, snapshot in
                    self.split(index, reader: reader, from: from, talkers: talkers, snapshot: snapshot)
                })
            if reader.end != .max { (outcome.stop, outcome.file) = (reader.position, source) }
        }
        condition.withLock {
            splittable -= 1
            outcomes[index] = outcome
            condition.broadcast()
        }
    }

    /// Splits the rest of file `index` (from `from` up to `reader`'s end) when threads are
    /// waiting for parts: into one part for each (and the read's own), each at least
    /// ``minimumPartBytes``; returns where the read is now to stop.
    ///
    /// Only when ``worthSplitting(talkers:read:rest:pieces:)``: a trail with many paths
    /// splits once its builder's table is full.
    private func split(
        _ index: Int, reader: TrailReader, from: Int64, talkers: (count: Int, limit: Int),
        snapshot: () -> VolumeProfileBuilder
    ) -> Int64? {
        let waiting = condition.withLock { idle - tasks.count }
        guard waiting > 0, let file = reader.mappedFile, let size = try? file.size() else { return nil }
        let end = min(reader.end, size)
        guard
            Self.worthSplitting(
                talkers: talkers, read: from - reader.startOffset, rest: end - from, pieces: waiting)
        else { return nil }
        // A file that cannot be split (it cannot be opened again now) is read whole.
        let starts = try? TrailFilePart.starts(
            of: file, from: from, to: end, pieces: waiting, minimum: minimumPartBytes, options: options)
        guard let starts, let first = starts.first else { return nil }
        let ends = starts.dropFirst() + [reader.end]
        let parts = zip(starts, ends).map { TrailFilePart(start: $0, end: $1, builder: snapshot()) }
        condition.withLock {
            tasks += parts.map { PartTask(index: index, file: file, part: $0) }
            partsPending[index, default: 0] += parts.count
            condition.broadcast()
        }
        return first
    }

    /// Whether a read that found `talkers` in its first `read` bytes is worth splitting now
    /// into `pieces` parts besides its own, of the `rest` bytes left: yes once its talkers
    /// are at their limit; before that, not when, at the rate found so far, it would reach
    /// the limit within half its share (a part would add the talkers it is about to send to
    /// `(other)`: a 25 MB file's part read at half its head's speed, which then idled 3–4 ms
    /// of 40), nor when a part would likely reach its own limit (twice that;
    /// ``VolumeProfileBuilder/partSnapshot()``) and be read again
    /// (``VolumeProfileBuilder/mergePart(_:)``).
    static func worthSplitting(talkers: (count: Int, limit: Int), read: Int64, rest: Int64, pieces: Int) -> Bool {
        guard talkers.count < talkers.limit else { return true }
        let perByte = Double(talkers.count) / Double(max(1, read))
        let share = perByte * Double(rest) / Double(pieces + 1)
        return Double(talkers.limit - talkers.count) >= share / 2
            && Double(talkers.count) + share < 1.75 * Double(talkers.limit)
    }

    /// A part to read, waiting while threads still read files that may split; nil when
    /// none will come or the read is cancelled.
    private func nextTask() -> PartTask? {
        condition.withLock {
            idle += 1
            defer { idle -= 1 }
            while !cancelled, tasks.isEmpty, splittable > 0 { condition.wait() }
            return cancelled || tasks.isEmpty ? nil : tasks.removeFirst()
        }
    }

    /// Reads a part and leaves it with its file's.
    private func read(_ task: PartTask) {
        var part = task.part
        let path = paths[task.index]
        part.read(path, sameAs: task.file, options: options, progress: reporter(for: path))
        condition.withLock {
            partsRead[task.index, default: []].append(part)
            partsPending[task.index, default: 0] -= 1
            condition.broadcast()
        }
    }

    /// What reports a reader's progress through `path`: the bytes all its readers have read
    /// (one call at a time, whichever thread reports).
    private func reporter(for path: String) -> ((Int64) -> Void)? {
        guard let progress else { return nil }
        var last: Int64 = 0
        return { bytes in
            self.condition.withLock {
                self.progressBytes[path, default: 0] += bytes - last
                last = bytes
                progress(path, self.progressBytes[path, default: 0])
            }
        }
    }

    /// The next file to read, or nil when there is none or the read was cancelled.
    private func claim() -> Int? {
        condition.withLock {
            while !cancelled, next < paths.count, next - merged >= window { condition.wait() }
            guard !cancelled, next < paths.count else { return nil }
            return claimNext()
        }
    }

    /// Claims the next file (under the lock): its read may split from now on.
    private func claimNext() -> Int {
        next += 1
        splittable += 1
        return next - 1
    }

    /// Waits for file `index` (taken in order) and its parts, and hands them over.
    func take(_ index: Int) -> TrailFileOutcome {
        condition.withLock {
            while !isComplete(index) { condition.wait() }
            merged = index + 1
            condition.broadcast()
            var outcome = outcomes.removeValue(forKey: index)!
            outcome.parts = partsRead.removeValue(forKey: index) ?? []
            partsPending[index] = nil
            return outcome
        }
    }

    /// Gives a merged builder back to the worker that read it, which empties it and reads its
    /// next file into it: its tables then stay with one processor. (Emptied by the merging
    /// thread and taken by either worker, they cost a 25 MB file 1–1.5 ms, as new tables do,
    /// and the parallel read about 5 ms more CPU.)
    func recycle(_ builder: VolumeProfileBuilder, to worker: Int) {
        condition.withLock {
            if spare[worker].count < 2 { spare[worker].append(builder) }
        }
    }

    /// Stops handing out files (after an error, or at the end).
    func cancel() {
        condition.withLock {
            cancelled = true
            condition.broadcast()
        }
    }
}
