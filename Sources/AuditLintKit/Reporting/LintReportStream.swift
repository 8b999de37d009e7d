/// One output format of a streamed `lint` run (``LintRunner/run(_:capacity:extraRules:extra:baseline:baselineDirectory:unbounded:each:)``),
/// written as the run goes, with the same bytes ``OutputFormat/render(_:options:)`` gives
/// for the whole run's result.
///
/// - text and JSON Lines write each configuration's findings as soon as it is linted, and
///   keep nothing of it;
/// - GitHub keeps only its rendered lines (annotations come worst first across the whole
///   run, so nothing can be written before the end);
/// - JSON, SARIF, Markdown, Checkstyle and JUnit keep the findings (and SARIF each finding's
///   trimmed source line for its fingerprint), never the files' texts, and write at the end.
///
/// The text goes to `write` in pieces of at least `chunkSize` bytes (the last may be shorter).
public struct LintReportStream {
    /// The format written.
    public let format: OutputFormat
    /// The options of the format.
    public let options: ReportOptions
    private let write: (String) throws -> Void
    private var buffer = ""
    private var github = GitHubReporter.Lines()
    private var held: [ReportedFinding] = []
    private var files: [SourceText] = []
    private var unused: [UnusedSuppression] = []
    private var rules: [RuleDescription] = []

    private let chunkSize: Int

    public init(
        format: OutputFormat, options: ReportOptions, chunkSize: Int = 1 << 16,
        write: @escaping (String) throws -> Void
    ) {
        self.format = format
        self.options = options
        self.chunkSize = chunkSize
        self.write = write
    }

    /// Adds one part of the run (one configuration's result, in run order).
    ///
    /// - Throws: what `write` throws.
    public mutating func add(_ part: LintResult) throws {
        switch format {
        case .text:
            TextReporter.renderFindings(of: part, style: TextReporter.Style(enabled: options.color), into: &buffer)
        case .jsonl:
            JSONLinesReporter.render(part, into: &buffer)
        case .github:
            github.add(part)
        case .json, .sarif, .markdown, .checkstyle, .junit:
            files += part.files.map { SourceText(path: $0.path, bytes: []) }
            unused += part.unusedSuppressions
            if rules.isEmpty { rules = part.rules }
            guard format == .sarif else {
                held += part.findings
                return
            }
            var sources: [String: SourceText] = [:]
            for source in part.files where sources[source.path] == nil { sources[source.path] = source }
            held += part.findings.map { reported in
                var kept = reported
                kept.sourceLine =
                    reported.sourceLine
                    ?? normalizedLine(of: reported.finding, source: sources[reported.finding.range.file])
                return kept
            }
        }
        if buffer.utf8.count >= chunkSize { try flush() }
    }

    /// Writes the end of the output (or all of it, for the formats that hold the findings).
    ///
    /// - Throws: what `write` throws.
    public mutating func finish(_ totals: LintTotals) throws {
        switch format {
        case .text:
            TextReporter.renderEnd(totals, style: TextReporter.Style(enabled: options.color), into: &buffer)
        case .jsonl:
            break
        case .github:
            buffer += github.rendered
        case .json, .sarif, .markdown, .checkstyle, .junit:
            var result = LintResult(
                files: files, findings: held, unusedSuppressions: unused,
                staleBaselineEntries: totals.staleBaselineEntries, rules: rules)
            result.compliance = totals.compliance
            held = []
            files = []
            buffer += format.render(result, options: options)
        }
        try flush()
    }

    private mutating func flush() throws {
        guard !buffer.isEmpty else { return }
        let piece = buffer
        buffer = ""
        try write(piece)
    }
}
