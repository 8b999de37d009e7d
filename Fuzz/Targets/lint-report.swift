// A fuzzed audit_control linted by the rules (inline suppressions included; the dialect
// follows the input's length, odd for macos) and rendered in every `lint --format`.
//
// Three cuts keep it near 1,000 inputs a second: the capacity rules (AC4xx) are left out, as
// each input would run the capacity simulation (tens of milliseconds); the result lists only
// the rules that fired, as SARIF and JUnit would otherwise render the whole catalog's texts,
// which cost more than the rest together and do not depend on the input; and inputs are at
// most 512 bytes (Scripts/fuzz.sh), as every line can give findings.
import AuditLintKit
import AuditLintRules

let runner = LintRunner(
    rules: RuleCatalog.all.filter { !$0.description.id.hasPrefix("AC4") },
    settings: Settings(file: nil), workingDirectory: "/repo")

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    withInput(data, size) { bytes in
        let source = SourceText(path: "/repo/audit_control", bytes: bytes)
        let dialect: Dialect = bytes.count % 2 == 1 ? .macos : .openbsm
        var result = runner.lint([ConfigurationLoader.context(control: source, dialect: dialect)])
        let fired = Set(result.findings.map(\.finding.ruleId) + result.unusedSuppressions.map(\.ruleId))
        result.rules = result.rules.filter { fired.contains($0.id) }
        for format in OutputFormat.allCases { _ = format.render(result) }
    }
}
