import AuditLintTestSupport
import Foundation
import Testing

@testable import AuditLintKit

@Suite struct FlagsSettingTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var line: String
        var dialect: Dialect = .openbsm
        var success: UInt32?
        var failure: UInt32?
        var testDescription: String { "\(dialect): \(line.debugDescription)" }
    }

    /// §2 examples; nil masks mean libbsm rejects the value.
    static let cases: [Case] = [
        Case(line: "naflags:lo,aa", success: 0x3000, failure: 0x3000),
        Case(line: "naflags:all,^fr", success: 0xFFFF_FFFE, failure: 0xFFFF_FFFE),
        Case(line: "naflags:-all", success: 0, failure: 0xFFFF_FFFF),
        Case(line: "naflags:+lo,-ad", success: 0x1000, failure: 0x0800),
        Case(line: "naflags:ex,^-ex", success: 0x4000_0000, failure: 0),
        Case(line: "naflags:^+ex,ex", success: 0x4000_0000, failure: 0x4000_0000),
        Case(line: "naflags:lo,^lo", success: 0, failure: 0),
        Case(line: "naflags:^lo,lo", success: 0x1000, failure: 0x1000),
        Case(line: "naflags:lo,,aa,", success: 0x3000, failure: 0x3000),
        Case(line: "naflags:", success: 0, failure: 0),
        Case(line: "naflags:lo, aa"),
        Case(line: "naflags:LO"),
        Case(line: "naflags:+^ex"),
        Case(line: "naflags:^"),
        Case(line: "naflags:lo,aa\r"),
        Case(line: "naflags:lo,aa ", dialect: .macos),
        Case(line: "naflags:lo,aa ", dialect: .openbsm, success: 0x3000, failure: 0x3000),
        Case(line: "naflags:", dialect: .macos),
        Case(line: "naflags:" + String(repeating: "lo,", count: 42) + "lo"),
    ]

    @Test(arguments: cases)
    func masks(_ testCase: Case) {
        let setting = parseControl(testCase.line + "\n", dialect: testCase.dialect).naflags
        #expect(setting.mask?.success == testCase.success)
        #expect(setting.mask?.failure == testCase.failure)
        #expect(setting.isValid == (testCase.success != nil))
        // The kernel keeps its boot mask 0 when the value is rejected.
        #expect(setting.effectiveMask == (setting.mask ?? AuditMask.none))
        #expect((setting.explanation == nil) == setting.isValid)
    }

    @Test func elementRangePointsAtTheBadElement() throws {
        let setting = parseControl("flags:lo, aa\n").flags
        let parsed = try #require(setting.parsed)
        #expect(parsed.problems == [.unknownClass(name: " aa", elementIndex: 1)])
        #expect(setting.range(ofElement: 1) == SourceRange(file: "audit_control", line: 1, column: 10, length: 3))
    }

    @Test func missingFlagsHasNoEffectiveMaskButMissingNaflagsIsZero() {
        // macOS (OpenBSM-21): getacflg returns 1, so au_user_mask fails. OpenBSM 1.2: see
        // LibbsmExactnessTests.openBSMMissingFlagsIsAnEmptyMask.
        let control = parseControl("dir:/var/audit\n", dialect: .macos)
        #expect(control.flags.effectiveMask == nil)
        #expect(control.naflags.effectiveMask == AuditMask.none)
        #expect(control.flags.explanation != nil)
    }

    @Test func emptyFlags() {
        #expect(parseControl("flags:\n").flags.isEmpty)
        #expect(parseControl("flags:\n", dialect: .macos).flags.valueProblem == .absent)
    }
}

