/// The reduction of one or more `eslogger` logs that an estimate works from: messages and
/// bytes per Endpoint Security event type (with bytes per UTC hour), per executable and event
/// type (bounded), the span from the messages' `time`, and the messages lost (gaps in
/// `global_seq_num`).
public struct ESVolumeProfile: Sendable, Hashable {
    /// One event type's share of the log.
    public struct EventVolume: Sendable, Hashable {
        /// The `es_event_type_t` value; nil when a message named its event only by an
        /// unknown key under `event`.
        public var number: Int?
        /// eslogger's short name (`exec`), else the key the messages carried, else `event_type N`.
        public var name: String
        public var records: Int
        /// Bytes of its lines, newlines included.
        public var bytes: Int
        /// Bytes per UTC hour of day (24 buckets; messages without a readable `time` are left out).
        public var hourlyBytes: [Int]
    }

    /// Messages and bytes of one executable (`process.executable.path`) for one event type.
    public struct Executable: Sendable, Hashable {
        public var path: String
        /// The event type's ``EventVolume/name``.
        public var event: String
        public var records: Int
        public var bytes: Int
    }

    /// Log files read.
    public var files = 0
    /// Messages read, and their bytes (newlines included).
    public var records = 0
    public var bytes = 0
    /// Lines skipped as damage (truncated, not JSON, not a message, too long), and their bytes.
    public var damagedLines = 0
    public var damagedBytes = 0
    /// The earliest and latest `time` seen (seconds since the epoch).
    public var firstTime: Double?
    public var lastTime: Double?
    /// Messages lost: the numbers `global_seq_num` skipped between consecutive messages.
    public var lostMessages = 0
    /// Times `global_seq_num` went back (a new eslogger run, or logs of several runs).
    public var sequenceRestarts = 0
    /// Messages without a readable `time`, and without a `global_seq_num`.
    public var messagesWithoutTime = 0
    public var messagesWithoutSequence = 0
    /// Messages per message `version` (-1: none given).
    public var versions: [Int: Int] = [:]
    /// Per event type, most bytes first.
    public var events: [EventVolume] = []
    /// Per executable and event type, most bytes first (at most
    /// ``ESVolumeProfileBuilder/executableLimit`` pairs; later ones are counted under `(other)`).
    public var executables: [Executable] = []

    public init() {}

    /// The sampled time in seconds: the last `time` minus the first.
    public var spanSeconds: Double {
        guard let firstTime, let lastTime else { return 0 }
        return lastTime - firstTime
    }
}

/// Accumulates `eslogger` messages into an ``ESVolumeProfile``: no string is made per
/// message (executables are keyed by a hash of their bytes as written), and memory is
/// bounded by ``executableLimit``.
public struct ESVolumeProfileBuilder: Sendable {
    /// The most distinct (executable, event type) pairs kept.
    public static let executableLimit = 20_000

    private var totals = ESVolumeProfile()
    private var entries: [ESVolumeProfile.EventVolume] = []
    /// Event number → index in `entries` for numbers below its size (-1: none yet).
    private var byNumber = [Int32](repeating: -1, count: 1024)
    private var byName: [String: Int] = [:]
    private var paths = PathInterner()
    private var escapedPaths = Set<Int32>()
    /// Packed (entry, path id) → index in `talkerCounts`.
    private var talkerIndex = IntegerIndex()
    private var talkerKeys: [UInt64] = []
    private var talkerCounts: [(records: Int, bytes: Int)] = []
    private var lastSequence: UInt64?
    private var lastVersion = Int.min
    private var lastVersionCount = 0

    public init() {}

    /// Adds one message: its line (newline excluded) and the line's size with its newline.
    @inline(__always)
    public mutating func add(_ message: ESLogMessage, line: UnsafeRawBufferPointer, size: Int) {
        let index = entry(message, line)
        entries[index].records += 1
        entries[index].bytes += size
        totals.records += 1
        totals.bytes += size
        if let time = message.time {
            if let first = totals.firstTime {
                if time < first { totals.firstTime = time }
                if time > totals.lastTime! { totals.lastTime = time }
            } else {
                totals.firstTime = time
                totals.lastTime = time
            }
            let hour = Int((time / 3600).rounded(.down).truncatingRemainder(dividingBy: 24))
            entries[index].hourlyBytes[hour >= 0 ? hour : hour + 24] += size
        } else {
            totals.messagesWithoutTime += 1
        }
        if let sequence = message.globalSequence {
            if let last = lastSequence {
                if sequence > last {
                    let skipped = sequence - last - 1
                    totals.lostMessages = totals.lostMessages.addingSaturating(Int(clamping: skipped))
                } else {
                    totals.sequenceRestarts += 1
                }
            }
            lastSequence = sequence
        } else {
            totals.messagesWithoutSequence += 1
        }
        if message.version == lastVersion {
            lastVersionCount += 1
        } else {
            flushVersion()
            lastVersion = message.version
            lastVersionCount = 1
        }
        if let path = message.executablePath {
            let id = paths.id(
                UnsafeRawBufferPointer(rebasing: line[path]), limit: Self.executableLimit)
            if message.executablePathEscaped { escapedPaths.insert(id) }
            addTalker(entry: index, pathID: id, records: 1, bytes: size)
        }
    }

