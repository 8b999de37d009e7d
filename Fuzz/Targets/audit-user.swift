// audit_user as libbsm's getauuserent reads it, against each dialect's classes.
import AuditLintKit

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    withInput(data, size) { bytes in
        let source = SourceText(path: "audit_user", bytes: bytes)
        for (_, classes) in dialects { _ = AuditUserTable.parse(source, classes: classes) }
    }
}
