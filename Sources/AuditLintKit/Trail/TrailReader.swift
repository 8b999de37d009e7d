/// One record (or stand-alone file token) seen by ``TrailReader``, as bytes in the reader's
/// window.
///
/// The bytes are valid only inside the closure the reader passes the view to; call
/// ``materialize()`` to keep a record.
public struct TrailRecordView {
    /// Byte offset of the record in its file.
    public let offset: Int64
    /// The record's bytes, header id through trailer.
    public let bytes: UnsafeRawBufferPointer
    /// Whether the reader's token check met an exec-args token (nil when it did not walk
    /// the record), so ``ExecRecord`` need not walk it again.
    var execArgsSeen: Bool? = nil
    /// Whether this is a stand-alone file token (0x11) rather than a record.
    public var isFileToken: Bool { bytes[0] == BSMTokenKind.file.rawValue }

    /// The header's event number (0 for a file token).
    @inline(__always)
    public var event: UInt16 {
        isFileToken ? 0 : UInt16(BSMTokenDecoder.be16(bytes, 6))
    }

    /// Calls `body` with the id, offset in the record and length of each token, in order,
    /// without materialising them; returns the offset of a token that overran the record
    /// (the rest is skipped, as praudit does), or `nil`.
    @inline(__always)
    @discardableResult
    public func forEachToken(openBSMOnly: Bool = false, _ body: (UInt8, Int, Int) throws -> Void) rethrows -> Int? {
        var i = 0
        let end = bytes.count
        while i < end {
            guard let n = BSMTokenDecoder.tokenLength(in: bytes, at: i, end: end, openBSMOnly: openBSMOnly) else {
                return i
            }
            try body(bytes[i], i, n)
            i += n
        }
        return nil
    }

    /// Decodes every token; `failedAt` is the offset in the record of a token that overran
    /// it (praudit skips the rest of the record there).
    public func decodeTokens(openBSMOnly: Bool = false) -> (tokens: [BSMToken], failedAt: Int?) {
        var tokens: [BSMToken] = []
        var i = 0
        while i < bytes.count {
            guard let (token, n) = BSMTokenDecoder.decode(in: bytes, at: i, end: bytes.count, openBSMOnly: openBSMOnly)
            else {
                return (tokens, i)
            }
            tokens.append(token)
            i += n
        }
        return (tokens, nil)
    }

    /// An owning copy of the record.
    public func materialize() -> TrailRecord {
        TrailRecord(offset: offset, bytes: Array(bytes))
    }
}

/// A record copied out of the reader's window.
public struct TrailRecord: Sendable, Hashable {
    public var offset: Int64
    public var bytes: [UInt8]

    public init(offset: Int64, bytes: [UInt8]) {
        self.offset = offset
        self.bytes = bytes
    }

    /// Runs `body` with a view of this record.
    public func withView<R>(_ body: (TrailRecordView) throws -> R) rethrows -> R {
        try bytes.withUnsafeBytes { try body(TrailRecordView(offset: offset, bytes: $0)) }
    }
}

/// Reads the records of one trail from a byte stream with bounded memory.
///
/// A regular file is mapped into memory a window at a time (``TrailMapping``, 8 MiB unless a
/// record needs more; a file truncated under the mapping raises `SIGBUS`, see
/// ``TrailMappingRegistry``); any other stream is read into one fixed window of bytes
/// (``Options/windowSize``). A record larger than ``Options/maxRecordSize`` is damage,
/// never an allocation. It frames each record by the
/// header's byte count and checks that a trailer with the magic 0xb105 and the same count
/// ends it. On damage (a truncated record, garbage, an impossible size, a missing or
/// disagreeing trailer, a token that overruns its record) it reports a ``TrailProblem``,
/// resynchronises at the next byte that starts a complete record whose trailer agrees, and
/// goes on. A stand-alone file token (0x11) between records is passed on as a record.
public final class TrailReader {
    /// Reader limits and checks.
    public struct Options: Sendable {
        /// Records claiming more bytes than this are damage.
        public var maxRecordSize: Int
        /// Stop at the first damage, throwing ``AuditLintError/damagedTrail(_:offset:reason:)``.
        public var strict: Bool
        /// Walk every record's tokens and report overruns and unknown ids.
        public var checkTokens: Bool

