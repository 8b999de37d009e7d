import ArgumentParser
import AuditLintKit

/// The options that tell `lint`'s capacity rules (AC4xx) about the machine: the write
/// volume, the disk, the period and the requirements. Anything not given is the stated
/// default of ``CapacityAssumptions/standard``, and each finding says what it assumed.
struct CapacityOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Capacity rules: audit bytes written, as a size per day or h, e.g. 2G/day (default: the developer workload under each file's flags).", valueName: "rate"))
    var rate: String?
    @Option(name: .customLong("record-size"), help: ArgumentHelp("Capacity rules: mean record size with --rate (default 200).", valueName: "size"))
    var recordSize: String?
    @Option(help: ArgumentHelp("Capacity rules: a built-in workload evaluated with each file's flags: \(Workload.all.map(\.name).joined(separator: ", ")).", valueName: "name"))
    var workload: String?
    @Option(name: .customLong("trail"), help: ArgumentHelp("Capacity rules: a sample trail (file or directory; repeatable), replayed through each file's flags, naflags and policy.", valueName: "trail"))
    var trails: [String] = []
    @Option(name: .customLong("volume-profile"), help: ArgumentHelp("Capacity rules: a saved volume profile (`auditlint estimate --save-profile`; repeatable), replayed like --trail.", valueName: "file"))
    var volumeProfiles: [String] = []
    @Option(name: .customLong("sample-flags"), help: ArgumentHelp("Capacity rules: the flags the sample was recorded with, FLAGS or FLAGS/NAFLAGS, e.g. lo,aa,ex or all (default: the audit_control beside the trails).", valueName: "flags"))
    var sampleFlags: String?
    @Option(name: .customLong("disk-size"), help: ArgumentHelp("Capacity rules: size of the filesystem holding the trails (default 256G).", valueName: "size"))
    var diskSize: String?
    @Option(name: .customLong("disk-free"), help: ArgumentHelp("Capacity rules: free space on it at the start (default: half the disk).", valueName: "size"))
    var diskFree: String?
    @Option(name: .customLong("other-growth"), help: ArgumentHelp("Capacity rules: non-audit growth per day, e.g. 1G/day (default 0).", valueName: "rate"))
    var otherGrowth: String?
    @Option(name: .customLong("block-size"), help: ArgumentHelp("Capacity rules: filesystem block size (default 4096).", valueName: "size"))
    var blockSize: String?
    @Option(help: ArgumentHelp("Capacity rules: simulated time (default 90d).", valueName: "duration"))
    var horizon: String?
    @Option(help: ArgumentHelp("Capacity rules: history the trails must keep, e.g. 30d.", valueName: "duration"))
    var retention: String?
    @Option(help: ArgumentHelp("Capacity rules: disk space the trails may use, a percentage of the disk or a size (default 10%).", valueName: "budget"))
    var budget: String?
    @Option(help: ArgumentHelp("Capacity rules: UTC start in seconds since the epoch (default 2026-01-01, for reproducible findings).", valueName: "epoch"))
    var start: Int64?

    /// The assumptions these options give; nil when none is given (the rules then use the standard ones).
    func assumptions() throws -> CapacityAssumptions? {
        let given: [String?] = [rate, recordSize, workload, diskSize, diskFree, otherGrowth, blockSize, horizon, retention, budget]
        let sampled = !trails.isEmpty || !volumeProfiles.isEmpty
        if sampleFlags != nil, !sampled {
            throw AuditLintError.invalidInput("--sample-flags says what a sample was recorded with; give the sample with --trail or --volume-profile")
        }
        guard given.contains(where: { $0 != nil }) || start != nil || sampled else { return nil }
        var result = CapacityAssumptions.standard
        var origins: [CapacityAssumptions.Field: String] = [:]
        if sampled {
            guard rate == nil, workload == nil, recordSize == nil else {
                throw AuditLintError.invalidInput("give the volume one way: --trail/--volume-profile, --rate or --workload")
            }
            var builder = VolumeProfileBuilder()
            for path in volumeProfiles { builder.add(try VolumeProfile.read(path: path)) }
            if !trails.isEmpty {
                builder.add(try VolumeProfile.reading(trails: trails) { writeStandardError("auditlint: \($0)") })
            }
            // Class names are read with the built-in table (the standard classes have the same bits in both dialects).
            let profile = try builder.profile().recorded(
                sampleFlags: sampleFlags, option: "--sample-flags", besideTrails: trails.filter { $0 != "-" }, dialect: .openbsm,
                classes: .builtIn(.openbsm))
            guard profile.spanSeconds > 0 else {
                throw AuditLintError.invalidInput("the sample spans no time (\(profile.records) records); give a longer trail, or --rate")
            }
            let source = (trails.map { "--trail \($0)" } + volumeProfiles.map { "--volume-profile \($0)" }).joined(separator: " ")
            result.volume = .sample(profile, source: source)
            origins[.volume] = source
        }
        switch (rate, workload) {
        case (let rate?, nil):
            let size = try recordSize.map { try Quantity.parseSize($0, option: "--record-size") } ?? 200
            let volume = WriteVolume(bytesPerSecond: try Quantity.parseRate(rate, option: "--rate"), recordSize: size)
            let source = "--rate \(rate)" + (recordSize == nil ? "" : ", --record-size \(recordSize!)")
            result.volume = .measured(volume, source: source)
            origins[.volume] = source
        case (nil, let name?):
            guard let workload = Workload.named(name) else {
                throw AuditLintError.invalidInput("--workload: unknown workload '\(name)'; use \(Workload.all.map(\.name).joined(separator: ", "))")
            }
            if recordSize != nil { throw AuditLintError.invalidInput("--record-size goes with --rate; a --workload has its own record sizes") }
            result.volume = .workload(workload)
            origins[.volume] = "--workload \(name)"
        case (nil, nil):
            if recordSize != nil { throw AuditLintError.invalidInput("--record-size goes with --rate; give --rate too (e.g. --rate 2G/day)") }
        case (_?, _?):
            throw AuditLintError.invalidInput("give either --rate or --workload, not both")
        }
        if let diskSize {
            result.diskSize = try Quantity.parseSize(diskSize, option: "--disk-size")
            result.freeAtStart = result.diskSize / 2
            origins[.diskSize] = "--disk-size \(diskSize)"
        }
        if let diskFree {
            result.freeAtStart = try Quantity.parseSize(diskFree, option: "--disk-free")
            origins[.diskFree] = "--disk-free \(diskFree)"
        }
        if let otherGrowth {
            result.otherGrowthPerDay = try Quantity.parseGrowth(otherGrowth, option: "--other-growth")
            origins[.otherGrowth] = "--other-growth \(otherGrowth)"
        }
        if let blockSize {
            result.blockSize = try Quantity.parseSize(blockSize, option: "--block-size")
            origins[.blockSize] = "--block-size \(blockSize)"
        }
        if let horizon {
            result.horizonSeconds = try Quantity.parseDuration(horizon, option: "--horizon")
            origins[.horizon] = "--horizon \(horizon)"
        }
        if let retention {
            result.retentionSeconds = try Quantity.parseDuration(retention, option: "--retention")
            origins[.retention] = "--retention \(retention)"
        }
        if let budget {
            result.budget = try Quantity.parseBudget(budget, option: "--budget")
            origins[.budget] = "--budget \(budget)"
        }
        if let start {
            result.startEpoch = start
            origins[.start] = "--start \(start)"
        }
        result.origins = origins
        try result.validate()
        return result
    }
}
