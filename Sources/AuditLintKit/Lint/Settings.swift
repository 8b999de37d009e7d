/// Where a setting's value came from, for `auditlint config --show`.
public enum SettingOrigin: Sendable, Hashable, CustomStringConvertible {
    /// The built-in default.
    case builtIn
    /// The top level of a configuration file.
    case configFile(String)
    /// A per-path override of a configuration file (its path and the override's patterns).
    case pathOverride(file: String, paths: [String])
    /// An environment variable.
    case environment(String)
    /// A command-line option.
    case commandLine(String)

    public var description: String {
        switch self {
        case .builtIn: "default"
        case .configFile(let path): "file \(path)"
        case .pathOverride(let path, let patterns): "file \(path), override for \(patterns.joined(separator: ", "))"
        case .environment(let name): "environment \(name)"
        case .commandLine(let option): "command line \(option)"
        }
    }
}

/// A value of the linter's configuration with its origin (not to be confused with the
/// audit_control settings of Control/, such as ``FlagsSetting``).
public struct Configured<Value: Sendable & Hashable>: Sendable, Hashable {
    /// The value in force.
    public var value: Value
    /// Where it was set.
    public var origin: SettingOrigin

    public init(_ value: Value, origin: SettingOrigin) {
        self.value = value
        self.origin = origin
    }
}

/// The settings one source gives (the configuration file's top level, one of its per-path
/// overrides, the environment or the command line); absent values leave lower layers in force.
public struct SettingsLayer: Sendable, Hashable {
    /// The exit threshold (`failOn`, `--fail-on`).
    public var failOn: Configured<FailOn>?
    /// The dialect (`dialect`, `--dialect`).
    public var dialect: Configured<Dialect>?
    /// Whether suppression comments are ignored (`noInlineSuppressions`, `--no-inline-suppressions`).
    public var noInlineSuppressions: Configured<Bool>?
    /// The baseline file (absolute, or relative to the working directory).
    public var baseline: Configured<String>?
    /// Rules turned on (`true`, `enable`) or off (`false`, `disable`), by id.
    public var rules: [String: Configured<Bool>]
    /// Severity overrides by rule id.
    public var severities: [String: Configured<Severity>]

    public init(
        failOn: Configured<FailOn>? = nil,
        dialect: Configured<Dialect>? = nil,
        noInlineSuppressions: Configured<Bool>? = nil,
        baseline: Configured<String>? = nil,
        rules: [String: Configured<Bool>] = [:],
        severities: [String: Configured<Severity>] = [:]
    ) {
        self.failOn = failOn
        self.dialect = dialect
        self.noInlineSuppressions = noInlineSuppressions
        self.baseline = baseline
        self.rules = rules
        self.severities = severities
    }

    /// The command line's layer; each value's origin names its option (`--fail-on`,
    /// `--dialect`, `--no-inline-suppressions`, `--baseline`, `--enable`, `--disable`,
    /// `--severity ID=LEVEL`).
    public static func commandLine(
        failOn: FailOn? = nil,
        dialect: Dialect? = nil,
        noInlineSuppressions: Bool? = nil,
        baseline: String? = nil,
        enable: [String] = [],
        disable: [String] = [],
        severities: [String: Severity] = [:]
    ) -> SettingsLayer {
        var layer = SettingsLayer(
            failOn: failOn.map { Configured($0, origin: .commandLine("--fail-on")) },
            dialect: dialect.map { Configured($0, origin: .commandLine("--dialect")) },
            noInlineSuppressions: noInlineSuppressions.map {
                Configured($0, origin: .commandLine("--no-inline-suppressions"))
            },
            baseline: baseline.map { Configured($0, origin: .commandLine("--baseline")) },
            severities: severities.mapValues { Configured($0, origin: .commandLine("--severity")) }
        )
        for id in enable { layer.rules[id] = Configured(true, origin: .commandLine("--enable")) }
        for id in disable { layer.rules[id] = Configured(false, origin: .commandLine("--disable")) }
        return layer
    }

