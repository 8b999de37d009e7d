import Foundation

/// The volume profile builder's talkers: records and bytes counted per (bucket, kind, path),
/// each talker with its own copy of its path's bytes.
///
/// The talkers are kept in the order first inserted (merging and the profile go by it), each
/// under its *ordinal* (its index in that order, which never changes). An open-addressing
/// table (linear probing) of 8-byte slots finds a talker's ordinal by a key mixed from the
/// path's hash (``PathInterner/hash(_:)``) and the bucket: a slot holds the key's high 32
/// bits and the ordinal, so a lookup reads one small slot, then the talker it names, then
/// its path's bytes to compare. Paths are not shared between talkers: a path is looked up
/// only with its bucket, never alone, so no table of paths is needed (a path in several
/// buckets is kept once for each).
///
/// A talker's *owner* packs its bucket's index (bits 33 and up) and its kind (bit 32: an
/// executable rather than a path) (``owner(entry:executable:)``). A bucket's `(other)`
/// talker (the talkers past the limit) is marked apart (bit 0), so that a path that happens
/// to be named `(other)` stays a talker of its own.
struct TalkerTable: Sendable {
    /// A talker and its counts: 32 bytes, so that a lookup reads one cache line (at 48
    /// bytes, with the path's hash, half the talkers straddled two).
    struct Talker: Sendable {
        /// The owner, and bit 0 set for an `(other)` talker.
        var owner: UInt64
        var records: Int
        var bytes: Int
        /// Where the path's bytes are in ``TalkerTable/arena``.
        var pathStart: UInt32
        var pathLength: UInt32

        /// Whether this is a bucket's `(other)` talker.
        var isOther: Bool { owner & 1 != 0 }

        /// The range of the path's bytes in the arena.
        var pathRange: Range<Int> { Int(pathStart)..<(Int(pathStart) + Int(pathLength)) }
    }

    /// The talkers, by ordinal.
    private(set) var talkers: [Talker] = []
    /// Each talker's path hash, by ordinal (read only to merge, apart from the talkers).
    private(set) var pathHashes: [UInt64] = []
    /// Every talker's path bytes, one after another (at most ``arenaLimit``), after the
    /// `(other)` name that every `(other)` talker names.
    private var arena: [UInt8] = []
    /// The most bytes the arena takes (its offsets are 32-bit); tests lower it.
    var arenaLimit = Int(UInt32.max) - (1 << 24)
    /// The key's high 32 bits and the ordinal of a talker, or ``empty``. Filled up to 5/8:
    /// the default limit's talkers fit 32,768 slots (256 KiB, mostly in a core's cache;
    /// twice that, filled to half, cost 5 ms more on a 181 MB trail).
    private var slots = [UInt64](repeating: TalkerTable.empty, count: 64)
    private var shift = 58
    /// An empty slot (no ordinal reaches 2³² − 1).
    private static let empty = UInt64.max
    /// Every talker's path hash: a path no talker has is found without probing the table.
    private var seen = HashFragmentSet()

    /// The name of the `(other)` talkers, and the hash that places them.
    private static let otherName = Array(VolumeProfileBuilder.otherTalker.utf8)
    /// Its length, a constant: the room check before every new talker reads no global.
    private static let otherNameLength = 7
    private static let otherHash: UInt64 = 0x6F74_6865_7220_7061

    /// The talkers held.
    var count: Int { talkers.count }

    /// Makes room for `count` talkers at once (with paths about as long as a trail's), so
    /// that filling the table neither copies nor rehashes what it holds on the way.
    mutating func reserve(_ count: Int) {
        talkers.reserveCapacity(count)
        pathHashes.reserveCapacity(count)
        arena.reserveCapacity(count.multipliedReportingOverflow(by: 64).overflow ? count : count * 64)
        var size = slots.count
        while size / 8 * 5 < count, size < 1 << 30 { size *= 2 }
        if size > slots.count { resize(to: size) }
    }

    /// Removes every talker, keeping the storage.
    mutating func removeAll() {
        slots.withUnsafeMutableBufferPointer { $0.update(repeating: Self.empty) }
        seen.removeAll()
        talkers.removeAll(keepingCapacity: true)
        pathHashes.removeAll(keepingCapacity: true)
        arena.removeAll(keepingCapacity: true)
    }