        public init(maxRecordSize: Int = 4 << 20, strict: Bool = false, checkTokens: Bool = true) {
            self.maxRecordSize = max(64, maxRecordSize)
            self.strict = strict
            self.checkTokens = checkTokens
        }

        /// The window size used for this cap (a record's length field has 32 bits, so no cap
        /// beyond `UInt32.max` needs, or may overflow into, a larger window).
        public var windowSize: Int { min(maxRecordSize, Int(UInt32.max)) + (1 << 20) }
    }

    /// Counts of what was read.
    public struct Statistics: Sendable, Hashable {
        public var records = 0
        public var fileTokens = 0
        public var bytes: Int64 = 0
        public var damage = 0
        public var notes = 0
    }

    public let name: String
    public let options: Options
    public private(set) var statistics = Statistics()
    var source: any TrailByteSource
    /// The window `read(2)` fills (empty while the file is mapped).
    var window = UnsafeMutableRawBufferPointer(start: nil, count: 0)
    /// The file mapped instead of read (a regular file that is not empty), and the mapping.
    var mappedFile: FileDescriptorTrailSource?
    var mapping: TrailMapping?
    /// The bytes in view: the window, or the mapping. Valid bytes are `bytes[lo..<hi]`;
    /// `base` is the file offset of `bytes[0]`.
    var bytes = UnsafeRawBufferPointer(start: nil, count: 0)
    var lo = 0
    var hi = 0
    var base: Int64 = 0
    var atEnd = false
    var onProblem: (TrailProblem) throws -> Void = { _ in }
    /// Where reading started (``start(at:)``), and where it stops: records are read while
    /// they start before `end` (a part of a file read on its own; see ``start(at:)``).
    private(set) var startOffset: Int64 = 0
    var end = Int64.max

    /// The bytes mapped at a time when no record needs more.
    let mappingWindow: Int

    /// A reader of `source`, whose problems will name `name`.
    ///
    /// A regular file that is not empty is mapped into memory a window at a time
    /// (``TrailMapping``) rather than copied by `read(2)`; anything else, or a file the
    /// system will not map, is read.
    public convenience init(source: any TrailByteSource, name: String, options: Options = Options()) {
        self.init(source: source, name: name, options: options, mappingWindow: TrailMapping.windowSize)
    }

    /// A reader that maps `mappingWindow` bytes at a time (tests use small windows).
    init(source: any TrailByteSource, name: String, options: Options, mappingWindow: Int) {
        self.source = source
        self.name = name
        self.options = options
        self.mappingWindow = mappingWindow
        if let file = source as? FileDescriptorTrailSource, file.isMappable {
            mappedFile = file
        } else {
            allocateWindow()
        }
    }

    deinit {
        window.deallocate()
        mapping?.unmap()
    }

    private func allocateWindow() {
        window = UnsafeMutableRawBufferPointer.allocate(byteCount: options.windowSize, alignment: 16)
        bytes = UnsafeRawBufferPointer(window)
    }

    /// The most bytes one `read(2)` asks for when no record needs more.
    static let readPiece = 256 << 10

    /// Makes at least `n` bytes available at `lo`; `false` if the stream ends first.
    @inline(__always)
    func ensure(_ n: Int) throws -> Bool {
        if hi - lo >= n { return true }
        if let mappedFile { return try fillMapped(n, from: mappedFile) }
        return try fill(n)
    }

    func fill(_ n: Int) throws -> Bool {
        while hi - lo < n {
            if atEnd { return false }
            if lo + n > window.count || hi == window.count {
                let live = hi - lo
                if live > 0, lo > 0 {
                    window.baseAddress!.copyMemory(from: window.baseAddress! + lo, byteCount: live)
                }
                base += Int64(lo)
                lo = 0
                hi = live
            }
            // Read in cache-sized pieces (unless a record needs more), so the bytes are
            // still in cache when they are walked.
            let piece = min(window.count - hi, max(Self.readPiece, lo + n - hi))
            let got = try source.read(into: UnsafeMutableRawBufferPointer(rebasing: window[hi..<(hi + piece)]))
            if got == 0 { atEnd = true } else { hi += got }
        }
        return true
    }

