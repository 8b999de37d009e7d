import ArgumentParser
import AuditLintKit
import Foundation

/// `auditlint estimate`: replays sample trails through candidate audit_control settings.
struct EstimateCommand: ParsableCommand {
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    static let configuration = CommandConfiguration(
        commandName: "estimate",
        abstract: "Replay sample trails through candidate audit settings: records and bytes each would write.",
        discussion: """
            Record a sample with broad settings (e.g. flags:all, naflags:all, policy:cnt,argv,arge), \
            then estimate any candidate: --audit-control FILE, or --flags/--naflags/--policy (which \
            override the file's; values given nowhere are the stock audit_control's: lo,aa, \
            lo,aa, cnt,argv). The trails are decoded once; --compare adds more candidates \
            (put the trails before it) and --compare-additions adds the candidate plus each class \
            it lacks. Counts are exact for the sample; per-day figures scale by 86400 / span.

            --save-profile writes the sample's mergeable profile; --volume-profile evaluates saved \
            profiles (of many hosts: they add up) without the trails. Damage is reported on \
            standard error with its byte offset and counted in damagedBytes, and the exit code \
            stays 0; --strict stops at the first (exit 1). eslogger logs (JSON Lines, detected by \
            their first byte, or --input-format eslogger) are estimated per Endpoint Security event \
            type and executable, with the messages lost (gaps in global_seq_num); --es-events \
            gives candidate event sets (damaged lines are reported with their line numbers). The per-user masks of audit_user (--users, \
            or the one beside --audit-control) are applied as at login to the records of the audit user \
            ids that --user-map names. Without any candidate, the stock \
            audit_control is estimated. Progress is shown on standard error when it is a terminal.
            """
    )

    @Argument(
        help:
            "Sample trails: files, directories of trails (read in name order), FIFOs, or - for standard input (devices are refused)."
    )
    var trails: [String] = []

    @OptionGroup var sample: SampleOptions

    @Option(
        name: .customLong("profile"), parsing: .upToNextOption,
        help: ArgumentHelp("Old spelling of --volume-profile.", visibility: .hidden))
    var oldProfiles: [String] = []

    @OptionGroup var auditControl: AuditControlOption

    @Option(help: "Candidate flags, as written in audit_control (overrides --audit-control's).")
    var flags: String?

    @Option(help: "Candidate naflags (overrides --audit-control's).")
    var naflags: String?

    @Option(help: "Candidate policy, e.g. cnt,argv (overrides --audit-control's).")
    var policy: String?

    @OptionGroup var tables: SampleTableOptions

    @OptionGroup var dialectOption: DialectOption

    @Option(
        parsing: .upToNextOption,
        help: ArgumentHelp("More candidate audit_control files to evaluate in the same run.", valueName: "file"))
    var compare: [String] = []

    @Flag(help: "Also evaluate the candidate plus each class its flags lack, one at a time.")
    var compareAdditions = false

    @Option(help: ArgumentHelp("Write the sample's profile to this file (atomically).", valueName: "file"))
    var saveProfile: String?

    @Option(help: "Label the saved profile with this host name (default for --save-profile: the system's host name).")
    var host: String?

    @Option(
        name: .customLong("profile-talkers"),
        help: ArgumentHelp(
            "With --save-profile: how many top talkers (an executable or path in an event, user and outcome; most bytes first) the saved profile keeps (0 to 20000; default 100).",
            valueName: "count"), transform: Count.talkers)
    var profileTalkers: Int?

    @Option(help: "Output format: text or json.")
    var format: Format = .text

    @Option(
        help: ArgumentHelp(
            "How many top events, classes, executables and paths to list in text output (1 to 1000).",
            valueName: "count"), transform: Count.listed)
    var top = 5

    @OptionGroup var damage: DamageOptions

    @OptionGroup(title: "eslogger samples") var esLog: ESLogOptions

    @OptionGroup(title: "The host disk --save-profile records (default: measured with statfs)")
    var disk: DiskSpaceOptions

