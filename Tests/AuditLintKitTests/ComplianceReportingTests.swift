import Testing

@testable import AuditLintKit

/// The text and Markdown lint reports carry a compliance profile's table; JSON its object.
@Suite struct ComplianceReportingTests {
    static func result() -> LintResult {
        let source = SourceText(path: "audit_control", text: "flags:lo,aa\nminfree:25\n")
        let classes = AuditClassTable.builtIn(.openbsm)
        let control = AuditControl.parse(source, dialect: .openbsm, classes: classes)
        let report = ComplianceProfile.stig.evaluate(
            ComplianceInput(control: control, controlText: source.bytes, classes: classes))
        var result = LintResult(files: [source], findings: [], rules: [])
        result.compliance = [ComplianceOutcome(file: "audit_control", report: report)]
        return result
    }

    @Test func everyHumanFormatShowsTheProfile() {
        let result = Self.result()
        #expect(TextReporter.render(result).contains("audit_control: Profile stig: DISA STIG for Apple macOS"))
        #expect(MarkdownReporter.render(result).contains("### Compliance profile `stig`"))
        #expect(JSONReporter.render(result).contains("\"profile\":{\"name\":\"stig\""))
    }
}