    /// Maps the next window of the file so that at least `n` bytes are in view at `lo`;
    /// `false` if the file ends first (what is left of it is then in view). The file's size
    /// is asked again each time, so a trail that grows while it is read is read to its new
    /// end, as `read(2)` would. One window is mapped at a time: the old one is unmapped
    /// first and the bytes it held from `lo` on are mapped again. Where the system refuses
    /// the mapping, the rest of the file is read instead.
    func fillMapped(_ n: Int, from file: FileDescriptorTrailSource) throws -> Bool {
        if atEnd { return false }
        let position = base + Int64(lo)
        let left = try file.size() - position
        let wanted = left >= Int64(n) ? Int(min(left, Int64(max(mappingWindow, n)))) : max(0, Int(left))
        if wanted > hi - lo {
            mapping?.unmap()
            mapping = nil
            (base, lo, hi) = (position, 0, 0)
            guard let mapped = TrailMapping(file, from: position, count: wanted) else {
                mappedFile = nil
                allocateWindow()
                try file.seek(to: position)
                return try fill(n)
            }
            mapping = mapped
            bytes = mapped.bytes
            base = mapped.offset
            lo = Int(position - mapped.offset)
            hi = bytes.count
        }
        if hi - lo < n { atEnd = true }
        return !atEnd
    }

    func report(_ offset: Int64, _ kind: TrailProblem.Kind, _ detail: String) throws {
        let problem = TrailProblem(file: name, offset: offset, kind: kind, detail: detail)
        if problem.isDamage { statistics.damage += 1 } else { statistics.notes += 1 }
        try onProblem(problem)
        if options.strict, problem.isDamage {
            throw AuditLintError.damagedTrail(name, offset: offset, reason: "\(kind.rawValue): \(detail)")
        }
    }

    /// How a record at `lo` frames.
    enum Framing {
        case record(length: Int, trailerOK: Bool, quirk: Bool)
        case damage(TrailProblem.Kind, String)
    }

    /// The smallest header byte count a record can claim (xnu counts extended headers as 18).
    static func minimumHeader(_ id: UInt8) -> Int {
        id == BSMTokenKind.header64.rawValue ? 26 : 18
    }

    /// Frames the record whose header id is at `lo`. With `strictTrailer` (while
    /// resynchronising) a record only counts if its trailer agrees exactly.
    func frame(strictTrailer: Bool) throws -> Framing {
        let id = bytes[lo]
        guard try ensure(5) else {
            return .damage(.truncatedRecord, "the trail ends inside a record header")
        }
        let size = Int(BSMTokenDecoder.be32(bytes, lo + 1))
        guard size >= Self.minimumHeader(id) + 7, size != 0xFFFF_FFFF else {
            return .damage(
                .impossibleSize,
                "record header claims \(size) bytes (0x\(String(size, radix: 16))), which is impossible")
        }
        guard size <= options.maxRecordSize else {
            // Not modelled: a record over the cap is skipped like damage, never read.
            return .damage(
                .impossibleSize,
                "record header claims \(size) bytes, over the \(options.maxRecordSize)-byte cap on a record (raise --max-record-size to read it)"
            )
        }
        guard try ensure(size) else {
            return .damage(.truncatedRecord, "record claims \(size) bytes but the trail ends after \(hi - lo)")
        }
        @inline(__always)
        func trailer(at end: Int, count: Int) -> (present: Bool, agrees: Bool) {
            let t = lo + end - 7
            guard bytes[t] == BSMTokenKind.trailer.rawValue else { return (false, false) }
            let agrees =
                BSMTokenDecoder.be16(bytes, t + 1) == 0xb105 && Int(BSMTokenDecoder.be32(bytes, t + 3)) == count
            return (true, agrees)
        }
        let plain = trailer(at: size, count: size)
        if plain.agrees { return .record(length: size, trailerOK: true, quirk: false) }
        if id == BSMTokenKind.header32Ex.rawValue || id == BSMTokenKind.header64Ex.rawValue {
            // xnu counts an extended header as 18 bytes (§6.1).
            let type = BSMTokenDecoder.be32(bytes, lo + 10)
            let extra = (type == 16 ? 16 : 4) + 4 + (id == BSMTokenKind.header64Ex.rawValue ? 16 : 0)
            if size + extra <= options.maxRecordSize, try ensure(size + extra),
                trailer(at: size + extra, count: size).agrees
            {
                return .record(length: size + extra, trailerOK: true, quirk: true)
            }
        }
        if plain.present, !strictTrailer { return .record(length: size, trailerOK: false, quirk: false) }
        return .damage(.missingTrailer, "record claims \(size) bytes but no trailer ends there")
    }

