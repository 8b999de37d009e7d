import ArgumentParser
import AuditLintKit
import Foundation

/// `auditlint tune`: guided incremental tuning with a journal (init, next, review, status).
struct TuneCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tune",
        abstract: "Tune audit_control step by step: propose, deploy, observe, review.",
        discussion: """
            Start with `tune init CONFIG` (a sample trail or volume profile, the disk, the \
            retention and the budget), then loop: `tune next` proposes one step, deploy it and let \
            it run, `tune review` compares what was observed with the projection. `tune status` \
            shows the journal (auditlint-tuning.json next to the audit_control, named with \
            --audit-control, unless --journal is given). \
            Exit codes: 0 done, 2 usage error or a damaged journal, 3 I/O error.
            """,
        subcommands: [TuneInitCommand.self, TuneNextCommand.self, TuneReviewCommand.self, TuneStatusCommand.self]
    )
}

/// Where the journal is: `--journal`, else next to `--audit-control`, else in the current directory.
struct JournalOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "The tuning journal (default: auditlint-tuning.json next to the audit_control).", valueName: "file"))
    var journal: String?

    @OptionGroup var auditControl: AuditControlOption

    @Option(help: .hidden, transform: PointInTime.parse)
    var now: PointInTime?

    var journalPath: String {
        if let journal { return journal }
        if let config = auditControl.path { return Self.path(nextTo: config) }
        return TuningJournal.defaultFileName
    }

    static func path(nextTo config: String) -> String {
        PathName.join(PathName.directory(holding: config), TuningJournal.defaultFileName)
    }

    var timestamp: Int64 { now?.epoch ?? Int64(Date().timeIntervalSince1970) }

    func read() throws -> TuningJournal { try TuningJournal.read(path: journalPath) }
}

struct TuneInitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Start a tuning journal: the current config, a sample, the disk, retention and budget.",
        discussion: """
            The sample is what the projections are computed from: trails recorded with broad \
            settings (--trail, files or directories, decoded) or saved volume profiles \
            (--volume-profile); several are merged (a fleet). An audit_class and audit_event next to the \
            config are used (and kept in the journal), else the dialect's built-in tables. Sizes \
            take the binary suffixes K, M, G, T; --budget takes a percentage of the disk (5%) or a size; \
            --start takes ISO 8601 (2026-01-01, 2026-01-01T08:00:00Z), seconds since the epoch, or \
            now (default 2026-01-01T00:00:00Z).
            """
    )

    @Argument(help: "The audit_control to tune.")
    var config: String

    @OptionGroup var sample: SampleOptions
    @Option(help: "The host the --trail sample comes from (repeatable).")
    var host: [String] = []

    @OptionGroup(title: "The disk (--disk-size and --disk-free are required)") var disk: DiskOptions
    @OptionGroup(title: "The period and the requirements (--retention and --budget are required)") var period:
        PeriodOptions
    @Option(
        help: ArgumentHelp(
            "Count this compliance profile's requirements as gain: \(ComplianceProfile.allCases.map(\.name).joined(separator: ", ")).",
            valueName: "name"), transform: ComplianceProfile.parse)
    var profile: ComplianceProfile?
    @Option(
        name: .customLong("compliance-profile"), help: ArgumentHelp("Old spelling of --profile.", visibility: .hidden),
        transform: ComplianceProfile.parse)
    var oldComplianceProfile: ComplianceProfile?
    @OptionGroup var dialectOption: DialectOption
    @Flag(help: "Replace an existing journal.")
    var force = false

    @OptionGroup var journal: JournalOptions

    func run() throws {
        let dialect = dialectOption.resolved()
        let path = journal.journal ?? JournalOptions.path(nextTo: config)
        if !force, FileManager.default.fileExists(atPath: path) {
            throw AuditLintError.invalidInput(
                "\(path): a tuning journal already exists; continue it with `auditlint tune next --journal \(path)`, or give --force to start again"
            )
        }
        let text = try readConfig(config)
        let (diskSize, diskFree) = try disk.required()
        guard let retention = period.retention, let budget = period.budget else {
            throw ValidationError(
                "give the history to keep and the space the trails may use: --retention (e.g. 30d) and --budget (e.g. 5% or 20G)"
            )
        }
        if oldComplianceProfile != nil { Deprecation.warn(old: "--compliance-profile", new: "--profile") }
        let context = try ConfigurationLoader(dialect: dialect).load(controlPath: config)
        guard
            let sampled = try sample.read(hosts: host, command: "tune init", dialect: dialect, classes: context.classes)
        else {
            throw ValidationError(
                "give a sample: --trail (recorded with broad settings, e.g. flags:all) or --volume-profile")
        }
        let constraints = TuningConstraints(
            diskSize: diskSize.bytes, diskFree: diskFree.bytes,
            otherGrowthPerDay: disk.otherGrowth?.bytesPerDay ?? 0, retentionSeconds: retention.seconds,
            budget: budget.text, budgetBytes: budget.budget.bytes(diskSize: diskSize.bytes),
            complianceProfile: (profile ?? oldComplianceProfile)?.name,
            horizonSeconds: period.horizon?.seconds,
            startEpoch: period.startOption.resolved.epoch)
        let started = try TuningSession.start(
            config: text, configPath: URL(fileURLWithPath: config).standardizedFileURL.path, dialect: dialect,
            auditClass: context.classesSource.map { String(decoding: $0.bytes, as: UTF8.self) },
            auditEvent: context.eventsSource.map { String(decoding: $0.bytes, as: UTF8.self) },
            profile: sampled, constraints: constraints,
            now: journal.timestamp)
        try started.write(to: path)
        try writeStandardOutput(TuningText.started(started, journalPath: path, configName: config), terminator: "")
    }
}

