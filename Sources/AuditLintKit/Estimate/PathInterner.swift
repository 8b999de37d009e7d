import Foundation

/// Gives each distinct path a small id, keyed by a hash of its bytes so that looking up a
/// path seen before allocates nothing (the eslogger profile's executables). Its hash
/// (``hash(_:)``, ``hashUpToNUL(in:from:count:)``) also places the trail profile's talkers.
struct PathInterner: Sendable {
    private var byHash = IntegerIndex()
    /// The hashes in `byHash`: a path never seen is found without touching the (much
    /// larger) table. Trails with more distinct paths than the limit look up mostly new paths.
    private var seen = HashFragmentSet()
    /// Paths whose hash collided with a different path's.
    private var collided: [String: Int32] = [:]
    private var other: Int32 = -1
    /// Every path's bytes, one after another, and where each starts and ends.
    private var arena: [UInt8] = []
    private var bounds: [Range<Int>] = []

    var count: Int { bounds.count }

    /// The path with this id.
    func name(_ id: Int) -> String {
        String(decoding: arena[bounds[id]], as: UTF8.self)
    }

    /// The id of `bytes`; past `limit` distinct paths, new ones get the `(other)` id.
    @inline(__always)
    mutating func id(_ bytes: UnsafeRawBufferPointer, limit: Int) -> Int32 {
        id(bytes, hash: Self.hash(bytes), limit: limit)
    }

    /// The id of `bytes`, whose ``hash(_:)`` is `hash`; past `limit` distinct paths, new
    /// ones get the `(other)` id.
    @inline(__always)
    mutating func id(_ bytes: UnsafeRawBufferPointer, hash: UInt64, limit: Int) -> Int32 {
        if seen.mayContain(hash), let id = byHash[hash] {
            if equals(Int(id), bytes) { return id }
            let name = String(decoding: bytes, as: UTF8.self)
            if let id = collided[name] { return id }
            guard count < limit else { return otherID() }
            let id = append(bytes)
            collided[name] = id
            return id
        }
        guard count < limit else { return otherID() }
        let id = append(bytes)
        byHash[hash] = id
        seen.insert(hash)
        return id
    }

    /// Whether the path with this id is `bytes`.
    @inline(__always)
    func equals(_ id: Int, _ bytes: UnsafeRawBufferPointer) -> Bool {
        let range = bounds[id]
        guard range.count == bytes.count else { return false }
        guard let base = bytes.baseAddress, !range.isEmpty else { return true }
        return arena.withUnsafeBytes { Self.sameBytes($0.baseAddress! + range.lowerBound, base, count: range.count) }
    }

    /// Whether `count` bytes at `a` and at `b` are the same: word by word, inline (most
    /// paths are a few words, and a call to memcmp costs more).
    @inline(__always)
    static func sameBytes(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, count n: Int) -> Bool {
        var i = 0
        while i + 8 <= n {
            guard
                a.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                    == b.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            else { return false }
            i += 8
        }
        while i < n {
            guard a.load(fromByteOffset: i, as: UInt8.self) == b.load(fromByteOffset: i, as: UInt8.self) else {
                return false
            }
            i += 1
        }
        return true
    }

    /// The id of `(other)`.
    mutating func otherID() -> Int32 {
        if other < 0 {
            other = Array(VolumeProfileBuilder.otherTalker.utf8).withUnsafeBytes { append($0) }
        }
        return other
    }

    private mutating func append(_ bytes: UnsafeRawBufferPointer) -> Int32 {
        let start = arena.count
        arena.append(contentsOf: bytes)
        bounds.append(start..<arena.count)
        return Int32(bounds.count - 1)
    }

