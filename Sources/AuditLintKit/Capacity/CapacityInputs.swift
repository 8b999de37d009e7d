/// Everything the capacity model needs (the spec's §1): the audit settings, the disk, the
/// write rate and the simulated period.
public struct CapacityInputs: Sendable, Hashable {
    /// The audit settings.
    public var configuration: CapacityConfiguration
    /// Disk size D in bytes.
    public var diskSize: Int64
    /// Free bytes at the start, F0; the other data on the disk is D − F0.
    public var freeAtStart: Int64
    /// Filesystem block size b in bytes.
    public var blockSize: Int64
    /// Non-audit bytes added per day, evenly (may be negative; other data never goes below 0).
    public var otherGrowthPerDay: Int64
    /// Simulated time in seconds.
    public var horizonSeconds: Double
    /// UTC time of t = 0, in whole seconds since the epoch.
    public var startEpoch: Int64
    /// The write rate: mean audit bytes per second, with an optional daily cycle.
    public var volume: WriteVolume

    public init(
        configuration: CapacityConfiguration, diskSize: Int64, freeAtStart: Int64, blockSize: Int64 = 4096,
        otherGrowthPerDay: Int64 = 0, horizonSeconds: Double = 90 * 86_400, startEpoch: Int64,
        volume: WriteVolume
    ) {
        self.configuration = configuration
        self.diskSize = diskSize
        self.freeAtStart = freeAtStart
        self.blockSize = blockSize
        self.otherGrowthPerDay = otherGrowthPerDay
        self.horizonSeconds = horizonSeconds
        self.startEpoch = startEpoch
        self.volume = volume
    }

    /// Checks the inputs make sense.
    ///
    /// - Throws: ``AuditLintError/invalidInput(_:)`` saying which value is wrong and why.
    public func validate() throws {
        func fail(_ message: String) -> AuditLintError { .invalidInput(message) }
        guard diskSize > 0 else { throw fail("the disk size must be more than 0 bytes (--disk-size)") }
        guard blockSize > 0, blockSize <= diskSize else {
            throw fail("the block size must be more than 0 and at most the disk size (--block-size)")
        }
        guard freeAtStart >= 0, freeAtStart <= diskSize else {
            throw fail("the free space at start must be between 0 and the disk size (--disk-free)")
        }
        guard horizonSeconds >= 0, horizonSeconds <= 100 * 365 * 86_400 else {
            throw fail("the horizon must be between 0 and 100 years (--horizon)")
        }
        guard (0...100).contains(configuration.minfree) else {
            throw fail("minfree must be a percentage from 0 to 100 (--minfree)")
        }
        guard configuration.filesz >= 0 else { throw fail("filesz must not be negative (--filesz)") }
        guard (1...1 << 20).contains(configuration.qsize) else { throw fail("qsize must be from 1 to 1048576") }
        // A negative age is what audit_control's `-1d` means (getacexpire, signed time_t).
        guard configuration.expireAfter.ageSeconds.map({ $0.isFinite }) ?? true,
            configuration.expireAfter.sizeBytes.map({ $0 >= 0 }) ?? true
        else { throw fail("the expire-after size must not be negative") }
        guard (0...253_402_300_799).contains(startEpoch) else {
            throw fail("the start must be a time from 1970 to 9999 in seconds since the epoch (--start)")
        }
        guard otherGrowthPerDay.magnitude <= 1 << 60 else {
            throw fail("the other growth is too large (--other-growth)")
        }
        guard volume.recordSize >= 1, volume.recordSize <= 1 << 20 else {
            throw fail("the mean record size must be from 1 byte to 1 MiB (--record-size)")
        }
        guard volume.bytesPerSecond >= 0, volume.bytesPerSecond.isFinite,
            volume.bytesPerSecond * 86_400 <= 1e15
        else { throw fail("the write rate must be between 0 and 1P/day (--rate)") }
        if let weights = volume.hourlyWeights {
            guard weights.count == 24, weights.allSatisfy({ $0 >= 0 && $0.isFinite }),
                weights.contains(where: { $0 > 0 })
            else { throw fail("the hourly weights must be 24 non-negative numbers, not all zero (--hourly)") }
        }
        guard volume.bytesPerSecond * horizonSeconds <= 1e18 else {
            throw fail("the rate and horizon give more than 10^18 audit bytes; shorten --horizon")
        }
    }

    /// `f_blocks`: the disk's size in whole blocks.
    var totalBlocks: Int64 { diskSize / blockSize }

    /// The kernel's soft-limit threshold in blocks: `f_blocks / (100 / minfree)`, both integer
    /// divisions; nil when minfree is 0.
    public var softLimitBlocks: Int64? {
        let minfree = Int64(configuration.minfree)
        return minfree == 0 ? nil : totalBlocks / (100 / minfree)
    }

    /// The fail-stop estimate in bytes: `(qsize + 1) × 32767`.
    public var failStopBytes: Int64 { Int64(configuration.qsize + 1) * 32_767 }

    /// Non-audit bytes on the disk at time t: D − F0 plus the growth, never below 0.
    public func otherBytes(at t: Double) -> Double {
        max(0, Double(diskSize - freeAtStart) + Double(otherGrowthPerDay) * t / 86_400)
    }

    /// Free bytes at time t with `auditBytes` of trail files (may be negative when the disk
    /// is over-full; reports clamp it at 0).
    public func freeBytes(at t: Double, auditBytes: Int64) -> Double {
        Double(diskSize) - otherBytes(at: t) - Double(auditBytes)
    }

    /// Free blocks: floor(free bytes / b).
    public func freeBlocks(_ freeBytes: Double) -> Double {
        (freeBytes / Double(blockSize)).rounded(.down)
    }

    /// The time at which other data shrinks to zero, when it shrinks.
    var otherDataGoneTime: Double? {
        guard otherGrowthPerDay < 0 else { return nil }
        return Double(diskSize - freeAtStart) * 86_400 / Double(-otherGrowthPerDay)
    }
}
