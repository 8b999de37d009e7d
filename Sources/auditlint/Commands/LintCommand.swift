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

            Formats: text (default), json, sarif, github, markdown, checkstyle, junit. Give \
            several with `--format X --output FILE` pairs; at most one format goes to standard output.

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
        let contexts = try runner.load(paths.isEmpty ? ["."] : paths, capacity: try capacityOptions.assumptions())
        let compliance = try profileOptions.evaluate(contexts)
        let baselinePath = settings.baseline?.value
        let baseline = try settings.baseline.map(Self.readBaseline)
        var result = runner.lint(
            contexts,
            extraFindings: compliance.findings,
            extraRules: compliance.rules,
            baseline: baseline,
            baselineDirectory: baselinePath.map(PathName.directory(holding:))
        )
        result.compliance = compliance.outcomes

        if let writeBaseline {
            let paths = PathContext(
                workingDirectory: workingDirectory, root: PathName.directory(holding: writeBaseline))
            try Baseline(findings: result.findings, sources: result.files, paths: paths).write(to: writeBaseline)
            FileHandle.standardError.write(
                Data("auditlint: wrote \(result.findings.count) findings to \(writeBaseline)\n".utf8))
            return
        }

        let shown = result.boundedForReport(settings: settings, workingDirectory: workingDirectory)
        let chosen = formats.isEmpty ? [OutputFormat.text] : formats
        var plan = OutputPlan()
        var standardOutput: String?
        var styled = false
        for (index, format) in chosen.enumerated() {
            let toStandardOutput = index >= outputs.count
            let options = ReportOptions(
                color: format == .text && toStandardOutput && useColor,
                paths: PathContext(workingDirectory: workingDirectory),
                category: sarifCategory
            )
            let text = format.render(shown, options: options)
            if toStandardOutput {
                standardOutput = text
                styled = options.color
            } else {
                try plan.add(text, to: outputs[index])
            }
        }
        try plan.write { try standardOutput.map { try writeStandardOutput($0, terminator: "", escaping: !styled) } }
        let status = result.exitStatus(failOn: settings.failOn.value, strictBaseline: strictBaseline)
        if status != 0 { throw ExitCode(status) }
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