    /// The environment's layer: `AUDITLINT_FAIL_ON` (`error|warning|note|never`),
    /// `AUDITLINT_DIALECT` (`macos|openbsm`), `AUDITLINT_NO_INLINE_SUPPRESSIONS`
    /// (`1|true|yes|0|false|no`), `AUDITLINT_BASELINE` (a path), `AUDITLINT_ENABLE` and
    /// `AUDITLINT_DISABLE` (comma-separated rule ids), `AUDITLINT_SEVERITY`
    /// (`AC105=warning,AC203=note`). Empty variables are ignored.
    ///
    /// - Throws: ``AuditLintError/invalidInput(_:)`` naming the variable and the accepted values.
    public static func environment(_ variables: [String: String]) throws -> SettingsLayer {
        func value(_ name: String) -> String? {
            guard let raw = variables[name]?.trimmingBlanks, !raw.isEmpty else { return nil }
            return raw
        }
        func invalid(_ name: String, _ raw: String, _ accepted: String) -> AuditLintError {
            .invalidInput("environment variable \(name)=\(raw) is invalid; use \(accepted), or unset it")
        }
        func list(_ name: String) throws -> [String] {
            guard let raw = value(name) else { return [] }
            let ids = raw.split(separator: ",").map { String($0).trimmingBlanks }
            guard ids.allSatisfy(MetaRules.isRuleID) else {
                throw invalid(name, raw, "comma-separated rule ids such as AC105,AC203")
            }
            return ids
        }
        var layer = SettingsLayer()
        if let raw = value("AUDITLINT_FAIL_ON") {
            guard let failOn = FailOn(rawValue: raw) else {
                throw invalid("AUDITLINT_FAIL_ON", raw, "error, warning, note or never")
            }
            layer.failOn = Configured(failOn, origin: .environment("AUDITLINT_FAIL_ON"))
        }
        if let raw = value("AUDITLINT_DIALECT") {
            guard let dialect = Dialect(rawValue: raw) else {
                throw invalid("AUDITLINT_DIALECT", raw, "macos or openbsm")
            }
            layer.dialect = Configured(dialect, origin: .environment("AUDITLINT_DIALECT"))
        }
        if let raw = value("AUDITLINT_NO_INLINE_SUPPRESSIONS") {
            let flag: Bool? =
                switch raw.lowercased() {
                case "1", "true", "yes": true
                case "0", "false", "no": false
                default: nil
                }
            guard let flag else {
                throw invalid("AUDITLINT_NO_INLINE_SUPPRESSIONS", raw, "1, true, yes, 0, false or no")
            }
            layer.noInlineSuppressions = Configured(flag, origin: .environment("AUDITLINT_NO_INLINE_SUPPRESSIONS"))
        }
        if let raw = value("AUDITLINT_BASELINE") {
            layer.baseline = Configured(raw, origin: .environment("AUDITLINT_BASELINE"))
        }
        for id in try list("AUDITLINT_ENABLE") {
            layer.rules[id] = Configured(true, origin: .environment("AUDITLINT_ENABLE"))
        }
        for id in try list("AUDITLINT_DISABLE") {
            layer.rules[id] = Configured(false, origin: .environment("AUDITLINT_DISABLE"))
        }
        if let raw = value("AUDITLINT_SEVERITY") {
            for pair in raw.split(separator: ",") {
                let parts = pair.split(separator: "=", maxSplits: 1).map { String($0).trimmingBlanks }
                guard parts.count == 2, MetaRules.isRuleID(parts[0]), let severity = Severity(rawValue: parts[1]) else {
                    throw invalid(
                        "AUDITLINT_SEVERITY", raw,
                        "ID=LEVEL pairs such as AC105=warning,AC203=note (levels error, warning, note)")
                }
                layer.severities[parts[0]] = Configured(severity, origin: .environment("AUDITLINT_SEVERITY"))
            }
        }
        return layer
    }

    /// `other`'s values over this layer's.
    func overlaid(by other: SettingsLayer) -> SettingsLayer {
        var merged = self
        merged.failOn = other.failOn ?? failOn
        merged.dialect = other.dialect ?? dialect
        merged.noInlineSuppressions = other.noInlineSuppressions ?? noInlineSuppressions
        merged.baseline = other.baseline ?? baseline
        merged.rules.merge(other.rules) { _, new in new }
        merged.severities.merge(other.severities) { _, new in new }
        return merged
    }
}

/// The effective settings of a run: command line over environment over configuration file
/// (its per-path overrides over its top level) over defaults, each value with its origin.
public struct Settings: Sendable {
    /// The configuration file in force, if any.
    public var configFile: ConfigFile?
    /// The exit threshold.
    public var failOn: Configured<FailOn>
    /// The dialect (per-path overrides may change it, see ``forFile(_:workingDirectory:)``).
    public var dialect: Configured<Dialect>
    /// Whether inline suppression comments are ignored.
    public var noInlineSuppressions: Configured<Bool>
    /// The baseline file; nil for none.
    public var baseline: Configured<String>?
    /// Rules explicitly enabled or disabled (before per-path overrides).
    public var rules: [String: Configured<Bool>]
    /// Severity overrides (before per-path overrides).
    public var severities: [String: Configured<Severity>]

    private var fileLayer: SettingsLayer
    private var upperLayer: SettingsLayer

