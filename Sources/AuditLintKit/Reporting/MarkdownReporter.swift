/// Markdown for `$GITHUB_STEP_SUMMARY`: a heading, the summary line and a table of the
/// findings that count (suppressed ones are only counted). The table stops after
/// ``maximumRows`` rows so the summary stays far below GitHub's 1 MiB per step.
public enum MarkdownReporter {
    /// The most findings listed in the table.
    public static let maximumRows = 500

    /// Renders `result` as GitHub-flavoured Markdown.
    public static func render(_ result: LintResult) -> String {
        var out = "## \(result.toolName) \(result.toolVersion)\n\n"
        let errors = result.count(.error)
        let warnings = result.count(.warning)
        let verdict = errors > 0 ? "❌" : warnings > 0 ? "⚠️" : "✅"
        out += "\(verdict) **\(result.summary)**"
        if result.suppressedCount > 0 { out += " (\(result.suppressedCount) suppressed)" }
        out += "\n"
        let active = result.findings.filter { !$0.isSuppressed }.map(\.finding)
        if !active.isEmpty {
            out += "\n| Severity | Rule | Location | Message |\n|---|---|---|---|\n"
            for finding in active.prefix(maximumRows) {
                let range = finding.range
                out +=
                    "| \(finding.severity.rawValue) | \(MarkdownText.code(finding.ruleId)) | "
                    + "\(MarkdownText.code("\(range.file):\(range.start.line):\(range.start.column)")) | \(MarkdownText.cell(finding.message)) |\n"
            }
            if active.count > maximumRows {
                out +=
                    "\n\(active.count - maximumRows) more findings are not listed; see the log or the SARIF upload.\n"
            }
        }
        if !result.staleBaselineEntries.isEmpty {
            out +=
                "\n\(result.staleBaselineEntries.count) baseline "
                + (result.staleBaselineEntries.count == 1 ? "entry matches" : "entries match")
                + " fewer findings than it counts; rewrite the baseline so it shrinks.\n"
        }
        for outcome in result.compliance {
            out += "\n" + outcome.report.markdown()
        }
        return out
    }
}
