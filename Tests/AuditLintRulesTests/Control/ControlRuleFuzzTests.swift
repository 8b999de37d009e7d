import AuditLintKit
import Testing

@testable import AuditLintRules

/// Mutated configurations through every audit_control rule: no crash, and every finding
/// and fix range inside the file.
@Suite struct ControlRuleFuzzTests {
    static let seedText = Array(
        """
        # header
        dir:/var/audit
         dir: /x
        flags:lo, aa # c
        naflags:LO,,^-
        minfree:30
        policy: ahlt,argv,seq
        filesz:2 m
        expire-after:60D OR 5 G
        qsize:5
        dist:on\r
        filsz:2M
        dir
        superuser-set-sflags-mask:has_tty

        """.utf8)
    static let alphabet = Array(" \t\r\n:#,^+-0123456789MmKGgdDaAnNoOrR/lo".utf8) + [0, 0xFF]

    static func isInside(_ range: SourceRange, _ source: SourceText) -> Bool {
        if range == .wholeFile(source.path) { return true }
        let line = range.start.line
        guard line >= 1, line <= source.lineCount, range.end.line == line else { return false }
        return range.start.column >= 1 && range.start.column <= range.end.column
            && range.end.column <= source.lineBytes(line).count
    }

    @Test(arguments: [UInt64(11), 12])
    func rulesNeverCrashAndRangesStayInside(seed: UInt64) {
        var random = SeededRandom(seed: seed)
        for _ in 0..<100 {
            var bytes = Self.seedText
            for _ in 0..<Int.random(in: 1...10, using: &random) {
                let position = Int.random(in: 0...bytes.count, using: &random)
                switch Int.random(in: 0..<4, using: &random) {
                case 0: bytes.insert(Self.alphabet.randomElement(using: &random)!, at: position)
                case 1: if position < bytes.count { bytes.remove(at: position) }
                case 2: if position < bytes.count { bytes[position] = UInt8.random(in: 0...255, using: &random) }
                default:
                    bytes.insert(
                        contentsOf: Array(repeating: UInt8(ascii: "l"), count: Int.random(in: 1...300, using: &random)),
                        at: position)
                }
            }
            let text = String(decoding: bytes, as: UTF8.self)
            for dialect in Dialect.allCases {
                let context = controlContext(text, dialect: dialect)
                for rule in controlRules {
                    for finding in rule.init().check(context) {
                        #expect(
                            Self.isInside(finding.range, context.controlSource),
                            "\(finding.ruleId) \(finding.range) in \(bytes)")
                        if let fix = finding.fix {
                            #expect(
                                Self.isInside(fix.range, context.controlSource), "\(finding.ruleId) fix \(fix.range)")
                        }
                    }
                }
            }
        }
    }
}
