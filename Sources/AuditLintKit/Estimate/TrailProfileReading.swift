import Foundation

extension VolumeProfileBuilder {
    /// Problems a file read on another thread may hold until it is merged; a file with more
    /// is read again on the calling thread, its problems passed on as they are found.
    static let heldProblemLimit = 10_000

    /// Reads trail files into the profile (`paths` as ``TrailPaths/expand(_:)`` gives them),
    /// up to `parallelism` files at once (the calling thread reads too, between merges),
    /// each into a builder of its own, merged in the order of `paths` (``merge(_:)``): the
    /// profile, the problems passed to `onProblem` and their order are the same whatever the
    /// parallelism. Memory stays bounded: at most 2 × `parallelism` files are read ahead of
    /// the merge.
    ///
    /// - Parameters:
    ///   - options: the reader's options (in strict mode the first damage, in file order,
    ///     is thrown).
    ///   - parallelism: files read at once (default: the active processors); 1 reads them
    ///     one after another on the calling thread. A lone file with more than 1 is counted
    ///     on a second thread while the calling thread reads it (``CountingPipeline``).
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
        let workers = min(max(1, parallelism), paths.count)
        guard workers > 1 else {
            // One builder a file, merged in order; its storage serves the next file. A lone
            // file with processors to spare is counted on a second thread as it is read.
            var file = VolumeProfileBuilder()
            (file.userLimit, file.talkerLimit) = (userLimit, talkerLimit)
            let countingThread = paths.count == 1 && parallelism > 1
            for path in paths {
                try Self.read(
                    path, into: &file, options: options, countingThread: { countingThread }, onProblem: onProblem,
                    progress: progress)
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
            paths: paths, options: options, workers: workers, progress: progress, limits: (userLimit, talkerLimit))
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
                outcome.builder = VolumeProfileBuilder()
                (outcome.builder.userLimit, outcome.builder.talkerLimit) = (userLimit, talkerLimit)
                try Self.read(
                    paths[index], into: &outcome.builder, options: options, onProblem: onProblem, progress: nil)
            } else {
                for problem in outcome.problems ?? [] { try onProblem(problem) }
                if let error = outcome.error { throw error }
            }
            absorb(&outcome.builder, emptying: false)
            run.recycle(outcome.builder, to: outcome.worker)
        }
    }

    /// Reads one trail file into `builder`.
    static func read(
        _ path: String, into builder: inout VolumeProfileBuilder, options: TrailReader.Options,
        countingThread: () -> Bool = { false }, onProblem: @escaping (TrailProblem) throws -> Void,
        progress: (@Sendable (String, Int64) -> Void)?
    ) throws {
        let reader = TrailReader(source: try FileDescriptorTrailSource(path: path), name: path, options: options)
        try builder.add(
            reader, countingThread: countingThread, onProblem: onProblem,
            progress: progress.map { report in { report(path, $0) } })
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
}

/// The shared state of a parallel read: workers take the next file while they are fewer than
/// `window` files ahead of the merge, and leave what they read for the merging thread.
final class ParallelTrailRead: @unchecked Sendable {
    let paths: [String]
    let options: TrailReader.Options
    let window: Int
    let limits: (users: Int, talkers: Int)
    let progress: (@Sendable (String, Int64) -> Void)?
    private let condition = NSCondition()
    private let progressLock = NSLock()
    private var next = 0
    private var merged = 0
    private var cancelled = false
    private var outcomes: [Int: TrailFileOutcome] = [:]
    /// Each worker's merged builders, whose storage it reads its next files into (at most
    /// two a worker: with one, a builder that came back while another waited was dropped
    /// and the worker's next file read into new tables, 0.048–0.059 s against 0.045–0.052 s
    /// for 8 files on 2 cores).
    private var spare: [[VolumeProfileBuilder]]
    /// Processors left free by workers that found no file to read, for reads under way to
    /// count on (``takeSpareProcessor()``).
    private var spareProcessors = 0
    /// Whether the merging thread lent its processor (``readWhileWaiting(for:)``).
    private var mergingThreadLent = false

    init(
        paths: [String], options: TrailReader.Options, workers: Int,
        progress: (@Sendable (String, Int64) -> Void)?, limits: (users: Int, talkers: Int)
    ) {
        self.paths = paths
        self.options = options
        window = 2 * workers
        self.limits = limits
        spare = Array(repeating: [], count: workers)
        // One call at a time, whichever thread reports.
        if let progress {
            let lock = progressLock
            self.progress = { path, bytes in lock.withLock { progress(path, bytes) } }
        } else {
            self.progress = nil
        }
    }

    /// A worker thread: reads files until none is left or the read is cancelled.
    func work(_ worker: Int) {
        while let index = claim() { read(index, worker: worker) }
        condition.withLock { spareProcessors += 1 }
    }

    /// The merging thread, before it takes file `index`: reads files (as worker 0) while
    /// that one is not read yet and the window has room; once every file is claimed, lends
    /// its processor to the reads under way (once).
    func readWhileWaiting(for index: Int) {
        while true {
            let claimed: Int? = condition.withLock {
                guard outcomes[index] == nil, !cancelled else { return nil }
                if next < paths.count, next - merged < window {
                    next += 1
                    return next - 1
                }
                if next >= paths.count, !mergingThreadLent {
                    mergingThreadLent = true
                    spareProcessors += 1
                }
                return nil
            }
            guard let claimed else { return }
            read(claimed, worker: 0)
        }
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
            (outcome.builder.userLimit, outcome.builder.talkerLimit) = limits
        }
        var problems: [TrailProblem] = []
        do {
            // Once another worker has run out of files, its processor counts this one's
            // records (the last files are read while the other processors would idle).
            try VolumeProfileBuilder.read(
                paths[index], into: &outcome.builder, options: options, countingThread: takeSpareProcessor,
                onProblem: { problem in
                    guard problems.count < VolumeProfileBuilder.heldProblemLimit else { throw TooManyProblems() }
                    problems.append(problem)
                },
                progress: progress)
            outcome.problems = problems
        } catch is TooManyProblems {
            outcome.problems = nil
        } catch {
            outcome.problems = problems
            outcome.error = error
        }
        condition.withLock {
            outcomes[index] = outcome
            condition.broadcast()
        }
    }

    /// Whether a read under way may count on a processor of its own: once for each worker
    /// that found no file left.
    func takeSpareProcessor() -> Bool {
        condition.withLock {
            guard spareProcessors > 0 else { return false }
            spareProcessors -= 1
            return true
        }
    }

    struct TooManyProblems: Error {}

    /// The next file to read, or nil when there is none or the read was cancelled.
    private func claim() -> Int? {
        condition.withLock {
            while !cancelled, next < paths.count, next - merged >= window { condition.wait() }
            guard !cancelled, next < paths.count else { return nil }
            next += 1
            return next - 1
        }
    }

    /// Waits for file `index` (taken in order) and hands it over.
    func take(_ index: Int) -> TrailFileOutcome {
        condition.withLock {
            while outcomes[index] == nil { condition.wait() }
            merged = index + 1
            condition.broadcast()
            return outcomes.removeValue(forKey: index)!
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
