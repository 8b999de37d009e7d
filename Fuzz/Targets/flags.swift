// The flags grammar (`flags`, `naflags`, audit_user masks): a mask string against each
// dialect's built-in classes, as bytes and as text.
import AuditLintKit

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    withInput(data, size) { bytes in
        for (_, classes) in dialects {
            _ = AuditFlags.parse(bytes: bytes, classes: classes)
            _ = AuditFlags.parse(String(decoding: bytes, as: UTF8.self), classes: classes)
        }
    }
}