    func validate() throws {
        if trails.isEmpty, sample.isEmpty, oldProfiles.isEmpty {
            throw ValidationError(
                "name at least one trail (a file, a directory, or - for standard input) or a saved --volume-profile; trails go before --compare, which takes every file after it"
            )
        }
        if (trails + sample.trails).filter({ $0 == "-" }).count > 1 {
            throw ValidationError("standard input (-) can be read only once")
        }
        try validateHostDisk()
    }

    func run() throws {
        let inputs = trails + sample.trails
        let kind = inputs.isEmpty ? esLog.inputFormat ?? .bsm : try sampleFormat(inputs, given: esLog.inputFormat)
        if kind == .eslogger { return try estimateESLog(inputs) }
        if !esLog.esEvents.isEmpty {
            throw ValidationError(
                "--es-events chooses events of an eslogger sample; these are BSM trails: give candidates with --flags, --naflags, --policy or --audit-control"
            )
        }
        let dialect = dialectOption.resolved()
        let config = auditControl.path
        let setup = try EstimateSetup.load(
            controlPath: config, eventsPath: tables.events, usersPath: tables.users, userMapPath: tables.userMap,
            dialect: dialect)
        var candidates: [EstimateCandidate] = []
        let given = config != nil || flags != nil || naflags != nil || policy != nil
        let base = EstimateCandidate(
            label: given ? label(config: config) : "stock audit_control", control: setup.control ?? setup.stockControl,
            flags: flags, naflags: naflags, policy: policy, classes: setup.classes, dialect: dialect)
        if given || compare.isEmpty { candidates.append(base) }
        for path in compare { candidates.append(try setup.candidate(controlAt: path)) }
        if compareAdditions { candidates += setup.additions(to: base) }

        guard
            let profile = try sample.read(
                extraTrails: trails, extraProfiles: oldProfiles, hosts: host.map { [$0] } ?? [], command: "estimate",
                options: damage.readerOptions, dialect: dialect, classes: setup.classes,
                formatChecked: true, talkersInOrder: saveProfile != nil)
        else { return }
        var plan = OutputPlan()
        if let saveProfile {
            try plan.add(try savedProfile(profile, classes: setup.classes).jsonData(), to: saveProfile)
        }

        let estimator = setup.estimator(topCount: max(top, 10))
        let report = EstimateReport(
            profile: profile, candidates: candidates.map { estimator.evaluate($0, on: profile) })
        let text =
            switch format {
            case .json: EstimateReporter.json(report)
            case .text: EstimateReporter.text(report, top: top)
            }
        try plan.write { try writeStandardOutput(text, terminator: "") }
    }

    /// Estimates eslogger logs: every event type of the sample, then each `--es-events` set.
    func estimateESLog(_ inputs: [String]) throws {
        try refuseBSMOptions([
            ("--audit-control", auditControl.auditControl != nil || auditControl.oldConfig != nil),
            ("--flags", flags != nil), ("--naflags", naflags != nil), ("--policy", policy != nil),
            ("--compare", !compare.isEmpty), ("--compare-additions", compareAdditions),
            ("--events", tables.events != nil), ("--users", tables.users != nil), ("--user-map", tables.userMap != nil),
            ("--volume-profile", !sample.volumeProfiles.isEmpty || !oldProfiles.isEmpty),
            ("--sample-flags", sample.sampleFlags != nil), ("--save-profile", saveProfile != nil),
            ("--host", host != nil),
        ])
        let profile = try readESLogProfile(inputs, command: "estimate", damage: damage)
        let sets = [ESEventSet.sample] + esLog.esEvents
        let report = ESEstimateReport(
            profile: profile, candidates: sets.map { ESCandidateEstimate($0, on: profile, top: max(top, 10)) })
        let text =
            switch format {
            case .json: ESEstimateReporter.json(report, top: top)
            case .text: ESEstimateReporter.text(report, top: top)
            }
        try writeStandardOutput(text, terminator: "")
    }

    /// The label of the main candidate.
    func label(config: String?) -> String {
        var overrides: [String] = []
        if let flags { overrides.append("flags \(flags)") }
        if let naflags { overrides.append("naflags \(naflags)") }
        if let policy { overrides.append("policy \(policy)") }
        guard let config else { return "command line" }
        return overrides.isEmpty ? config : "\(config) with \(overrides.joined(separator: ", "))"
    }
}
