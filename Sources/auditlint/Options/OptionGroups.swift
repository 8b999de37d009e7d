import ArgumentParser
import AuditLintKit
import Foundation

// The option groups commands share, so that an option has one name, one meaning, one
// value type and one help text everywhere. Conventions: `--config` is the linter's own
// `.auditlint.json`; `--audit-control` an audit_control file a command reads; `--profile`
// a compliance profile; `--volume-profile` a saved volume profile; repeatable options
// take one value per flag (`--trail a --trail b`).

/// `--dialect`: whose libbsm, auditd and kernel to model; the help is the library's account of the releases each dialect models.
struct DialectOption: ParsableArguments {
    @Option(help: ArgumentHelp(Dialect.modelledReleases, valueName: "dialect"))
    var dialect: Dialect?

    /// The dialect given, else `fallback`.
    func resolved(_ fallback: Dialect = .macos) -> Dialect { dialect ?? fallback }
}

/// `--disk-size` and `--disk-free`: the filesystem holding the trails (the capacity
/// commands' disk, and the host disk `estimate --save-profile` records).
struct DiskSpaceOptions: ParsableArguments {
    @Option(
        name: .customLong("disk-size"),
        help: ArgumentHelp("Size of the filesystem holding the trails, e.g. 256G (more than 0).", valueName: "size"),
        transform: ByteSize.positive)
    var diskSize: ByteSize?
    @Option(
        name: .customLong("disk-free"),
        help: ArgumentHelp("Free space on it, e.g. 100G (at most --disk-size).", valueName: "size"),
        transform: ByteSize.parse)
    var diskFree: ByteSize?

    func validate() throws {
        if let diskSize, let diskFree, diskFree.bytes > diskSize.bytes {
            throw ValidationError(
                "--disk-free \(diskFree) is more than --disk-size \(diskSize); give the free space on that disk")
        }
    }
}

/// `--disk-size`, `--disk-free`, `--other-growth`, `--block-size`: the filesystem holding the trails.
struct DiskOptions: ParsableArguments {
    @OptionGroup var space: DiskSpaceOptions
    @Option(
        name: .customLong("other-growth"),
        help: ArgumentHelp(
            "Non-audit growth per day, e.g. 1G/day, or --other-growth=-1G/day for shrinking data (default 0).",
            valueName: "rate"), transform: DailyGrowth.parse)
    var otherGrowth: DailyGrowth?
    @Option(
        name: .customLong("block-size"), help: ArgumentHelp("Filesystem block size (default 4096).", valueName: "size"),
        transform: ByteSize.blockSize)
    var blockSize: ByteSize?

    var diskSize: ByteSize? { space.diskSize }
    var diskFree: ByteSize? { space.diskFree }

    func validate() throws {
        if let diskSize, let blockSize, blockSize.bytes > diskSize.bytes {
            throw ValidationError("--block-size \(blockSize) is more than --disk-size \(diskSize)")
        }
    }

    /// Both sizes, or a usage error naming what is missing.
    func required() throws -> (size: ByteSize, free: ByteSize) {
        guard let diskSize, let diskFree else {
            throw ValidationError(
                "give the disk with --disk-size and --disk-free (e.g. --disk-size 256G --disk-free 100G)")
        }
        return (diskSize, diskFree)
    }
}

/// `--start`: the UTC time a simulation starts at (one default for every command).
struct StartOption: ParsableArguments {
    /// The start when none is given: 2026-01-01T00:00:00Z, so that runs are reproducible.
    static let defaultStart = PointInTime(epoch: CapacityAssumptions.defaultStartEpoch, text: "2026-01-01T00:00:00Z")

    @Option(
        help: ArgumentHelp(
            "UTC start of the simulated time: \(PointInTime.forms) (default 2026-01-01T00:00:00Z, for reproducible runs).",
            valueName: "time"), transform: PointInTime.parse)
    var start: PointInTime?

    /// The start given, else the default.
    var resolved: PointInTime { start ?? Self.defaultStart }
}

