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

    /// A 64-bit hash of `bytes`, eight bytes at a time (never `UInt64.max`): the words go
    /// alternately into two lanes, so two multiplications are under way at once.
    @inline(__always)
    static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var lanes = (hashSeed, hashSeed2)
        var i = 0
        let n = bytes.count
        while i + 16 <= n {
            lanes.0 = mix(lanes.0, UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self)))
            lanes.1 = mix(lanes.1, UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self)))
            i += 16
        }
        if i + 8 <= n {
            lanes.0 = mix(lanes.0, UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self)))
            i += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while i < n {
            tail |= UInt64(bytes[i]) << shift
            shift += 8
            i += 1
        }
        return finish(lanes, tail: tail, count: n)
    }

    /// The ``hash(_:)`` and length of the text of `count` bytes from `start` in `record` up
    /// to its first NUL, in one pass. A path token's text ends with its one NUL: the bytes
    /// before it are hashed as ``hash(_:)`` does, their zero bytes noted on the way (no
    /// branch a word), and the last partial word read whole and masked (up to 8 bytes past
    /// the text, only inside the record). Anything else (a NUL before the end, none, a
    /// token at the record's end) is found and hashed the plain way.
    @inline(__always)
    static func hashUpToNUL(in record: UnsafeRawBufferPointer, from start: Int, count: Int) -> (
        hash: UInt64, length: Int
    ) {
        let n = count &- 1
        if n >= 0, start &+ count &+ 8 <= record.count, record[start &+ n] == 0 {
            @inline(__always) func word(_ at: Int) -> UInt64 {
                UInt64(littleEndian: record.loadUnaligned(fromByteOffset: start &+ at, as: UInt64.self))
            }
            // The classic zero-byte test: a flag at a zero byte (and false ones only above a
            // zero byte of the same word).
            @inline(__always) func zeroFlags(_ word: UInt64) -> UInt64 {
                (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080
            }
            var lanes = (hashSeed, hashSeed2)
            var zeros: UInt64 = 0
            var i = 0
            while i &+ 16 <= n {
                let (a, b) = (word(i), word(i &+ 8))
                zeros |= zeroFlags(a) | zeroFlags(b)
                lanes = (mix(lanes.0, a), mix(lanes.1, b))
                i &+= 16
            }
            // A whole word left, mixed as ``hash(_:)`` mixes it, with masks rather than a
            // branch (which would mispredict on half the paths).
            let whole = UInt64(bitPattern: Int64((7 &- (n &- i)) >> 63))
            let next = word(i)
            lanes.0 = mix(lanes.0, next) & whole | lanes.0 & ~whole
            zeros |= zeroFlags(next) & whole
            i &+= Int(whole & 8)
            // The last 0–7 bytes: a whole word masked to them.
            let last = word(i)
            let tailMask = (UInt64(1) &<< UInt64(truncatingIfNeeded: 8 &* (n &- i))) &- 1
            zeros |= zeroFlags(last) & tailMask
            if zeros == 0 { return (finish(lanes, tail: last & tailMask, count: n), n) }
        }
        var length = max(count, 0)
        if length > 0, let base = record.baseAddress, let nul = memchr(base + start, 0, length) {
            length = (base + start).distance(to: UnsafeRawPointer(nul))
        }
        return (hash(UnsafeRawBufferPointer(rebasing: record[start..<(start + length)])), length)
    }

    private static let hashSeed: UInt64 = 0x9E37_79B9_7F4A_7C15
    private static let hashSeed2: UInt64 = 0x7F4A_7C15_9E37_79B9

    /// Mixes in eight bytes read as a little-endian word.
    @inline(__always)
    private static func mix(_ h: UInt64, _ word: UInt64) -> UInt64 {
        let h = (h ^ word) &* 0xFF51_AFD7_ED55_8CCD
        return h ^ (h >> 32)
    }

    @inline(__always)
    private static func finish(_ lanes: (UInt64, UInt64), tail: UInt64, count: Int) -> UInt64 {
        var h = lanes.0 ^ (lanes.1 &* 0xD6E8_FEB8_6659_FD93)
        h = (h ^ tail ^ UInt64(count) &* 0x2545_F491_4F6C_DD1D) &* 0xC4CE_B9FE_1A85_EC53
        h ^= h >> 29
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
