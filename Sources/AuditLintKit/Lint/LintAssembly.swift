extension LintResult {
    /// Builds a run's result from the rules' raw findings, so the `lint` command only has to
    /// run the rules and pick reporters.
    ///
    /// 1. Inline suppression comments of `files` are applied, unless
    ///    `settings.noInlineSuppressions` says to ignore them; this adds the meta rules'
    ///    findings (`AC001` unused, `AC002` malformed, `AC003` no reason).
    /// 2. Each file's settings (``Settings/forFile(_:workingDirectory:)``: per-path overrides,
    ///    environment, command line) drop findings of rules disabled there and apply severity
    ///    overrides.
    /// 3. The baseline, when given, suppresses the findings it accepts and yields its stale
    ///    entries; its paths are relative to `baselineDirectory` (default: the working directory).
    ///
    /// - Parameters:
    ///   - findings: every finding the rules produced, for all files.
    ///   - rules: the rules that ran (the meta rules are added unless disabled).
    ///   - knownRuleIds: every rule id of the catalog, to report suppressions of ids that do
    ///     not exist; nil skips that check.
    public static func assemble(
        findings: [Finding],
        files: [SourceText],
        rules: [RuleDescription],
        settings: Settings,
        workingDirectory: String,
        baseline: Baseline? = nil,
        baselineDirectory: String? = nil,
        knownRuleIds: Set<String>? = nil
    ) -> LintResult {
        var matcher = baseline.map {
            Baseline.Matcher($0, paths: PathContext(workingDirectory: workingDirectory, root: baselineDirectory))
        }
        var result = assemble(
            findings: findings, files: files,
            rules: AssemblyRules(rules, settings: settings, knownRuleIds: knownRuleIds),
            settings: settings, workingDirectory: workingDirectory, baseline: &matcher)
        result.staleBaselineEntries = matcher?.stale ?? []
        return result
    }

    /// What assembling a result takes from the rules and the settings alone: made once for a
    /// run linted in parts, not once for each part.
    struct AssemblyRules {
        /// The rules that ran, then the meta rules not disabled (the result's ``LintResult/rules``).
        let reported: [RuleDescription]
        /// The ids of the rules that ran.
        let ran: Set<String>
        /// Every rule id of the catalog and the meta rules' ids; nil skips the unknown-id check.
        let knownRuleIds: Set<String>?

        init(_ rules: [RuleDescription], settings: Settings, knownRuleIds: Set<String>?) {
            let ids = rules.map(\.id)
            reported =
                rules + MetaRules.all.filter { settings.rules[$0.id]?.value != false && !ids.contains($0.id) }
            ran = Set(ids)
            self.knownRuleIds = knownRuleIds.map { $0.union(MetaRules.all.map(\.id)) }
        }
    }

    /// ``assemble(findings:files:rules:settings:workingDirectory:baseline:baselineDirectory:knownRuleIds:)``
    /// for one part of a run, the baseline's counts carried in `baseline` from part to part;
    /// the result has no stale entries (the matcher knows them once every part is in).
    static func assemble(
        findings: [Finding],
        files: [SourceText],
        rules: AssemblyRules,
        settings: Settings,
        workingDirectory: String,
        baseline: inout Baseline.Matcher?
    ) -> LintResult {
        var fileSettings: [String: FileSettings] = [:]
        func settingsFor(_ path: String) -> FileSettings {
            if let known = fileSettings[path] { return known }
            let computed = settings.forFile(path, workingDirectory: workingDirectory)
            fileSettings[path] = computed
            return computed
        }
        let suppressed = InlineSuppressions.apply(
            to: findings,
            sources: files,
            enabled: !settings.noInlineSuppressions.value,
            knownRuleIds: rules.knownRuleIds
        ) { id, path in
            (rules.ran.contains(id) || MetaRules.isMeta(id)) && settingsFor(path).isEnabled(id)
        }
        var reported = suppressed.findings.compactMap { item -> ReportedFinding? in
            let local = settingsFor(item.finding.range.file)
            guard let adjusted = local.adjust([item.finding]).first else { return nil }
            return ReportedFinding(adjusted, suppression: item.suppression)
        }
        if baseline != nil {
            reported = baseline!.apply(to: reported, sources: files)
        }
        return LintResult(
            files: files,
            findings: reported,
            unusedSuppressions: suppressed.unused.filter {
                settingsFor($0.range.file).isEnabled(MetaRules.unusedSuppression.id)
            },
            rules: rules.reported
        )
    }

    /// The result as reported: at most ``MetaRules/maximumFindingsPerFile`` unsuppressed
    /// findings per file where AC004 is enabled (`settings`), the rest of a file's replaced
    /// by one AC004 finding carrying their count and the severity of the worst, so the exit
    /// status does not change. A baseline is written from the whole result, not this one.
    public func boundedForReport(settings: Settings, workingDirectory: String) -> LintResult {
        var enabled: [String: Bool] = [:]
        let isEnabled = { (path: String) -> Bool in
            if let known = enabled[path] { return known }
            let value = settings.forFile(path, workingDirectory: workingDirectory).isEnabled(
                MetaRules.findingsNotShown.id)
            enabled[path] = value
            return value
        }
        guard let limited = Self.limitingFindings(findings, isEnabled: isEnabled) else { return self }
        var bounded = self
        bounded.findings = LintResult(files: files, findings: limited, rules: rules).findings
        return bounded
    }

    /// `findings` (sorted) bounded per file as ``boundedForReport(settings:workingDirectory:)``
    /// says; nil when no file has too many.
    static func limitingFindings(_ findings: [ReportedFinding], isEnabled: (String) -> Bool) -> [ReportedFinding]? {
        var shown: [String: Int] = [:]
        var hidden: [String: (count: Int, worst: Severity)] = [:]
        var kept: [ReportedFinding] = []
        kept.reserveCapacity(findings.count)
        for reported in findings {
            let file = reported.finding.range.file
            guard !reported.isSuppressed, isEnabled(file) else {
                kept.append(reported)
                continue
            }
            shown[file, default: 0] += 1
            if shown[file]! <= MetaRules.maximumFindingsPerFile {
                kept.append(reported)
            } else {
                let previous = hidden[file] ?? (0, reported.finding.severity)
                hidden[file] = (previous.count + 1, max(previous.worst, reported.finding.severity))
            }
        }
        guard !hidden.isEmpty else { return nil }
        for (file, omitted) in hidden.sorted(by: { $0.key < $1.key }) {
            kept.append(
                ReportedFinding(
                    Finding(
                        ruleId: MetaRules.findingsNotShown.id, severity: omitted.worst,
                        message:
                            "\(omitted.count) more finding\(omitted.count == 1 ? " is" : "s are") not shown (at most \(MetaRules.maximumFindingsPerFile) are reported per file; the worst is \(omitted.worst.rawValue)); fix the ones shown, check this is the right file, or disable AC004 to see them all",
                        range: SourceRange(file: file, line: 1, column: 1, length: 0), subject: "(file)"
                    )))
        }
        return kept
    }

    /// The exit status of the run: 1 when an unsuppressed finding reaches `failOn`, or when
    /// `strictBaseline` is set and the baseline has stale entries (so it can only shrink).
    public func exitStatus(failOn: FailOn, strictBaseline: Bool = false) -> Int32 {
        strictBaseline && !staleBaselineEntries.isEmpty ? 1 : failOn.exitStatus(for: findings)
    }
}
