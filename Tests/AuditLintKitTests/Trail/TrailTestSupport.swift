import AuditLintTestSupport
import Foundation
import Testing

@testable import AuditLintKit

/// Helpers shared by the trail decoder tests. The public trails and their praudit outputs are
/// read from `../shared/data/trails` (tests that use them are guarded with
/// `SharedData.isAvailable`); ``SampleTrails`` makes the trails the other tests need.
enum TrailFixtures {
    /// The file at `relative` under `../shared/data/trails`.
    static func url(_ relative: String) throws -> URL { try SharedData.url("data/trails/" + relative) }

    static func bytes(_ relative: String) throws -> [UInt8] { try SharedData.bytes("data/trails/" + relative) }

    /// glibc's `strerror` texts for the BSM errors in the fixtures (the golden files were
    /// made on Linux).
    static let glibcErrors: [UInt8: String] = [
        1: "Operation not permitted", 2: "No such file or directory", 3: "No such process",
        4: "Interrupted system call", 5: "Input/output error", 6: "No such device or address",
        7: "Argument list too long", 8: "Exec format error", 9: "Bad file descriptor",
        10: "No child processes", 12: "Cannot allocate memory", 13: "Permission denied",
        14: "Bad address", 15: "Block device required", 16: "Device or resource busy",
        17: "File exists", 18: "Invalid cross-device link", 19: "No such device",
        20: "Not a directory", 21: "Is a directory", 22: "Invalid argument",
        23: "Too many open files in system", 24: "Too many open files",
        25: "Inappropriate ioctl for device", 26: "Text file busy", 27: "File too large",
        28: "No space left on device", 29: "Illegal seek", 30: "Read-only file system",
        31: "Too many links", 32: "Broken pipe", 45: "Resource deadlock avoided",
    ]

    /// A formatter reproducing the golden files' environment: no event table, glibc texts.
    static func formatter(raw: Bool, oneLine: Bool = false) -> PrauditFormatter {
        PrauditFormatter(raw: raw, oneLine: oneLine, errorText: { glibcErrors[$0] })
    }

    struct Decoded {
        var text: [UInt8] = []
        var records = 0
        var problems: [TrailProblem] = []
    }

    /// Reads `bytes` as a trail and formats every record.
    static func decode(
        _ bytes: [UInt8], name: String = "t", formatter: PrauditFormatter? = nil, options: TrailReader.Options = .init()
    ) throws -> Decoded {
        var result = Decoded()
        let reader = TrailReader(source: MemoryTrailSource(bytes), name: name, options: options)
        try reader.forEachRecord(onProblem: { result.problems.append($0) }) { record in
            result.records += 1
            formatter?.append(record, to: &result.text)
        }
        return result
    }

    /// The records of `bytes` as owned copies.
    static func records(_ bytes: [UInt8]) throws -> [TrailRecord] {
        var records: [TrailRecord] = []
        let reader = TrailReader(source: MemoryTrailSource(bytes), name: "t")
        try reader.forEachRecord { records.append($0.materialize()) }
        return records
    }
}

/// One golden praudit output and the trail it was made from.
struct GoldenCase: CustomTestStringConvertible, Sendable {
    var trail: String
    var golden: String
    var raw: Bool

    var testDescription: String { golden }

    /// Every `*.praudit-r.txt` and `*.praudit-n.txt` under `../shared/data/trails` (none when
    /// it is absent).
    static let all: [GoldenCase] = {
        var cases: [GoldenCase] = []
        let fm = FileManager.default
        for (goldenDirectory, trailDirectory) in [
            ("golden", ""), ("golden/openbsm-reference", "openbsm-reference/"), ("synthetic", "synthetic/"),
        ] {
            let names =
                (try? TrailFixtures.url(goldenDirectory)).flatMap { try? fm.contentsOfDirectory(atPath: $0.path) } ?? []
            for name in names.sorted() {
                for (suffix, raw) in [(".praudit-r.txt", true), (".praudit-n.txt", false)] where name.hasSuffix(suffix)
                {
                    cases.append(
                        GoldenCase(
                            trail: trailDirectory + String(name.dropLast(suffix.count)),
                            golden: goldenDirectory + "/" + name, raw: raw))
                }
            }
        }
        return cases
    }()
}
