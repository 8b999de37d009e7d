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
    /// to its first NUL, in one pass: whole words are read (a word with a zero byte ends
    /// it), so a path token is hashed without a separate search for its NUL.
    @inline(__always)
    static func hashUpToNUL(in record: UnsafeRawBufferPointer, from start: Int, count: Int) -> (
        hash: UInt64, length: Int
    ) {
        // The last word may read up to 7 bytes past the text: only inside the record.
        guard start + count + 8 <= record.count else {
            var length = count
            if count > 0, let base = record.baseAddress, let nul = memchr(base + start, 0, count) {
                length = (base + start).distance(to: UnsafeRawPointer(nul))
            }
            return (hash(UnsafeRawBufferPointer(rebasing: record[start..<(start + length)])), length)
        }
        var lanes = (hashSeed, hashSeed2)
        var i = 0
        // The word at `i`: nil to go on, or where the text ends (its length and the last
        // partial word's bytes).
        @inline(__always) func end() -> (word: UInt64, length: Int)? {
            let word = UInt64(littleEndian: record.loadUnaligned(fromByteOffset: start + i, as: UInt64.self))
            let left = count - i
            // The bytes of this word that belong to the text, and which of them are zero
            // (the lowest flag of the classic test is exact).
            let valid: UInt64 = left >= 8 ? ~0 : (1 << UInt64(8 * left)) - 1
            let zeros = (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080 & valid
            guard zeros != 0 || left < 8 else { return nil }
            let k = zeros != 0 ? zeros.trailingZeroBitCount / 8 : left
            return (k == 0 ? 0 : word & ((1 << UInt64(8 * k)) - 1), i + k)
        }
        while true {
            if let (tail, length) = end() { return (finish(lanes, tail: tail, count: length), length) }
            lanes.0 = mix(
                lanes.0, UInt64(littleEndian: record.loadUnaligned(fromByteOffset: start + i, as: UInt64.self)))
            i += 8
            if i == count { return (finish(lanes, tail: 0, count: count), count) }
            if let (tail, length) = end() { return (finish(lanes, tail: tail, count: length), length) }
            lanes.1 = mix(
                lanes.1, UInt64(littleEndian: record.loadUnaligned(fromByteOffset: start + i, as: UInt64.self)))
            i += 8
            if i == count { return (finish(lanes, tail: 0, count: count), count) }
        }
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
