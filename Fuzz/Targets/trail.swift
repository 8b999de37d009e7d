// The trail reader (lenient and strict) with the token decoder: every record's tokens, both
// token sets, and the exec summary `decode --exec` builds from them.
@testable import AuditLintKit

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    withInput(data, size) { bytes in
        for strict in [false, true] {
            forEachFuzzRecord(bytes, strict: strict) { record in
                let (tokens, failedAt) = record.decodeTokens()
                check(failedAt.map { $0 >= 0 && $0 <= record.bytes.count } ?? true, "token failure outside the record")
                _ = tokens.count
                _ = record.decodeTokens(openBSMOnly: true)
                _ = record.forEachToken { _, start, length in
                    check(start >= 0 && length > 0 && start + length <= record.bytes.count, "token outside its record")
                }
                _ = record.event
                _ = record.materialize()
                _ = ExecRecord(record)
            }
        }
    }
}