@Suite struct PolicySettingTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var value: String
        var dialect: Dialect = .openbsm
        /// libbsm's bits; nil when it rejects the value.
        var parsed: UInt32?
        var effective: UInt32
        var suggestion: String? = nil
        var testDescription: String { "\(dialect): policy:\(value.debugDescription)" }
    }

    static let cases: [Case] = [
        Case(value: "cnt,argv", parsed: 0x5, effective: 0x5),
        Case(value: "cnt", parsed: 0x1, effective: 0x1),
        Case(value: "ahlt,argv", parsed: 0x6, effective: 0x6),
        Case(value: "cnt,argv,arge,ahlt", parsed: 0xF, effective: 0xF),
        Case(value: "cnt,argv,seq", parsed: 0x15, effective: 0x1),
        Case(value: "group", parsed: 0x80, effective: 0x1),
        Case(value: " ahlt,argv", parsed: nil, effective: 0x1, suggestion: "ahlt,argv"),
        Case(value: "cnt, argv", parsed: nil, effective: 0x1, suggestion: "cnt,argv"),
        Case(value: "cnt,,argv", parsed: nil, effective: 0x1, suggestion: "cnt,argv"),
        Case(value: "cnt,argv,", parsed: nil, effective: 0x1, suggestion: "cnt,argv"),
        Case(value: "CNT", parsed: nil, effective: 0x1, suggestion: "cnt"),
        Case(value: "", parsed: nil, effective: 0x1),
        Case(value: "cnt,argv\r", parsed: nil, effective: 0x1, suggestion: "cnt,argv"),
        Case(value: "cnt,argv # keep", parsed: nil, effective: 0x1),
        Case(value: "cnt,bogus", parsed: nil, effective: 0x1),
        Case(value: "cnt,argv ", dialect: .macos, parsed: nil, effective: 0x1, suggestion: "cnt,argv"),
        Case(value: "cnt,argv ", dialect: .openbsm, parsed: 0x5, effective: 0x5),
    ]

    @Test(arguments: cases)
    func policy(_ testCase: Case) {
        let setting = parseControl("policy:\(testCase.value)\n", dialect: testCase.dialect).policy
        #expect(setting.parsed?.rawValue == testCase.parsed)
        #expect(setting.effective.rawValue == testCase.effective)
        #expect(setting.suggestedValue == testCase.suggestion)
        #expect((setting.explanation == nil) == (testCase.parsed == testCase.effective))
    }

    @Test func missingPolicyIsCnt() {
        let setting = parseControl("minfree:5\n").policy
        #expect(setting.effective == .cnt)
        #expect(setting.explanation != nil)
    }

    @Test func lostBitsAreNamed() {
        let setting = parseControl("policy: ahlt,argv\n").policy
        #expect(setting.lostBits == [.ahlt, .argv])
        #expect(setting.explanation?.contains("ahlt,argv is silently lost") == true)
        #expect(
            setting.range(of: setting.problems[0]) == SourceRange(file: "audit_control", line: 1, column: 8, length: 5))
    }

    @Test func tooLongPolicy() {
        let setting = parseControl("policy:" + String(repeating: "cnt,", count: 40) + "cnt\n").policy
        #expect(setting.problems.contains(.tooLong(length: 163)))
        #expect(setting.effective == .cnt)
    }
}

@Suite struct MinfreeSettingTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var value: String?
        var dialect: Dialect = .openbsm
        var effective: Int?
        var threshold: Double?
        var testDescription: String { "\(dialect): minfree \(value.debugDescription)" }
    }

    static let cases: [Case] = [
        Case(value: "5", effective: 5, threshold: 5),
        Case(value: "20", effective: 20, threshold: 20),
        Case(value: "0", effective: 0, threshold: 0),
        Case(value: "100", effective: 100, threshold: 100),
        Case(value: "3", effective: 3, threshold: 100.0 / 33),
        Case(value: "7", effective: 7, threshold: 100.0 / 14),
        Case(value: "15", effective: 15, threshold: 100.0 / 6),
        Case(value: "30", effective: 30, threshold: 100.0 / 3),
        Case(value: "40", effective: 40, threshold: 50),
        Case(value: "51", effective: 51, threshold: 100),
        Case(value: "5%", effective: 5, threshold: 5),
        Case(value: " 5", effective: 5, threshold: 5),
        Case(value: "five", effective: 0, threshold: 0),
        Case(value: "", effective: 0, threshold: 0),
        Case(value: "", dialect: .macos, effective: nil, threshold: nil),
        Case(value: "150", effective: nil, threshold: nil),
        Case(value: "-3", effective: nil, threshold: nil),
        // atoi is (int)strtol: 2^32 + 5 truncates to 5.
        Case(value: "4294967301", effective: 5, threshold: 5),
        Case(value: nil, effective: nil, threshold: nil),
    ]

    @Test(arguments: cases)
    func minfree(_ testCase: Case) {
        let text = testCase.value.map { "minfree:\($0)\n" } ?? "dir:/var/audit\n"
        let setting = parseControl(text, dialect: testCase.dialect).minfree
        #expect(setting.effectivePercent == testCase.effective)
        #expect(setting.kernelThresholdPercent == testCase.threshold)
    }

    @Test func explanations() {
        #expect(parseControl("minfree:5\n").minfree.explanation == nil)
        #expect(parseControl("minfree:30\n").minfree.explanation?.contains("33.3 %") == true)
        #expect(parseControl("minfree:abc\n").minfree.isNonNumeric)
        #expect(parseControl("minfree\n").minfree.explanation?.contains("no value") == true)
    }

    @Test func trailingBlanksKeptOnMacOSAreNotReportedAsIgnoredText() {
        let setting = parseControl("minfree:5 \n", dialect: .macos).minfree
        #expect(setting.effectivePercent == 5)
        #expect(setting.ignoredOffsets == nil)
        #expect(setting.explanation == nil)
        #expect(parseControl("minfree:5%\n").minfree.ignoredOffsets == 1..<2)
    }
}

