// The JSON Lines format over every record of a trail, and the exec summary's JSON line;
// every line must be one valid JSON object.
@testable import AuditLintKit

let formatter = TrailJSONFormatter(eventNames: { fuzzEvents[$0] })

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    withInput(data, size) { bytes in
        var sink: [UInt8] = []
        forEachFuzzRecord(bytes) { record in
            formatter.append(record, file: "fuzz", to: &sink)
            check(sink.last == 10, "a JSON line without its newline")
            check(
                (try? JSONValue.parse(Array(sink.dropLast()))) != nil,
                "not valid JSON: \(String(decoding: sink, as: UTF8.self))")
            if let exec = ExecRecord(record) {
                check((try? JSONValue.parse(exec.jsonLine(file: "fuzz"))) != nil, "exec line not valid JSON")
            }
            sink.removeAll(keepingCapacity: true)
        }
    }
}
