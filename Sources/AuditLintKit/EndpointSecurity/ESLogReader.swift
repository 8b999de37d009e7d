import Foundation

/// A damaged line of an `eslogger` log: where it is and why it was skipped.
public struct ESLogProblem: Sendable, Hashable, CustomStringConvertible {
    /// What was wrong.
    public enum Kind: String, Sendable, Hashable {
        case truncated
        case invalidJSON = "invalid-json"
        case notAMessage = "not-a-message"
        /// Longer than the reader's limit (``ESLogReader/Options/maxLineLength``).
        case tooLong = "too-long"
    }

    /// The log file (`-` for standard input).
    public var file: String
    /// The 1-based line number.
    public var line: Int
    /// The 1-based byte column in the line, when known.
    public var column: Int?
    public var kind: Kind
    public var detail: String

    public init(file: String, line: Int, column: Int?, kind: Kind, detail: String) {
        self.file = file
        self.line = line
        self.column = column
        self.kind = kind
        self.detail = detail
    }

    public var description: String {
        "\(file):\(line)\(column.map { ":\($0)" } ?? ""): damage (\(kind.rawValue)): \(detail); line skipped"
    }
}

/// Which kind of log a sample is: a binary BSM trail or `eslogger` JSON Lines.
public enum SampleInputFormat: String, Sendable, Hashable, CaseIterable {
    case bsm
    case eslogger

    /// The format of a log that starts with `prefix`: `eslogger` when its first byte that is
    /// not white space is `{` (a BSM trail starts with a header or file token), else `bsm`.
    public static func detect(_ prefix: some Sequence<UInt8>) -> SampleInputFormat {
        for byte in prefix {
            switch byte {
            case 0x20, 0x09, 0x0A, 0x0D: continue
            case UInt8(ascii: "{"): return .eslogger
            default: return .bsm
            }
        }
        return .bsm
    }

    /// The format of the log at `path` (`-`: standard input, whose bytes read to tell are
    /// handed back to its next reader through ``StandardInputPushback``). A named FIFO is not
    /// read ahead (what is read from it cannot be handed back): it counts as `bsm`, and an
    /// eslogger log fed through one needs `--input-format eslogger`.
    ///
    /// - Throws: I/O errors naming the path.
    public static func detect(path: String) throws -> SampleInputFormat {
        if path != "-", !InputFile.isNullDevice(path), try InputFile.kind(of: path) == .fifo { return .bsm }
        var prefix: [UInt8] = []
        let source = try FileDescriptorTrailSource(path: path)
        var chunk = [UInt8](repeating: 0, count: 4096)
        while prefix.count < 1 << 20 {
            let count = try chunk.withUnsafeMutableBytes { try source.read(into: $0) }
            if count == 0 { break }
            prefix += chunk[0..<count]
            if prefix.contains(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }) { break }
        }
        if path == "-" { StandardInputPushback.push(prefix) }
        return detect(prefix)
    }
}

/// Reads `eslogger` JSON Lines from a byte stream, one message a line, with bounded memory:
/// a line longer than ``Options/maxLineLength`` is damage, skipped without being held.
///
/// Each line is checked and scanned by ``ESLogScanner``; a line that is not a complete
/// message is reported (``ESLogProblem``, with its line number) and skipped, and its bytes
/// counted in ``Statistics/damagedBytes``. Blank lines are skipped silently.
public final class ESLogReader {
    public struct Options: Sendable {
        /// The longest line accepted, in bytes (without its newline).
        public var maxLineLength: Int

        public init(maxLineLength: Int = 4 << 20) {
            self.maxLineLength = max(64, maxLineLength)
        }
    }

    /// What was read so far.
    public struct Statistics: Sendable, Hashable {
        /// Lines read, blank ones included.
        public var lines = 0
        /// Messages passed on, and their bytes (newlines included).
        public var messages = 0
        public var bytes = 0
        /// Lines skipped as damage, and their bytes.
        public var damagedLines = 0
        public var damagedBytes = 0
    }

    public let name: String
    public let options: Options
    public private(set) var statistics = Statistics()
    private var source: any TrailByteSource

    public init(source: any TrailByteSource, name: String, options: Options = Options()) {
        self.source = source
        self.name = name
        self.options = options
    }