/// Reads an audit_control as UTF-8 text (tune edits text and keeps every other byte).
func readConfig(_ path: String) throws -> String {
    let source = try SourceText.read(path: path)
    guard let text = String(validating: source.bytes, as: UTF8.self) else {
        throw AuditLintError.invalidInput("\(path): not valid UTF-8; tune edits text files only")
    }
    return text
}

struct TuneNextCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "next",
        abstract: "Propose the next step: the new audit_control, its projection, and how to deploy it.",
        discussion: """
            Ranks adding a class (or its +success/-failure half), excluding one (^-fa), argv, and a \
            filesz or expire-after that meets the retention inside the budget (on a file that never \
            rotates, filesz and expire-after together, as one step); steps that would break the \
            budget (trails that never stop growing included), the retention or the disk, or drop a \
            requirement of the --profile given to init, are never proposed (Docs/tuning.md). The \
            proposal is recorded in the journal; an earlier proposal not yet observed is replaced. The config \
            is rewritten only with --write (atomically, the old one kept as .bak).
            """
    )

    @OptionGroup var journal: JournalOptions
    @Flag(help: "Print a unified diff instead of the whole new file.")
    var diff = false
    @Flag(
        help:
            "Rewrite the audit_control (--audit-control, else the one tune init was given) atomically, keeping the old one as FILE.bak."
    )
    var write = false
    @Option(
        help: ArgumentHelp("How many ranked candidates to list (1 to 1000).", valueName: "count"),
        transform: Count.listed)
    var top = 5

    func run() throws {
        var state = try journal.read()
        let base = try TuningSession.base(of: state, journalPath: journal.journalPath)
        let replacing = state.iterations.last.flatMap { $0.number != base.number ? $0.number : nil }
        let calibration = state.calibrationFactor
        let advice = try TuningAdvisor(model: TuningModel(journal: state)).advise(from: base.config)
        var number: Int?
        if let proposal = advice.proposal {
            try TuningSession.record(proposal, in: &state, journalPath: journal.journalPath, now: journal.timestamp)
            number = state.iterations.last?.number
        }
        var out = TuningNextReport(
            advice: advice, base: base, replacing: replacing, calibrationFactor: calibration,
            constraints: state.constraints, proposalNumber: number, top: top
        ).text
        guard let proposal = advice.proposal, let number else {
            try writeStandardOutput(out, terminator: "")
            return
        }
        let path = journal.auditControl.path ?? state.configPath
        let current = write ? try readConfig(path) : nil
        if let current, current != base.config, current != proposal.config {
            throw AuditLintError.invalidInput(
                "\(path): differs from iteration \(base.number)'s config (edited by hand?); --write would discard that, so nothing was written. Start again from it with `auditlint tune init --force`, or run without --write"
            )
        }
        // The journal, the backup and the new config are written together or not at all.
        var plan = OutputPlan()
        try plan.add(try state.jsonData(), to: journal.journalPath)
        if let current {
            try plan.add(current, to: path + ".bak")
            try plan.add(proposal.config, to: path)
            out += "Wrote \(path) (the previous file is \(path).bak).\n"
        }
        out += TuningNextReport.newFile(
            old: base.config, new: proposal.config, path: path, iteration: number, diff: diff)
        try plan.write { try writeStandardOutput(out, terminator: out.hasSuffix("\n") ? "" : "\n") }
    }
}

