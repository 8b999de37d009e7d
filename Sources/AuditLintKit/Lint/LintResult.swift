/// Why a finding is not counted: an inline comment or a baseline entry hides it.
public struct Suppression: Sendable, Hashable {
    /// Where the suppression lives (SARIF's `inSource` / `external`).
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// A `# auditlint disable-…` comment in the linted file.
        case inline
        /// An entry of the baseline file.
        case baseline
    }

    /// Where the suppression lives.
    public var kind: Kind
    /// The justification: the comment's `-- reason`, or which baseline matched; nil when
    /// the comment gave none.
    public var reason: String?

    public init(kind: Kind, reason: String?) {
        self.kind = kind
        self.reason = reason
    }
}

/// A finding with its suppression state, as reporters receive it.
public struct ReportedFinding: Sendable, Hashable {
    /// The finding as the rule produced it (after severity overrides).
    public var finding: Finding
    /// Why it is hidden; nil when it counts.
    public var suppression: Suppression?
    /// The finding's first source line with blanks trimmed, kept when a streamed run drops
    /// the file's text (SARIF fingerprints read it); nil while the text is in
    /// ``LintResult/files``.
    public var sourceLine: String?

    public init(_ finding: Finding, suppression: Suppression? = nil, sourceLine: String? = nil) {
        self.finding = finding
        self.suppression = suppression
        self.sourceLine = sourceLine
    }

    /// Whether the finding counts towards the summary and the exit status.
    public var isSuppressed: Bool { suppression != nil }
}

/// Everything one `auditlint lint` run found, the single input of every reporter.
///
/// Reporters are pure functions from a `LintResult` to text, so one parse feeds every
/// output format of a run.
public struct LintResult: Sendable {
    /// The files that were linted, in the order given; reporters quote lines from them.
    public var files: [SourceText]
    /// Every finding, suppressed ones included, sorted by file (in `files` order, then by
    /// name), line, column and rule id.
    public var findings: [ReportedFinding]
    /// Suppression comments that hid nothing (they are also reported as `AC001` findings).
    public var unusedSuppressions: [UnusedSuppression]
    /// Baseline entries that matched fewer findings than they count: the baseline can shrink.
    public var staleBaselineEntries: [StaleBaselineEntry]
    /// The rules that ran, for SARIF's `rules[]` and JUnit's test cases.
    public var rules: [RuleDescription]
    /// Compliance profile results, one per audit_control, when a profile was evaluated.
    public var compliance: [ComplianceOutcome] = []
    /// The tool's name (``AuditLintTool/name``).
    public var toolName: String
    /// The tool's version (``AuditLintTool/version``).
    public var toolVersion: String

    public init(
        files: [SourceText],
        findings: [ReportedFinding],
        unusedSuppressions: [UnusedSuppression] = [],
        staleBaselineEntries: [StaleBaselineEntry] = [],
        rules: [RuleDescription],
        toolName: String = AuditLintTool.name,
        toolVersion: String = AuditLintTool.version
    ) {
        self.files = files
        let fileOrder = Dictionary(files.enumerated().map { ($1.path, $0) }, uniquingKeysWith: { first, _ in first })
        self.findings = findings.sorted { lhs, rhs in
            let left = lhs.finding
            let right = rhs.finding
            let leftFile = fileOrder[left.range.file] ?? Int.max
            let rightFile = fileOrder[right.range.file] ?? Int.max
            if leftFile != rightFile { return leftFile < rightFile }
            if left.range.file != right.range.file { return left.range.file < right.range.file }
            if left.range.start != right.range.start { return left.range.start < right.range.start }
            if left.ruleId != right.ruleId { return left.ruleId < right.ruleId }
            return left.message < right.message
        }
        self.unusedSuppressions = unusedSuppressions
        self.staleBaselineEntries = staleBaselineEntries
        self.rules = rules
        self.toolName = toolName
        self.toolVersion = toolVersion
    }

    /// The findings that count (not suppressed).
    public var activeFindings: [Finding] {
        findings.lazy.filter { !$0.isSuppressed }.map(\.finding)
    }

