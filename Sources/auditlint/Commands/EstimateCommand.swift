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
            then estimate any candidate: --config FILE, or --flags/--naflags/--policy (which \
            override the config's; values given nowhere are the stock audit_control's: lo,aa, \
            lo,aa, cnt,argv). The trails are decoded once; --compare adds more candidates \
            (put the trails before it) and --compare-additions adds the candidate plus each class \
            it lacks. Counts are exact for the sample; per-day figures scale by 86400 / span.

            --save-profile writes the sample's mergeable profile; --profile evaluates saved \
            profiles (of many hosts: they add up) without the trails. Damage is reported on \
            standard error with its byte offset and counted in damagedBytes, and the exit code \
            stays 0; --strict stops at the first (exit 1). The per-user masks of audit_user (--users, \
            or the one beside --config) are applied as at login to the records of the audit user \
            ids that --user-map names. Without any candidate, the stock \
            audit_control is estimated. Progress is shown on standard error when it is a terminal.
            """
    )

    @Argument(help: "Sample trails: files, directories of trails (read in name order), FIFOs, or - for standard input (devices are refused).")
    var trails: [String] = []

    @Option(help: ArgumentHelp("The candidate audit_control (its audit_class and audit_event beside it are used).", valueName: "file"))
    var config: String?

    @Option(help: "Candidate flags, as written in audit_control (overrides --config's).")
    var flags: String?

    @Option(help: "Candidate naflags (overrides --config's).")
    var naflags: String?

    @Option(help: "Candidate policy, e.g. cnt,argv (overrides --config's).")
    var policy: String?

    @Option(help: ArgumentHelp("The audit_event table (default: the one beside --config, else the built-in for --dialect).", valueName: "file"))
    var events: String?

    @Option(help: ArgumentHelp("The audit_user whose per-user masks apply with --user-map (default: the one beside --config).", valueName: "file"))
    var users: String?

    @Option(help: ArgumentHelp("Audit user id to login name, for audit_user: a passwd file (name:x:uid:…) or lines of name:uid or uid name.", valueName: "file"))
    var userMap: String?

    @Option(help: "Model this implementation: macos or openbsm.")
    var dialect: String = Dialect.macos.rawValue

    @Option(parsing: .upToNextOption, help: ArgumentHelp("More candidate audit_control files to evaluate in the same run.", valueName: "file"))
    var compare: [String] = []

    @Flag(help: "Also evaluate the candidate plus each class its flags lack, one at a time.")
    var compareAdditions = false

    @Option(parsing: .upToNextOption, help: ArgumentHelp("Saved profiles to evaluate (added together, and to any trails).", valueName: "file"))
    var profile: [String] = []

    @Option(help: ArgumentHelp("Write the sample's profile to this file (atomically).", valueName: "file"))
    var saveProfile: String?

    @Option(help: "Label the saved profile with this host name.")
    var host: String?

    @Option(help: "Output format: text or json.")
    var format: Format = .text

    @Option(help: "How many top events, classes, executables and paths to list in text output.")
    var top = 5

    @Flag(help: "Stop at the first damage (exit code 1).")
    var strict = false

    @Option(help: "Records claiming more bytes than this are treated as damage.")
    var maxRecordSize = 4 << 20

    func validate() throws {
        if trails.isEmpty, profile.isEmpty {
            throw ValidationError("name at least one trail (a file, a directory, or - for standard input) or a saved --profile; trails go before --compare and --profile, which take every file after them")
        }
        if top < 1 { throw ValidationError("--top must be at least 1") }
        if trails.filter({ $0 == "-" }).count > 1 { throw ValidationError("standard input (-) can be read only once") }
        if maxRecordSize < 64 { throw ValidationError("--max-record-size must be at least 64") }
    }

    func run() throws {
        guard let dialect = Dialect(rawValue: dialect) else {
            throw AuditLintError.invalidInput("--dialect: unknown '\(self.dialect)'; use macos or openbsm")
        }
        let setup = try EstimateSetup.load(
            controlPath: config, eventsPath: events, usersPath: users, userMapPath: userMap, dialect: dialect)
        var candidates: [EstimateCandidate] = []
        let given = config != nil || flags != nil || naflags != nil || policy != nil
        let base = EstimateCandidate(
            label: given ? label() : "stock audit_control", control: setup.control ?? setup.stockControl,
            flags: flags, naflags: naflags, policy: policy, classes: setup.classes, dialect: dialect)
        if given || compare.isEmpty { candidates.append(base) }
        for path in compare { candidates.append(try setup.candidate(controlAt: path)) }
        if compareAdditions { candidates += setup.additions(to: base) }

        var builder = VolumeProfileBuilder()
        for path in profile { builder.add(try VolumeProfile.read(path: path)) }
        if !trails.isEmpty {
            try readTrailProfiles(trails, into: &builder, command: "estimate",
                                  options: TrailReader.Options(maxRecordSize: maxRecordSize, strict: strict))
        }
        let sample = builder.profile(hosts: host.map { [$0] } ?? [])
        var plan = OutputPlan()
        if let saveProfile { try plan.add(try sample.jsonData(), to: saveProfile) }

        let estimator = setup.estimator(topCount: max(top, 10))
        let report = EstimateReport(profile: sample, candidates: candidates.map { estimator.evaluate($0, on: sample) })
        let text = switch format {
        case .json: EstimateReporter.json(report)
        case .text: EstimateReporter.text(report, top: top)
        }
        try plan.write { try writeStandardOutput(text, terminator: "") }
    }

    /// The label of the main candidate.
    func label() -> String {
        var overrides: [String] = []
        if let flags { overrides.append("flags \(flags)") }
        if let naflags { overrides.append("naflags \(naflags)") }
        if let policy { overrides.append("policy \(policy)") }
        guard let config else { return "command line" }
        return overrides.isEmpty ? config : "\(config) with \(overrides.joined(separator: ", "))"
    }
}
