// audit_control as libbsm reads it, in both dialects, and the `show` report of the result
// (text and JSON). The rules and the lint reporters have their own target (lint-report).
import AuditLintKit

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    withInput(data, size) { bytes in
        let source = SourceText(path: "audit_control", bytes: bytes)
        for (dialect, classes) in dialects {
            let control = AuditControl.parse(source, dialect: dialect, classes: classes)
            let report = ShowReport(control: control, classes: classes)
            _ = ShowReporter.text(report)
            _ = ShowReporter.json(report)
        }
    }
}
