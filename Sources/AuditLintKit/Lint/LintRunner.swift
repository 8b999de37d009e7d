import Foundation

/// One `lint` run from paths to a ``LintResult``: discovery, loading with each file's
/// dialect, the rules, inline suppressions, per-path settings and the baseline.
///
/// Every output format is rendered from the one result this returns.
public struct LintRunner: Sendable {
    /// The rules to run (the catalog, or a subset).
    public var rules: [any Rule.Type]
    /// The effective settings.
    public var settings: Settings
    /// The directory relative paths are resolved from.
    public var workingDirectory: String

    public init(rules: [any Rule.Type], settings: Settings, workingDirectory: String) {
        self.rules = rules
        self.settings = settings
        self.workingDirectory = workingDirectory
    }

    /// Discovers and loads the configurations under `paths`, each with the dialect its
    /// path's settings give and the capacity assumptions `capacity` (nil: the standard ones).
    ///
    /// - Throws: ``AuditLintError`` for a missing path, a directory without an
    ///   audit_control, or an unreadable file.
    public func load(_ paths: [String], capacity: CapacityAssumptions? = nil) throws -> [LintContext] {
        let controlPaths = try ConfigurationLoader().discover(paths)
        return try controlPaths.map { path in
            let dialect = settings.forFile(path, workingDirectory: workingDirectory).dialect.value
            var context = try ConfigurationLoader(dialect: dialect).load(controlPath: path)
            context.capacity = capacity
            return context
        }
    }

    /// Lints loaded configurations; `extraFindings` (from compliance profiles or capacity
    /// checks) join the rules' findings before suppressions and the baseline apply.
    public func lint(
        _ contexts: [LintContext],
        extraFindings: [Finding] = [],
        extraRules: [RuleDescription] = [],
        baseline: Baseline? = nil,
        baselineDirectory: String? = nil
    ) -> LintResult {
        let linter = Linter(rules: rules)
        var findings = extraFindings
        var files: [SourceText] = []
        var seenFiles = Set<String>()
        for context in contexts {
            findings += linter.lint(context).map { Self.withSubject($0, in: context) }
            for source in context.sources where seenFiles.insert(source.path).inserted {
                files.append(source)
            }
        }
        // A file that is not text gets one finding (AC110), not one per garbage line.
        let nonText = Set(files.lazy.filter { TextCheck.problem($0.bytes) != nil }.map(\.path))
        if !nonText.isEmpty {
            findings.removeAll { nonText.contains($0.range.file) && $0.ruleId != TextCheck.ruleId }
        }
        let descriptions = rules.map { $0.description } + extraRules
        return LintResult.assemble(
            findings: findings,
            files: files,
            rules: descriptions,
            settings: settings,
            workingDirectory: workingDirectory,
            baseline: baseline,
            baselineDirectory: baselineDirectory,
            knownRuleIds: Set(descriptions.map(\.id))
        )
    }

    /// The finding with a ``Finding/subject`` for baselines when its rule gave none: for
    /// audit_control, the key and trimmed value of the line it is on (`policy= ahlt,argv`
    /// stays the same when lines move), or `(file)` for a finding about the file as a whole.
    static func withSubject(_ finding: Finding, in context: LintContext) -> Finding {
        guard finding.subject == nil, finding.range.file == context.controlSource.path else { return finding }
        var result = finding
        if finding.range == .wholeFile(finding.range.file) {
            result.subject = "(file)"
        } else if let entry = context.control.entries.first(where: { $0.line == finding.range.start.line }) {
            let value = entry.value?.text.trimmingCharacters(in: .whitespaces) ?? ""
            result.subject = "\(entry.rawKey.trimmingCharacters(in: .whitespaces))=\(value)"
        } else {
            result.subject = "(file)"
        }
        return result
    }
}
