import ArgumentParser
import AuditLintKit
import Foundation

/// The options every command that lints shares with `config --show`: each one is also a
/// key of `.auditlint.json` and an `AUDITLINT_*` variable (see ``ConfigFile``).
struct SettingsOptions: ParsableArguments {
    @Option(name: .customLong("config"), help: "The configuration file (default: the nearest .auditlint.json above each linted file, or $AUDITLINT_CONFIG).")
    var configFile: String?

    @Option(help: "Exit 1 when a finding reaches this severity: error, warning, note or never.")
    var failOn: String?

    @Option(help: "Model this implementation: macos or openbsm.")
    var dialect: String?

    @Flag(help: "Ignore `# auditlint disable-…` comments.")
    var noInlineSuppressions = false

    @Option(help: "A baseline file of accepted findings.")
    var baseline: String?

    @Option(name: .customLong("enable"), help: ArgumentHelp("Turn a rule on (repeatable).", valueName: "ID"))
    var enabledRules: [String] = []

    @Option(name: .customLong("disable"), help: ArgumentHelp("Turn a rule off (repeatable).", valueName: "ID"))
    var disabledRules: [String] = []

    @Option(name: .customLong("severity"), help: ArgumentHelp("Override a rule's severity (repeatable).", valueName: "ID=LEVEL"))
    var severityOverrides: [String] = []

    /// The command line's settings layer.
    ///
    /// - Throws: ``AuditLintError/invalidInput(_:)`` (exit 2) for a value out of range.
    func commandLineLayer() throws -> SettingsLayer {
        func parse<T: RawRepresentable & CaseIterable>(_ raw: String?, _ option: String, _: T.Type) throws -> T? where T.RawValue == String {
            guard let raw else { return nil }
            guard let value = T(rawValue: raw) else {
                throw AuditLintError.invalidInput("\(option) \(raw) is invalid; use \(T.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return value
        }
        for id in enabledRules + disabledRules where !MetaRules.isRuleID(id) {
            throw AuditLintError.invalidInput("\(id) is not a rule id (ids are AC and three digits, such as AC105); `auditlint rules` lists them")
        }
        var severities: [String: Severity] = [:]
        for pair in severityOverrides {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, MetaRules.isRuleID(parts[0]), let severity = Severity(rawValue: parts[1]) else {
                throw AuditLintError.invalidInput("--severity \(pair) is invalid; write ID=LEVEL such as AC105=warning (levels error, warning, note)")
            }
            severities[parts[0]] = severity
        }
        return .commandLine(
            failOn: try parse(failOn, "--fail-on", FailOn.self),
            dialect: try parse(dialect, "--dialect", Dialect.self),
            noInlineSuppressions: noInlineSuppressions ? true : nil,
            baseline: baseline,
            enable: enabledRules,
            disable: disabledRules,
            severities: severities
        )
    }

    /// The effective settings for files under `directory` (absolute).
    func resolve(startingAt directory: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Settings {
        let path = ConfigFile.locate(explicit: configFile, environment: environment, startingAt: directory)
        return Settings(
            file: try path.map(ConfigFile.load(path:)),
            environment: try SettingsLayer.environment(environment),
            commandLine: try commandLineLayer()
        )
    }
}