    /// A 64-bit hash of `bytes` (never `UInt64.max`), sixteen bytes at a time: each step
    /// multiplies its two words (one mixed with the state) into a 128-bit product and folds
    /// its halves into the new state; the last 0–15 bytes, zero-padded, are one more step.
    @inline(__always)
    static func hash(_ bytes: UnsafeRawBufferPointer, keys: HashKeys = .process) -> UInt64 {
        let n = bytes.count
        @inline(__always) func word(_ at: Int) -> UInt64 {
            UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: at, as: UInt64.self))
        }
        /// The `count` (0–7) bytes from `at` as a zero-padded little-endian word.
        @inline(__always) func partial(_ at: Int, _ count: Int) -> UInt64 {
            var word: UInt64 = 0
            for k in 0..<count { word |= UInt64(bytes[at + k]) << UInt64(8 * k) }
            return word
        }
        var state = keys.start(length: n)
        var i = 0
        while i + 16 <= n {
            state = keys.step(state, word(i), word(i + 8))
            i += 16
        }
        let left = n - i
        let (low, high) = left >= 8 ? (word(i), partial(i + 8, left - 8)) : (partial(i, left), 0)
        return finish(keys.step(state ^ 0x2545_F491_4F6C_DD1D, low, high))
    }

    /// The ``hash(_:)`` and length of the text of `count` bytes from `start` in `record` up
    /// to its first NUL, in one pass. A path token's text ends with its one NUL: the bytes
    /// before it are hashed as ``hash(_:)`` does, their zero bytes noted on the way (no
    /// branch a word), and the last 0–15 bytes read as two whole words and masked (up to 16
    /// bytes past the text, only inside the record). Anything else (a NUL before the end,
    /// none, a token near the record's end) is found and hashed the plain way. `keys` are
    /// ``HashKeys/process``, passed in so that a reader loads them once.
    @inline(__always)
    static func hashUpToNUL(in record: UnsafeRawBufferPointer, from start: Int, count: Int, keys: HashKeys) -> (
        hash: UInt64, length: Int
    ) {
        let n = count &- 1
        if n >= 0, start &+ count &+ 16 <= record.count, record[start &+ n] == 0 {
            @inline(__always) func word(_ at: Int) -> UInt64 {
                UInt64(littleEndian: record.loadUnaligned(fromByteOffset: start &+ at, as: UInt64.self))
            }
            // The classic zero-byte test, its high bits kept at the end: a flag at a zero
            // byte (and false ones only above a zero byte of the same word).
            @inline(__always) func zeroFlags(_ word: UInt64) -> UInt64 {
                (word &- 0x0101_0101_0101_0101) & ~word
            }
            var state = keys.start(length: n)
            var zeros: UInt64 = 0
            var i = 0
            while i &+ 16 <= n {
                let (a, b) = (word(i), word(i &+ 8))
                zeros |= zeroFlags(a) | zeroFlags(b)
                state = keys.step(state, a, b)
                i &+= 16
            }
            // The last 0–15 bytes: two whole words masked to them, without a branch (which
            // would mispredict on every other length).
            let left = n &- i
            let lowWhole = UInt64(bitPattern: Int64((7 &- left) >> 63))
            let lowMask = lowWhole | ((UInt64(1) &<< UInt64(truncatingIfNeeded: 8 &* left)) &- 1)
            let highLeft = (left &- 8) & ~((left &- 8) >> 63)
            let highMask = (UInt64(1) &<< UInt64(truncatingIfNeeded: 8 &* highLeft)) &- 1
            let (low, high) = (word(i), word(i &+ 8))
            zeros |= zeroFlags(low) & lowMask | zeroFlags(high) & highMask
            if zeros & 0x8080_8080_8080_8080 == 0 {
                return (finish(keys.step(state ^ 0x2545_F491_4F6C_DD1D, low & lowMask, high & highMask)), n)
            }
        }
        var length = max(count, 0)
        if length > 0, let base = record.baseAddress, let nul = memchr(base + start, 0, length) {
            length = (base + start).distance(to: UnsafeRawPointer(nul))
        }
        return (hash(UnsafeRawBufferPointer(rebasing: record[start..<(start + length)]), keys: keys), length)
    }

    /// The hash's keys, drawn once a process: paths cannot be written to collide in
    /// advance (talkers are found in open-addressing tables, where many colliding paths
    /// would make every lookup walk past them all; with fixed keys, a 16-byte block equal to
    /// the first key zeroes its product and erases what came before, whatever follows).
    /// Nothing the hash places is written out, so its values may differ from run to run.
    struct HashKeys: Sendable {
        private let first: UInt64
        private let a: UInt64
        private let b: UInt64

        /// This process's keys.
        static let process: HashKeys = {
            var random = SystemRandomNumberGenerator()
            return HashKeys(first: random.next(), a: random.next(), b: random.next())
        }()

        /// The state a text of `length` bytes starts from.
        @inline(__always)
        func start(length: Int) -> UInt64 {
            first ^ UInt64(truncatingIfNeeded: length) &* 0xFF51_AFD7_ED55_8CCD
        }

        /// The state after sixteen bytes (two little-endian words): the halves of a 128-bit
        /// product folded together.
        @inline(__always)
        func step(_ state: UInt64, _ a: UInt64, _ b: UInt64) -> UInt64 {
            let (high, low) = (a ^ self.a).multipliedFullWidth(by: b ^ state ^ self.b)
            return high ^ low
        }
    }

    @inline(__always)
    private static func finish(_ state: UInt64) -> UInt64 {
        var h = state ^ state >> 29
        h = h &* 0x94D0_49BB_1331_11EB
        h ^= h >> 32
        // Never ``IntegerIndex/emptyKey``, so the hash is a key of `byHash` as it is.
        return h == IntegerIndex.emptyKey ? 0 : h
    }
}

/// A set of 64-bit hashes that can only say "certainly not in it": one bit per 18-bit
/// fragment (32 KiB), so a miss costs one load from a table that stays in the cache.
struct HashFragmentSet: Sendable {
    private var bits = [UInt64](repeating: 0, count: 1 << 12)

    /// Whether `hash` may have been inserted (false: it certainly was not).
    @inline(__always)
    func mayContain(_ hash: UInt64) -> Bool {
        let fragment = Int(truncatingIfNeeded: hash & 0x3_FFFF)
        return bits[fragment >> 6] & (1 << UInt64(fragment & 63)) != 0
    }

    @inline(__always)
    mutating func insert(_ hash: UInt64) {
        let fragment = Int(truncatingIfNeeded: hash & 0x3_FFFF)
        bits[fragment >> 6] |= 1 << UInt64(fragment & 63)
    }

    /// Empties the set, keeping its storage.
    mutating func removeAll() {
        bits.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
    }
}