    /// How many findings count at `severity`.
    public func count(_ severity: Severity) -> Int {
        findings.lazy.filter { !$0.isSuppressed && $0.finding.severity == severity }.count
    }

    /// How many findings are suppressed.
    public var suppressedCount: Int { findings.lazy.filter(\.isSuppressed).count }

    /// The source text of `path`, when it was linted.
    public func source(for path: String) -> SourceText? {
        files.first { $0.path == path }
    }

    /// The description of rule `id`, when it ran.
    public func rule(_ id: String) -> RuleDescription? {
        rules.first { $0.id == id }
    }

    /// The summary line of text and Markdown output:
    /// `2 errors, 1 warning, 0 notes in 3 files`.
    public var summary: String { totals.summary }

    /// The counts, stale baseline entries and compliance results of this result.
    public var totals: LintTotals {
        var totals = LintTotals()
        totals.add(self)
        totals.staleBaselineEntries = staleBaselineEntries
        totals.compliance = compliance
        return totals
    }
}

/// What a lint run adds up to once every file is linted: the counts of the summary line,
/// the stale baseline entries and the compliance results; the end of streamed output and
/// the exit status are made from it.
public struct LintTotals: Sendable, Hashable {
    /// Findings that count, by severity.
    public var errors = 0
    public var warnings = 0
    public var notes = 0
    /// Findings an inline comment or the baseline hides.
    public var suppressed = 0
    /// Files linted.
    public var files = 0
    /// Baseline entries that matched fewer findings than they count.
    public var staleBaselineEntries: [StaleBaselineEntry] = []
    /// Compliance profile results, one per audit_control, when a profile was evaluated.
    public var compliance: [ComplianceOutcome] = []

    public init() {}

    /// Adds the files and findings of `part` (one configuration's result).
    public mutating func add(_ part: LintResult) {
        files += part.files.count
        for reported in part.findings {
            guard !reported.isSuppressed else {
                suppressed += 1
                continue
            }
            switch reported.finding.severity {
            case .error: errors += 1
            case .warning: warnings += 1
            case .note: notes += 1
            }
        }
    }

    /// `2 errors, 1 warning, 0 notes in 3 files`.
    public var summary: String {
        func plural(_ count: Int, _ noun: String) -> String { "\(count) \(noun)\(count == 1 ? "" : "s")" }
        return "\(plural(errors, "error")), \(plural(warnings, "warning")), "
            + "\(plural(notes, "note")) in \(plural(files, "file"))"
    }

    /// The exit status of the run, as ``LintResult/exitStatus(failOn:strictBaseline:)`` gives it.
    public func exitStatus(failOn: FailOn, strictBaseline: Bool = false) -> Int32 {
        if strictBaseline && !staleBaselineEntries.isEmpty { return 1 }
        let reached = [(Severity.error, errors), (.warning, warnings), (.note, notes)].contains { severity, count in
            count > 0 && failOn.isReached(by: severity)
        }
        return reached ? 1 : 0
    }
}

/// The text a finding is about, for baselines: its `subject`, else its trimmed source line.
func findingSubject(_ finding: Finding, source: SourceText?) -> String {
    finding.subject ?? normalizedLine(of: finding, source: source)
}

/// The first source line of `finding` with blanks (space, tab, `\r`) trimmed at both
/// ends; empty when the file was not linted.
func normalizedLine(of finding: Finding, source: SourceText?) -> String {
    guard let source else { return "" }
    let bytes = source.lineBytes(finding.range.start.line)
    let isBlank: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
    guard let first = bytes.firstIndex(where: { !isBlank($0) }),
        let last = bytes.lastIndex(where: { !isBlank($0) })
    else { return "" }
    return String(decoding: bytes[first...last], as: UTF8.self)
}

/// One configuration's compliance profile result in a lint run.
public struct ComplianceOutcome: Sendable, Hashable {
    /// The audit_control the profile was evaluated on.
    public var file: String
    /// The result.
    public var report: ComplianceReport

    public init(file: String, report: ComplianceReport) {
        self.file = file
        self.report = report
    }
}
