/// The output formats of `auditlint lint --format`.
public enum OutputFormat: String, Sendable, Hashable, CaseIterable {
    /// Human text: a rustc/actionlint-style excerpt with a caret under each finding.
    case text
    /// The JSON interface (`schemaVersion` 1).
    case json
    /// SARIF 2.1.0 for GitHub code scanning.
    case sarif
    /// GitHub Actions workflow commands (annotations).
    case github
    /// Markdown for `$GITHUB_STEP_SUMMARY`.
    case markdown
    /// Checkstyle XML.
    case checkstyle
    /// JUnit XML.
    case junit
    /// JSON Lines: one `--format json` finding object a line, written as each file is linted.
    case jsonl

    /// Renders `result` in this format. Pure: the same result always gives the same bytes.
    public func render(_ result: LintResult, options: ReportOptions = ReportOptions()) -> String {
        switch self {
        case .text: TextReporter.render(result, color: options.color)
        case .json: JSONReporter.render(result)
        case .sarif: SARIFReporter.render(result, options: options)
        case .github: GitHubReporter.render(result)
        case .markdown: MarkdownReporter.render(result)
        case .checkstyle: CheckstyleReporter.render(result)
        case .junit: JUnitReporter.render(result)
        case .jsonl: JSONLinesReporter.render(result)
        }
    }
}

/// What the command line decides about output that the result does not hold.
public struct ReportOptions: Sendable, Hashable {
    /// Whether text output uses ANSI colours (the CLI decides from isatty and `NO_COLOR`).
    public var color: Bool
    /// How SARIF makes paths relative to the repository root (`%SRCROOT%`); nil keeps the
    /// paths as given, without a leading `./`.
    public var paths: PathContext?
    /// SARIF's `automationDetails.id` category (one per workflow job that uploads).
    public var category: String

    public init(color: Bool = false, paths: PathContext? = nil, category: String = AuditLintTool.name) {
        self.color = color
        self.paths = paths
        self.category = category
    }
}
