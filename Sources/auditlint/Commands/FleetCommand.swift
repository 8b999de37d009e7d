import ArgumentParser
import AuditLintKit
import Foundation

/// `auditlint fleet`: the capacity model for every host of a fleet, from the hosts' saved
/// volume profiles; exit 1 when any host fails.
struct FleetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fleet",
        abstract: "Which hosts of a fleet fill their disk or keep too little history under an audit_control.",
        discussion: """
            Give the hosts' saved volume profiles (`auditlint estimate --save-profile` on each host; \
            Docs/fleet.md shows how to collect them) as files or directories (every *.json below). \
            Each host's sample is replayed through the candidate --audit-control (read in the host's \
            dialect, with the audit_class and audit_event beside it), or through the host's own \
            audit_control as its profile records it, and the capacity model runs on the host's own \
            disk, exactly as `auditlint report` runs it for one host. Failing hosts (the disk fills and \
            records are dropped, the system blocks or halts; the retention is missed; the budget is \
            exceeded) are ranked by how soon they fail. --disk-size, --disk-free and --block-size \
            stand in for profiles that record no disk, --dialect for those that record none; \
            --other-growth, --horizon, --retention, --budget and --start apply to every host. \
            Profiles that cannot be read or evaluated are named on standard error and in the \
            report. Exit code 1 when any host fails; 2 when a profile is invalid (3 unreadable), \
            after the report is written.
            """
    )

    @Argument(
        help: ArgumentHelp(
            "Saved volume profiles, or directories of them (every *.json below, in path order).", valueName: "profile")
    )
    var profiles: [String] = []

    @Option(
        name: .customLong("audit-control"),
        help: ArgumentHelp(
            "The candidate audit_control every host is judged under (default: each host's own, as its profile records it).",
            valueName: "file"))
    var auditControl: String?

    @OptionGroup var dialectOption: DialectOption

    @OptionGroup(title: "The disk (size, free and block size for profiles that record none; growth for every host)")
    var disk: DiskOptions
    @OptionGroup(title: "The period and the requirements") var period: PeriodOptions

    @Option(help: "Output format.")
    var format: FleetReportFormat = .text
    @OptionGroup var output: OutputFileOption
    @Option(
        help: ArgumentHelp(
            "How many failing hosts to list in text, Markdown and HTML (1 to 1000).", valueName: "count"),
        transform: Count.listed)
    var top = 20

    func validate() throws {
        if profiles.isEmpty {
            throw ValidationError(
                "name the hosts' saved volume profiles (files, or a directory of them); `auditlint estimate --save-profile` writes one per host"
            )
        }
        if (disk.diskSize == nil) != (disk.diskFree == nil) {
            throw ValidationError(
                "give --disk-size and --disk-free together (the disk of profiles that record none)")
        }
    }

    func run() throws {
        var candidatePath: String?
        var candidateHash: String?
        var candidate: [Dialect: Result<AuditControl, AuditLintError>]?
        if let auditControl {
            var results: [Dialect: Result<AuditControl, AuditLintError>] = [:]
            var firstError: AuditLintError?
            for dialect in Dialect.allCases {
                do {
                    results[dialect] = .success(try ReportCommand.loadAuditControl(auditControl, dialect: dialect))
                } catch let error as AuditLintError {
                    results[dialect] = .failure(error)
                    firstError = firstError ?? error
                }
            }
            // Only a file that cannot be read in either dialect stops the run; otherwise the
            // hosts of a dialect it cannot be used in are reported as not evaluated.
            guard let first = Dialect.allCases.lazy.compactMap({ try? results[$0]?.get() }).first else {
                throw firstError ?? AuditLintError.invalidInput("\(auditControl): not read")
            }
            candidatePath = first.path
            candidateHash = SHA256.hex(try SourceText.read(path: first.path).bytes)
            candidate = results
        }
        let request = FleetRequest(
            candidate: candidate, fallbackDialect: dialectOption.resolved(), fallbackDiskSize: disk.diskSize?.bytes,
            fallbackDiskFree: disk.diskFree?.bytes, fallbackBlockSize: disk.blockSize?.bytes,
            otherGrowthPerDay: disk.otherGrowth?.bytesPerDay ?? 0,
            horizonSeconds: period.horizon?.seconds ?? 90 * 86_400,
            startEpoch: period.startOption.resolved.epoch,
            requirements: CapacityRequirements(
                retentionSeconds: period.retention?.seconds, budget: period.budget?.budget))
        let files = try FleetProfiles.expand(profiles)
        let hosts = FleetEvaluator(request: request).evaluate(
            files: files, workers: ProcessInfo.processInfo.activeProcessorCount)
        let report = FleetReport(
            hosts: hosts, candidatePath: candidatePath, candidateHash: candidateHash,
            horizonSeconds: request.horizonSeconds, startEpoch: request.startEpoch, requirements: request.requirements)
        let text = report.rendered(as: format, top: top)
        try output.write(text)
        for problem in report.problems.compactMap(\.problem) {
            writeStandardError("auditlint: error: \(problem.message)")
        }
        if !report.problems.isEmpty {
            let usage = report.problems.contains { $0.problem!.isUsageError }
            throw ExitCode((usage ? ExitStatus.usage : ExitStatus.failure).rawValue)
        }
        if report.verdict == .fail { throw ExitCode(ExitStatus.findings.rawValue) }
    }
}

extension FleetReportFormat: ExpressibleByArgument {}