    /// Skips bytes from `lo` until a record frames cleanly or the trail ends.
    func resynchronise() throws {
        while try ensure(1) {
            let id = bytes[lo]
            if BSMTokenKind.isHeader(id) {
                let mark = position
                let framing = try frame(strictTrailer: true)
                lo = Int(mark - base)
                if case .record = framing { return }
            }
            lo += 1
        }
    }

    var position: Int64 { base + Int64(lo) }

    /// Whether the reader maps its file (so that other readers may read parts of it).
    var isMapped: Bool { mappedFile != nil }

    /// Makes the reader start at `offset` of its file rather than at its beginning (before
    /// anything is read).
    func start(at offset: Int64) throws {
        precondition(lo == 0 && hi == 0 && base == 0, "start(at:) before reading")
        if !isMapped {
            guard let file = source as? FileDescriptorTrailSource, file.ownsDescriptor else {
                throw AuditLintError.unreadable(name, reason: "cannot read a part of a stream")
            }
            try file.seek(to: offset)
        }
        (base, startOffset) = (offset, offset)
    }

    /// The first byte at or after `offset` of the mapped trail file `path` where a record
    /// frames cleanly (its trailer agrees), as resynchronising after damage finds it; the
    /// file's end when none does, nil when the file is not the one `file` reads (replaced
    /// since) or cannot be mapped.
    ///
    /// A reader of the whole file that meets no damage before `offset` reaches this byte
    /// at the start of a record unless a record spans `offset`, or a false record inside
    /// one frames after it: a part of the file read from here is checked against where that
    /// reader stops (``VolumeProfileBuilder/finishSplitFile(_:stoppedAt:parts:sameAs:options:onProblem:)``).
    static func recordStart(of file: FileDescriptorTrailSource, atOrAfter offset: Int64, options: Options) throws
        -> Int64?
    {
        let source = try FileDescriptorTrailSource(path: file.path)
        guard source.isMappable, source.isSameFile(as: file) else { return nil }
        // A small window: a record that frames is mapped whole however large.
        let reader = TrailReader(source: source, name: file.path, options: options, mappingWindow: 64 << 10)
        try reader.start(at: offset)
        try reader.resynchronise()
        return reader.isMapped ? reader.position : nil
    }

    /// Reads every record, calling `body` for each and `onProblem` for each problem found.
    public func forEachRecord(
        onProblem: @escaping (TrailProblem) throws -> Void = { _ in },
        _ body: (TrailRecordView) throws -> Void
    ) throws {
        try forEachRecord(onProblem: onProblem, bodyChecksTokens: false, body)
    }

