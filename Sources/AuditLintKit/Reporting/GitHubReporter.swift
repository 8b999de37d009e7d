import Foundation

/// GitHub Actions workflow commands that become annotations on the pull request:
///
/// ```
/// ::error file=audit_control,line=5,col=8,endLine=5,endColumn=17,title=AC203::message
/// ```
/// Findings come worst first (errors, warnings, then notes as `::notice`), so the ones
/// GitHub shows are the ones that matter. GitHub shows at most ``annotationsPerLevel``
/// annotations of each level per step; findings beyond the cap are printed as plain log
/// lines and a closing `::notice` says how many were not annotated (one notice slot is kept
/// free for it). Suppressed findings are not shown.
public enum GitHubReporter {
    /// Annotations GitHub shows per level (error, warning, notice) and step.
    public static let annotationsPerLevel = 10

    /// Renders `result` as workflow commands, one a line.
    public static func render(_ result: LintResult) -> String {
        let findings = result.findings.filter { !$0.isSuppressed }.map(\.finding)
            .enumerated().sorted { lhs, rhs in
                lhs.element.severity != rhs.element.severity
                    ? lhs.element.severity > rhs.element.severity : lhs.offset < rhs.offset
            }.map(\.element)
        func overflow(noticeCap: Int) -> Int {
            Severity.allCases.reduce(0) { total, severity in
                let cap = severity == .note ? noticeCap : annotationsPerLevel
                return total + max(findings.filter { $0.severity == severity }.count - cap, 0)
            }
        }
        let noticeCap = overflow(noticeCap: annotationsPerLevel) > 0 ? annotationsPerLevel - 1 : annotationsPerLevel
        let hidden = overflow(noticeCap: noticeCap)
        var shown: [Severity: Int] = [:]
        var annotations = ""
        var plain = ""
        for finding in findings {
            let cap = finding.severity == .note ? noticeCap : annotationsPerLevel
            shown[finding.severity, default: 0] += 1
            let range = finding.range
            if shown[finding.severity]! > cap {
                plain +=
                    "\(range.file):\(range.start.line):\(range.start.column): \(finding.severity.rawValue): "
                    + "\(TextReporter.singleLine(finding.message)) [\(finding.ruleId)]\n"
                continue
            }
            let properties = [
                ("file", range.file), ("line", String(range.start.line)), ("col", String(range.start.column)),
                ("endLine", String(range.end.line)), ("endColumn", String(range.end.column)), ("title", finding.ruleId),
            ].map { "\($0)=\(escapeProperty($1))" }.joined(separator: ",")
            annotations += "::\(command(finding.severity)) \(properties)::\(escapeMessage(finding.message))\n"
        }
        var out = annotations + plain
        if hidden > 0 {
            out +=
                "::notice title=auditlint::\(escapeMessage("\(hidden) more finding\(hidden == 1 ? " is" : "s are") not annotated because GitHub shows \(annotationsPerLevel) annotations per level and step; they are listed in the log above, and the SARIF upload or the step summary has them all"))\n"
        }
        return out
    }

    static func command(_ severity: Severity) -> String {
        switch severity {
        case .error: "error"
        case .warning: "warning"
        case .note: "notice"
        }
    }

    /// Escapes a message: `%`, `\r`, `\n` as the workflow-command syntax wants, other
    /// control characters as visible `\xNN` (the log viewer acts on escape sequences).
    public static func escapeMessage(_ text: String) -> String {
        let escaped = text.replacingOccurrences(of: "%", with: "%25")
            .replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
        return TerminalText.escape(escaped, keepNewlines: true)
    }

    /// Escapes a property value: as a message, plus `:` and `,`.
    public static func escapeProperty(_ text: String) -> String {
        escapeMessage(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}
