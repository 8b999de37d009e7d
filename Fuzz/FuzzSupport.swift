// Shared by every libFuzzer target in Fuzz/Targets (Scripts/fuzz.sh compiles this file into
// each of them and links them against one AuditLintKit object built with the sanitizers).
//
// A target is one entry point: it takes the fuzzer's bytes as one kind of input, runs the
// library on it the way the command does, and checks what must hold for any input. A crash,
// a failed `check`, a sanitizer report, a time-out or an allocation over libFuzzer's limit
// is a finding.

@testable import AuditLintKit

/// Stops the fuzzer with `message` when `condition` is false (unlike `assert`, kept in -O).
@inline(__always)
func check(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
    if !condition() { fatalError("fuzz invariant: \(message())") }
}

/// Calls `body` with the fuzzer's input as an array.
@inline(__always)
func withInput(_ data: UnsafePointer<UInt8>?, _ size: Int, _ body: ([UInt8]) -> Void) -> CInt {
    body(size == 0 ? [] : Array(UnsafeBufferPointer(start: data!, count: size)))
    return 0
}

/// FNV-1a over `bytes`: a deterministic choice of the inputs a costly check runs on, so a
/// run gives the same result every time.
func fnv1a(_ bytes: [UInt8]) -> UInt64 {
    bytes.reduce(0xcbf2_9ce4_8422_2325) { ($0 ^ UInt64($1)) &* 0x0100_0000_01b3 }
}

/// The two dialects with their built-in class tables, built once.
let dialects: [(Dialect, AuditClassTable)] = [Dialect.macos, .openbsm].map { ($0, AuditClassTable.builtIn($0)) }

/// A short event table for the trail formatters (names and descriptions are printed).
let fuzzEvents = BSMEventTable(parsing: "23:AUE_EXECVE:execve(2):pc,ex\n72:AUE_OPEN_R:open(2) - read:fr\n")

/// Reads `bytes` as a trail (lenient, at most 64 KiB a record) and checks the records the
/// reader hands out lie inside the input, in order and under the limit; `body` sees each.
func forEachFuzzRecord(_ bytes: [UInt8], strict: Bool = false, _ body: (TrailRecordView) -> Void) {
    let options = TrailReader.Options(maxRecordSize: 1 << 16, strict: strict)
    let reader = TrailReader(source: MemoryTrailSource(bytes), name: "fuzz", options: options)
    var previousEnd: Int64 = 0
    do {
        try reader.forEachRecord(onProblem: { problem in
            check(
                problem.offset >= 0 && problem.offset <= Int64(bytes.count),
                "problem offset \(problem.offset) outside the input")
            _ = problem.description
        }) { record in
            let end = record.offset + Int64(record.bytes.count)
            check(record.offset >= previousEnd && end <= Int64(bytes.count), "record out of order or outside the input")
            check(record.bytes.count <= options.maxRecordSize, "record over the size limit")
            previousEnd = end
            body(record)
        }
    } catch {
        // Only strict reading stops, and only at damage.
        check(strict, "lenient reading threw: \(error)")
    }
}
