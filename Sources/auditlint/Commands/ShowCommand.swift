import ArgumentParser
import AuditLintKit

/// `auditlint show PATH`: what auditd will do with an audit_control file.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show each audit_control setting as written, its effective value, and why they differ.",
        discussion: """
            Sibling audit_class/audit_event/audit_user files are used when present; otherwise \
            the dialect's built-in defaults. Exit codes: 0 shown, 2 usage error (a directory, \
            a bad option), 3 the file cannot be read.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Argument(help: "The audit_control file.")
    var path: String

    @Option(help: "Output format: text or json.")
    var format: Format = .text

    @OptionGroup var dialectOption: DialectOption

    func run() throws {
        let context = try ConfigurationLoader(dialect: dialectOption.resolved()).load(controlPath: path)
        let report = ShowReport(control: context.control, classes: context.classes)
        switch format {
        case .text: try writeStandardOutput(ShowReporter.text(report), terminator: "")
        case .json: try writeStandardOutput(ShowReporter.json(report), terminator: "")
        }
    }
}
