import Foundation

/// What the capacity rules (AC4xx) assume about the machine a configuration runs on: the
/// write volume, the disk, the simulated period and the requirements. A configuration file
/// holds none of these, so each value is either given (with the option or setting it came
/// from) or the stated default of ``standard``, and every finding says which.
public struct CapacityAssumptions: Sendable, Hashable {
    /// Where the write volume comes from.
    public enum Volume: Sendable, Hashable {
        /// A measured or stated volume; `source` says where from (`--rate 1G/day`).
        case measured(WriteVolume, source: String)
        /// A built-in workload, evaluated with each configuration's effective `flags` mask.
        case workload(Workload)
        /// A sample (trails or saved profiles), replayed through each configuration's
        /// effective flags, naflags and policy; `source` says where from.
        case sample(VolumeProfile, source: String)
    }

    /// The assumptions a user can give.
    public enum Field: String, Sendable, Hashable, CaseIterable {
        case volume, diskSize, diskFree, otherGrowth, blockSize, horizon, retention, budget, start
    }

    /// The write volume.
    public var volume: Volume
    /// The size of the filesystem holding the trails, in bytes.
    public var diskSize: Int64
    /// Free bytes on it at the start.
    public var freeAtStart: Int64
    /// Non-audit bytes added per day (may be negative).
    public var otherGrowthPerDay: Int64
    /// The filesystem block size in bytes.
    public var blockSize: Int64
    /// The simulated time in seconds.
    public var horizonSeconds: Double
    /// History the trails must keep, in seconds; nil when none is required (AC401 then
    /// checks the age the file's own `expire-after` names).
    public var retentionSeconds: Double?
    /// The disk space the trails may use.
    public var budget: CapacityBudget
    /// UTC time of the start, seconds since the epoch.
    public var startEpoch: Int64
    /// Where each given value came from (`--disk-size 500G`); a field not here is the default.
    public var origins: [Field: String]

    public init(
        volume: Volume, diskSize: Int64, freeAtStart: Int64, otherGrowthPerDay: Int64 = 0, blockSize: Int64 = 4096,
        horizonSeconds: Double = 90 * 86_400, retentionSeconds: Double? = nil,
        budget: CapacityBudget = Self.defaultBudget, startEpoch: Int64 = Self.defaultStartEpoch,
        origins: [Field: String] = [:]
    ) {
        self.volume = volume
        self.diskSize = diskSize
        self.freeAtStart = freeAtStart
        self.otherGrowthPerDay = otherGrowthPerDay
        self.blockSize = blockSize
        self.horizonSeconds = horizonSeconds
        self.retentionSeconds = retentionSeconds
        self.budget = budget
        self.startEpoch = startEpoch
        self.origins = origins
    }

    /// The budget when none is given: 10 % of the disk.
    public static let defaultBudget = CapacityBudget.percentOfDisk(10)
    /// The start when none is given: 2026-01-01 00:00:00 UTC, so that findings are reproducible.
    public static let defaultStartEpoch: Int64 = 1_767_225_600

    /// The stated default used when the user gives nothing: the `developer` workload on a
    /// 256 GiB disk with 50 % free, no other growth, 4 KiB blocks, a 90-day horizon, no
    /// retention requirement, a budget of 10 % of the disk.
    public static let standard = CapacityAssumptions(
        volume: .workload(.developer), diskSize: 256 << 30, freeAtStart: 128 << 30)

    /// The one-line description of the defaults, for help texts.
    public static let standardDescription =
        "the developer workload under the file's flags, a 256 GiB disk with 50% free, 90 days, a budget of 10% of the disk"

    /// Whether the user gave `field` (otherwise it is the default).
    public func isGiven(_ field: Field) -> Bool { origins[field] != nil }

    /// Checks the values make sense, as `report` checks its inputs.
    ///
    /// - Throws: ``AuditLintError/invalidInput(_:)`` naming the option whose value is wrong.
    public func validate() throws {
        var measured = WriteVolume(bytesPerSecond: 0)
        if case .measured(let volume, _) = volume { measured = volume }
        try CapacityInputs(
            configuration: .stock, diskSize: diskSize, freeAtStart: freeAtStart, blockSize: blockSize,
            otherGrowthPerDay: otherGrowthPerDay, horizonSeconds: horizonSeconds, startEpoch: startEpoch,
            volume: measured
        ).validate()
        if let retentionSeconds, !(retentionSeconds > 0) {
            throw AuditLintError.invalidInput("the retention must be more than 0 seconds (--retention)")
        }
    }

