/// `auditlint lint --format jsonl`: one JSON object a line per finding, in the order of the
/// other formats, suppressed ones included and flagged. Each object is the finding object of
/// ``JSONReporter`` (same keys, same order, same additive fields), so a consumer of one reads
/// the other:
///
/// ```
/// {"ruleId":"AC203","severity":"error","message":"…","file":"audit_control","line":5,"column":8,"endLine":5,"endColumn":17,"help":"…"}
/// ```
/// There is no summary line: a run's findings can be written as each file is linted, so a
/// pipeline reading the output sees them at once. An empty output means no finding.
public enum JSONLinesReporter {
    /// Renders the findings of `result`, one line each.
    public static func render(_ result: LintResult) -> String {
        var out = ""
        render(result, into: &out)
        return out
    }

    /// Appends the lines of `result`'s findings to `out`.
    static func render(_ result: LintResult, into out: inout String) {
        for reported in result.findings {
            out += JSONReporter.findingJSON(reported).compact
            out += "\n"
        }
    }
}
