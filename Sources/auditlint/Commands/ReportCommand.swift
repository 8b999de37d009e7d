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
            Give the write volume with --rate (e.g. --rate 2G/day), --workload NAME, or a sample: \
            trails (--trail) or saved volume profiles (--volume-profile), one a flag, replayed \
            through the flags, naflags and policy of CONFIG or the options (default: the stock \
            lo,aa, lo,aa, cnt,argv); and the disk with --disk-size and --disk-free. Sizes take \
            bytes or the binary suffixes K, M, G, T; rates are a size per day or h; durations \
            take s, m, h, d; --start takes ISO 8601 (2026-01-01, 2026-01-01T08:00:00Z, \
            2026-01-01T10:00+02:00), seconds since the epoch, or now (default \
            2026-01-01T00:00:00Z, so that runs are reproducible). The audit settings \
            come from CONFIG (an audit_control, read as auditd reads it: invalid values count as \
            what auditd then does), then from the options; without either, the stock \
            audit_control values (filesz:2M, expire-after:10M, minfree:5, policy:cnt,argv). \
            The audit_user beside CONFIG (or --users) applies its per-user masks to the sampled \
            records of the audit user ids --user-map names. Progress reading --trail is shown on \
            standard error when it is a terminal. Exit code 1 when the verdict is fail. \
            An eslogger log (JSON Lines) given with --trail is a sample too: its messages per \
            day (of the --es-events set, default every event type it holds) are the volume. \
            Run with --list-workloads to see each built-in workload's figures and sources.
            """
    )

    @Argument(help: "An audit_control whose effective settings to simulate (default: the stock settings).")
    var config: String?

    @OptionGroup var dialectOption: DialectOption

    @OptionGroup(title: "The write volume: one of --rate, --workload, or a sample") var rateOptions: RateOptions
    @Option(
        help: ArgumentHelp("24 comma-separated weights for the UTC hours 00-23 (a daily cycle).", valueName: "weights"),
        transform: HourlyWeights.parse)
    var hourly: HourlyWeights?
    @Option(
        help: ArgumentHelp(
            "Audit flags selecting classes from --workload or a sample (default: CONFIG's, else \(Workload.stockFlags)).",
            valueName: "flags"))
    var flags: String?
    @OptionGroup var sample: SampleOptions
    @Option(
        name: .customLong("profile"), parsing: .upToNextOption,
        help: ArgumentHelp("Old spelling of --volume-profile.", visibility: .hidden))
    var oldProfiles: [String] = []
    @Option(
        help: ArgumentHelp("Non-attributable flags for the sample (default: CONFIG's, else lo,aa).", valueName: "flags")
    )
    var naflags: String?
    @OptionGroup var tables: SampleTableOptions
    @OptionGroup(title: "eslogger samples") var esLog: ESLogOptions
    @OptionGroup var damage: DamageOptions
    @Flag(name: .customLong("list-workloads"), help: "Print the built-in workloads' figures and sources.")
    var listWorkloads = false

    @OptionGroup(title: "The disk") var disk: DiskOptions
    @OptionGroup(title: "The period and the requirements") var period: PeriodOptions

    @Option(
        help: ArgumentHelp("Rotation size (audit_control filesz; 0 = never).", valueName: "size"),
        transform: ByteSize.parse)
    var filesz: ByteSize?
    @Option(
        help: ArgumentHelp("Soft limit percentage (audit_control minfree), 0 to 100.", valueName: "percent"),
        transform: Count.percent)
    var minfree: Int?
    @Option(
        name: .customLong("expire-after-age"),
        help: ArgumentHelp("expire-after age term, e.g. 60d.", valueName: "duration"), transform: TimeSpan.age)
    var expireAfterAge: TimeSpan?
    @Option(
        name: .customLong("expire-after-size"),
        help: ArgumentHelp("expire-after size term, e.g. 5G.", valueName: "size"), transform: ByteSize.parse)
    var expireAfterSize: ByteSize?
    @Option(name: .customLong("expire-combinator"), help: "How the two terms combine (default or).")
    var expireCombinator: ExpireAfter.Combinator?
    @Option(help: "Comma-separated audit policy: cnt and ahlt for the model; argv and arge for the volume of a sample.")
    var policy: String?
    @Option(
        help: ArgumentHelp("Kernel queue high-water mark (audit_control qsize, default 100).", valueName: "count"),
        transform: Count.queueSize)
    var qsize: Int?

    @Option(help: "Output format.")
    var format: CapacityReportFormat = .text
    @OptionGroup var output: OutputFileOption

    var dialect: Dialect { dialectOption.resolved() }

    func run() throws {
        if listWorkloads {
            try writeStandardOutput(Workload.sources, terminator: "")
            return
        }
        var notes: [String] = []
        let control = try loadedConfig()
        let settings = AuditSettingsRequest(
            filesz: filesz?.bytes, minfree: minfree, expireAfterAgeSeconds: expireAfterAge?.seconds,
            expireAfterSizeBytes: expireAfterSize?.bytes, expireCombinator: expireCombinator, policy: policy,
            qsize: qsize)
        let (configuration, settingsNote) = try settings.resolve(control: control, dialect: dialect)
        notes.append(settingsNote)
        var request = VolumeRequest(
            rate: rateOptions.rate, recordSize: rateOptions.recordSize, hourlyWeights: hourly,
            workload: rateOptions.workload,
            flags: flags, naflags: naflags, policy: policy, trails: sample.trails,
            volumeProfiles: sample.volumeProfiles + oldProfiles,
            eventsPath: tables.events, usersPath: tables.users, userMapPath: tables.userMap)
        if esLog.esEvents.count > 1 {
            throw ValidationError("report takes one --es-events set (estimate compares several)")
        }
        request.esEvents = esLog.esEvents.first
        try request.validate()
        if !sample.trails.isEmpty, try sampleFormat(sample.trails, given: esLog.inputFormat) == .eslogger {
            if sample.sampleFlags != nil {
                throw ValidationError("--sample-flags applies to BSM samples; the sample is an eslogger log")
            }
            request.esSample = try readESLogProfile(sample.trails, command: "report", damage: damage)
        } else {
            request.sampleProfile = try sample.read(
                extraProfiles: oldProfiles, command: "report", options: damage.readerOptions, dialect: dialect,
                formatChecked: true)
        }
        let resolved = try request.resolve(control: control, dialect: dialect)
        notes += resolved.notes
        let inputs = try modelInputs(configuration: configuration, volume: resolved.volume, notes: &notes)
        let requirements = CapacityRequirements(
            retentionSeconds: period.retention?.seconds, budget: period.budget?.budget)
        let report = try CapacityReport.evaluating(
            inputs, requirements: requirements, notes: notes, volumeSource: resolved.source)
        let text = try report.rendered(as: format)
        try output.write(text)
        if report.verdict == .fail { throw ExitCode(ExitStatus.findings.rawValue) }
    }

    /// CONFIG parsed as auditd reads it, or nil when none was given.
    func loadedConfig() throws -> AuditControl? {
        try config.map { try Self.loadAuditControl($0, dialect: dialect) }
    }

    /// The audit_control `path` names (a file, or a directory holding one), read as auditd
    /// reads it in `dialect` (`report` and `fleet` read their configuration this one way).
    static func loadAuditControl(_ path: String, dialect: Dialect) throws -> AuditControl {
        let found = try ConfigurationLoader().discover([path])
        guard found.count == 1 else {
            throw AuditLintError.invalidInput("\(path): holds \(found.count) audit_control files; name one of them")
        }
        return try ConfigurationLoader(dialect: dialect).load(controlPath: found[0]).control
    }

    /// The model inputs from the resolved settings and volume, and the disk options.
    func modelInputs(configuration: CapacityConfiguration, volume: WriteVolume, notes: inout [String]) throws
        -> CapacityInputs
    {
        let (diskSize, diskFree) = try disk.required()
        if period.startOption.start == nil {
            notes.append("start: \(StartOption.defaultStart) (the default; give --start, e.g. --start now)")
        }
        let inputs = CapacityInputs(
            configuration: configuration, diskSize: diskSize.bytes, freeAtStart: diskFree.bytes,
            blockSize: disk.blockSize?.bytes ?? 4096, otherGrowthPerDay: disk.otherGrowth?.bytesPerDay ?? 0,
            horizonSeconds: period.horizon?.seconds ?? 90 * 86_400, startEpoch: period.startOption.resolved.epoch,
            volume: volume)
        try inputs.validate()
        return inputs
    }
}