/// `--horizon`, `--retention`, `--budget`, `--start`: the simulated period and what it must meet.
struct PeriodOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp("Simulated time, e.g. 90d (default 90d; at most 100 years).", valueName: "duration"),
        transform: TimeSpan.parse)
    var horizon: TimeSpan?
    @Option(
        help: ArgumentHelp("History the trails must keep, e.g. 30d (at most 50 years).", valueName: "duration"),
        transform: TimeSpan.retention)
    var retention: TimeSpan?
    @Option(
        help: ArgumentHelp(
            "Disk space the trails may use: a percentage of the disk (5%) or a size (20G).", valueName: "budget"),
        transform: DiskBudget.parse)
    var budget: DiskBudget?
    @OptionGroup var startOption: StartOption
}

/// `--rate`, `--record-size`, `--workload`: a write volume given without a sample.
struct RateOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp("Audit bytes written, as a size per day or h, e.g. 2G/day.", valueName: "rate"),
        transform: ByteRate.parse)
    var rate: ByteRate?
    @Option(
        name: .customLong("record-size"),
        help: ArgumentHelp("Mean record size with --rate (default 200; 1 byte to 1M).", valueName: "size"),
        transform: ByteSize.recordSize)
    var recordSize: ByteSize?
    @Option(
        help: ArgumentHelp(
            "A built-in workload (`auditlint report --list-workloads` shows their figures).", valueName: "name"))
    var workload: Workload?
}

/// `--trail`, `--volume-profile`: a sample whose write volume is replayed.
struct SampleOptions: ParsableArguments {
    @Option(
        name: .customLong("trail"),
        help: ArgumentHelp(
            "A sample trail: a file, a directory of trails, or - (repeatable, one a flag).", valueName: "trail"))
    var trails: [String] = []
    @Option(
        name: .customLong("volume-profile"),
        help: ArgumentHelp(
            "A saved volume profile (`auditlint estimate --save-profile`; repeatable, one a flag).", valueName: "file"))
    var volumeProfiles: [String] = []
    @Option(
        name: .customLong("sample-flags"),
        help: ArgumentHelp(
            "The flags the sample was recorded with, FLAGS or FLAGS/NAFLAGS, e.g. lo,aa,ex or all (default: the audit_control beside the trails; else unknown, and classes without records count as unknown).",
            valueName: "flags"))
    var sampleFlags: String?

    /// Whether no sample is given (`--sample-flags` alone is not a sample).
    var isEmpty: Bool { trails.isEmpty && volumeProfiles.isEmpty }
}

/// `--events`, `--users`, `--user-map`: the tables a sample's records are classified with.
struct SampleTableOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "The audit_event table (default: the one beside the audit_control, else the built-in for --dialect).",
            valueName: "file"))
    var events: String?
    @Option(
        help: ArgumentHelp(
            "The audit_user whose per-user masks apply with --user-map (default: the one beside the audit_control).",
            valueName: "file"))
    var users: String?
    @Option(
        help: ArgumentHelp(
            "Audit user id to login name, for audit_user: a passwd file (name:x:uid:...) or lines of name:uid or uid name.",
            valueName: "file"))
    var userMap: String?

    var isEmpty: Bool { events == nil && users == nil && userMap == nil }
}

/// `--strict`, `--max-record-size`: what reading a trail does with damage.
struct DamageOptions: ParsableArguments {
    @Flag(help: "Stop at the first damage (exit code 1).")
    var strict = false
    @Option(
        help: ArgumentHelp(
            "Records claiming more bytes than this are damage (default 4M; 64 bytes to 256M).", valueName: "size"),
        transform: ByteSize.recordLimit)
    var maxRecordSize: ByteSize?

    var readerOptions: TrailReader.Options {
        TrailReader.Options(maxRecordSize: maxRecordSize.map { Int($0.bytes) } ?? 4 << 20, strict: strict)
    }
}

/// `--audit-control FILE` (the old spelling `--config` is a hidden alias for one release).
struct AuditControlOption: ParsableArguments {
    @Option(
        name: .customLong("audit-control"),
        help: ArgumentHelp(
            "The audit_control file (the audit_class, audit_event and audit_user beside it are read too; tune keeps its journal beside it).",
            valueName: "file"))
    var auditControl: String?
    @Option(name: .customLong("config"), help: ArgumentHelp("Old spelling of --audit-control.", visibility: .hidden))
    var oldConfig: String?

