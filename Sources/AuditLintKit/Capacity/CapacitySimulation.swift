/// The worst thing that happened to auditing during a simulation (`outcome` in Docs/reference/capacity-model.md#outputs).
public enum CapacityOutcome: String, Sendable, Hashable, Codable, Comparable, CaseIterable {
    /// Nothing reached the soft limit.
    case ok
    /// The soft limit was reached (LOW_SPACE sent), nothing was lost.
    case lowSpace = "low-space"
    /// Out of space with `cnt`: the trail was suspended and records were dropped.
    case recordsDropped = "records-dropped"
    /// Without `cnt`, free space fell to the fail-stop estimate: the system blocks.
    case systemBlocked = "system-blocked"
    /// Out of space with `ahlt` or without `cnt`: the kernel panics.
    case panic

    private var rank: Int {
        switch self {
        case .ok: 0
        case .lowSpace: 1
        case .recordsDropped: 2
        case .systemBlocked: 3
        case .panic: 4
        }
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rank < rhs.rank }
}

/// The figures of one capacity simulation (Docs/reference/capacity-model.md#outputs; the JSON names are the interface).
public struct CapacitySimulation: Sendable, Hashable, Codable {
    /// Mean audit bytes written per day over the simulated time (dropped bytes excluded).
    public var bytesPerDay: Double
    /// The largest total size of the trail files at any moment.
    public var peakAuditBytes: Int64
    /// Total size of the trail files at the end.
    public var finalAuditBytes: Int64
    /// At the end: (end − start time of the oldest trail on disk) in days.
    public var historyDays: Double
    /// Number of rotations.
    public var rotations: Int
    /// Number of trails deleted by expiry.
    public var expiredFiles: Int
    /// Number of trail files at the end, the active one included.
    public var filesOnDisk: Int
    /// Seconds from start to the first LOW_SPACE trigger.
    public var firstLowSpaceSeconds: Double?
    /// Seconds from start to the first ENOSPC.
    public var firstNoSpaceSeconds: Double?
    /// Bytes of records lost while suspended or out of space.
    public var droppedBytes: Int64
    /// The worst that happened.
    public var outcome: CapacityOutcome
    /// When the outcome was first reached; nil for `ok`.
    public var outcomeSeconds: Double?
    /// Seconds simulated: the horizon, or the moment the simulation stopped.
    public var endSeconds: Double

    public init(
        bytesPerDay: Double, peakAuditBytes: Int64, finalAuditBytes: Int64, historyDays: Double,
        rotations: Int, expiredFiles: Int, filesOnDisk: Int, firstLowSpaceSeconds: Double?,
        firstNoSpaceSeconds: Double?, droppedBytes: Int64, outcome: CapacityOutcome,
        outcomeSeconds: Double?, endSeconds: Double
    ) {
        self.bytesPerDay = bytesPerDay
        self.peakAuditBytes = peakAuditBytes
        self.finalAuditBytes = finalAuditBytes
        self.historyDays = historyDays
        self.rotations = rotations
        self.expiredFiles = expiredFiles
        self.filesOnDisk = filesOnDisk
        self.firstLowSpaceSeconds = firstLowSpaceSeconds
        self.firstNoSpaceSeconds = firstNoSpaceSeconds
        self.droppedBytes = droppedBytes
        self.outcome = outcome
        self.outcomeSeconds = outcomeSeconds
        self.endSeconds = endSeconds
    }

    enum CodingKeys: String, CodingKey {
        case bytesPerDay, peakAuditBytes, finalAuditBytes, historyDays, rotations, expiredFiles
        case filesOnDisk, firstLowSpaceSeconds, firstNoSpaceSeconds, droppedBytes, outcome
        case outcomeSeconds, endSeconds
    }

    /// Encodes absent times as JSON `null`, as the field table in Docs/reference/capacity-model.md#outputs has them.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(bytesPerDay, forKey: .bytesPerDay)
        try container.encode(peakAuditBytes, forKey: .peakAuditBytes)
        try container.encode(finalAuditBytes, forKey: .finalAuditBytes)
        try container.encode(historyDays, forKey: .historyDays)
        try container.encode(rotations, forKey: .rotations)
        try container.encode(expiredFiles, forKey: .expiredFiles)
        try container.encode(filesOnDisk, forKey: .filesOnDisk)
        try container.encode(firstLowSpaceSeconds, forKey: .firstLowSpaceSeconds)
        try container.encode(firstNoSpaceSeconds, forKey: .firstNoSpaceSeconds)
        try container.encode(droppedBytes, forKey: .droppedBytes)
        try container.encode(outcome, forKey: .outcome)
        try container.encode(outcomeSeconds, forKey: .outcomeSeconds)
        try container.encode(endSeconds, forKey: .endSeconds)
    }
}

/// One point of the chart series: the state at `t` seconds from start.
public struct CapacitySeriesPoint: Sendable, Hashable, Codable {
    /// Seconds from start.
    public var t: Double
    /// Total size of the trail files.
    public var auditBytes: Int64
    /// Free bytes on the disk (never below 0).
    public var freeBytes: Int64

    public init(t: Double, auditBytes: Int64, freeBytes: Int64) {
        self.t = t
        self.auditBytes = auditBytes
        self.freeBytes = freeBytes
    }
}

/// A simulation's figures and its chart series.
public struct CapacityRun: Sendable, Hashable {
    /// The figures.
    public var simulation: CapacitySimulation
    /// The state at evenly spaced times (and at the end when the run stopped early).
    public var series: [CapacitySeriesPoint]
}