    /// `(--disk-size 500G)` when given, `(assumed; give --disk-size)` otherwise.
    func origin(_ fields: [Field], options: String) -> String {
        let given = fields.compactMap { origins[$0] }
        if given.count == fields.count { return "(\(given.joined(separator: ", ")))" }
        return "(assumed; give \(options))"
    }

    /// The capacity model's inputs for `control` under these assumptions (run them with
    /// ``CapacityEvaluation/simulate()``).
    ///
    /// A `minfree` auditd cannot start with counts as 0 here: check
    /// ``AuditControl/auditdCanStart`` (or `minfree`) before trusting a simulation.
    ///
    /// - Returns: nil when the model rejects the inputs (they were validated when given).
    public func evaluate(_ control: AuditControl, classes: AuditClassTable, events: AuditEventTable? = nil)
        -> CapacityEvaluation?
    {
        let configuration = CapacityConfiguration(control: control, minfree: control.minfree.effectivePercent ?? 0)
        let writeVolume: WriteVolume
        let volumeSource: String
        switch volume {
        case .measured(let measured, let source):
            writeVolume = measured
            volumeSource = source
        case .sample(let profile, let source):
            let candidate = EstimateCandidate(
                label: control.path, control: control, classes: classes, dialect: control.dialect)
            let estimator = Estimator(events: events ?? .builtIn(control.dialect), classes: classes)
            let estimate = estimator.evaluate(candidate, on: profile)
            guard let (measured, _) = estimate.writeVolume(spanSeconds: profile.spanSeconds) else {
                return nil
            }
            writeVolume = measured
            volumeSource =
                "\(source) replayed through this file's flags, naflags and policy"
                + (estimate.unsampled.isEmpty
                    ? "" : "; at least: the sample cannot tell about \(estimate.unsampled.summary)")
        case .workload(let workload):
            let flags = Self.flagsText(control.flags.effectiveMask ?? .none, workload: workload, classes: classes)
            let selected = WorkloadVolumes.shared.volume(of: workload, flags: flags)
            writeVolume = WriteVolume(
                bytesPerDay: selected.bytesPerDay, recordSize: selected.meanRecordSize,
                hourlyWeights: workload.hourlyWeights)
            let given = origins[.volume].map { ", \($0)" } ?? "; assumed, give --rate or --workload"
            volumeSource = "\(workload.name) workload under flags \(flags.isEmpty ? "(none)" : flags)\(given)"
        }
        let inputs = CapacityInputs(
            configuration: configuration, diskSize: diskSize, freeAtStart: freeAtStart, blockSize: blockSize,
            otherGrowthPerDay: otherGrowthPerDay, horizonSeconds: horizonSeconds, startEpoch: startEpoch,
            volume: writeVolume)
        guard (try? inputs.validate()) != nil else { return nil }
        return CapacityEvaluation(assumptions: self, inputs: inputs, volumeSource: volumeSource)
    }

    /// The workload classes `mask` selects, written as flags (`lo,aa,-fr,+ex`), with each
    /// class's bits taken from `classes` (so a customised audit_class counts).
    static func flagsText(_ mask: AuditMask, workload: Workload, classes: AuditClassTable) -> String {
        workload.classes.compactMap { item -> String? in
            guard let bits = classes.lookup(item.name)?.mask, bits != 0 else { return nil }
            switch (mask.success & bits != 0, mask.failure & bits != 0) {
            case (true, true): return item.name
            case (true, false): return "+" + item.name
            case (false, true): return "-" + item.name
            case (false, false): return nil
            }
        }.joined(separator: ",")
    }

    static func clamped(_ value: UInt64) -> Int64 { value > UInt64(Int64.max) ? Int64.max : Int64(value) }
}