@Suite struct FileSizeSettingTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var value: String
        var dialect: Dialect = .openbsm
        var valid: Bool
        var effective: UInt64
        var testDescription: String { "\(dialect): filesz:\(value.debugDescription)" }
    }

    static let cases: [Case] = [
        Case(value: "2M", valid: true, effective: 2_097_152),
        Case(value: "0", valid: true, effective: 0),
        Case(value: "512K", valid: true, effective: 524_288),
        Case(value: "524288", valid: true, effective: 524_288),
        Case(value: "524288B", valid: true, effective: 524_288),
        Case(value: "1G", valid: true, effective: 1_073_741_824),
        Case(value: "2MB", valid: true, effective: 2_097_152),
        Case(value: " \t2M", valid: true, effective: 2_097_152),
        Case(value: "+2M", valid: true, effective: 2_097_152),
        Case(value: "-1", valid: true, effective: UInt64.max),
        Case(value: "2M ", dialect: .macos, valid: true, effective: 2_097_152),
        Case(value: "2m", valid: false, effective: 0),
        Case(value: "2T", valid: false, effective: 0),
        Case(value: "1.5G", valid: false, effective: 0),
        Case(value: "2 M", valid: false, effective: 0),
        Case(value: "", valid: false, effective: 0),
        Case(value: "511K", valid: false, effective: 0),
        Case(value: "524287", valid: false, effective: 0),
        Case(value: "2M\r", valid: true, effective: 2_097_152),
        Case(value: "600000\r", valid: false, effective: 0),
        Case(value: "M", valid: false, effective: 0),
        Case(value: "99999999999999999999G", valid: true, effective: UInt64.max &* 1_073_741_824),
    ]

    @Test(arguments: cases)
    func filesz(_ testCase: Case) {
        let setting = parseControl("filesz:\(testCase.value)\n", dialect: testCase.dialect).filesz
        #expect(setting.isValid == testCase.valid)
        #expect(setting.effectiveBytes == testCase.effective)
    }

    @Test func problemsAndRanges() throws {
        let lower = parseControl("filesz:2m\n").filesz
        #expect(lower.problem == .badSuffix(UInt8(ascii: "m"), offset: 1))
        #expect(
            lower.range(of: try #require(lower.problem))
                == SourceRange(file: "audit_control", line: 1, column: 9, length: 1))
        #expect(parseControl("filesz:2 M\n").filesz.problem == .belowMinimum(bytes: 2))
        #expect(parseControl("filesz:2MB\n").filesz.explanation?.contains("`B` after the suffix is ignored") == true)
        #expect(parseControl("filesz:-1\n").filesz.wrappedNegative)
        #expect(parseControl("minfree:5\n").filesz.effectiveBytes == 0)
    }
}

