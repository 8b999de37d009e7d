import ArgumentParser
import AuditLintKit
import Foundation

/// `auditlint tune`: guided incremental tuning with a journal (init, next, review, status).
struct TuneCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tune",
        abstract: "Tune audit_control step by step: propose, deploy, observe, review.",
        discussion: """
            Start with `tune init CONFIG` (a sample trail or profile, the disk, the retention and \
            the budget), then loop: `tune next` proposes one step, deploy it and let it run, \
            `tune review` compares what was observed with the projection. `tune status` shows \
            the journal (auditlint-tuning.json next to the config unless --journal is given). \
            Exit codes: 0 done, 2 usage error or a damaged journal, 3 I/O error.
            """,
        subcommands: [TuneInitCommand.self, TuneNextCommand.self, TuneReviewCommand.self, TuneStatusCommand.self]
    )
}

/// Where the journal is: `--journal`, else next to `--config`, else in the current directory.
struct JournalOptions: ParsableArguments {
    @Option(help: "The tuning journal (default: auditlint-tuning.json next to the config).")
    var journal: String?

    @Option(help: "The audit_control the session tunes (locates the journal next to it).")
    var config: String?

    @Option(help: .hidden)
    var now: Int64?

    var journalPath: String {
        if let journal { return journal }
        if let config { return Self.path(nextTo: config) }
        return TuningJournal.defaultFileName
    }

    static func path(nextTo config: String) -> String {
        PathName.join(PathName.directory(holding: config), TuningJournal.defaultFileName)
    }

    var timestamp: Int64 { now ?? Int64(Date().timeIntervalSince1970) }

    func read() throws -> TuningJournal { try TuningJournal.read(path: journalPath) }
}

