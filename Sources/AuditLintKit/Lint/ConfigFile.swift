import Foundation

/// A per-path override in `.auditlint.json`: settings for the files its patterns match.
public struct PathOverride: Sendable, Hashable {
    /// The patterns (``Glob``), relative to the configuration file's directory.
    public var patterns: [Glob]
    /// What it sets: `dialect`, `enable`, `disable`, `severity`.
    public var layer: SettingsLayer
    /// The configuration file it comes from.
    public var file: String

    /// Whether `relativePath` (relative to the configuration file's directory) matches a pattern.
    public func matches(_ relativePath: String) -> Bool {
        patterns.contains { $0.matches(relativePath) }
    }
}

/// The tool's configuration file, `.auditlint.json`.
///
/// ```json
/// {
///   "version": 1,
///   "failOn": "error",
///   "dialect": "macos",
///   "disable": ["AC105"],
///   "enable": ["AC512"],
///   "severity": {"AC203": "warning"},
///   "noInlineSuppressions": false,
///   "baseline": "auditlint-baseline.json",
///   "overrides": [
///     {"paths": ["hosts/legacy/**"], "disable": ["AC203"]},
///     {"paths": ["hosts/freebsd/**"], "dialect": "openbsm", "severity": {"AC301": "error"}}
///   ]
/// }
/// ```
/// - `version` (required): the format version, `1`; a newer version is refused.
/// - `failOn`: `error` (default), `warning`, `note` or `never`: the least severity that
///   makes `lint` exit 1.
/// - `dialect`: `macos` (default) or `openbsm`.
/// - `disable` / `enable`: rule ids to turn off, or to turn on (opt-in rules); a rule may
///   not be in both.
/// - `severity`: per-rule severity (`error`, `warning`, `note`).
/// - `noInlineSuppressions`: `true` ignores `# auditlint disable-…` comments (for teams that
///   forbid them; baselines still apply).
/// - `baseline`: the baseline file, relative to this file's directory.
/// - `overrides`: settings for paths matching `paths` (``Glob`` patterns relative to this
///   file's directory: `*`, `?`, `**`); each may set `dialect`, `disable`, `enable` and
///   `severity`. Later overrides win over earlier ones; all win over the top level.
///
/// Every command-line option has a key here, and unknown keys are errors (a misspelt key
/// that is silently ignored is the trap other linters' users fall into). The file is found
/// by walking up from each linted file's directory, or named with `--config`. Precedence:
/// command line > environment (`AUDITLINT_*`) > this file > defaults.
public struct ConfigFile: Sendable, Hashable {
    /// The file name looked for.
    public static let fileName = ".auditlint.json"
    /// The format version this build reads.
    public static let currentVersion = 1
    /// The largest configuration file read.
    static let sizeLimit = 1 << 20

    /// The file's path as found or named.
    public var path: String
    /// The top-level settings.
    public var base: SettingsLayer
    /// The per-path overrides, in file order.
    public var overrides: [PathOverride]

    /// The directory the file is in (patterns and the baseline path are relative to it).
    public var directory: String {
        PathName.directory(holding: path)
    }

    /// Reads and validates the file at `path`.
    ///
    /// - Throws: the read errors of ``SourceText/read(path:limit:)``, or
    ///   ``AuditLintError/invalidFile(_:line:column:problem:)`` naming what is wrong.
    public static func load(path: String) throws -> ConfigFile {
        try parse(SourceText.read(path: path, limit: sizeLimit).bytes, path: path)
    }

    /// The configuration file for a run: `explicit` (`--config`) when given, else
    /// `AUDITLINT_CONFIG`, else the nearest `.auditlint.json` walking up from
    /// `startingAt` (a linted file's directory, absolute); a `.auditlint.json` met on the way
    /// that is not a regular file (a FIFO, a directory) is skipped. Nil when there is none.
    public static func locate(
        explicit: String?,
        environment: [String: String],
        startingAt directory: String,
        fileExists: (String) -> Bool = { InputFile.existingKind(of: $0) == .regular }
    ) -> String? {
        if let explicit { return explicit }
        if let named = environment["AUDITLINT_CONFIG"], !named.isEmpty { return named }
        var current = PathContext.normalize(directory)
        while true {
            let candidate = current == "/" ? "/" + fileName : current + "/" + fileName
            if fileExists(candidate) { return candidate }
            guard current != "/", current != ".", current.contains("/") else { return nil }
            current = PathContext.normalize(current + "/..")
        }
    }