@Suite struct ExpireAfterSettingTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var value: String
        var dialect: Dialect = .openbsm
        var valid: Bool
        var age: Int64? = nil
        var size: UInt64? = nil
        var combinator: ExpireAfterSetting.Combinator? = nil
        var expires: Bool
        var testDescription: String { "\(dialect): expire-after:\(value.debugDescription)" }
    }

    static let day: Int64 = 86_400
    static let gib: UInt64 = 1 << 30

    static let cases: [Case] = [
        Case(value: "10M", valid: true, size: 10_485_760, expires: true),
        Case(value: "60d", valid: true, age: 60 * day, expires: true),
        Case(value: "10", valid: true, size: 10, expires: true),
        Case(value: "10 M", valid: true, size: 10, expires: true),
        Case(value: "10B", valid: true, size: 10, expires: true),
        Case(value: "10K", valid: true, size: 10_240, expires: true),
        Case(value: "30s", valid: true, age: 30, expires: true),
        Case(value: "12h", valid: true, age: 43_200, expires: true),
        Case(value: "1y", valid: true, age: 31_449_600, expires: true),
        Case(value: "4y", valid: true, age: 125_884_800, expires: true),
        Case(value: "60d AND 1G", valid: true, age: 60 * day, size: gib, combinator: .and, expires: true),
        Case(value: "60d and 1G", valid: true, age: 60 * day, size: gib, combinator: .and, expires: true),
        Case(value: "60dAND1G", valid: true, age: 60 * day, size: gib, combinator: .and, expires: true),
        Case(value: "1G OR 60d", valid: true, age: 60 * day, size: gib, combinator: .or, expires: true),
        Case(value: "60d nand 1G", valid: true, age: 60 * day, size: gib, combinator: .and, expires: true),
        Case(value: "60d XOR 1G", valid: false, expires: false),
        Case(value: "60d & 1G", valid: false, expires: false),
        Case(value: "60d AND", valid: false, expires: false),
        Case(value: "60d AND 1", valid: false, expires: false),
        Case(value: "1G AND 2G", valid: true, size: 2 * gib, combinator: .and, expires: false),
        Case(value: "30d OR 60d", valid: true, age: 60 * day, combinator: .or, expires: true),
        Case(value: "0", valid: true, size: 0, expires: false),
        Case(value: "60d AND 1G trailing", valid: true, age: 60 * day, size: gib, combinator: .and, expires: true),
        Case(value: "10m", valid: false, expires: false),
        Case(value: "10g", valid: false, expires: false),
        Case(value: "10D", valid: false, expires: false),
        Case(value: "", valid: false, expires: false),
        Case(value: "M", valid: false, expires: false),
        Case(value: "10M\r", valid: true, size: 10_485_760, expires: true),
        Case(value: "60d\r", valid: true, age: 60 * day, expires: true),
        Case(value: "10\r", valid: false, expires: false),
        // macOS keeps the trailing blank, which %[ \tadnor…] takes as an operator with no second term.
        Case(value: "10M ", dialect: .macos, valid: false, expires: false),
        Case(value: "10M ", dialect: .openbsm, valid: true, size: 10_485_760, expires: true),
        Case(value: "10 ", dialect: .macos, valid: true, size: 10, expires: true),
        Case(value: "10  M", valid: false, expires: false),
        Case(value: "60d,1G", valid: true, age: 60 * day, expires: true),
        Case(value: "0d AND 1G", valid: true, age: 0, size: gib, combinator: .and, expires: false),
        // getacexpire: %lu wraps a minus, au_timetosec casts to a signed time_t.
        Case(value: "-1d", valid: true, age: -day, expires: true),
        Case(value: "-1h", dialect: .macos, valid: true, age: -3_600, expires: true),
        Case(value: "-1d AND 1G", valid: true, age: -day, size: gib, combinator: .and, expires: true),
        // The leap-day term is the signed quotient (time_t)value / 4, truncated toward zero.
        Case(value: "5y", valid: true, age: (5 * 364 + 1) * day, expires: true),
        Case(value: "-5y", valid: true, age: -(5 * 364 + 1) * day, expires: true),
        Case(value: "-4y", valid: true, age: -(4 * 364 + 1) * day, expires: true),
        Case(value: "-1G", valid: true, size: 0 &- gib, expires: true),
    ]

    @Test(arguments: cases)
    func expireAfter(_ testCase: Case) {
        let setting = parseControl("expire-after:\(testCase.value)\n", dialect: testCase.dialect).expireAfter
        #expect(setting.isValid == testCase.valid)
        #expect(setting.ageSeconds == testCase.age)
        #expect(setting.sizeBytes == testCase.size)
        #expect(setting.combinator == testCase.combinator)
        #expect(setting.expiresAnything == testCase.expires)
    }

    @Test func termsKindsAndRanges() throws {
        let setting = parseControl("expire-after:10 M\n").expireAfter
        let term = try #require(setting.terms.first)
        #expect(term.unit == 0x20)
        #expect(term.kind == .size)
        #expect(setting.ignoredOffsets == 3..<4)
        #expect(setting.range(ofTerm: 0) == SourceRange(file: "audit_control", line: 1, column: 14, length: 3))
        #expect(setting.explanation?.contains("means 10 bytes") == true)
        #expect(parseControl("expire-after:1G AND 2G\n").expireAfter.repeatedKind == .size)
        let lower = parseControl("expire-after:10m\n").expireAfter
        #expect(lower.problem == .badUnit(termIndex: 0))
        #expect(lower.range(of: .badUnit(termIndex: 0))?.start.column == 16)
    }
}

