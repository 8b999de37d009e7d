import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The trail files mapped into memory at the moment (``TrailReader`` maps regular files a
/// window at a time), kept so that a `SIGBUS` handler can tell a trail truncated while it
/// was read from any other fault, and name the file.
///
/// The table has a fixed size and is allocated once; ``path(containing:)`` takes no lock and
/// allocates nothing, so it may be called from a signal handler. A mapping recorded when
/// every slot is taken is simply not named.
public enum TrailMappingRegistry {
    /// Slots, and the bytes of a path kept in each (longer paths are cut).
    static let slotCount = 64
    static let pathCapacity = 1024

    private struct Slot {
        var start: UInt
        var end: UInt
    }

    private static let lock = NSLock()
    // Written under `lock`; read without it only by a signal handler about to exit.
    nonisolated(unsafe) private static let slots: UnsafeMutablePointer<Slot> = {
        let slots = UnsafeMutablePointer<Slot>.allocate(capacity: slotCount)
        slots.initialize(repeating: Slot(start: 0, end: 0), count: slotCount)
        return slots
    }()
    nonisolated(unsafe) private static let paths: UnsafeMutablePointer<CChar> = {
        let paths = UnsafeMutablePointer<CChar>.allocate(capacity: slotCount * pathCapacity)
        paths.initialize(repeating: 0, count: slotCount * pathCapacity)
        return paths
    }()

    /// Makes the table before a signal handler may look at it.
    public static func prepare() {
        _ = slots
        _ = paths
    }

    /// Records the mapping `bytes` of `path`; returns its slot (-1 when none was free).
    static func record(_ bytes: UnsafeRawBufferPointer, path: String) -> Int {
        guard let start = bytes.baseAddress else { return -1 }
        return lock.withLock {
            guard let slot = (0..<slotCount).first(where: { slots[$0].start == 0 }) else { return -1 }
            let name = paths + slot * pathCapacity
            var count = 0
            for byte in path.utf8.prefix(pathCapacity - 1) {
                name[count] = CChar(bitPattern: byte)
                count += 1
            }
            name[count] = 0
            slots[slot] = Slot(start: UInt(bitPattern: start), end: UInt(bitPattern: start) + UInt(bytes.count))
            return slot
        }
    }

    /// Forgets the mapping in `slot` (before it is unmapped).
    static func forget(_ slot: Int) {
        guard slot >= 0 else { return }
        lock.withLock { slots[slot] = Slot(start: 0, end: 0) }
    }

    /// The path of the trail mapped at `address` (a NUL-terminated string in the table), or
    /// nil when no recorded mapping holds it. Safe in a signal handler.
    public static func path(containing address: UnsafeRawPointer?) -> UnsafePointer<CChar>? {
        guard let address else { return nil }
        let at = UInt(bitPattern: address)
        for slot in 0..<slotCount where slots[slot].start <= at && at < slots[slot].end {
            return UnsafePointer(paths + slot * pathCapacity)
        }
        return nil
    }
}
