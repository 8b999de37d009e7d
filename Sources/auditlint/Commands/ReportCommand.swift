import ArgumentParser
import AuditLintKit
import Foundation

/// `auditlint report`: simulates months of trail growth, rotation, expiry and low space,
/// and answers "will this fill the disk?" with a verdict (exit 1 when it fails).
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Simulate audit trail growth, rotation and expiry: will it fill the disk?",
        discussion: """
            Give the write volume with --rate (e.g. --rate 2G/day), --workload NAME, or sample \
            trails (--trail) or saved profiles (--profile) replayed through the flags, naflags and \
            policy of CONFIG or the options (default: the stock lo,aa, lo,aa, cnt,argv; --trail and \
            --profile take every file after them, so put CONFIG first), and the \
            disk with --disk-size and --disk-free. Sizes take bytes or the binary suffixes K, M, \
            G, T; rates are a size per day or h; durations take s, m, h, d. The audit settings \
            come from CONFIG (an audit_control, read as auditd reads it: invalid values count as \
            what auditd then does), then from the options; without either, the stock \
            audit_control values (filesz:2M, expire-after:10M, minfree:5, policy:cnt,argv). \
            The audit_user beside CONFIG (or --users) applies its per-user masks to the sampled \
            records of the audit user ids --user-map names. Progress reading --trail is shown on \
            standard error when it is a terminal. Exit code 1 when the verdict is fail. \
            Run with --list-workloads to see each built-in workload's figures and sources.
            """
    )

    @Argument(help: "An audit_control whose effective settings to simulate (default: the stock settings).")
    var config: String?

    @Option(help: "How CONFIG is read: macos or openbsm.")
    var dialect: Dialect = .macos

    @Option(help: "Audit bytes written, as a size per day or h, e.g. 2G/day.")
    var rate: String?
    @Option(name: .customLong("record-size"), help: "Mean record size with --rate (default 200).")
    var recordSize: String?
    @Option(help: "24 comma-separated weights for the UTC hours 00-23 (a daily cycle).")
    var hourly: String?
    @Option(help: "A built-in workload: \(Workload.all.map(\.name).joined(separator: ", ")).")
    var workload: String?
    @Option(help: "Audit flags selecting classes from --workload (default \(Workload.stockFlags)).")
    var flags: String?
    @Option(parsing: .upToNextOption, help: ArgumentHelp("Sample trails (files, directories, -): the volume is their estimate under the flags, naflags and policy of CONFIG or the options.", valueName: "trail"))
    var trail: [String] = []
    @Option(name: .customLong("profile"), parsing: .upToNextOption, help: ArgumentHelp("Saved volume profiles (auditlint estimate --save-profile), added together.", valueName: "file"))
    var profiles: [String] = []
    @Option(help: "Non-attributable flags for --trail/--profile (default: CONFIG's, else lo,aa).")
    var naflags: String?
    @Option(help: ArgumentHelp("The audit_event table for --trail/--profile (default: the one beside CONFIG, else the built-in for --dialect).", valueName: "file"))
    var events: String?
    @Option(help: ArgumentHelp("The audit_user for --trail/--profile, applied with --user-map (default: the one beside CONFIG).", valueName: "file"))
    var users: String?
    @Option(help: ArgumentHelp("Audit user id to login name for audit_user: a passwd file (name:x:uid:…) or lines of name:uid or uid name.", valueName: "file"))
    var userMap: String?
    @Flag(name: .customLong("list-workloads"), help: "Print the built-in workloads' figures and sources.")
    var listWorkloads = false

    @Option(name: .customLong("disk-size"), help: "Size of the filesystem holding the trails.")
    var diskSize: String?
    @Option(name: .customLong("disk-free"), help: "Free space on it at the start.")
    var diskFree: String?
    @Option(name: .customLong("other-growth"), help: "Non-audit growth per day, e.g. 1G/day, or --other-growth=-1G/day for shrinking data (default 0).")
    var otherGrowth: String?
    @Option(name: .customLong("block-size"), help: "Filesystem block size (default 4096).")
    var blockSize: String?

    @Option(help: "Simulated time (default 90d).")
    var horizon = "90d"
    @Option(help: "History the trails must keep, e.g. 60d.")
    var retention: String?
    @Option(help: "Disk space the trails may use: a percentage of the disk (5%) or a size (20G).")
    var budget: String?
    @Option(help: "UTC time of the start in seconds since the epoch (default now).")
    var start: Int64?

    @Option(help: "Rotation size (audit_control filesz; 0 = never).")
    var filesz: String?
    @Option(help: "Soft limit percentage (audit_control minfree).")
    var minfree: Int?
    @Option(name: .customLong("expire-after-age"), help: "expire-after age term, e.g. 60d.")
    var expireAfterAge: String?
    @Option(name: .customLong("expire-after-size"), help: "expire-after size term, e.g. 5G.")
    var expireAfterSize: String?
    @Option(name: .customLong("expire-combinator"), help: "How the two terms combine: or (default) or and.")
    var expireCombinator: String?
    @Option(help: "Comma-separated audit policy: cnt and ahlt for the model; argv and arge for the volume of --trail/--profile.")
    var policy: String?
    @Option(help: "Kernel queue high-water mark (audit_control qsize, default 100).")
    var qsize: Int?

    @Option(help: "Output format: text, json, markdown or html.")
    var format: String = "text"
    @Option(help: "Write the report to FILE (atomically) instead of standard output.")
    var output: String?

    func run() throws {
        if listWorkloads {
            try writeStandardOutput(Workload.sources, terminator: "")
            return
        }
        guard let format = CapacityReportFormat(rawValue: format) else {
            throw AuditLintError.invalidInput("--format: unknown format '\(format)'; use text, json, markdown or html")
        }
        var notes: [String] = []
        let control = try loadedConfig()
        let configuration = try auditSettings(control: control, notes: &notes)
        let (volume, volumeSource) = try writeVolume(control: control, notes: &notes)
        let inputs = try modelInputs(configuration: configuration, volume: volume, notes: &notes)
        let requirements = CapacityRequirements(
            retentionSeconds: try retention.map { try Quantity.parseDuration($0, option: "--retention") },
            budget: try budget.map { try Quantity.parseBudget($0, option: "--budget") })
        let report = CapacityReport(
            inputs: inputs, requirements: requirements, run: try CapacityModel.run(inputs), notes: notes,
            volumeSource: volumeSource)
        let text = try report.rendered(as: format)
        if let output {
            try AtomicWrite.write(text, to: output)
        } else {
            try writeStandardOutput(text, terminator: "")
        }
        if report.verdict == .fail { throw ExitCode(ExitStatus.findings.rawValue) }
    }

    /// The audit settings: the options given, the stock audit_control values for the rest.
    func auditSettings(control: AuditControl?, notes: inout [String]) throws -> CapacityConfiguration {
        var config = CapacityConfiguration.stock
        let anyGiven = filesz != nil || minfree != nil || expireAfterAge != nil || expireAfterSize != nil
            || expireCombinator != nil || policy != nil || qsize != nil
        if let control {
            guard let effective = CapacityConfiguration(control: control) else {
                throw AuditLintError.invalidInput(
                    "\(control.path): minfree is missing or invalid, so auditd would not start and writes no trail; fix it first (`auditlint lint \(control.path)` shows how)")
            }
            config = effective
            notes.append("audit settings: the effective values of \(control.path) (\(dialect.rawValue) dialect)" + (anyGiven ? ", overridden by the options given" : ""))
        } else if anyGiven {
            notes.append("audit settings not given use the stock audit_control values (filesz:2M, expire-after:10M, minfree:5, policy:cnt,argv, qsize 100)")
        } else {
            notes.append("audit settings: the stock audit_control values (filesz:2M, expire-after:10M, minfree:5, policy:cnt,argv, qsize 100)")
        }
        if let filesz { config.filesz = try Quantity.parseSize(filesz, option: "--filesz") }
        if let minfree { config.minfree = minfree }
        if expireAfterAge != nil || expireAfterSize != nil {
            config.expireAfter = ExpireAfter(
                ageSeconds: try expireAfterAge.map { try Quantity.parseDuration($0, option: "--expire-after-age") },
                sizeBytes: try expireAfterSize.map { try Quantity.parseSize($0, option: "--expire-after-size") })
        }
        if let expireCombinator {
            guard let combinator = ExpireAfter.Combinator(rawValue: expireCombinator.lowercased()) else {
                throw AuditLintError.invalidInput("--expire-combinator: unknown '\(expireCombinator)'; use or or and")
            }
            config.expireAfter.combinator = combinator
        }
        if let policy {
            // Read as libbsm reads a `policy:` line, so the option means what the file would.
            let setting = AuditControl.parse(SourceText(path: "--policy", text: "policy:\(policy)\n"), dialect: dialect, classes: .builtIn(dialect)).policy
            if let explanation = setting.explanation {
                throw AuditLintError.invalidInput("--policy \(policy): \(explanation); write names such as cnt,argv")
            }
            config.cnt = setting.effective.contains(.cnt)
            config.ahlt = setting.effective.contains(.ahlt)
        }
        if let qsize { config.qsize = qsize }
        return config
    }

    /// CONFIG parsed as auditd reads it, or nil when none was given.
    func loadedConfig() throws -> AuditControl? {
        guard let config else { return nil }
        let found = try ConfigurationLoader().discover([config])
        guard found.count == 1 else {
            throw AuditLintError.invalidInput("\(config): holds \(found.count) audit_control files; name one of them")
        }
        return try ConfigurationLoader(dialect: dialect).load(controlPath: found[0]).control
    }

    /// The write volume from --rate, --workload, or --trail/--profile, and how to describe its source.
    func writeVolume(control: AuditControl?, notes: inout [String]) throws -> (WriteVolume, String) {
        let weights = try hourly.map { try Quantity.parseHourlyWeights($0, option: "--hourly") }
        let size = try recordSize.map { try Quantity.parseSize($0, option: "--record-size") }
        let sampled = !trail.isEmpty || !profiles.isEmpty
        guard [rate != nil, workload != nil, sampled].filter({ $0 }).count <= 1 else {
            throw AuditLintError.invalidInput("give either --rate or --workload or --trail/--profile, not several")
        }
        if !sampled, naflags != nil || events != nil || users != nil || userMap != nil {
            throw AuditLintError.invalidInput("--naflags, --events, --users and --user-map apply to the volume of --trail or --profile")
        }
        if sampled {
            if weights != nil || size != nil {
                throw AuditLintError.invalidInput("--hourly and --record-size apply to --rate; --trail/--profile measure them")
            }
            return try sampledVolume(
                trails: trail, profiles: profiles, control: control, flags: flags, naflags: naflags,
                policy: policy, eventsPath: events, usersPath: users, userMapPath: userMap, dialect: dialect, notes: &notes)
        }
        switch (rate, workload) {
        case (let rate?, nil):
            if flags != nil {
                throw AuditLintError.invalidInput("--flags selects classes from a --workload or a --trail; with --rate the rate is already the audit volume")
            }
            let perSecond = try Quantity.parseRate(rate, option: "--rate")
            if size == nil { notes.append("mean record size: 200 bytes (the default with --rate)") }
            return (WriteVolume(bytesPerSecond: perSecond, recordSize: size ?? 200, hourlyWeights: weights), "--rate \(rate)")
        case (nil, let name?):
            guard let workload = Workload.named(name) else {
                throw AuditLintError.invalidInput(
                    "--workload: unknown workload '\(name)'; use \(Workload.all.map(\.name).joined(separator: ", "))")
            }
            // The flags CONFIG audits with, as written, when libbsm accepts them.
            let configFlags = control.flatMap { $0.flags.isValid ? $0.flags.written : nil }
            let flagList = flags ?? configFlags ?? Workload.stockFlags
            let selected = workload.volume(flags: flagList)
            notes.append("volume: the built-in \(workload.name) workload (\(workload.summary)) under flags \(flagList): \(Quantity.formatSize(Int64(selected.bytesPerDay.rounded())))/day; see --list-workloads for its sources")
            if flags == nil, configFlags == nil {
                notes.append("flags: \(Workload.stockFlags) (the stock audit_control; give --flags to change)")
            }
            if !selected.unmodelledClasses.isEmpty {
                notes.append("the workload has no figures for class \(selected.unmodelledClasses.joined(separator: ", ")); it adds nothing")
            }
            let volume = WriteVolume(
                bytesPerDay: selected.bytesPerDay, recordSize: size ?? selected.meanRecordSize,
                hourlyWeights: weights ?? workload.hourlyWeights)
            return (volume, "workload \(workload.name), flags \(flagList)")
        default:
            throw AuditLintError.invalidInput(
                "give the write volume with --rate (e.g. --rate 2G/day), --workload (\(Workload.all.map(\.name).joined(separator: ", "))), or --trail/--profile")
        }
    }

    /// The model inputs from the resolved settings and volume, and the disk options.
    func modelInputs(configuration: CapacityConfiguration, volume: WriteVolume, notes: inout [String]) throws -> CapacityInputs {
        guard let diskSize, let diskFree else {
            throw AuditLintError.invalidInput("give the disk with --disk-size and --disk-free (e.g. --disk-size 256G --disk-free 100G)")
        }
        if start == nil { notes.append("start: the current time (give --start for a reproducible run)") }
        let inputs = CapacityInputs(
            configuration: configuration,
            diskSize: try Quantity.parseSize(diskSize, option: "--disk-size"),
            freeAtStart: try Quantity.parseSize(diskFree, option: "--disk-free"),
            blockSize: try blockSize.map { try Quantity.parseSize($0, option: "--block-size") } ?? 4096,
            otherGrowthPerDay: try otherGrowth.map { try Quantity.parseGrowth($0, option: "--other-growth") } ?? 0,
            horizonSeconds: try Quantity.parseDuration(horizon, option: "--horizon"),
            startEpoch: start ?? Int64(Date().timeIntervalSince1970),
            volume: volume)
        try inputs.validate()
        return inputs
    }
}