    /// The same talkers under the same ordinals, every count zero (the other tables are
    /// shared until either copy inserts), with room for 512 more (a part's `(other)`
    /// talkers, one a bucket and kind: a copy made only as large as the talkers grew to
    /// twice that size for its first).
    func withCountsZeroed() -> TalkerTable {
        var copy = self
        var zeroed: [Talker] = []
        zeroed.reserveCapacity(talkers.count + 512)
        zeroed.append(contentsOf: talkers)
        zeroed.withUnsafeMutableBufferPointer { talkers in
            for i in talkers.indices { (talkers[i].records, talkers[i].bytes) = (0, 0) }
        }
        copy.talkers = zeroed
        return copy
    }

    /// The owner part of a talker: its bucket and kind.
    @inline(__always)
    static func owner(entry: Int, executable: Bool) -> UInt64 {
        UInt64(entry) << 33 | (executable ? 1 << 32 : 0)
    }

    /// The bucket index of an owner.
    @inline(__always)
    static func entry(of owner: UInt64) -> Int { Int(owner >> 33) }

    /// Whether an owner is an executable.
    @inline(__always)
    static func isExecutable(_ owner: UInt64) -> Bool { owner & (1 << 32) != 0 }

    /// The key that places a talker: its path's hash mixed with its bucket's packed key
    /// (event, outcome, audit user: known before the bucket's index is looked up, so the
    /// probe need not wait for that lookup) and its kind.
    @inline(__always)
    static func key(_ pathHash: UInt64, bucketKey: UInt64, executable: Bool) -> UInt64 {
        pathHash &+ (bucketKey << 1 | (executable ? 1 : 0)) &* 0xD6E8_FEB8_6659_FD93
    }

    /// The key of a bucket's `(other)` talker.
    @inline(__always)
    static func otherKey(bucketKey: UInt64, executable: Bool) -> UInt64 {
        key(otherHash, bucketKey: bucketKey, executable: executable)
    }

    /// Whether a new talker's path of `length` bytes fits in the arena (``arenaLimit``).
    @inline(__always)
    func hasRoom(forPath length: Int) -> Bool {
        length <= arenaLimit - max(arena.count, Self.otherNameLength)
    }

    /// Whether some talker's path may hash to `pathHash` (false: certainly none does).
    @inline(__always)
    func mayHold(pathHash: UInt64) -> Bool {
        seen.mayContain(pathHash)
    }

    /// The first slot to probe for a key (or a slot's tag): from its high 32 bits.
    @inline(__always)
    private func start(_ key: UInt64) -> Int {
        Int(truncatingIfNeeded: ((key >> 32) &* 0x9E37_79B9_7F4A_7C15) >> UInt64(shift))
    }

    /// The ordinal of the talker with this key that `matching` accepts, or nil.
    @inline(__always)
    private func find(key: UInt64, matching: (Talker) -> Bool) -> Int? {
        slots.withUnsafeBufferPointer { slots in
            let mask = slots.count - 1
            var i = start(key)
            while true {
                let slot = slots[i]
                if slot == Self.empty { return nil }
                if slot >> 32 == key >> 32 {
                    let ordinal = Int(truncatingIfNeeded: slot & 0xFFFF_FFFF)
                    if matching(talkers[ordinal]) { return ordinal }
                }
                i = (i + 1) & mask
            }
        }
    }

    /// The ordinal of `owner`'s talker of the path `path` (whose key is `key`), or nil.
    @inline(__always)
    func find(key: UInt64, owner: UInt64, path: UnsafeRawBufferPointer) -> Int? {
        find(key: key, matching: { $0.owner == owner && equals($0, path) })
    }

    /// The ordinal of `owner`'s `(other)` talker (whose key is `key`), or nil.
    @inline(__always)
    func findOther(key: UInt64, owner: UInt64) -> Int? {
        find(key: key, matching: { $0.owner == owner | 1 })
    }

    /// Whether `talker`'s path is `bytes`.
    @inline(__always)
    private func equals(_ talker: Talker, _ bytes: UnsafeRawBufferPointer) -> Bool {
        guard Int(talker.pathLength) == bytes.count else { return false }
        guard let base = bytes.baseAddress, talker.pathLength > 0 else { return true }
        return arena.withUnsafeBytes {
            PathInterner.sameBytes($0.baseAddress! + Int(talker.pathStart), base, count: Int(talker.pathLength))
        }
    }

    /// Adds to the counts of the talker with this ordinal (saturating: profiles come from
    /// files).
    @inline(__always)
    mutating func add(at ordinal: Int, records: Int, bytes: Int) {
        talkers.withUnsafeMutableBufferPointer { talkers in
            talkers[ordinal].records = talkers[ordinal].records.addingSaturating(records)
            talkers[ordinal].bytes = talkers[ordinal].bytes.addingSaturating(bytes)
        }
    }