    func validate() throws {
        if auditControl != nil, oldConfig != nil {
            throw ValidationError("--config is the old spelling of --audit-control; give only --audit-control")
        }
    }

    /// The audit_control named, warning once when it was named by the old spelling.
    var path: String? {
        if let oldConfig {
            Deprecation.warn(old: "--config", new: "--audit-control")
            return oldConfig
        }
        return auditControl
    }
}

/// Warnings for an option's old spelling.
enum Deprecation {
    nonisolated(unsafe) private static var warned: Set<String> = []

    /// Says on standard error (once a run) that `old` is now `new`.
    static func warn(old: String, new: String) {
        guard warned.insert(old).inserted else { return }
        writeStandardError("auditlint: warning: \(old) is now \(new); the old spelling goes in the next release")
    }
}

extension SampleOptions {
    /// The sample: the saved volume profiles and the trails merged (trails read with
    /// progress on a terminal, problems on standard error); nil when none is given.
    ///
    /// - Parameters:
    ///   - extraTrails: trails given otherwise (a command's arguments), read first.
    ///   - extraProfiles: profiles given by the old spelling `--profile` (warned about).
    ///   - hosts: names to label the sample with.
    ///   - dialect, classes: how `--sample-flags` (or the audit_control beside the trails) is
    ///     read, to mark the profile with the masks the sample was recorded with.
    ///   - formatChecked: whether the caller already knows the trails are BSM (else an
    ///     eslogger log among them is refused).
    ///   - talkersInOrder: false for a sample only evaluated (its talkers are then not
    ///     sorted: ``VolumeProfileBuilder/profile(hosts:talkersInOrder:)``).
    func read(
        extraTrails: [String] = [], extraProfiles: [String] = [], hosts: [String] = [], command: String,
        options: TrailReader.Options = TrailReader.Options(), dialect: Dialect = .openbsm,
        classes: AuditClassTable? = nil, formatChecked: Bool = false, talkersInOrder: Bool = true
    ) throws -> VolumeProfile? {
        if !extraProfiles.isEmpty { Deprecation.warn(old: "--profile", new: "--volume-profile") }
        let trails = extraTrails + self.trails
        let profiles = volumeProfiles + extraProfiles
        guard !trails.isEmpty || !profiles.isEmpty else {
            if sampleFlags != nil {
                throw AuditLintError.invalidInput(
                    "--sample-flags says what a sample was recorded with; give the sample with --trail or --volume-profile"
                )
            }
            return nil
        }
        if !formatChecked, !trails.isEmpty, try sampleFormat(trails, given: nil) == .eslogger {
            throw AuditLintError.invalidInput(
                "\(command): the sample is an eslogger log (JSON Lines); \(command) replays BSM trails (estimate and report read eslogger logs)"
            )
        }
        var builder = VolumeProfileBuilder()
        for path in profiles { builder.add(try VolumeProfile.read(path: path)) }
        if !trails.isEmpty { try readTrailProfiles(trails, into: &builder, command: command, options: options) }
        return try builder.profile(hosts: hosts, talkersInOrder: talkersInOrder).recorded(
            sampleFlags: sampleFlags, option: "--sample-flags", besideTrails: trails.filter { $0 != "-" },
            dialect: dialect, classes: classes ?? .builtIn(dialect))
    }
}

/// `--output`: a report written to a file instead of standard output, atomically (a reader
/// never sees part of it, and a failed write leaves the file as it was). `lint`, which
/// writes one report a `--format`, pairs its own `--output`s with them.
struct OutputFileOption: ParsableArguments {
    @Option(
        help: ArgumentHelp("Write the output to this file (atomically) instead of standard output.", valueName: "file"))
    var output: String?

    /// Writes `text` to the file given, else to standard output.
    func write(_ text: String) throws {
        if let output {
            try AtomicWrite.write(text, to: output)
        } else {
            try writeStandardOutput(text, terminator: "")
        }
    }
}
