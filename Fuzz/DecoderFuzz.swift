// A libFuzzer target for the trail decoder, every trail formatter and the configuration
// parsers. It is compiled together with the AuditLintKit sources by Scripts/fuzz.sh (not by
// SwiftPM): `swiftc -sanitize=fuzzer,address -parse-as-library`.
//
// Every input goes through all of them: as a trail (lenient and strict, with tokens
// checked), then as the text of audit_control, audit_class, audit_event, audit_user, an
// event-name table and a flags string, in both dialects. A crash, a failed precondition
// below, a sanitizer report, a time-out or an allocation over libFuzzer's limit is a finding.

import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func auditLintFuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    DecoderFuzz.trail(bytes, strict: false)
    DecoderFuzz.trail(bytes, strict: true)
    DecoderFuzz.configurations(bytes)
    return 0
}

enum DecoderFuzz {
    static let events = BSMEventTable(parsing: "23:AUE_EXECVE:execve(2):pc,ex\n72:AUE_OPEN_R:open(2) - read:fr\n")
    static let formatters: [PrauditFormatter] = [
        PrauditFormatter(raw: true),
        PrauditFormatter(eventNames: { events[$0] }, utcOffset: { _ in 3_600 }),
        PrauditFormatter(oneLine: true, shortEventNames: true, delimiter: "::", eventNames: { events[$0] }),
    ]
    static let json = TrailJSONFormatter(eventNames: { events[$0] })
    static let builtInClasses = [Dialect.macos, .openbsm].map { ($0, AuditClassTable.builtIn($0)) }

    /// Reads `bytes` as a trail and writes every record in every output format.
    static func trail(_ bytes: [UInt8], strict: Bool) {
        let options = TrailReader.Options(maxRecordSize: 1 << 16, strict: strict)
        let reader = TrailReader(source: MemoryTrailSource(bytes), name: "fuzz", options: options)
        var sink: [UInt8] = []
        var previousEnd: Int64 = 0
        do {
            try reader.forEachRecord(onProblem: { problem in
                precondition(problem.offset >= 0 && problem.offset <= Int64(bytes.count), "problem offset out of range")
                _ = problem.description
            }) { record in
                let end = record.offset + Int64(record.bytes.count)
                precondition(record.offset >= previousEnd && end <= Int64(bytes.count), "record out of order or range")
                precondition(record.bytes.count <= options.maxRecordSize, "record over the size limit")
                previousEnd = end
                _ = record.decodeTokens()
                _ = record.decodeTokens(openBSMOnly: true)
                _ = record.forEachToken { _, _, _ in }
                for formatter in formatters { formatter.append(record, to: &sink) }
                json.append(record, file: "fuzz", to: &sink)
                if let exec = ExecRecord(record) {
                    sink.append(contentsOf: exec.textLine.utf8)
                    sink.append(contentsOf: exec.jsonLine(file: "fuzz").utf8)
                }
                sink.removeAll(keepingCapacity: true)
            }
        } catch {
            // Only --strict stops, and only at damage.
            precondition(strict, "lenient reading threw: \(error)")
        }
    }

    /// Parses `bytes` as each configuration file and as a flags string.
    static func configurations(_ bytes: [UInt8]) {
        let source = SourceText(path: "fuzz", bytes: bytes)
        for (dialect, builtIn) in builtInClasses {
            let classes = AuditClassTable.parse(source, dialect: dialect)
            _ = AuditEventTable.parse(source, classes: builtIn)
            _ = AuditUserTable.parse(source, classes: builtIn)
            _ = AuditControl.parse(source, dialect: dialect, classes: builtIn)
            _ = AuditFlags.parse(bytes: bytes, classes: classes)
            _ = AuditFlags.parse(bytes: bytes, classes: builtIn)
        }
        _ = BSMEventTable(parsing: String(decoding: bytes, as: UTF8.self))
    }
}