    /// Calls `body` with each message and its line (newline excluded) and that line's size
    /// in bytes with its newline; `onProblem` with each damaged line. The line's bytes are
    /// valid only during the call.
    ///
    /// - Throws: read errors naming the file, and what the closures throw.
    public func forEachMessage(
        onProblem: (ESLogProblem) throws -> Void,
        _ body: (ESLogMessage, UnsafeRawBufferPointer, Int) throws -> Void
    ) throws {
        let chunkSize = 1 << 20
        var window = [UInt8](repeating: 0, count: 2 * chunkSize)
        var start = 0
        var end = 0
        var lineNumber = 0
        // Skipping the rest of an over-long line: its number and the bytes seen so far.
        var skipping: (line: Int, bytes: Int)?
        var atEnd = false

        func handle(_ line: UnsafeRawBufferPointer, terminated: Bool) throws {
            lineNumber += 1
            statistics.lines += 1
            let size = line.count + (terminated ? 1 : 0)
            var content = line
            if let last = content.last, last == 0x0D { content = UnsafeRawBufferPointer(rebasing: content.dropLast()) }
            if content.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return }
            do {
                let message = try ESLogScanner.scan(content)
                statistics.messages += 1
                statistics.bytes += size
                try body(message, content, size)
            } catch let error as ESLogLineError {
                statistics.damagedLines += 1
                statistics.damagedBytes += size
                let kind: ESLogProblem.Kind =
                    switch error.kind {
                    case .truncated: .truncated
                    case .invalidJSON: .invalidJSON
                    case .notAMessage: .notAMessage
                    }
                try onProblem(
                    ESLogProblem(file: name, line: lineNumber, column: error.column, kind: kind, detail: error.detail))
            }
        }

        while !atEnd || start < end {
            if !atEnd, end < window.count {
                let count = try window.withUnsafeMutableBytes {
                    try source.read(into: UnsafeMutableRawBufferPointer(rebasing: $0[end...]))
                }
                if count == 0 { atEnd = true } else { end += count }
            }
            try window.withUnsafeBytes { buffer in
                while start < end {
                    let rest = UnsafeRawBufferPointer(rebasing: buffer[start..<end])
                    guard let found = memchr(rest.baseAddress!, 0x0A, rest.count) else { break }
                    let length = UnsafeRawPointer(found) - rest.baseAddress!
                    if let skipped = skipping {
                        try tooLong(line: skipped.line, bytes: skipped.bytes + length + 1)
                        skipping = nil
                    } else if length > options.maxLineLength {
                        lineNumber += 1
                        statistics.lines += 1
                        try tooLong(line: lineNumber, bytes: length + 1)
                    } else {
                        try handle(UnsafeRawBufferPointer(rebasing: rest[0..<length]), terminated: true)
                    }
                    start += length + 1
                }
            }
            let pending = end - start
            if atEnd {
                if pending > 0 {
                    if let skipped = skipping {
                        try tooLong(line: skipped.line, bytes: skipped.bytes + pending)
                        skipping = nil
                    } else if pending > options.maxLineLength {
                        lineNumber += 1
                        statistics.lines += 1
                        try tooLong(line: lineNumber, bytes: pending)
                    } else {
                        try window.withUnsafeBytes {
                            try handle(UnsafeRawBufferPointer(rebasing: $0[start..<end]), terminated: false)
                        }
                    }
                } else if let skipped = skipping {
                    try tooLong(line: skipped.line, bytes: skipped.bytes)
                    skipping = nil
                }
                start = end
                break
            }
            if skipping != nil || pending > options.maxLineLength {
                // An over-long line: count its bytes and drop them, keeping nothing.
                if skipping == nil {
                    lineNumber += 1
                    statistics.lines += 1
                    skipping = (lineNumber, 0)
                }
                skipping!.bytes += pending
                start = 0
                end = 0
                continue
            }
            if start > 0, window.count - end < chunkSize / 4 {
                window.withUnsafeMutableBytes { buffer in
                    buffer.baseAddress!.copyMemory(from: buffer.baseAddress! + start, byteCount: pending)
                }
                start = 0
                end = pending
            }
            if start == 0, end == window.count {
                // One line fills the window and is within the limit: make room for the rest.
                window += repeatElement(0, count: min(window.count, options.maxLineLength + 1 - window.count + 1))
            }
        }

        func tooLong(line: Int, bytes: Int) throws {
            statistics.damagedLines += 1
            statistics.damagedBytes += bytes
            try onProblem(
                ESLogProblem(
                    file: name, line: line, column: nil, kind: .tooLong,
                    detail:
                        "the line is \(bytes) bytes, longer than the limit of \(options.maxLineLength) (--max-record-size)"
                ))
        }
    }
}

/// Bytes read ahead from standard input (to tell its format), which the next reader of
/// standard input (``FileDescriptorTrailSource`` for `-`) gets first.
public enum StandardInputPushback {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var pending: [UInt8] = []

    /// Hands `bytes` back, before whatever was handed back and not yet read.
    public static func push(_ bytes: [UInt8]) {
        lock.lock()
        defer { lock.unlock() }
        pending = bytes + pending
    }

    /// Moves up to `buffer.count` handed-back bytes into `buffer`; returns how many.
    static func take(into buffer: UnsafeMutableRawBufferPointer) -> Int {
        lock.lock()
        defer { lock.unlock() }
        let count = min(buffer.count, pending.count)
        guard count > 0 else { return 0 }
        pending.withUnsafeBytes { buffer.baseAddress!.copyMemory(from: $0.baseAddress!, byteCount: count) }
        pending.removeFirst(count)
        return count
    }
}
