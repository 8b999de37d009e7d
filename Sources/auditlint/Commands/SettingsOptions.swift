import ArgumentParser
import AuditLintKit
import Foundation

/// The options every command that lints shares with `config --show`: each one is also a
/// key of `.auditlint.json` and an `AUDITLINT_*` variable (see ``ConfigFile``).
struct SettingsOptions: ParsableArguments {
    @Option(
        name: .customLong("config"),
        help: ArgumentHelp(
            "The linter's own configuration, .auditlint.json (default: the nearest one above the first linted path, or $AUDITLINT_CONFIG).",
            valueName: "file"))
    var configFile: String?

    @Option(help: ArgumentHelp("Exit 1 when a finding reaches this severity (default error).", valueName: "level"))
    var failOn: FailOn?

    @OptionGroup var dialectOption: DialectOption

    @Flag(help: "Ignore `# auditlint disable-...` comments.")
    var noInlineSuppressions = false

    @Option(help: "A baseline file of accepted findings.")
    var baseline: String?

    @Option(
        name: .customLong("enable"), help: ArgumentHelp("Turn a rule on (repeatable).", valueName: "ID"),
        transform: RuleID.parse)
    var enabledRules: [RuleID] = []

    @Option(
        name: .customLong("disable"), help: ArgumentHelp("Turn a rule off (repeatable).", valueName: "ID"),
        transform: RuleID.parse)
    var disabledRules: [RuleID] = []

    @Option(
        name: .customLong("severity"),
        help: ArgumentHelp("Override a rule's severity (repeatable).", valueName: "ID=LEVEL"),
        transform: SeverityOverride.parse)
    var severityOverrides: [SeverityOverride] = []

    /// The command line's settings layer.
    func commandLineLayer() -> SettingsLayer {
        var severities: [String: Severity] = [:]
        for override in severityOverrides { severities[override.id] = override.severity }
        return .commandLine(
            failOn: failOn,
            dialect: dialectOption.dialect,
            noInlineSuppressions: noInlineSuppressions ? true : nil,
            baseline: baseline,
            enable: enabledRules.map(\.id),
            disable: disabledRules.map(\.id),
            severities: severities
        )
    }

    /// The effective settings for files under `directory` (absolute).
    func resolve(startingAt directory: String, environment: [String: String] = ProcessInfo.processInfo.environment)
        throws -> Settings
    {
        let path = ConfigFile.locate(explicit: configFile, environment: environment, startingAt: directory)
        return Settings(
            file: try path.map(ConfigFile.load(path:)),
            environment: try SettingsLayer.environment(environment),
            commandLine: commandLineLayer()
        )
    }
}
