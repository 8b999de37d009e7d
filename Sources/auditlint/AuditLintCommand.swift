import ArgumentParser
import AuditLintKit

/// The root command; subcommands do the work.
struct AuditLintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "auditlint",
        abstract: "Lint, decode, estimate and size OpenBSM audit configurations and trails.",
        discussion: """
            Exit codes: 0 success (no finding at or above --fail-on), 1 findings or a failing \
            verdict, 2 usage or configuration error, 3 I/O or internal error.
            """,
        version: AuditLintTool.version,
        subcommands: [
            LintCommand.self, ShowCommand.self, DecodeCommand.self, CommandsCommand.self, ReportCommand.self,
            RulesCommand.self, ExplainCommand.self, ConfigCommand.self, TuneCommand.self, EstimateCommand.self,
            SynthCommand.self, ESPlanCommand.self, FleetCommand.self,
        ]
    )
}
