// audit_class as libbsm's getauclassent reads it, in both dialects.
import AuditLintKit

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    withInput(data, size) { bytes in
        let source = SourceText(path: "audit_class", bytes: bytes)
        for (dialect, _) in dialects { _ = AuditClassTable.parse(source, dialect: dialect) }
    }
}
