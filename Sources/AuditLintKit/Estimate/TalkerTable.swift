/// The volume profile builder's talkers: records and bytes counted per (bucket, kind, path).
///
/// One open-addressing table (linear probing) whose slots hold a talker with its counts,
/// placed by a key mixed from the path's hash (``PathInterner/hash(_:)``) and the bucket, so
/// a record of a talker seen before is counted with one probe sequence (usually one cache
/// line) and no path id looked up first. The order in which talkers were first inserted is
/// kept (each slot holds its talker's ordinal): merging and the profile go by it.
///
/// A talker is packed in 64 bits: its bucket's index (bits 33 and up), its kind (bit 32: an
/// executable rather than a path) and its path id (the low 32 bits); the first two are its
/// *owner* (``owner(entry:executable:)``).
struct TalkerTable: Sendable {
    private struct Slot: Sendable {
        /// The high 32 bits of the talker's key (which place it), and its ordinal.
        var tag: UInt64
        var talker: UInt64
        var records: Int
        var bytes: Int
    }

    /// The `talker` of an empty slot (no talker packs to it: bucket indices stay far below).
    private static let empty = UInt64.max
    private var slots = [Slot](repeating: Slot(tag: 0, talker: TalkerTable.empty, records: 0, bytes: 0), count: 64)
    private var shift = 58

    /// The talkers held.
    private(set) var count = 0

    /// Removes every talker, keeping the table's size.
    mutating func removeAll() {
        slots.withUnsafeMutableBufferPointer { slots in
            for i in slots.indices { slots[i].talker = Self.empty }
        }
        count = 0
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

    /// The key that places a talker: its path's hash mixed with its owner.
    @inline(__always)
    static func key(_ pathHash: UInt64, _ owner: UInt64) -> UInt64 {
        pathHash &+ (owner >> 32) &* 0xD6E8_FEB8_6659_FD93
    }

    /// The first slot to probe for a key (or a tag): from its high 32 bits.
    @inline(__always)
    private func start(_ key: UInt64) -> Int {
        Int(truncatingIfNeeded: ((key >> 32) &* 0x9E37_79B9_7F4A_7C15) >> UInt64(shift))
    }

    /// The slot of the talker with this key that `matching` accepts (given the packed
    /// talker), or nil.
    @inline(__always)
    func find(key: UInt64, matching: (UInt64) -> Bool) -> Int? {
        slots.withUnsafeBufferPointer { slots in
            let mask = slots.count - 1
            var i = start(key)
            while true {
                let talker = slots[i].talker
                if talker == Self.empty { return nil }
                if slots[i].tag >> 32 == key >> 32, matching(talker) { return i }
                i = (i + 1) & mask
            }
        }
    }

    /// The slot of the talker (`owner`, `pathID`), whose path hashes to `pathHash`, or nil.
    @inline(__always)
    func find(owner: UInt64, pathID: Int32, pathHash: UInt64) -> Int? {
        let talker = owner | UInt64(UInt32(bitPattern: pathID))
        return find(key: Self.key(pathHash, owner), matching: { $0 == talker })
    }

    /// Adds to the counts of the talker in `slot` (saturating: profiles come from files).
    @inline(__always)
    mutating func add(at slot: Int, records: Int, bytes: Int) {
        slots.withUnsafeMutableBufferPointer { slots in
            slots[slot].records = slots[slot].records.addingSaturating(records)
            slots[slot].bytes = slots[slot].bytes.addingSaturating(bytes)
        }
    }

    /// Inserts a talker that is not in the table yet.
    mutating func insert(owner: UInt64, pathID: Int32, pathHash: UInt64, records: Int, bytes: Int) {
        let talker = owner | UInt64(UInt32(bitPattern: pathID))
        let tag = Self.key(pathHash, owner) & 0xFFFF_FFFF_0000_0000 | UInt64(count)
        place(Slot(tag: tag, talker: talker, records: records, bytes: bytes))
        count += 1
        if count * 2 > slots.count { grow() }
    }

    private mutating func place(_ slot: Slot) {
        let mask = slots.count - 1
        var i = start(slot.tag)
        while slots[i].talker != Self.empty { i = (i + 1) & mask }
        slots[i] = slot
    }

    private mutating func grow() {
        let old = slots
        slots = Array(repeating: Slot(tag: 0, talker: Self.empty, records: 0, bytes: 0), count: old.count * 2)
        shift -= 1
        for slot in old where slot.talker != Self.empty { place(slot) }
    }

    /// Calls `body` with each talker's owner, path id and counts, in the order first inserted.
    func visitInOrder(_ body: (_ owner: UInt64, _ pathID: Int32, _ records: Int, _ bytes: Int) throws -> Void) rethrows
    {
        // One pass over the slots puts them in order, so no talker is looked up.
        var ordered = [Slot](repeating: Slot(tag: 0, talker: Self.empty, records: 0, bytes: 0), count: count)
        for slot in slots where slot.talker != Self.empty { ordered[Int(slot.tag & 0xFFFF_FFFF)] = slot }
        for slot in ordered {
            try body(slot.talker & ~0xFFFF_FFFF, Int32(truncatingIfNeeded: slot.talker), slot.records, slot.bytes)
        }
    }
}
