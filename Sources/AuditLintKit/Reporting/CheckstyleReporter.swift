/// Checkstyle XML (version 4.3 layout): one `<file>` per linted file, one `<error>` per
/// finding that counts, `source` set to `auditlint.<ruleId>`; notes map to `info`.
public enum CheckstyleReporter {
    /// Renders `result` as a Checkstyle XML document.
    public static func render(_ result: LintResult) -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">\n"
        for (path, findings) in findingsByFile(result) {
            guard !findings.isEmpty else {
                out += "  <file name=\"\(xmlEscaped(path))\"/>\n"
                continue
            }
            out += "  <file name=\"\(xmlEscaped(path))\">\n"
            for finding in findings {
                let severity = finding.severity == .note ? "info" : finding.severity.rawValue
                out +=
                    "    <error line=\"\(finding.range.start.line)\" column=\"\(finding.range.start.column)\" "
                    + "severity=\"\(severity)\" message=\"\(xmlEscaped(finding.message))\" source=\"auditlint.\(xmlEscaped(finding.ruleId))\"/>\n"
            }
            out += "  </file>\n"
        }
        return out + "</checkstyle>\n"
    }
}

/// The linted files in order (then any other file a finding names), each with its findings
/// that count.
func findingsByFile(_ result: LintResult) -> [(path: String, findings: [Finding])] {
    var order = result.files.map(\.path)
    var byPath: [String: [Finding]] = [:]
    for reported in result.findings where !reported.isSuppressed {
        let path = reported.finding.range.file
        if byPath[path] == nil, !order.contains(path) { order.append(path) }
        byPath[path, default: []].append(reported.finding)
    }
    var seen: Set<String> = []
    return order.filter { seen.insert($0).inserted }.map { ($0, byPath[$0] ?? []) }
}

/// `text` escaped for XML attribute and element content; characters XML 1.0 forbids
/// (controls other than tab, newline and carriage return) become U+FFFD, and newlines and
/// tabs are written as character references so attributes keep them.
func xmlEscaped(_ text: String) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        case "'": out += "&apos;"
        case "\n": out += "&#10;"
        case "\r": out += "&#13;"
        case "\t": out += "&#9;"
        case _ where scalar.value < 0x20 || (0xFFFE...0xFFFF).contains(scalar.value):
            out += "\u{FFFD}"
        default: out.unicodeScalars.append(scalar)
        }
    }
    return out
}
