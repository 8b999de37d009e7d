// A baseline (`--baseline`) read and applied to the findings of a small configuration.
import AuditLintKit
import AuditLintRules

let result = LintRunner(rules: RuleCatalog.all, settings: Settings(file: nil), workingDirectory: "/repo").lint([
    ConfigurationLoader.context(
        control: SourceText(
            path: "/repo/audit_control", text: "dir:/var/audit\nflags:lo,aa,xx\nfilesz:0\nexpire-after:10M\n"),
        dialect: .openbsm)
])
let paths = PathContext(workingDirectory: "/repo", root: "/repo")

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    withInput(data, size) { bytes in
        guard let baseline = try? Baseline.decode(bytes, path: "/repo/baseline.json") else { return }
        _ = baseline.apply(to: result.findings, sources: result.files, paths: paths)
    }
}