    /// Parses a configuration file's bytes; `path` names it in errors and anchors relative paths.
    ///
    /// - Throws: ``AuditLintError/invalidFile(_:line:column:problem:)``.
    public static func parse(_ bytes: [UInt8], path: String) throws -> ConfigFile {
        let document = try JSONInput.parse(
            bytes, path: path, what: "configuration file",
            remedy: "write at least {\"version\": 1}, or remove the file")
        let reader = Reader(bytes: bytes, path: path)
        guard case .object(let members) = document else {
            throw reader.invalid("expected a JSON object such as {\"version\": 1}", near: nil)
        }
        guard let versionValue = document["version"] else {
            throw reader.invalid("\"version\" is missing; start the file with \"version\": 1", near: nil)
        }
        guard case .integer(let version) = versionValue, version >= 1 else {
            throw reader.invalid("\"version\" must be a positive integer; write \"version\": 1", near: "version")
        }
        guard version <= currentVersion else {
            throw reader.invalid(
                "version \(version) needs a newer auditlint (this one reads version \(currentVersion)); upgrade auditlint",
                near: "version")
        }
        let origin = SettingOrigin.configFile(path)
        var file = ConfigFile(path: path, base: SettingsLayer(), overrides: [])
        let topLevelKeys = [
            "version", "failOn", "dialect", "disable", "enable", "severity", "noInlineSuppressions", "baseline",
            "overrides",
        ]
        for (key, value) in members {
            switch key {
            case "version": break
            case "failOn":
                file.base.failOn = Configured(try reader.choice(value, key: key, FailOn.self), origin: origin)
            case "noInlineSuppressions":
                guard case .bool(let flag) = value else {
                    throw reader.invalid("\"noInlineSuppressions\" must be true or false", near: key)
                }
                file.base.noInlineSuppressions = Configured(flag, origin: origin)
            case "baseline":
                guard case .string(let baseline) = value, !baseline.isEmpty else {
                    throw reader.invalid("\"baseline\" must be a path (relative to this file's directory)", near: key)
                }
                file.base.baseline = Configured(PathContext.absolute(baseline, from: file.directory), origin: origin)
            case "overrides":
                guard case .array(let items) = value else {
                    throw reader.invalid("\"overrides\" must be an array of objects", near: key)
                }
                for (index, item) in items.enumerated() {
                    file.overrides.append(try reader.override(item, index: index + 1))
                }
            case "dialect", "disable", "enable", "severity":
                try reader.ruleSetting(key, value, into: &file.base, origin: origin)
            default:
                throw reader.unknownKey(key, allowed: topLevelKeys)
            }
        }
        return file
    }

    /// Validation helpers that locate a key in the file for error messages.
    private struct Reader {
        let bytes: [UInt8]
        let path: String

        /// An error placed at the first occurrence of `"key"` in the file (JSONValue keeps
        /// no positions; a key name is almost always unique in so small a file).
        func invalid(_ problem: String, near key: String?) -> AuditLintError {
            guard let key, let offset = find("\"\(key)\"") else {
                return .invalidFile(path, line: nil, column: nil, problem: problem)
            }
            var line = 1
            var lineStart = 0
            for index in 0..<offset where bytes[index] == UInt8(ascii: "\n") {
                line += 1
                lineStart = index + 1
            }
            return .invalidFile(path, line: line, column: offset - lineStart + 1, problem: problem)
        }