    /// Inserts `owner`'s talker of `path` (hashing to `pathHash`, placed by `key`), which is
    /// not in the table yet; returns its ordinal. (Kept out of the read's loop, which
    /// calls it at most once a talker.)
    @discardableResult @inline(never)
    mutating func insert(
        key: UInt64, owner: UInt64, path: UnsafeRawBufferPointer, pathHash: UInt64, records: Int, bytes: Int
    ) -> Int {
        seen.insert(pathHash)
        return insert(
            Talker(owner: owner, records: records, bytes: bytes, pathStart: 0, pathLength: 0), pathHash: pathHash,
            key: key, path: path)
    }

    /// Inserts `owner`'s `(other)` talker (placed by `key`), which is not in the table yet;
    /// returns its ordinal.
    ///
    /// Its name is the one copy at the arena's start, so an `(other)` added to a table that
    /// shares its arena with another (a ``withCountsZeroed()`` copy) leaves the arena shared:
    /// a part of a file whose talkers were full copied 0.8 MB of paths for its first `(other)`.
    @discardableResult
    mutating func insertOther(key: UInt64, owner: UInt64, records: Int, bytes: Int) -> Int {
        startArena()
        let talker = Talker(
            owner: owner | 1, records: records, bytes: bytes, pathStart: 0, pathLength: UInt32(Self.otherNameLength))
        return insert(talker, pathHash: Self.otherHash, key: key)
    }

    /// Puts the `(other)` name at the start of an empty arena.
    @inline(__always)
    private mutating func startArena() {
        guard arena.isEmpty else { return }
        assert(Self.otherName.count == Self.otherNameLength)
        arena.append(contentsOf: Self.otherName)
    }

    /// Inserts `talker` with its path (which ``hasRoom(forPath:)``).
    private mutating func insert(_ talker: Talker, pathHash: UInt64, key: UInt64, path: UnsafeRawBufferPointer)
        -> Int
    {
        startArena()
        var talker = talker
        (talker.pathStart, talker.pathLength) = (UInt32(arena.count), UInt32(path.count))
        arena.append(contentsOf: path)
        return insert(talker, pathHash: pathHash, key: key)
    }

    /// Inserts `talker`, whose path is in the arena already.
    private mutating func insert(_ talker: Talker, pathHash: UInt64, key: UInt64) -> Int {
        let ordinal = talkers.count
        talkers.append(talker)
        pathHashes.append(pathHash)
        if talkers.count * 8 > slots.count * 5 {
            grow()
        }
        place(key & 0xFFFF_FFFF_0000_0000 | UInt64(ordinal))
        return ordinal
    }

    private mutating func place(_ slot: UInt64) {
        let mask = slots.count - 1
        var i = start(slot)
        while slots[i] != Self.empty { i = (i + 1) & mask }
        slots[i] = slot
    }

    private mutating func grow() {
        resize(to: slots.count * 2)
    }

    /// Rehashes the talkers into `size` slots (a power of two).
    private mutating func resize(to size: Int) {
        let old = slots
        slots = Array(repeating: Self.empty, count: size)
        shift = 64 - size.trailingZeroBitCount
        for slot in old where slot != Self.empty { place(slot) }
    }

    /// Calls `body` with the bytes of `talker`'s path (`(other)` for an `(other)` talker).
    func withPath<R>(of talker: Talker, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try arena.withUnsafeBytes {
            try body(UnsafeRawBufferPointer(rebasing: $0[talker.pathRange]))
        }
    }

    /// The name of `talker`'s path.
    func name(of talker: Talker) -> String {
        withPath(of: talker) { String(decoding: $0, as: UTF8.self) }
    }

    /// A talker as ``ordinalsInProfileOrder(bucketKeys:)`` sorts it: 32 bytes, so that the
    /// sort moves little and most comparisons are decided by integers.
    private struct SortKey {
        /// The talker's bytes, mapped so that more bytes is a smaller key.
        var bytes: UInt64
        /// The name's first 16 bytes, big-endian, zero-padded: where they differ, they order
        /// two ASCII names as their bytes do.
        var prefix: (UInt64, UInt64)
        var ordinal: UInt32
        var executable: Bool
        var ascii: Bool
    }