    /// Reads every record, calling `body` for each and `onProblem` for each problem found.
    /// With `bodyChecksTokens` the reader does not walk a record's tokens: `body` does, and
    /// passes what it found to ``reportTokenProblems(_:_:)`` (when ``Options/checkTokens``)
    /// before it uses the record, so problems come in the same order as the reader's own check
    /// gives them.
    func forEachRecord(
        onProblem: @escaping (TrailProblem) throws -> Void, bodyChecksTokens: Bool,
        _ body: (TrailRecordView) throws -> Void
    ) throws {
        self.onProblem = onProblem
        while position < end, try ensure(1) {
            let start = position
            let id = bytes[lo]
            var what: (TrailProblem.Kind, String)
            if BSMTokenKind.isHeader(id) {
                switch try frame(strictTrailer: false) {
                case .record(let length, let trailerOK, let quirk):
                    var view = TrailRecordView(
                        offset: start, bytes: UnsafeRawBufferPointer(rebasing: bytes[lo..<(lo + length)]))
                    if quirk {
                        try report(
                            start, .extendedHeaderSize,
                            "extended header counts the record as \(BSMTokenDecoder.be32(bytes, lo + 1)) bytes, as xnu writes it; it is \(length); accepted"
                        )
                    }
                    if !trailerOK {
                        let t = lo + length - 7
                        try report(
                            start + Int64(length - 7), .trailerMismatch,
                            "trailer (magic 0x\(String(BSMTokenDecoder.be16(bytes, t + 1), radix: 16)), count \(BSMTokenDecoder.be32(bytes, t + 3))) disagrees with the header's \(length) bytes; record kept"
                        )
                    }
                    if options.checkTokens, !bodyChecksTokens {
                        view.execArgsSeen = try checkTokens(view)
                    }
                    statistics.records += 1
                    statistics.bytes += Int64(length)
                    try body(view)
                    lo += length
                    continue
                case .damage(let kind, let detail):
                    what = (kind, detail)
                }
            } else if id == BSMTokenKind.file.rawValue {
                if try ensure(11) {
                    let length = 11 + BSMTokenDecoder.be16(bytes, lo + 9)
                    if try ensure(length) {
                        statistics.fileTokens += 1
                        statistics.bytes += Int64(length)
                        try body(
                            TrailRecordView(
                                offset: start, bytes: UnsafeRawBufferPointer(rebasing: bytes[lo..<(lo + length)])))
                        lo += length
                        continue
                    }
                }
                what = (.truncatedRecord, "the trail ends inside a file token")
            } else {
                what = (.garbage, "byte 0x\(String(id, radix: 16)) does not start a record")
            }
            if options.strict { try report(start, what.0, what.1) }
            if what.0 != .garbage { lo += 1 }
            try resynchronise()
            let skipped = position - start
            let tail =
                try ensure(1)
                ? "skipped \(skipped) bytes; resuming at byte \(position)"
                : "skipped \(skipped) bytes to the end of the trail; no intact record follows"
            try report(start, what.0, "\(what.1); \(tail)")
        }
    }

    /// Reports the record's unknown and overrunning tokens; returns whether an exec-args
    /// token was met.
    func checkTokens(_ view: TrailRecordView) throws -> Bool {
        let check = view.checkedWalk { _, _, _ in }
        try reportTokenProblems(view, check)
        return check.execArgs
    }

    /// Reports what a walk of the record's tokens found (``TokenCheck``): the first unknown
    /// token id, a token that overran the record, or tokens that ran into its trailer.
    @inline(__always)
    func reportTokenProblems(_ view: TrailRecordView, _ check: TokenCheck) throws {
        // The common case, a record whose tokens end at its trailer, costs three comparisons.
        guard !check.isClean(count: view.bytes.count) else { return }
        try reportTokenProblemsFound(view, check)
    }

    private func reportTokenProblemsFound(_ view: TrailRecordView, _ check: TokenCheck) throws {
        if let unknown = check.unknown {
            try report(
                view.offset + Int64(unknown.at), .unknownToken,
                "unknown token id 0x\(String(unknown.id, radix: 16)); skipped up to the trailer")
        }
        if let failed = check.failedAt {
            try report(
                view.offset + Int64(failed), .tokenOverrun,
                "token 0x\(String(view.bytes[failed], radix: 16)) runs past the end of its record; rest of the record skipped"
            )
        } else if check.last != view.bytes.count - 7 {
            try report(view.offset + Int64(check.last), .tokenOverrun, "the record's tokens run into its trailer")
        }
    }
}

/// What the reader's token check gathers while walking one record's tokens, so that a caller
/// that walks the tokens anyway (the estimate) can check them in the same walk.
///
/// Plain integers (-1 for "none") rather than optionals: the walk fills it once per record
/// from registers, and a record's check is read field by field.
struct TokenCheck {
    /// The offset of the last token walked.
    var last = 0
    /// Whether an exec-args token was met.
    var execArgs = false
    private var unknownID: UInt8 = 0
    private var unknownAt = -1
    private var failedOffset = -1

    /// The first token whose id is unknown.
    var unknown: (id: UInt8, at: Int)? {
        get { unknownAt >= 0 ? (unknownID, unknownAt) : nil }
        set { (unknownID, unknownAt) = newValue.map { ($0.id, $0.at) } ?? (0, -1) }
    }

    /// The offset of a token that overran the record (the walk stops there).
    var failedAt: Int? {
        get { failedOffset >= 0 ? failedOffset : nil }
        set { failedOffset = newValue ?? -1 }
    }