        private func find(_ needle: String) -> Int? {
            let target = Array(needle.utf8)
            guard target.count <= bytes.count else { return nil }
            return (0...(bytes.count - target.count)).first { bytes[$0..<$0 + target.count].elementsEqual(target) }
        }

        func unknownKey(_ key: String, allowed: [String]) -> AuditLintError {
            let hint = allowed.first { $0.lowercased() == key.lowercased() }.map { " (did you mean \"\($0)\"?)" } ?? ""
            return invalid("unknown key \"\(key)\"\(hint); the keys are \(allowed.joined(separator: ", "))", near: key)
        }

        func choice<T: RawRepresentable & CaseIterable>(_ value: JSONValue, key: String, _ type: T.Type) throws -> T
        where T.RawValue == String {
            let names = T.allCases.map(\.rawValue).joined(separator: ", ")
            guard case .string(let text) = value, let choice = T(rawValue: text) else {
                throw invalid("\"\(key)\" must be one of \(names); found \(value.compact)", near: key)
            }
            return choice
        }

        func ruleIDs(_ value: JSONValue, key: String) throws -> [String] {
            guard case .array(let items) = value else {
                throw invalid("\"\(key)\" must be an array of rule ids such as [\"AC105\"]", near: key)
            }
            return try items.map { item in
                guard case .string(let id) = item, MetaRules.isRuleID(id) else {
                    throw invalid(
                        "\"\(key)\" has \(item.compact), which is not a rule id (ids are AC and three digits, such as \"AC105\")",
                        near: key)
                }
                return id
            }
        }

        /// `dialect`, `disable`, `enable` or `severity`, shared by the top level and overrides.
        func ruleSetting(_ key: String, _ value: JSONValue, into layer: inout SettingsLayer, origin: SettingOrigin)
            throws
        {
            switch key {
            case "dialect":
                layer.dialect = Configured(try choice(value, key: key, Dialect.self), origin: origin)
            case "disable", "enable":
                for id in try ruleIDs(value, key: key) {
                    if let existing = layer.rules[id], existing.value != (key == "enable") {
                        throw invalid("\(id) is both enabled and disabled; keep it in one list", near: key)
                    }
                    layer.rules[id] = Configured(key == "enable", origin: origin)
                }
            case "severity":
                guard case .object(let pairs) = value else {
                    throw invalid("\"severity\" must be an object such as {\"AC105\": \"warning\"}", near: key)
                }
                for (id, level) in pairs {
                    guard MetaRules.isRuleID(id) else {
                        throw invalid("\"severity\" has \"\(id)\", which is not a rule id", near: id)
                    }
                    layer.severities[id] = Configured(try choice(level, key: id, Severity.self), origin: origin)
                }
            default:
                break
            }
        }

        func override(_ item: JSONValue, index: Int) throws -> PathOverride {
            guard case .object(let members) = item else {
                throw invalid("overrides[\(index)] must be an object with \"paths\"", near: "overrides")
            }
            guard case .array(let patterns)? = item["paths"], !patterns.isEmpty else {
                throw invalid(
                    "overrides[\(index)] needs \"paths\": a non-empty array of patterns such as [\"hosts/legacy/**\"]",
                    near: "overrides")
            }
            let globs = try patterns.map { pattern -> Glob in
                guard case .string(let text) = pattern, !text.isEmpty else {
                    throw invalid(
                        "overrides[\(index)].paths has \(pattern.compact), which is not a pattern string", near: "paths"
                    )
                }
                return Glob(text.hasPrefix("./") ? String(text.dropFirst(2)) : text)
            }
            let origin = SettingOrigin.pathOverride(file: path, paths: globs.map(\.pattern))
            var layer = SettingsLayer()
            for (key, value) in members where key != "paths" {
                guard ["dialect", "disable", "enable", "severity"].contains(key) else {
                    throw unknownKey(key, allowed: ["paths", "dialect", "disable", "enable", "severity"])
                }
                try ruleSetting(key, value, into: &layer, origin: origin)
            }
            return PathOverride(patterns: globs, layer: layer, file: path)
        }
    }
}
