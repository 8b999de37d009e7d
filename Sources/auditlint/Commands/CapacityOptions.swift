import ArgumentParser
import AuditLintKit

/// The options that tell `lint`'s capacity rules (AC4xx) about the machine: the write
/// volume, the disk, the period and the requirements. Anything not given is the stated
/// default of ``CapacityAssumptions/standard``, and each finding says what it assumed.
struct CapacityOptions: ParsableArguments {
    @OptionGroup(title: "Capacity rules (AC4xx): the write volume") var rateOptions: RateOptions
    @OptionGroup(title: "Capacity rules (AC4xx): a sample, replayed through each file's flags, naflags and policy")
    var sample: SampleOptions
    @OptionGroup(title: "Capacity rules (AC4xx): the disk (default 256G, half of it free)") var disk: DiskOptions
    @OptionGroup(title: "Capacity rules (AC4xx): the period (default 90d, retention none, budget 10%)") var period:
        PeriodOptions

    /// The assumptions these options give; nil when none is given (the rules then use the standard ones).
    func assumptions() throws -> CapacityAssumptions? {
        let given: [Any?] = [
            rateOptions.rate, rateOptions.recordSize, rateOptions.workload, disk.diskSize, disk.diskFree,
            disk.otherGrowth,
            disk.blockSize, period.horizon, period.retention, period.budget, period.startOption.start,
        ]
        guard given.contains(where: { $0 != nil }) || !sample.isEmpty || sample.sampleFlags != nil else { return nil }
        var result = CapacityAssumptions.standard
        var origins: [CapacityAssumptions.Field: String] = [:]
        var request = VolumeRequest(
            rate: rateOptions.rate, recordSize: rateOptions.recordSize, workload: rateOptions.workload,
            trails: sample.trails, volumeProfiles: sample.volumeProfiles)
        try request.validate()
        request.sampleProfile = try sample.read(command: "lint")
        if let volume = try request.assumption() {
            result.volume = volume
            switch volume {
            case .measured(_, let source), .sample(_, let source): origins[.volume] = source
            case .workload(let workload): origins[.volume] = "--workload \(workload.name)"
            }
        }
        if let diskSize = disk.diskSize {
            result.diskSize = diskSize.bytes
            result.freeAtStart = diskSize.bytes / 2
            origins[.diskSize] = "--disk-size \(diskSize)"
        }
        if let diskFree = disk.diskFree {
            result.freeAtStart = diskFree.bytes
            origins[.diskFree] = "--disk-free \(diskFree)"
        }
        if let otherGrowth = disk.otherGrowth {
            result.otherGrowthPerDay = otherGrowth.bytesPerDay
            origins[.otherGrowth] = "--other-growth \(otherGrowth)"
        }
        if let blockSize = disk.blockSize {
            result.blockSize = blockSize.bytes
            origins[.blockSize] = "--block-size \(blockSize)"
        }
        if let horizon = period.horizon {
            result.horizonSeconds = horizon.seconds
            origins[.horizon] = "--horizon \(horizon)"
        }
        if let retention = period.retention {
            result.retentionSeconds = retention.seconds
            origins[.retention] = "--retention \(retention)"
        }
        if let budget = period.budget {
            result.budget = budget.budget
            origins[.budget] = "--budget \(budget)"
        }
        if let start = period.startOption.start {
            result.startEpoch = start.epoch
            origins[.start] = "--start \(start)"
        }
        result.origins = origins
        try result.validate()
        return result
    }
}
