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
        let tables = TableCache()
        return try ConfigurationLoader().discover(paths).map {
            try load(controlPath: $0, capacity: capacity, tables: tables)
        }
    }

    /// Loads one configuration as ``load(_:capacity:)`` does, sharing parsed tables through `tables`.
    func load(controlPath path: String, capacity: CapacityAssumptions?, tables: TableCache) throws -> LintContext {
        let dialect = settings.forFile(path, workingDirectory: workingDirectory).dialect.value
        var context = try ConfigurationLoader(dialect: dialect).load(controlPath: path, tables: tables)
        context.capacity = capacity
        // A horizon the capacity model refuses (too much work) is an error in the options,
        // not a reason to skip the capacity rules in silence; the rules share this one run.
        if capacity != nil, context.control.minfree.effectivePercent != nil {
            _ = try context.checkedCapacitySimulation()
        }
        return context
    }

    /// One whole `lint` run streamed: the configurations under `paths` are loaded, linted and
    /// handed to `each` one at a time, in discovery order, each as the ``LintResult`` of its
    /// own files (bounded for the report as ``LintResult/boundedForReport(settings:workingDirectory:)``
    /// bounds it), and dropped before the next is read, so memory does not grow with the
    /// number of configurations. The parts, in order, hold the findings of the whole run's
    /// result (``load(_:capacity:)`` then ``lint(_:extraFindings:extraRules:baseline:baselineDirectory:)``)
    /// in its order; the totals carry the counts, stale baseline entries and compliance results.
    ///
    /// When two configurations share a file (two audit_control files named in one directory),
    /// that file's findings belong together, so the run is handed over as one part.
    ///
    /// - Parameters:
    ///   - extra: findings to add to a configuration's (a compliance profile's failed
    ///     requirements) and its compliance result.
    ///   - unbounded: receives each part before it is bounded (for writing a baseline).
    /// - Throws: what ``load(_:capacity:)`` throws, `extra`'s and `each`'s errors.
    public func run(
        _ paths: [String],
        capacity: CapacityAssumptions? = nil,
        extraRules: [RuleDescription] = [],
        extra: (LintContext) throws -> (findings: [Finding], compliance: ComplianceOutcome?) = { _ in ([], nil) },
        baseline: Baseline? = nil,
        baselineDirectory: String? = nil,
        unbounded: (LintResult) throws -> Void = { _ in },
        each: (LintResult) throws -> Void
    ) throws -> LintTotals {
        let controlPaths = try ConfigurationLoader().discover(paths)
        var totals = LintTotals()
        var matcher = baseline.map {
            Baseline.Matcher($0, paths: PathContext(workingDirectory: workingDirectory, root: baselineDirectory))
        }
        let linter = Linter(rules: rules)
        let descriptions = rules.map { $0.description } + extraRules
        let assembly = LintResult.AssemblyRules(
            descriptions, settings: settings, knownRuleIds: Set(descriptions.map(\.id)))
        let tables = TableCache()
        func hand(_ contexts: [LintContext]) throws {
            var findings: [Finding] = []
            for context in contexts {
                let added = try extra(context)
                findings += added.findings
                if let outcome = added.compliance { totals.compliance.append(outcome) }
            }
            var part = lint(contexts, linter: linter, extraFindings: findings, rules: assembly, baseline: &matcher)
            try unbounded(part)
            part = part.boundedForReport(settings: settings, workingDirectory: workingDirectory)
            totals.add(part)
            try each(part)
        }
        if Self.sharesFiles(controlPaths, workingDirectory: workingDirectory) {
            try hand(controlPaths.map { try load(controlPath: $0, capacity: capacity, tables: tables) })
        } else {
            for path in controlPaths {
                try hand([try load(controlPath: path, capacity: capacity, tables: tables)])
            }
        }
        totals.staleBaselineEntries = matcher?.stale ?? []
        return totals
    }

    /// Whether two of `controlPaths` lie in one directory (so they share its table files).
    static func sharesFiles(_ controlPaths: [String], workingDirectory: String) -> Bool {
        var directories = Set<String>()
        return !controlPaths.allSatisfy {
            directories.insert(PathContext.absolute(PathName.directory(holding: $0), from: workingDirectory)).inserted
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
        var matcher = baseline.map {
            Baseline.Matcher($0, paths: PathContext(workingDirectory: workingDirectory, root: baselineDirectory))
        }
        let descriptions = rules.map { $0.description } + extraRules
        let assembly = LintResult.AssemblyRules(
            descriptions, settings: settings, knownRuleIds: Set(descriptions.map(\.id)))
        var result = lint(
            contexts, linter: Linter(rules: rules), extraFindings: extraFindings, rules: assembly, baseline: &matcher)
        result.staleBaselineEntries = matcher?.stale ?? []
        return result
    }

    /// ``lint(_:extraFindings:extraRules:baseline:baselineDirectory:)`` with the baseline's
    /// counts carried in `baseline` (for a run linted in parts).
    private func lint(
        _ contexts: [LintContext],
        linter: Linter,
        extraFindings: [Finding],
        rules: LintResult.AssemblyRules,
        baseline: inout Baseline.Matcher?
    ) -> LintResult {
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
        return LintResult.assemble(
            findings: findings,
            files: files,
            rules: rules,
            settings: settings,
            workingDirectory: workingDirectory,
            baseline: &baseline
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
            let value = entry.value?.text.trimmingWhitespace() ?? ""
            result.subject = "\(entry.rawKey.trimmingWhitespace())=\(value)"
        } else {
            result.subject = "(file)"
        }
        return result
    }
}
