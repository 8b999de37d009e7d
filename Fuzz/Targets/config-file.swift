// `.auditlint.json`, and the settings it gives a file (per-path overrides with globs).
import AuditLintKit

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    withInput(data, size) { bytes in
        guard let file = try? ConfigFile.parse(bytes, path: "/repo/.auditlint.json") else { return }
        let settings = Settings(file: file)
        for path in ["/repo/etc/security/audit_control", "audit_control", "/elsewhere/a/b/audit_control"] {
            _ = settings.forFile(path, workingDirectory: "/repo")
        }
    }
}