struct TuneInitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Start a tuning journal: the current config, a sample, the disk, retention and budget.",
        discussion: """
            The sample is what the projections are computed from: trails recorded with broad \
            settings (--trail, files or directories, decoded) or saved volume profiles \
            (--profile); several are merged (a fleet). An audit_class and audit_event next to the \
            config are used (and kept in the journal), else the dialect's built-in tables. Sizes \
            take the binary suffixes K, M, G, T; --budget takes a percentage of the disk (5%) or a size.
            """
    )

    @Argument(help: "The audit_control to tune.")
    var config: String

    @Option(help: "A sample trail file or directory recorded with broad settings (repeatable).")
    var trail: [String] = []
    @Option(help: "A volume profile (auditlint estimate --save-profile) (repeatable).")
    var profile: [String] = []
    @Option(help: "The host the --trail sample comes from (repeatable).")
    var host: [String] = []

    @Option(name: .customLong("disk-size"), help: "Size of the filesystem holding the trails.")
    var diskSize: String
    @Option(name: .customLong("disk-free"), help: "Free space on it now.")
    var diskFree: String
    @Option(name: .customLong("other-growth"), help: "Non-audit growth per day, e.g. 1G/day (default 0).")
    var otherGrowth: String?
    @Option(help: "History the trails must keep, e.g. 30d.")
    var retention: String
    @Option(help: "Disk space the trails may use: a percentage of the disk (5%) or a size (20G).")
    var budget: String
    @Option(name: .customLong("compliance-profile"), help: "Count this profile's requirements as gain: \(ComplianceProfile.allCases.map(\.name).joined(separator: ", ")).")
    var complianceProfile: String?
    @Option(help: "Whose behaviour to model: macos or openbsm.")
    var dialect: Dialect = .macos
    @Option(help: "Simulated time per projection (default 90d, or twice the retention).")
    var horizon: String?
    @Option(help: "UTC start of the simulations in seconds since the epoch (default now).")
    var start: Int64?
    @Flag(help: "Replace an existing journal.")
    var force = false

    @OptionGroup var journal: JournalOptions

    func run() throws {
        let path = journal.journal ?? JournalOptions.path(nextTo: config)
        if !force, FileManager.default.fileExists(atPath: path) {
            throw AuditLintError.invalidInput("\(path): a tuning journal already exists; continue it with `auditlint tune next --journal \(path)`, or give --force to start again")
        }
        let text = try readConfig(config)
        guard !trail.isEmpty || !profile.isEmpty else {
            throw AuditLintError.invalidInput("give a sample: --trail (recorded with broad settings, e.g. flags:all) or --profile")
        }
        var merged: VolumeProfile?
        for file in profile {
            let read = try VolumeProfile.read(path: file)
            merged = merged.map { $0.merging(read) } ?? read
        }
        if !trail.isEmpty {
            let decoded = try VolumeProfile.reading(trails: trail, hosts: host) { writeStandardError("auditlint: \($0)") }
            merged = merged.map { $0.merging(decoded) } ?? decoded
        }
        if let name = complianceProfile, ComplianceProfile(rawValue: name) == nil {
            throw AuditLintError.invalidInput("--compliance-profile: unknown profile '\(name)'; use \(ComplianceProfile.allCases.map(\.name).joined(separator: ", "))")
        }
        let disk = try Quantity.parseSize(diskSize, option: "--disk-size")
        let budgetValue = try Quantity.parseBudget(budget, option: "--budget")
        let retentionSeconds = try Quantity.parseDuration(retention, option: "--retention")
        let constraints = TuningConstraints(
            diskSize: disk, diskFree: try Quantity.parseSize(diskFree, option: "--disk-free"),
            otherGrowthPerDay: try otherGrowth.map(parseGrowth) ?? 0, retentionSeconds: retentionSeconds,
            budget: budget, budgetBytes: budgetValue.bytes(diskSize: disk), complianceProfile: complianceProfile,
            horizonSeconds: try horizon.map { try Quantity.parseDuration($0, option: "--horizon") },
            startEpoch: start ?? journal.timestamp)
        let context = try ConfigurationLoader(dialect: dialect).load(controlPath: config)
        let started = try TuningSession.start(
            config: text, configPath: URL(fileURLWithPath: config).standardizedFileURL.path, dialect: dialect,
            auditClass: context.classesSource.map { String(decoding: $0.bytes, as: UTF8.self) },
            auditEvent: context.eventsSource.map { String(decoding: $0.bytes, as: UTF8.self) },
            profile: merged!, constraints: constraints,
            now: journal.timestamp)
        try started.write(to: path)
        let iteration = started.iterations[0]
        try writeStandardOutput("Started \(path): iteration 0 is \(config)")
        try writeStandardOutput("Sample: \(started.profile.records) records, \(Quantity.formatSize(Int64(started.profile.bytes))) over \(Quantity.formatDuration(started.profile.spanSeconds))"
            + (started.profile.hosts.isEmpty ? "" : " from \(started.profile.hosts.joined(separator: ", "))"))
        try writeStandardOutput("Constraints: \(TuneText.constraints(started.constraints))")
        let tables = [started.auditClass.map { _ in "audit_class" }, started.auditEvent.map { _ in "audit_event" }].compactMap { $0 }
        try writeStandardOutput("Tables: " + (tables.isEmpty ? "the built-in \(dialect.rawValue) audit_class and audit_event" : tables.joined(separator: " and ") + " next to the config (kept in the journal)"))
        try writeStandardOutput("Projected: \(TuneText.projection(iteration.projection))")
        for reason in iteration.projection.reasons { try writeStandardOutput("  - \(reason)") }
        try writeStandardOutput("Next: auditlint tune next --journal \(path)")
    }

    func parseGrowth(_ text: String) throws -> Int64 {
        let shrinking = text.hasPrefix("-")
        let rate = try Quantity.parseRate(shrinking ? String(text.dropFirst()) : text, option: "--other-growth")
        return Int64((rate * 86_400).rounded()) * (shrinking ? -1 : 1)
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
            filesz or expire-after that meets the retention inside the budget; steps that would \
            break the budget, the retention or the disk are never proposed. The proposal is \
            recorded in the journal; an earlier proposal not yet observed is replaced. The config \
            is rewritten only with --write (atomically, the old one kept as .bak).
            """
    )

    @OptionGroup var journal: JournalOptions
    @Flag(help: "Print a unified diff instead of the whole new file.")
    var diff = false
    @Flag(help: "Rewrite the config (--config, else the one tune init was given) atomically, keeping the old one as CONFIG.bak.")
    var write = false
    @Option(help: "How many ranked candidates to list.")
    var top = 5

    func run() throws {
        var state = try journal.read()
        let base = TuningSession.base(of: state)
        let advisor = TuningAdvisor(model: TuningModel(journal: state))
        let advice = try advisor.advise(from: base.config)
        let constraints = state.constraints
        var out = ""
        if let last = state.iterations.last, last.number != base.number {
            out += "Replacing iteration \(last.number) (proposed, not yet observed).\n"
        }
        out += "Current (iteration \(base.number)): \(TuneText.projection(advice.current))\n"
        out += "Calibration ×\(String(format: "%.2f", state.calibrationFactor))\n"
        if let review = base.review, review.decision == .keep {
            out += "Note: iteration \(base.number)'s review said keep (observed \(String(format: "%+.0f%%", review.error * 100))); the projections below use the recalibrated model.\n"
        }
        out += "\n"
        if !advice.ranked.isEmpty {
            var rows = [["score", "step", "per day", "history", "peak"]]
            for candidate in advice.ranked.prefix(top) {
                rows.append([String(format: "%.1f", candidate.score), candidate.change.summary,
                             TuneText.rate(candidate.projection.bytesPerDay),
                             Quantity.formatDuration(candidate.projection.historyDays * 86_400),
                             Quantity.formatSize(candidate.projection.peakAuditBytes)])
            }
            out += "Ranked steps (gain − cost):\n" + TextTable.render(rows).split(separator: "\n").map { "  " + $0 }.joined(separator: "\n") + "\n"
        }
        let counts = advice.blockedCounts
        if !counts.isEmpty {
            let described = ["budget": "the budget (\(constraints.budget))", "retention": "the retention (\(Quantity.formatDuration(constraints.retentionSeconds)))", "disk": "the disk (records lost)"]
            out += "Blocked: " + counts.keys.sorted().map { "\(counts[$0]!) by \(described[$0] ?? $0)" }.joined(separator: ", ") + "\n"
        }
        for note in advice.notes { out += "\(note)\n" }
        guard let proposal = advice.proposal else {
            try writeStandardOutput(out, terminator: "")
            return
        }
        TuningSession.record(proposal, in: &state, now: journal.timestamp)
        let number = state.iterations.last!.number
        let p = proposal.projection
        out += "\nProposed (iteration \(number)): \(proposal.change.summary)\n"
        out += "  \(proposal.change.key): \(proposal.change.from ?? "(missing)") → \(proposal.change.to)\n"
        out += "  projected: \(TuneText.projection(p))\n"
        out += "  change: \(TuneText.signedRate(p.bytesPerDay - advice.current.bytesPerDay))/day"
        out += String(format: "; score %.1f (gain %.1f, cost %.1f)", proposal.score, proposal.gain, proposal.cost)
        if !proposal.requirementsMet.isEmpty { out += "; meets \(proposal.requirementsMet.joined(separator: ", "))" }
        out += "\n"
        let days = TuningSession.reviewAfterDays(p)
        out += "Run it for at least \(days) days (a full weekly cycle"
        let rotations = Int((p.rotationsPerDay * Double(days)).rounded(.down))
        out += rotations >= 1 ? ", about \(rotations) rotation\(rotations == 1 ? "" : "s"))" : "; it will not rotate by then: review the .not_terminated trail)"
        out += " before `auditlint tune review`.\n"
        out += "Watch:\n"
        if !proposal.topClasses.isEmpty {
            out += "  - the new bytes: " + proposal.topClasses.map { "\($0.name) \(TuneText.signedRate($0.bytesPerDay))/day" }.joined(separator: ", ") + "\n"
        }
        out += "  - the audit directory's growth (ls -l /var/audit): about \(TuneText.rate(p.bytesPerDay))/day per host\n"
        if p.outcome == .lowSpace { out += "  - the soft limit is reached in the simulation: expect audit_warn soft-limit mail\n" }
        if p.lowerBound { out += "  - the sample lacks exec arguments: the real volume will be higher than projected\n" }
        out += "Apply: install the new audit_control, then run `audit -s`"
        out += proposal.change.key == "flags" ? "; flags apply at login: users must log out and back in (or reboot).\n" : ".\n"
        let path = journal.config ?? state.configPath
        let current = write ? try readConfig(path) : nil
        if let current, current != base.config, current != proposal.config {
            throw AuditLintError.invalidInput(
                "\(path): differs from iteration \(base.number)'s config (edited by hand?); --write would discard that, so nothing was written. Start again from it with `auditlint tune init --force`, or run without --write")
        }
        // The journal, the backup and the new config are written together or not at all.
        var plan = OutputPlan()
        try plan.add(try state.jsonData(), to: journal.journalPath)
        if let current {
            try plan.add(current, to: path + ".bak")
            try plan.add(proposal.config, to: path)
            out += "Wrote \(path) (the previous file is \(path).bak).\n"
        }
        out += diff
            ? "\n" + UnifiedDiff.diff(base.config, proposal.config, oldName: path, newName: path + " (iteration \(number))")
            : "\n--- new \(path) (iteration \(number)) ---\n" + proposal.config
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
            time) or trails to decode with --trail. Within ±25% of the projection: go on; more \
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
    @Option(help: "Ignore trails started before this UTC time (YYYYMMDDhhmmss or seconds since the epoch).")
    var since: String?
    @OptionGroup var journal: JournalOptions

    func run() throws {
        var state = try journal.read()
        let hostName = host ?? ProcessInfo.processInfo.hostName
        let observation: TuningObservation
        switch (directory, trail.isEmpty) {
        case (let directory?, true):
            let growth = try TrailGrowth.measure(directory: directory, since: try since.map(parseSince))
            observation = TuningObservation(host: hostName, method: .trailNames, files: growth.files.count, bytes: growth.bytes,
                                            spanSeconds: growth.spanSeconds, recordedAt: journal.timestamp)
        case (nil, false):
            let profile = try VolumeProfile.reading(trails: trail, hosts: [hostName]) { writeStandardError("auditlint: \($0)") }
            observation = TuningObservation(host: hostName, method: .decoded, files: profile.files, bytes: Int64(profile.bytes),
                                            spanSeconds: profile.spanSeconds, recordedAt: journal.timestamp)
        default:
            throw AuditLintError.invalidInput("give either a copy of the audit directory or --trail, not both")
        }
        guard observation.spanSeconds > 0 else {
            throw AuditLintError.invalidInput("the trails cover no time; observe for at least a day")
        }
        let number = state.iterations.last!.number
        let review = try TuningSession.review(&state, observations: [observation])
        try state.write(to: journal.journalPath)
        try writeStandardOutput("Iteration \(number) on \(hostName): \(observation.files) trail file\(observation.files == 1 ? "" : "s"), \(Quantity.formatSize(observation.bytes)) over \(Quantity.formatDuration(observation.spanSeconds)) (\(observation.method.rawValue))")
        for reason in review.reasons { try writeStandardOutput("  - \(reason)") }
        let advice = switch review.decision {
        case .goOn: "go on: run `auditlint tune next`"
        case .keep: "keep this configuration and review again after another period"
        case .rollBack: "roll back: install iteration \(number - 1)'s audit_control again (recorded as iteration \(number + 1)) and run `audit -s`"
        }
        try writeStandardOutput("Decision: \(advice)")
    }

    func parseSince(_ text: String) throws -> Int64 {
        if let time = TrailGrowth.time(text[...]) { return time }
        if let epoch = Int64(text), epoch >= 0 { return epoch }
        throw AuditLintError.invalidInput("--since: '\(text)' is neither YYYYMMDDhhmmss nor seconds since the epoch")
    }
}

struct TuneStatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show the journal's iterations: change, projected and observed volume, history, verdict."
    )

    @OptionGroup var journal: JournalOptions
    @Option(help: "Output format: text, json or markdown.")
    var format: String = "text"

    func run() throws {
        guard let format = TuningStatusFormat(rawValue: format) else {
            throw AuditLintError.invalidInput("--format: unknown format '\(format)'; use text, json or markdown")
        }
        try writeStandardOutput(TuningStatusReport.render(try journal.read(), as: format), terminator: "")
    }
}

/// Phrases the tune commands share.
enum TuneText {
    static func rate(_ bytesPerDay: Double) -> String { Quantity.formatSize(Int64(bytesPerDay.rounded())) }

    static func signedRate(_ bytesPerDay: Double) -> String { (bytesPerDay >= 0 ? "+" : "") + rate(bytesPerDay) }

    static func constraints(_ c: TuningConstraints) -> String {
        var text = "disk \(Quantity.formatSize(c.diskSize)) with \(Quantity.formatSize(c.diskFree)) free, retention \(Quantity.formatDuration(c.retentionSeconds)), budget \(c.budget) (\(Quantity.formatSize(c.budgetBytes)))"
        if let profile = c.complianceProfile { text += ", compliance \(profile)" }
        return text
    }

    static func projection(_ p: TuningProjection) -> String {
        "\(rate(p.bytesPerDay))/day\(p.lowerBound ? " (at least)" : ""), \(Quantity.formatDuration(p.historyDays * 86_400)) of history, peak \(Quantity.formatSize(p.peakAuditBytes)): \(p.verdict.rawValue)"
    }
}
