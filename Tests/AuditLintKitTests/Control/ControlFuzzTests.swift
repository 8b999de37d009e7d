import AuditLintTestSupport
import Testing

@testable import AuditLintKit

/// Whether `range` lies inside `source` (an empty range may sit just after a line's end).
func isInsideControl(_ range: SourceRange, _ source: SourceText) -> Bool {
    if range == .wholeFile(source.path) { return true }
    let line = range.start.line
    guard line >= 1, line <= source.lineCount, range.end.line == line else { return false }
    let length = source.lineBytes(line).count
    if range.end.column == range.start.column - 1 { return range.start.column >= 1 && range.start.column <= length + 1 }
    return range.start.column >= 1 && range.start.column <= range.end.column && range.end.column <= length
}

enum FuzzInputs {
    static let seeds: [String] = [
        "dir:/var/audit\nflags:lo,aa\nminfree:5\nnaflags:lo,aa\npolicy:cnt,argv\nfilesz:2M\nexpire-after:10M\n",
        "#\n dir: /x\r\nflags:lo, ^-AA,+\nminfree:5%\npolicy:cnt,,seq\nfilesz:-1\nexpire-after:60d AND 1G\nqsize:5\ndist:on\nhost:\n",
        "expire-after:10 M\nexpire-after:1G OR 2G\nfilesz:2 m\n:flags::lo\nflags\n  # x\nsuperuser-set-sflags-mask:has_tty\n",
    ]
    static let alphabet =
        Array("dirflagsminfreepolicyexpire-afterAND OR:#,^+-\t\r\n 0123456789MKGBdhsyloaa".utf8) + [0, 0xFF, 0xC3]

    /// `count` inputs: random bytes, random alphabet text, and mutations of the seeds.
    static func inputs(count: Int, seed: UInt64) -> [[UInt8]] {
        var random = SeededRandom(seed: seed)
        return (0..<count).map { index in
            switch index % 3 {
            case 0:
                return (0..<Int.random(in: 0...700, using: &random)).map { _ in
                    UInt8.random(in: 0...255, using: &random)
                }
            case 1:
                return (0..<Int.random(in: 0...400, using: &random)).map { _ in alphabet.randomElement(using: &random)!
                }
            default:
                var bytes = Array(seeds[index % seeds.count].utf8)
                for _ in 0..<Int.random(in: 1...12, using: &random) {
                    let position = Int.random(in: 0...bytes.count, using: &random)
                    switch Int.random(in: 0..<4, using: &random) {
                    case 0: bytes.insert(alphabet.randomElement(using: &random)!, at: position)
                    case 1: if position < bytes.count { bytes.remove(at: position) }
                    case 2: if position < bytes.count { bytes[position] = UInt8.random(in: 0...255, using: &random) }
                    default:
                        bytes.insert(
                            contentsOf: Array(
                                repeating: UInt8(ascii: "a"), count: Int.random(in: 1...300, using: &random)),
                            at: position)
                    }
                }
                return bytes
            }
        }
    }
}

@Suite struct ControlFuzzTests {
    @Test(arguments: [UInt64(1), 2, 3])
    func parserNeverCrashesAndRangesStayInside(seed: UInt64) {
        for bytes in FuzzInputs.inputs(count: 300, seed: seed) {
            let source = SourceText(path: "audit_control", bytes: bytes)
            for dialect in Dialect.allCases {
                let control = AuditControl.parse(source, dialect: dialect, classes: TestClasses.table)
                var ranges: [SourceRange] = []
                for entry in control.entries {
                    ranges += [entry.keyRange, entry.lineRange]
                    if let value = entry.value { ranges.append(value.range) }
                }
                for flags in [control.flags, control.naflags] {
                    _ = flags.explanation
                    _ = flags.suggestedValue(classes: TestClasses.table)
                    ranges += (flags.parsed?.elements.indices ?? 0..<0).compactMap { flags.range(ofElement: $0) }
                }
                ranges += control.policy.problems.compactMap { control.policy.range(of: $0) }
                ranges += control.filesz.problem.flatMap { control.filesz.range(of: $0) }.map { [$0] } ?? []
                ranges += control.expireAfter.problem.flatMap { control.expireAfter.range(of: $0) }.map { [$0] } ?? []
                ranges += control.expireAfter.terms.indices.compactMap { control.expireAfter.range(ofTerm: $0) }
                for range in ranges {
                    #expect(isInsideControl(range, source), "range \(range) outside \(bytes)")
                }
                let report = ShowReport(control: control, classes: TestClasses.table)
                #expect(ShowReporter.json(report).hasPrefix("{\"schemaVersion\":1"))
                #expect(!ShowReporter.text(report).isEmpty)
            }
        }
    }

    @Test(arguments: [UInt64(7), 8])
    func flagsParserNeverCrashesAndElementsStayInside(seed: UInt64) {
        for bytes in FuzzInputs.inputs(count: 400, seed: seed) {
            let flags = AuditFlags.parse(bytes: bytes.prefix(300), classes: TestClasses.table)
            for element in flags.elements {
                #expect(
                    element.offset >= 0 && element.length >= 1
                        && element.offset + element.length <= min(bytes.count, 300))
            }
            _ = flags.mask
        }
    }
}
