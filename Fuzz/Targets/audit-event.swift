// audit_event as libbsm's getauevent reads it, against each dialect's classes, and the event
// names praudit would take from it.
import AuditLintKit

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    withInput(data, size) { bytes in
        let source = SourceText(path: "audit_event", bytes: bytes)
        for (_, classes) in dialects {
            let table = AuditEventTable.parse(source, classes: classes)
            _ = BSMEventTable(table)
        }
    }
}
