import ArgumentParser
import AuditLintKit
import AuditLintRules
import Foundation

/// `auditlint lint`: report what auditd will really do with each configuration.
struct LintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Lint audit_control files (and the audit_class, audit_event and audit_user beside them).",
        discussion: """
            A directory is searched for audit_control files; the class, event and user files \
            beside each are read too (the dialect's built-in defaults stand in for absent ones).

            Formats: text (default), json, sarif, github, markdown, checkstyle, junit, jsonl (one \
            JSON object a line per finding, the json format's finding objects, suppressed ones \
            flagged). Give several with `--format X --output FILE` pairs; at most one format goes \
            to standard output. Text and jsonl findings are written as each configuration is \
            linted; a file named by --output appears only when the run succeeds.

            Exit codes: 0 no finding at or above --fail-on (default error), 1 findings that reach \
            it, 2 usage or configuration error, 3 I/O or internal error.
            """
    )

    @Argument(help: "Files or directories to lint (default: the current directory).")
    var paths: [String] = []

    @OptionGroup var settingsOptions: SettingsOptions

    @Option(name: .customLong("format"), help: ArgumentHelp("Output format (repeatable).", valueName: "format"))
    var formats: [OutputFormat] = []

    @Option(
        name: .customLong("output"),
        help: ArgumentHelp("Write the matching --format to this file (repeatable, in order).", valueName: "file"))
    var outputs: [String] = []

    @Option(help: ArgumentHelp("Write the current findings to this baseline file and exit 0.", valueName: "file"))
    var writeBaseline: String?

    @Flag(help: "Exit 1 when the baseline has entries that no longer match (so it only shrinks).")
    var strictBaseline = false

    @Option(help: ArgumentHelp("Colour text output.", valueName: "when"))
    var color: ColorChoice = .auto

    @Option(help: ArgumentHelp("SARIF category (automationDetails.id), one per uploading job.", valueName: "id"))
    var sarifCategory: String = AuditLintTool.name

    @OptionGroup var profileOptions: ProfileOptions
    @OptionGroup var capacityOptions: CapacityOptions

    enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
        case auto, always, never
    }

    func validate() throws {
        if outputs.count > max(formats.count, 1) {
            throw ValidationError(
                "more --output files than --format options; pair each --output with a --format before it")
        }
        if formats.count - outputs.count > 1 {
            throw ValidationError("only one format can go to standard output; give --output FILE for the others")
        }
    }

    func run() throws {
        let workingDirectory = FileManager.default.currentDirectoryPath
        // The configuration file is looked for from the first linted path upwards (so a
        // config repository's .auditlint.json applies when it is linted from elsewhere).
        let settings = try settingsOptions.resolve(
            startingAt: Self.searchStart(paths.first, workingDirectory: workingDirectory))
        let runner = LintRunner(rules: RuleCatalog.all, settings: settings, workingDirectory: workingDirectory)
        let capacity = try capacityOptions.assumptions()
        let profile = try profileOptions.evaluator()
        let baselinePath = settings.baseline?.value
        let baseline = try settings.baseline.map(Self.readBaseline)
        let targets = paths.isEmpty ? ["."] : paths
        let extra = { (context: LintContext) -> (findings: [Finding], compliance: ComplianceOutcome?) in
            guard let evaluated = profile?.evaluate(context) else { return ([], nil) }
            return (evaluated.findings, evaluated.compliance)
        }

        if let writeBaseline {
            let paths = PathContext(
                workingDirectory: workingDirectory, root: PathName.directory(holding: writeBaseline))
            var entries: [BaselineEntry] = []
            var count = 0
            _ = try runner.run(
                targets, capacity: capacity, extraRules: profile?.rules ?? [],
                extra: extra,
                baseline: baseline, baselineDirectory: baselinePath.map(PathName.directory(holding:)),
                unbounded: { part in
                    count += part.findings.count
                    entries += Baseline(findings: part.findings, sources: part.files, paths: paths).entries
                },
                each: { _ in })
            try Baseline(entries: entries).write(to: writeBaseline)
            FileHandle.standardError.write(Data("auditlint: wrote \(count) findings to \(writeBaseline)\n".utf8))
            return
        }

        // Every output is opened before linting starts (a file as a temporary renamed over it
        // only when the run succeeds), then written as the run goes.
        let chosen = formats.isEmpty ? [OutputFormat.text] : formats
        var files: [OutputFile] = []
        var streams: [LintReportStream] = []
        for (index, format) in chosen.enumerated() {
            let toStandardOutput = index >= outputs.count
            let options = ReportOptions(
                color: format == .text && toStandardOutput && useColor,
                paths: PathContext(workingDirectory: workingDirectory),
                category: sarifCategory
            )
            if toStandardOutput {
                let escaping = !options.color
                streams.append(
                    LintReportStream(format: format, options: options) { text in
                        try writeStandardOutput(text, terminator: "", escaping: escaping)
                    })
            } else {
                if outputs[..<index].contains(outputs[index]) {
                    throw AuditLintError.writeFailed(
                        outputs[index], reason: "named twice as an output of this run; give each output its own file")
                }
                let file = try OutputFile(path: outputs[index])
                files.append(file)
                streams.append(LintReportStream(format: format, options: options) { try file.write(Data($0.utf8)) })
            }
        }
        do {
            let totals = try runner.run(
                targets, capacity: capacity, extraRules: profile?.rules ?? [],
                extra: extra,
                baseline: baseline, baselineDirectory: baselinePath.map(PathName.directory(holding:))
            ) { part in
                for index in streams.indices { try streams[index].add(part) }
            }
            for index in streams.indices { try streams[index].finish(totals) }
            for file in files { try file.finishWriting() }
            for file in files { try file.commit() }
            let status = totals.exitStatus(failOn: settings.failOn.value, strictBaseline: strictBaseline)
            if status != 0 { throw ExitCode(status) }
        } catch let error as ExitCode {
            throw error
        } catch {
            for file in files { file.discard() }
            throw error
        }
    }

    /// The directory to look for `.auditlint.json` from: the path's own directory (or the
    /// path itself when it is a directory), absolute.
    /// The baseline `configured` names; when a configuration file named it, an error says which file, so the
    /// user knows where to correct the path.
    static func readBaseline(_ configured: Configured<String>) throws -> Baseline {
        do {
            return try Baseline.read(path: configured.value)
        } catch let error as AuditLintError {
            switch configured.origin {
            case .configFile, .pathOverride, .environment:
                throw AuditLintError.invalidInput("\(error.description) (the baseline named by \(configured.origin))")
            case .builtIn, .commandLine:
                throw error
            }
        }
    }

    static func searchStart(_ path: String?, workingDirectory: String) -> String {
        guard let path else { return workingDirectory }
        let absolute = PathContext.absolute(path, from: workingDirectory)
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: absolute, isDirectory: &isDirectory), isDirectory.boolValue {
            return absolute
        }
        return PathName.directory(holding: absolute)
    }

    private var useColor: Bool {
        switch color {
        case .always: return true
        case .never: return false
        case .auto:
            let environment = ProcessInfo.processInfo.environment
            return environment["NO_COLOR"] == nil && isatty(STDOUT_FILENO) != 0 && environment["TERM"] != "dumb"
        }
    }
}