    private mutating func flushVersion() {
        if lastVersionCount > 0 { totals.versions[lastVersion, default: 0] += lastVersionCount }
        lastVersionCount = 0
    }

    /// The index of the message's event type in `entries`, created empty when new.
    @inline(__always)
    private mutating func entry(_ message: ESLogMessage, _ line: UnsafeRawBufferPointer) -> Int {
        var number = message.eventType
        if number < 0, let key = message.eventKey {
            number = ESEventType.notify(shortName: Self.text(line, key))?.number ?? -1
        }
        if number >= 0, number < byNumber.count, byNumber[number] >= 0 { return Int(byNumber[number]) }
        let key = message.eventKey.map { Self.text(line, $0) }
        let name: String
        if number >= 0 {
            name = ESEventType.event(number: number)?.shortName ?? key ?? "event_type \(number)"
        } else {
            name = key ?? "unknown"
        }
        let lookup = number >= 0 ? "#\(number)" : name
        if let index = byName[lookup] { return index }
        entries.append(
            ESVolumeProfile.EventVolume(
                number: number >= 0 ? number : nil, name: name, records: 0, bytes: 0,
                hourlyBytes: Array(repeating: 0, count: 24)))
        let index = entries.count - 1
        if number >= 0, number < byNumber.count { byNumber[number] = Int32(index) } else { byName[lookup] = index }
        return index
    }

    private static func text(_ line: UnsafeRawBufferPointer, _ range: Range<Int>) -> String {
        ESLogScanner.decodeString(UnsafeRawBufferPointer(rebasing: line[range]))
    }

    @inline(__always)
    private mutating func addTalker(entry: Int, pathID: Int32, records: Int, bytes: Int) {
        var key = UInt64(entry) << 32 | UInt64(UInt32(pathID))
        var index = talkerIndex[key]
        if index == nil, talkerCounts.count >= Self.executableLimit {
            key = key & ~0xFFFF_FFFF | UInt64(UInt32(paths.otherID()))
            index = talkerIndex[key]
        }
        if let index {
            talkerCounts[Int(index)].records += records
            talkerCounts[Int(index)].bytes += bytes
        } else {
            talkerIndex[key] = Int32(talkerCounts.count)
            talkerKeys.append(key)
            talkerCounts.append((records, bytes))
        }
    }

    /// Reads every message of `reader`: one more file, its damaged lines counted.
    ///
    /// - Parameters:
    ///   - onProblem: called with each damaged line (it may throw to stop, as `--strict` does).
    ///   - progress: called about every 64 MiB with the bytes of messages read so far.
    public mutating func add(
        _ reader: ESLogReader, onProblem: (ESLogProblem) throws -> Void = { _ in },
        progress: ((Int64) -> Void)? = nil
    ) throws {
        var nextReport = 64 << 20
        try reader.forEachMessage(onProblem: onProblem) { message, line, size in
            add(message, line: line, size: size)
            if let progress, reader.statistics.bytes >= nextReport {
                progress(Int64(reader.statistics.bytes))
                nextReport += 64 << 20
            }
        }
        totals.files += 1
        totals.damagedLines += reader.statistics.damagedLines
        totals.damagedBytes += reader.statistics.damagedBytes
    }

    /// The finished profile.
    public func profile() -> ESVolumeProfile {
        var builder = self
        builder.flushVersion()
        var result = builder.totals
        result.events = entries.sorted { ($1.bytes, $0.name) < ($0.bytes, $1.name) }
        var merged: [ExecutableKey: (records: Int, bytes: Int)] = [:]
        var names: [Int32: String] = [:]
        for (key, counts) in zip(talkerKeys, talkerCounts) {
            let id = Int32(truncatingIfNeeded: key & 0xFFFF_FFFF)
            let path: String
            if let known = names[id] {
                path = known
            } else {
                let raw = paths.name(Int(id))
                path =
                    escapedPaths.contains(id) ? Array(raw.utf8).withUnsafeBytes { ESLogScanner.decodeString($0) } : raw
                names[id] = path
            }
            // Two spellings of one path (`/` and `\/`) are one executable.
            let merging = ExecutableKey(path: path, event: entries[Int(key >> 32)].name)
            let current = merged[merging] ?? (0, 0)
            merged[merging] = (current.records + counts.records, current.bytes + counts.bytes)
        }
        result.executables = merged.map { key, value in
            ESVolumeProfile.Executable(path: key.path, event: key.event, records: value.records, bytes: value.bytes)
        }.sorted { ($1.bytes, $0.path, $0.event) < ($0.bytes, $1.path, $1.event) }
        return result
    }

    private struct ExecutableKey: Hashable {
        var path: String
        var event: String
    }
}
