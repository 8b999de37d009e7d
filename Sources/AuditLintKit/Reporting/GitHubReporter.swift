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
        var lines = Lines()
        lines.add(result)
        return lines.rendered
    }

    /// The output's lines gathered one part of a run at a time: the annotations GitHub will
    /// show and the plain log lines beyond the caps, already rendered, by severity (errors,
    /// warnings, then notes, each in the order found), so a streamed run keeps neither
    /// findings nor file texts, only these lines.
    struct Lines {
        /// Per severity: the annotation lines (at most ``annotationsPerLevel``), the plain
        /// lines of the findings beyond, and for notes the plain form of the last annotation
        /// (it becomes plain when the closing notice needs its slot).
        private var annotations: [Severity: [String]] = [:]
        private var plain: [Severity: [String]] = [:]
        private var lastNotePlain: String?

        /// Adds the findings of `result` that count, in its order.
        mutating func add(_ result: LintResult) {
            for reported in result.findings where !reported.isSuppressed {
                let finding = reported.finding
                let range = finding.range
                let plainLine =
                    "\(range.file):\(range.start.line):\(range.start.column): \(finding.severity.rawValue): "
                    + "\(TextReporter.singleLine(finding.message)) [\(finding.ruleId)]\n"
                guard annotations[finding.severity, default: []].count < annotationsPerLevel else {
                    plain[finding.severity, default: []].append(plainLine)
                    continue
                }
                let properties = [
                    ("file", range.file), ("line", String(range.start.line)), ("col", String(range.start.column)),
                    ("endLine", String(range.end.line)), ("endColumn", String(range.end.column)),
                    ("title", finding.ruleId),
                ].map { "\($0)=\(escapeProperty($1))" }.joined(separator: ",")
                annotations[finding.severity, default: []].append(
                    "::\(command(finding.severity)) \(properties)::\(escapeMessage(finding.message))\n")
                if finding.severity == .note, annotations[.note]!.count == annotationsPerLevel {
                    lastNotePlain = plainLine
                }
            }
        }

        /// The output: annotations worst first, the plain lines, and the closing notice when
        /// some findings are not annotated (one notice slot is kept free for it, so the last
        /// note annotation then becomes a plain line).
        var rendered: String {
            var notes = annotations[.note] ?? []
            var plainNotes = plain[.note] ?? []
            var hidden = Severity.allCases.reduce(0) { $0 + (plain[$1]?.count ?? 0) }
            if hidden > 0, notes.count == annotationsPerLevel, let lastNotePlain {
                notes.removeLast()
                plainNotes.insert(lastNotePlain, at: 0)
                hidden += 1
            }
            let order: [Severity] = [.error, .warning]
            var out = order.map { (annotations[$0] ?? []).joined() }.joined() + notes.joined()
            out += order.map { (plain[$0] ?? []).joined() }.joined() + plainNotes.joined()
            if hidden > 0 {
                out +=
                    "::notice title=auditlint::\(escapeMessage("\(hidden) more finding\(hidden == 1 ? " is" : "s are") not annotated because GitHub shows \(annotationsPerLevel) annotations per level and step; they are listed in the log above, and the SARIF upload or the step summary has them all"))\n"
            }
            return out
        }
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
