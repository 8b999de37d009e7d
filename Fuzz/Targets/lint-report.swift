// A fuzzed audit_control linted by the rules (inline suppressions included; the dialect
// follows the input's length, odd for macos) and rendered in a `lint --format`.
//
// Cuts keep it over 1,000 inputs a CPU second. The capacity rules (AC4xx) are left out, as
// each input would run the capacity simulation (tens of milliseconds). The result lists only
// the rules that fired, as SARIF and JUnit would otherwise render the whole catalog's texts,
// which do not depend on the input. Inputs are at most 512 bytes (Scripts/fuzz.sh), as every
// line can give findings. The rest is sampled by a hash of the input's bytes, so a run is
// deterministic: AC102, whose did-you-mean edit distance was more than half the linting, runs
// on one input in eight; one input in two is rendered, in one of the seven formats (each
// format sees one input in fourteen), as rendering all seven cost three times the linting.
import AuditLintKit
import AuditLintRules

let rules = RuleCatalog.all.filter { !$0.description.id.hasPrefix("AC4") }
let everyRule = LintRunner(rules: rules, settings: Settings(file: nil), workingDirectory: "/repo")
let withoutAC102 = LintRunner(
    rules: rules.filter { $0.description.id != "AC102" }, settings: Settings(file: nil), workingDirectory: "/repo")

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    withInput(data, size) { bytes in
        let source = SourceText(path: "/repo/audit_control", bytes: bytes)
        let dialect: Dialect = bytes.count % 2 == 1 ? .macos : .openbsm
        let hash = fnv1a(bytes)
        let runner = hash % 8 == 0 ? everyRule : withoutAC102
        var result = runner.lint([ConfigurationLoader.context(control: source, dialect: dialect)])
        let fired = Set(result.findings.map(\.finding.ruleId) + result.unusedSuppressions.map(\.ruleId))
        result.rules = result.rules.filter { fired.contains($0.id) }
        let formats = OutputFormat.allCases
        if hash / 8 % 2 == 0 { _ = formats[Int(hash / 16 % UInt64(formats.count))].render(result) }
    }
}
