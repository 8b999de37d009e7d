/// Human-readable output in the style of rustc and actionlint.
///
/// ```
/// audit_control:5:8: error: unknown audit class 'xx' in flags [AC201]
///   |
/// 5 | flags:lo,xx
///   |          ^~
///   = help: auditlint explain AC201
/// ```
/// Suppressed findings are not shown; the summary line counts them. Columns are byte
/// columns: the quoted line has control and non-ASCII bytes shown as `?` (one per byte)
/// and the caret line copies the line's tabs, so the caret stays under the right byte.
public enum TextReporter {
    /// Renders `result`; `color` adds ANSI escapes (bold location, coloured severity and caret).
    public static func render(_ result: LintResult, color: Bool = false) -> String {
        let style = Style(enabled: color)
        var out = ""
        renderFindings(of: result, style: style, into: &out)
        renderEnd(result.totals, style: style, into: &out)
        return out
    }

    /// The findings of `result` that count, each with its quoted line (the first part of the
    /// output; a streamed run writes it one configuration at a time).
    static func renderFindings(of result: LintResult, style: Style, into out: inout String) {
        var sources: [String: SourceText] = [:]
        for source in result.files where sources[source.path] == nil { sources[source.path] = source }
        for reported in result.findings where !reported.isSuppressed {
            render(reported.finding, source: sources[reported.finding.range.file], style: style, into: &out)
            out += "\n"
        }
    }

    /// The end of the output: stale baseline entries, the summary line and the compliance results.
    static func renderEnd(_ result: LintTotals, style: Style, into out: inout String) {
        for stale in result.staleBaselineEntries {
            let entry = stale.entry
            out +=
                "\(style.severity(.note, "note")): baseline entry \(entry.ruleId) \(entry.path) `\(singleLine(entry.subject))` "
                + "matched \(entry.count - stale.unmatched) of \(entry.count); rewrite the baseline so it shrinks\n"
        }
        out += style.bold(result.summary)
        if result.suppressed > 0 { out += " (\(result.suppressed) suppressed)" }
        out += "\n"
        for outcome in result.compliance {
            out += "\n\(outcome.file): \(outcome.report.text())"
        }
    }

    static func render(_ finding: Finding, source: SourceText?, style: Style, into out: inout String) {
        let range = finding.range
        out +=
            style.bold("\(singleLine(range.file)):\(range.start.line):\(range.start.column):") + " "
            + style.severity(finding.severity, finding.severity.rawValue) + ": "
            + style.bold(singleLine(finding.message)) + " [\(finding.ruleId)]\n"
        let line = range.start.line
        if let source, line >= 1, line <= source.lineCount {
            let number = String(line)
            let blank = String(repeating: " ", count: number.count)
            let display = Array(source.displayLine(line).utf8)
            let column = max(range.start.column, 1)
            // A long line is quoted as a window around the finding, marked with `…`.
            let start =
                display.count > snippetWidth
                ? max(0, min(column - 1 - snippetWidth / 4, display.count - snippetWidth)) : 0
            let end = min(display.count, start + snippetWidth)
            var padding = start > 0 ? " " : ""
            for position in (start + 1)..<max(column, start + 1) {
                padding += position <= display.count && display[position - 1] == 0x09 ? "\t" : " "
            }
            let lastColumn = range.end.line == line ? range.end.column : max(display.count, column)
            let width = max(min(lastColumn, max(end, column)) - column + 1, 1)
            let quoted =
                (start > 0 ? "…" : "") + String(decoding: display[start..<end], as: UTF8.self)
                + (end < display.count ? "…" : "")
            out += style.gutter("\(blank) |") + "\n"
            out += style.gutter("\(number) |") + " " + quoted + "\n"
            out +=
                style.gutter("\(blank) |") + " " + padding
                + style.severity(finding.severity, "^" + String(repeating: "~", count: width - 1)) + "\n"
        }
        if let fix = finding.fix {
            out += "  = fix: \(singleLine(fix.summary))\n"
        }
        if let help = finding.help, help != Finding.defaultHelp(finding.ruleId) {
            out += "  = note: \(singleLine(help))\n"
        }
        out += "  = help: auditlint explain \(finding.ruleId)\n"
    }

    /// The most columns of a source line quoted under a finding.
    static let snippetWidth = 160

    /// A message on one line: newlines become spaces and other control characters visible
    /// escapes (``TerminalText``), so a message can never forge another finding's header
    /// nor drive the terminal.
    static func singleLine(_ text: String) -> String {
        TerminalText.escape(text)
    }

    struct Style {
        var enabled: Bool

        private func wrap(_ code: String, _ text: String) -> String {
            enabled ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
        }

        func bold(_ text: String) -> String { wrap("1", text) }
        func gutter(_ text: String) -> String { wrap("1;34", text) }
        func severity(_ severity: Severity, _ text: String) -> String {
            switch severity {
            case .error: wrap("1;31", text)
            case .warning: wrap("1;33", text)
            case .note: wrap("1;36", text)
            }
        }
    }
}