struct TuneReviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "Compare what was observed after deploying with the projection; keep, roll back or go on.",
        discussion: """
            Give a copy of the audit directory (growth from the trail names' start and end times \
            and the file sizes, not decoded; a .not_terminated trail ends at its modification \
            time) or trails to decode with --trail. Within +/-25% of the projection: go on; more \
            than 25% above: keep and observe another period; breaking a constraint at the \
            observed rate: roll back. The volume model is recalibrated either way.
            """
    )

    @Argument(help: "A copy of the audit directory after deploying.")
    var directory: String?
    @Option(help: "Trails to decode instead (files or directories, repeatable).")
    var trail: [String] = []
    @Option(help: "The host observed (default: this host's name).")
    var host: String?
    @Option(
        help: ArgumentHelp(
            "Ignore trails started before this time: \(PointInTime.forms), or YYYYMMDDhhmmss as in trail names (UTC).",
            valueName: "time"), transform: PointInTime.parse)
    var since: PointInTime?
    @OptionGroup var journal: JournalOptions

    func run() throws {
        var state = try journal.read()
        let hostName = host ?? ProcessInfo.processInfo.hostName
        let observation: TuningObservation
        switch (directory, trail.isEmpty) {
        case (let directory?, true):
            let growth = try TrailGrowth.measure(directory: directory, since: since?.epoch)
            observation = TuningObservation(
                host: hostName, method: .trailNames, files: growth.files.count, bytes: growth.bytes,
                spanSeconds: growth.spanSeconds, recordedAt: journal.timestamp)
        case (nil, false):
            let profile = try VolumeProfile.reading(trails: trail, hosts: [hostName]) {
                writeStandardError("auditlint: \($0)")
            }
            observation = TuningObservation(
                host: hostName, method: .decoded, files: profile.files, bytes: Int64(profile.bytes),
                spanSeconds: profile.spanSeconds, recordedAt: journal.timestamp)
        default:
            throw AuditLintError.invalidInput("give either a copy of the audit directory or --trail, not both")
        }
        guard observation.spanSeconds > 0 else {
            throw AuditLintError.invalidInput("the trails cover no time; observe for at least a day")
        }
        let number = state.iterations.last!.number
        let review = try TuningSession.review(&state, observations: [observation], journalPath: journal.journalPath)
        try state.write(to: journal.journalPath)
        try writeStandardOutput(
            "Iteration \(number) on \(hostName): \(observation.files) trail file\(observation.files == 1 ? "" : "s"), \(Quantity.formatSize(observation.bytes)) over \(Quantity.formatDuration(observation.spanSeconds)) (\(observation.method.rawValue))"
        )
        for reason in review.reasons { try writeStandardOutput("  - \(reason)") }
        let advice =
            switch review.decision {
            case .goOn: "go on: run `auditlint tune next`"
            case .keep: "keep this configuration and review again after another period"
            case .rollBack:
                "roll back: install iteration \(number - 1)'s audit_control again (recorded as iteration \(number + 1)) and run `audit -s`"
            }
        try writeStandardOutput("Decision: \(advice)")
    }
}

struct TuneStatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show the journal's iterations: change, projected and observed volume, history, verdict."
    )

    @OptionGroup var journal: JournalOptions
    @Option(help: "Output format.")
    var format: TuningStatusFormat = .text

    func run() throws {
        try writeStandardOutput(TuningStatusReport.render(try journal.read(), as: format), terminator: "")
    }
}
