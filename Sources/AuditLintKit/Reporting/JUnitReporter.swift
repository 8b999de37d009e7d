import Foundation

/// JUnit XML for CI systems that show test results: one `<testsuite>` per linted file, one
/// `<testcase>` per rule that ran (in id order) in that file, and a `<failure>` when the rule
/// has findings there that count (all of them listed in the failure's text). Findings of a
/// rule that is not among the rules that ran get a test case of their own.
public enum JUnitReporter {
    /// Renders `result` as a JUnit XML document.
    public static func render(_ result: LintResult) -> String {
        let ruleIDs = result.rules.map(\.id)
        var suites = ""
        var totalTests = 0
        var totalFailures = 0
        for (path, findings) in findingsByFile(result) {
            var ids = ruleIDs
            for finding in findings where !ids.contains(finding.ruleId) { ids.append(finding.ruleId) }
            ids = Array(Set(ids)).sorted()
            let failing = Set(findings.map(\.ruleId))
            totalTests += ids.count
            totalFailures += failing.count
            suites +=
                "  <testsuite name=\"\(xmlEscaped(path))\" tests=\"\(ids.count)\" failures=\"\(failing.count)\" errors=\"0\" skipped=\"0\">\n"
            for id in ids {
                let name = result.rule(id).map { "\(id) \($0.slug)" } ?? id
                let open = "    <testcase classname=\"\(xmlEscaped(path))\" name=\"\(xmlEscaped(name))\""
                let mine = findings.filter { $0.ruleId == id }
                guard let worst = mine.map(\.severity).max() else {
                    suites += open + "/>\n"
                    continue
                }
                let details = mine.map { finding in
                    "\(finding.range.file):\(finding.range.start.line):\(finding.range.start.column): "
                        + "\(finding.severity.rawValue): \(finding.message)"
                }.joined(separator: "\n")
                let summary = mine.count == 1 ? mine[0].message : "\(mine.count) findings; first: \(mine[0].message)"
                suites +=
                    open + ">\n      <failure message=\"\(xmlEscaped(summary))\" type=\"\(worst.rawValue)\">"
                    + xmlText(details) + "</failure>\n    </testcase>\n"
            }
            suites += "  </testsuite>\n"
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<testsuites name=\"\(xmlEscaped(result.toolName))\" tests=\"\(totalTests)\" failures=\"\(totalFailures)\">\n"
            + suites + "</testsuites>\n"
    }

    /// Element text: like ``xmlEscaped(_:)`` but newlines kept literally for readability.
    private static func xmlText(_ text: String) -> String {
        xmlEscaped(text).replacingOccurrences(of: "&#10;", with: "\n")
    }
}
