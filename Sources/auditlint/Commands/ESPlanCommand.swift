import ArgumentParser
import AuditLintKit

/// `auditlint es-plan PATH`: what an audit_control audits, in Endpoint Security terms.
struct ESPlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "es-plan",
        abstract: "Show the Endpoint Security events and eslogger command that cover what an audit_control audits.",
        discussion: """
            The file is read as macOS's libbsm and auditd read it (Endpoint Security exists only \
            on macOS), with the audit_class, audit_event and audit_user beside it when present. \
            The plan lists the ES events, the eslogger command line, the coverage of each audited \
            class (success and failure), the requirements of a --profile ES can still meet, and \
            what an ES log holds that the configuration does not ask for. The BSM-to-ES map is in \
            Docs/endpoint-security.md. Exit codes: 0 shown, 2 usage error (a bad option, a \
            directory without exactly one audit_control), 3 a file cannot be read or the output \
            cannot be written.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, markdown
    }

    @Argument(help: "The audit_control file (or a directory holding one).")
    var path: String

    @Option(help: "Output format: text, json or markdown.")
    var format: Format = .text

    @OptionGroup var output: OutputFileOption

    @OptionGroup var profileOptions: ProfileOptions

    func run() throws {
        let selection = try profileOptions.selection()
        let loader = ConfigurationLoader(dialect: .macos)
        let found = try loader.discover([path])
        guard found.count == 1 else {
            throw AuditLintError.invalidInput("\(path): holds \(found.count) audit_control files; name one of them")
        }
        let context = try loader.load(controlPath: found[0])
        let plan =
            if let selection {
                ESPlan(context: context, profile: selection.profile, options: selection.options)
            } else {
                ESPlan(context: context)
            }
        let rendered = ESPlanReporter.render(plan, as: ESPlanReporter.Format(rawValue: format.rawValue) ?? .text)
        try output.write(rendered)
    }
}
