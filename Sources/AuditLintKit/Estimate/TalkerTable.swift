/// The volume profile builder's talkers: records and bytes counted per (bucket, kind, path).
///
/// The talkers are kept in the order first inserted (merging and the profile go by it), each
/// under its *ordinal* (its index in that order, which never changes). An open-addressing
/// table (linear probing) of 8-byte slots finds a talker's ordinal by a key mixed from the
/// path's hash (``PathInterner/hash(_:)``) and the bucket: a slot holds the key's high 32
/// bits and the ordinal, so a lookup reads one small slot, then the talker it names. The
/// table stays a quarter of the size it would be with the talkers in it, which keeps it in
/// the processor's caches.
///
/// A talker is packed in 64 bits: its bucket's index (bits 33 and up), its kind (bit 32: an
/// executable rather than a path) and its path id (the low 32 bits); the first two are its
/// *owner* (``owner(entry:executable:)``).
struct TalkerTable: Sendable {
    /// A talker and its counts.
    struct Talker: Sendable {
        var talker: UInt64
        var records: Int
        var bytes: Int
    }

    /// The talkers, by ordinal.
    private(set) var talkers: [Talker] = []
    /// The key's high 32 bits and the ordinal of a talker, or ``empty``.
    private var slots = [UInt64](repeating: TalkerTable.empty, count: 64)
    private var shift = 58
    /// An empty slot (no ordinal reaches 2³² − 1).
    private static let empty = UInt64.max

    /// The talkers held.
    var count: Int { talkers.count }

    /// Removes every talker, keeping the storage.
    mutating func removeAll() {
        slots.withUnsafeMutableBufferPointer { $0.update(repeating: Self.empty) }
        talkers.removeAll(keepingCapacity: true)
    }

    /// The owner part of a talker: its bucket and kind.
    @inline(__always)
    static func owner(entry: Int, executable: Bool) -> UInt64 {
        UInt64(entry) << 33 | (executable ? 1 << 32 : 0)
    }

    /// The bucket index of a talker or owner.
    @inline(__always)
    static func entry(of talker: UInt64) -> Int { Int(talker >> 33) }

    /// Whether a talker or owner is an executable.
    @inline(__always)
    static func isExecutable(_ talker: UInt64) -> Bool { talker & (1 << 32) != 0 }

    /// The key that places a talker: its path's hash mixed with its bucket's packed key
    /// (event, outcome, audit user: known before the bucket's index is looked up, so the
    /// probe need not wait for that lookup) and its kind.
    @inline(__always)
    static func key(_ pathHash: UInt64, bucketKey: UInt64, executable: Bool) -> UInt64 {
        pathHash &+ (bucketKey << 1 | (executable ? 1 : 0)) &* 0xD6E8_FEB8_6659_FD93
    }

    /// The first slot to probe for a key (or a slot's tag): from its high 32 bits.
    @inline(__always)
    private func start(_ key: UInt64) -> Int {
        Int(truncatingIfNeeded: ((key >> 32) &* 0x9E37_79B9_7F4A_7C15) >> UInt64(shift))
    }

    /// The ordinal of the talker with this key that `matching` accepts (given the packed
    /// talker), or nil.
    @inline(__always)
    func find(key: UInt64, matching: (UInt64) -> Bool) -> Int? {
        slots.withUnsafeBufferPointer { slots in
            let mask = slots.count - 1
            var i = start(key)
            while true {
                let slot = slots[i]
                if slot == Self.empty { return nil }
                if slot >> 32 == key >> 32 {
                    let ordinal = Int(truncatingIfNeeded: slot & 0xFFFF_FFFF)
                    if matching(talkers[ordinal].talker) { return ordinal }
                }
                i = (i + 1) & mask
            }
        }
    }

    /// The ordinal of the talker (`owner`, `pathID`) with this key, or nil.
    @inline(__always)
    func find(key: UInt64, owner: UInt64, pathID: Int32) -> Int? {
        let talker = owner | UInt64(UInt32(bitPattern: pathID))
        return find(key: key, matching: { $0 == talker })
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

    /// Inserts a talker that is not in the table yet; returns its ordinal.
    @discardableResult
    mutating func insert(key: UInt64, owner: UInt64, pathID: Int32, records: Int, bytes: Int) -> Int {
        let ordinal = talkers.count
        talkers.append(Talker(talker: owner | UInt64(UInt32(bitPattern: pathID)), records: records, bytes: bytes))
        if talkers.count * 2 > slots.count {
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
        let old = slots
        slots = Array(repeating: Self.empty, count: old.count * 2)
        shift -= 1
        for slot in old where slot != Self.empty { place(slot) }
    }
}