/// One configuration's capacity-model inputs under some ``CapacityAssumptions``, with the
/// phrases findings use to state the numbers' assumptions.
public struct CapacityEvaluation: Sendable, Hashable {
    /// The assumptions.
    public var assumptions: CapacityAssumptions
    /// The model's inputs.
    public var inputs: CapacityInputs
    /// Where the volume came from (`--rate 1G/day`, `developer workload under flags lo,aa; assumed, …`).
    public var volumeSource: String

    /// Runs the capacity model on ``inputs`` (nil if it rejects them, which validated inputs
    /// never are). Each call runs the model; lint rules share one run through
    /// ``LintContext/capacitySimulation()``.
    public func simulate() -> CapacitySimulation? {
        try? simulation()
    }

    /// ``simulate()``, with the model's error when it refuses the inputs.
    public func simulation() throws -> CapacitySimulation {
        try CapacityModel.run(inputs, seriesPoints: 2).simulation
    }

    /// Mean audit bytes written per day.
    public var bytesPerDay: Double { inputs.volume.bytesPerDay }

    /// `11.7 MiB/day (developer workload under flags lo,aa; assumed, give --rate or --workload)`.
    public var volumeText: String { "\(Self.rate(bytesPerDay)) (\(volumeSource))" }

    /// `a 256 GiB disk with 128 GiB free (assumed; give --disk-size and --disk-free)`.
    /// Other data's growth follows when it is not 0: `…, other data growing 1 GiB/day (--other-growth 1G/day)`.
    public var diskText: String {
        var text =
            "a \(Quantity.formatSize(inputs.diskSize)) disk with \(Quantity.formatSize(inputs.freeAtStart)) free "
            + assumptions.origin([.diskSize, .diskFree], options: "--disk-size and --disk-free")
        if inputs.otherGrowthPerDay != 0 {
            text +=
                ", other data growing \(Quantity.formatSize(inputs.otherGrowthPerDay))/day "
                + assumptions.origin([.otherGrowth], options: "--other-growth")
        }
        return text
    }

    /// `90 days (assumed; give --horizon)`.
    public var horizonText: String {
        "\(Quantity.formatDuration(inputs.horizonSeconds)) " + assumptions.origin([.horizon], options: "--horizon")
    }

    /// `10% of the disk, 26 GiB (assumed; give --budget)`.
    public var budgetText: String {
        let bytes = assumptions.budget.bytes(diskSize: inputs.diskSize)
        let amount: String
        if case .percentOfDisk = assumptions.budget {
            amount = "\(assumptions.budget.description) of the disk, \(Quantity.formatSize(bytes))"
        } else {
            amount = Quantity.formatSize(bytes)
        }
        return "\(amount) " + assumptions.origin([.budget], options: "--budget")
    }

    /// The time `bytes` of trails take to write at the assumed volume, in seconds (infinite at 0 bytes/day).
    public func secondsToWrite(_ bytes: Double) -> Double {
        bytesPerDay > 0 ? bytes / bytesPerDay * 86_400 : .infinity
    }

    /// `11.7 MiB/day`.
    public static func rate(_ bytesPerDay: Double) -> String {
        "\(Quantity.formatSize(rounding: bytesPerDay))/day"
    }
}

/// ``Workload/volume(flags:)`` results kept for the process: a fleet's configurations
/// repeat a few flag sets, and the result depends on nothing but the workload and the
/// flags. Kept by workload name and flags, the workload compared whole on a hit (a
/// workload is a value; two of one name may differ); at most ``limit`` are kept (all are
/// dropped when it is reached).
final class WorkloadVolumes: @unchecked Sendable {
    static let shared = WorkloadVolumes()
    static let limit = 1_024
    private struct Key: Hashable {
        var workload: String
        var flags: String
    }
    private let lock = NSLock()
    private var volumes: [Key: (workload: Workload, volume: WorkloadVolume)] = [:]

    /// `workload.volume(flags: flags)`.
    func volume(of workload: Workload, flags: String) -> WorkloadVolume {
        let key = Key(workload: workload.name, flags: flags)
        lock.lock()
        let known = volumes[key]
        lock.unlock()
        if let known, known.workload == workload { return known.volume }
        let volume = workload.volume(flags: flags)
        lock.lock()
        defer { lock.unlock() }
        if volumes.count >= Self.limit { volumes.removeAll(keepingCapacity: true) }
        volumes[key] = (workload, volume)
        return volume
    }
}