    /// Whether the walk found nothing to report in a record of `count` bytes: every token
    /// known and the last one its trailer.
    @inline(__always)
    func isClean(count: Int) -> Bool {
        unknownAt < 0 && failedOffset < 0 && last == count - 7
    }
}

extension TrailRecordView {
    /// Walks the record's tokens exactly as ``forEachToken(openBSMOnly:_:)`` does (every
    /// token kind known), calling `body` with each token's id, offset in the record and
    /// length, and returns what the reader's token check needs.
    ///
    /// For speed the common tokens' lengths are found in one switch here (the rest by
    /// ``BSMTokenDecoder/tokenLength(in:at:end:openBSMOnly:)``); `TrailRecordFieldsTests`
    /// hold the two walks to each other.
    @inline(__always)
    func checkedWalk(_ body: (_ id: UInt8, _ at: Int, _ length: Int) -> Void) -> TokenCheck {
        let b = bytes
        let end = b.count
        // The check's parts, kept apart until the end (so they can stay in registers).
        var (last, failedAt, execArgs) = (0, -1, false)
        var unknown: (id: UInt8, at: Int)?
        var i = 0
        // Visits the token `id` at `i`, `n` bytes long (-1: it overruns what is left of the
        // record, and the walk ends). The common tokens' arms pass their id as a constant,
        // so that where the walk is inlined, `body`'s own test of the id is decided there.
        @inline(__always) func visit(_ id: UInt8, _ n: Int) -> Bool {
            guard n >= 0, n <= end - i else {
                failedAt = i
                return false
            }
            last = i
            if id == BSMTokenKind.execArgs.rawValue { execArgs = true }
            body(id, i, n)
            i += n
            return true
        }
        // The length of a token whose 16-bit count is `at` bytes in and follows `fixed` bytes.
        @inline(__always) func counted(_ fixed: Int, at: Int) -> Int {
            end - i >= at + 2 ? fixed + BSMTokenDecoder.be16(b, i + at) : -1
        }
        var going = true
        while going, i < end {
            let id = b[i]
            switch id {
            case 0x13: going = visit(0x13, 7)
            case 0x14: going = visit(0x14, 18)
            case 0x74: going = visit(0x74, 26)
            case 0x3e: going = visit(0x3e, 29)
            case 0x73: going = visit(0x73, 33)
            case 0x23: going = visit(0x23, counted(3, at: 1))
            case 0x28: going = visit(0x28, counted(3, at: 1))
            case 0x60: going = visit(0x60, counted(3, at: 1))
            case 0x29: going = visit(0x29, counted(3, at: 1))
            case 0x24: going = visit(0x24, 37)
            case 0x26: going = visit(0x26, 37)
            case 0x75: going = visit(0x75, 41)
            case 0x77: going = visit(0x77, 41)
            case 0x27: going = visit(0x27, 6)
            case 0x72: going = visit(0x72, 10)
            case 0x52: going = visit(0x52, 9)
            case 0x80: going = visit(0x80, 9)
            case 0x2d: going = visit(0x2d, counted(8, at: 6))
            case 0x71: going = visit(0x71, counted(12, at: 10))
            case 0xed:
                // identity: a signer type, then three strings, each after its 16-bit length.
                var n = -1
                if end - i >= 7 {
                    var p = i + 7 + BSMTokenDecoder.be16(b, i + 5) + 1
                    if p + 2 <= end {
                        p += 2 + BSMTokenDecoder.be16(b, p) + 1
                        if p + 2 <= end { n = p + 2 + BSMTokenDecoder.be16(b, p) - i }
                    }
                }
                going = visit(0xed, n)
            default:
                let length = BSMTokenDecoder.tokenLength(in: b, at: i, end: end, openBSMOnly: false)
                if length != nil, unknown == nil, !BSMTokenDecoder.isKnown(id, openBSMOnly: false) {
                    unknown = (id, i)
                }
                going = visit(id, length ?? -1)
            }
        }
        var check = TokenCheck()
        (check.last, check.execArgs, check.unknown) = (last, execArgs, unknown)
        if failedAt >= 0 { check.failedAt = failedAt }
        return check
    }
}