    /// Resolves the layers. `file` is the configuration file found for the linted files
    /// (``ConfigFile/locate(explicit:environment:startingAt:fileExists:)``).
    public init(
        file: ConfigFile?, environment: SettingsLayer = SettingsLayer(), commandLine: SettingsLayer = SettingsLayer()
    ) {
        configFile = file
        fileLayer = file?.base ?? SettingsLayer()
        upperLayer = environment.overlaid(by: commandLine)
        let merged = fileLayer.overlaid(by: upperLayer)
        failOn = merged.failOn ?? Configured(.error, origin: .builtIn)
        dialect = merged.dialect ?? Configured(.macos, origin: .builtIn)
        noInlineSuppressions = merged.noInlineSuppressions ?? Configured(false, origin: .builtIn)
        baseline = merged.baseline
        rules = merged.rules
        severities = merged.severities
    }

    /// The settings for one linted file: the configuration file's overrides whose patterns
    /// match its path (relative to the configuration file's directory; later overrides win)
    /// apply over the file's top level, and the environment and command line over both.
    public func forFile(_ path: String, workingDirectory: String) -> FileSettings {
        var layer = fileLayer
        if let configFile {
            let relative = PathContext(workingDirectory: workingDirectory, root: configFile.directory).relative(path)
            for override in configFile.overrides where override.matches(relative) {
                layer = layer.overlaid(by: override.layer)
            }
        }
        layer = layer.overlaid(by: upperLayer)
        return FileSettings(
            dialect: layer.dialect ?? Configured(.macos, origin: .builtIn),
            rules: layer.rules,
            severities: layer.severities
        )
    }

    /// The `auditlint config --show` text: each setting, its value and its origin.
    public var rendered: String {
        var rows: [(String, String, String)] = [
            ("failOn", failOn.value.rawValue, failOn.origin.description),
            ("dialect", dialect.value.rawValue, dialect.origin.description),
            ("noInlineSuppressions", String(noInlineSuppressions.value), noInlineSuppressions.origin.description),
            (
                "baseline", baseline?.value ?? "(none)",
                baseline?.origin.description ?? SettingOrigin.builtIn.description
            ),
        ]
        for (id, setting) in rules.sorted(by: { $0.key < $1.key }) {
            rows.append(("rule \(id)", setting.value ? "enabled" : "disabled", setting.origin.description))
        }
        for (id, setting) in severities.sorted(by: { $0.key < $1.key }) {
            rows.append(("severity \(id)", setting.value.rawValue, setting.origin.description))
        }
        for override in configFile?.overrides ?? [] {
            let origin = SettingOrigin.pathOverride(file: override.file, paths: override.patterns.map(\.pattern))
                .description
            if let dialect = override.layer.dialect { rows.append(("dialect", dialect.value.rawValue, origin)) }
            for (id, setting) in override.layer.rules.sorted(by: { $0.key < $1.key }) {
                rows.append(("rule \(id)", setting.value ? "enabled" : "disabled", origin))
            }
            for (id, setting) in override.layer.severities.sorted(by: { $0.key < $1.key }) {
                rows.append(("severity \(id)", setting.value.rawValue, origin))
            }
        }
        let nameWidth = rows.map(\.0.count).max() ?? 0
        let valueWidth = rows.map(\.1.count).max() ?? 0
        func pad(_ text: String, _ width: Int) -> String { text + String(repeating: " ", count: width - text.count) }
        var out = "configuration file: \(configFile?.path ?? "(none)")\n"
        for (name, value, origin) in rows {
            out += "\(pad(name, nameWidth))  \(pad(value, valueWidth))  \(origin)\n"
        }
        return out
    }
}

/// The settings that apply to one linted file.
public struct FileSettings: Sendable, Hashable {
    /// The dialect to lint this file with.
    public var dialect: Configured<Dialect>
    /// Rules explicitly enabled or disabled for this file.
    public var rules: [String: Configured<Bool>]
    /// Severity overrides for this file.
    public var severities: [String: Configured<Severity>]

    /// Whether rule `id` runs on this file; `enabledByDefault` is false for opt-in rules.
    public func isEnabled(_ id: String, enabledByDefault: Bool = true) -> Bool {
        rules[id]?.value ?? enabledByDefault
    }

    /// The severity findings of rule `id` get in this file.
    public func severity(of id: String, default severity: Severity) -> Severity {
        severities[id]?.value ?? severity
    }

    /// `findings` without those of disabled rules, with severity overrides applied.
    public func adjust(_ findings: [Finding]) -> [Finding] {
        findings.compactMap { finding in
            guard isEnabled(finding.ruleId) else { return nil }
            var adjusted = finding
            adjusted.severity = severity(of: finding.ruleId, default: finding.severity)
            return adjusted
        }
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs.
    var trimmingBlanks: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { $0 != " " && $0 != "\t" }),
            let last = scalars.lastIndex(where: { $0 != " " && $0 != "\t" })
        else { return "" }
        return String(scalars[first...last])
    }
}

/// The former name of ``Configured``, kept so code written against it still builds.
@available(*, deprecated, renamed: "Configured")
public typealias Setting<Value: Sendable & Hashable> = Configured<Value>