@Suite struct OtherSettingTests {
    @Test func directoriesAreEnumeratedUntilAValuelessLine() {
        let control = parseControl("dir:/var/audit\ndir: /spaced\ndir\ndir:/after\n")
        #expect(control.effectiveDirectories == ["/var/audit", " /spaced"])
        #expect(control.directories.map(\.isEnumerated) == [true, true, false, false])
        #expect(control.directories.map(\.isWellFormed) == [true, false, false, true])
    }

    @Test func macosKeepsTrailingBlanksInDirectories() {
        let control = parseControl("dir:/var/audit \n", dialect: .macos)
        #expect(control.effectiveDirectories == ["/var/audit "])
        #expect(control.directories[0].isWellFormed == false)
    }

    @Test(arguments: [
        ("dist:on", true), ("dist:YES", true), ("dist:off", false), ("dist: on", false), ("dist:on ", true),
    ])
    func dist(_ line: String, _ enabled: Bool) {
        #expect(parseControl(line + "\n").dist.isEnabled == enabled)
        #expect(parseControl(line + "\n", dialect: .macos).dist.isEnabled == false)
    }

    @Test(arguments: [
        ("qsize:200", 200, true), ("qsize: 200", 200, true), ("qsize:10", 100, false), ("qsize:0", 100, false),
        ("qsize:10000", 10_000, true), ("qsize:10001", 100, false), ("qsize:abc", 100, false), ("qsize:", 100, false),
    ])
    func qsize(_ line: String, _ effective: Int, _ valid: Bool) {
        let setting = parseControl(line + "\n").qsize
        #expect(setting.effective == effective)
        #expect(setting.isValid == valid)
        #expect(parseControl(line + "\n", dialect: .macos).qsize.effective == QueueSizeSetting.kernelDefault)
    }

    @Test func hostAndSessionFlagMasks() {
        let control = parseControl(
            "host:audit.example\nsuperuser-set-sflags-mask:has_authenticated,has_console_access\nmember-set-sflags-mask:\nmember-clear-sflags-mask:has_bogus\n",
            dialect: .macos)
        #expect(control.host.effective == "audit.example")
        #expect(
            control.sessionFlagMasks.map(\.key) == [
                .superuserSetSflagsMask, .memberSetSflagsMask, .memberClearSflagsMask,
            ])
        #expect(control.sessionFlagMasks[0].mask == 0x6000)
        #expect(control.sessionFlagMasks[2].unknownNames == ["has_bogus"])
        #expect(parseControl("host:\n").host.effective == nil)
    }

    /// The stock settings (``StockControl``, checked against the shipped files by `SharedDataTests`).
    @Test(arguments: Dialect.allCases)
    func defaultFilesHaveTheirDocumentedValues(_ dialect: Dialect) throws {
        let source = SourceText(path: "audit_control", text: StockControl.text(dialect))
        let control = AuditControl.parse(source, dialect: dialect, classes: TestClasses.table)
        #expect(control.effectiveDirectories == ["/var/audit"])
        #expect(control.flags.effectiveMask == AuditMask(success: 0x3000, failure: 0x3000))
        #expect(control.naflags.effectiveMask == AuditMask(success: 0x3000, failure: 0x3000))
        #expect(control.policy.effective == [.cnt, .argv])
        #expect(control.minfree.effectivePercent == 5)
        #expect(control.filesz.effectiveBytes == 2_097_152)
        #expect(control.expireAfter.sizeBytes == 10_485_760)
        #expect(control.duplicates.isEmpty && control.unknownEntries.isEmpty)
        #expect(control.auditdCanStart)
    }
}
