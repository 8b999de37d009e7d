// praudit's text formats over every record of a trail: -n (with event names and a time
// zone), -r, -l with a multi-byte delimiter and -s, and the exec summary's text line.
@testable import AuditLintKit

let formatters: [PrauditFormatter] = [
    PrauditFormatter(eventNames: { fuzzEvents[$0] }, utcOffset: { _ in 3_600 }),
    PrauditFormatter(raw: true),
    PrauditFormatter(oneLine: true, shortEventNames: true, delimiter: "::", eventNames: { fuzzEvents[$0] }),
]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    withInput(data, size) { bytes in
        var sink: [UInt8] = []
        forEachFuzzRecord(bytes) { record in
            for formatter in formatters { formatter.append(record, to: &sink) }
            if let exec = ExecRecord(record) { sink.append(contentsOf: exec.textLine.utf8) }
            sink.removeAll(keepingCapacity: true)
        }
    }
}