    /// The talkers' ordinals in the profile's order: most bytes first, then by kind
    /// (`executable` before `path`), name and bucket (event, audit user with none last,
    /// failure first; `bucketKeys` holds each bucket's packed key) — a total order, so
    /// output is stable.
    ///
    /// Sorted as small keys read through raw pointers (no reference counting a comparison):
    /// names compare as their bytes when both are ASCII (the same order as `String`'s) and
    /// as strings otherwise.
    func ordinalsInProfileOrder(bucketKeys: [UInt64]) -> [Int] {
        talkers.withUnsafeBufferPointer { talkers in
            arena.withUnsafeBytes { arena in
                bucketKeys.withUnsafeBufferPointer { buckets in
                    func path(_ ordinal: UInt32) -> UnsafeRawBufferPointer {
                        let talker = talkers[Int(ordinal)]
                        return UnsafeRawBufferPointer(rebasing: arena[talker.pathRange])
                    }
                    // What decides most comparisons, side by side: a talker's bytes and kind,
                    // and its name's first bytes.
                    var order = talkers.indices.map { ordinal in
                        let name = path(UInt32(truncatingIfNeeded: ordinal))
                        return SortKey(
                            bytes: ~(UInt64(bitPattern: Int64(talkers[ordinal].bytes)) ^ 1 << 63),
                            prefix: Self.prefix(name), ordinal: UInt32(truncatingIfNeeded: ordinal),
                            executable: Self.isExecutable(talkers[ordinal].owner), ascii: Self.isASCII(name))
                    }
                    // The rest of the order, for names alike in their first 16 bytes.
                    func byNameAndBucket(_ a: SortKey, _ b: SortKey) -> Bool {
                        if a.ascii, b.ascii {
                            let order = Self.compare(path(a.ordinal), path(b.ordinal))
                            if order != 0 { return order < 0 }
                        } else {
                            let nameA = String(decoding: path(a.ordinal), as: UTF8.self)
                            let nameB = String(decoding: path(b.ordinal), as: UTF8.self)
                            if nameA != nameB { return nameA < nameB }
                        }
                        let (keyA, keyB) = (
                            buckets[Self.entry(of: talkers[Int(a.ordinal)].owner)],
                            buckets[Self.entry(of: talkers[Int(b.ordinal)].owner)]
                        )
                        if keyA >> 33 != keyB >> 33 { return keyA >> 33 < keyB >> 33 }
                        let (userA, userB) = (UInt32(truncatingIfNeeded: keyA), UInt32(truncatingIfNeeded: keyB))
                        if userA != userB { return userA < userB }
                        if keyA & (1 << 32) != keyB & (1 << 32) { return keyA & (1 << 32) == 0 }
                        // Only a path named `(other)` and its bucket's `(other)` get here.
                        return a.ordinal < b.ordinal
                    }
                    order.withUnsafeMutableBufferPointer { order in
                        order.sort { a, b in
                            if a.bytes != b.bytes { return a.bytes < b.bytes }
                            if a.executable != b.executable { return a.executable }
                            if a.ascii, b.ascii, a.prefix != b.prefix {
                                return a.prefix.0 != b.prefix.0 ? a.prefix.0 < b.prefix.0 : a.prefix.1 < b.prefix.1
                            }
                            return byNameAndBucket(a, b)
                        }
                    }
                    return order.map { Int($0.ordinal) }
                }
            }
        }
    }

    /// The byte order of two paths (memcmp's sign, a shorter prefix first).
    private static func compare(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Int {
        let common = min(a.count, b.count)
        let order = common == 0 ? 0 : Int(memcmp(a.baseAddress!, b.baseAddress!, common))
        return order != 0 ? order : a.count - b.count
    }

    /// The first 16 bytes of `bytes` as two big-endian words, zero-padded.
    private static func prefix(_ bytes: UnsafeRawBufferPointer) -> (UInt64, UInt64) {
        if bytes.count >= 16 {
            return (
                UInt64(bigEndian: bytes.loadUnaligned(fromByteOffset: 0, as: UInt64.self)),
                UInt64(bigEndian: bytes.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
            )
        }
        var words: (UInt64, UInt64) = (0, 0)
        for i in 0..<bytes.count {
            if i < 8 {
                words.0 |= UInt64(bytes[i]) << UInt64(56 - 8 * i)
            } else {
                words.1 |= UInt64(bytes[i]) << UInt64(120 - 8 * i)
            }
        }
        return words
    }

    /// Whether `bytes` are all ASCII.
    private static func isASCII(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var seen: UInt64 = 0
        var i = 0
        while i + 8 <= bytes.count {
            seen |= bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            i += 8
        }
        while i < bytes.count {
            seen |= UInt64(bytes[i])
            i += 1
        }
        return seen & 0x8080_8080_8080_8080 == 0
    }
}
