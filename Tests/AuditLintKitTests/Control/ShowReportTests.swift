import AuditLintTestSupport
import Foundation
import Testing

@testable import AuditLintKit

@Suite struct ShowReportTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    /// The report on `relativePath` under `Fixtures`, or on the stock settings for `stock`.
    static func report(_ relativePath: String, dialect: Dialect) throws -> ShowReport {
        let bytes =
            relativePath == stock
            ? Array(StockControl.text(dialect).utf8)
            : Array(try Data(contentsOf: fixtures.appendingPathComponent(relativePath)))
        let control = AuditControl.parse(
            SourceText(path: "audit_control", bytes: bytes), dialect: dialect, classes: TestClasses.table)
        return ShowReport(control: control, classes: TestClasses.table)
    }

    /// The input name that stands for the stock audit_control of the dialect (``StockControl``).
    static let stock = "stock audit_control"

    /// The interface example, byte for byte.
    @Test func jsonOfTheOpenBSMDefaultFile() throws {
        let json = ShowReporter.json(try Self.report(Self.stock, dialect: .openbsm))
        let flags =
            #"{"written":"lo,aa","valid":true,"successMask":12288,"failureMask":12288,"successClasses":["lo","aa"],"failureClasses":["lo","aa"]}"#
        let expected =
            #"{"schemaVersion":1,"dialect":"openbsm","file":"audit_control","flags":"# + flags
            + #","naflags":"# + flags
            + #","policy":{"written":"cnt,argv","valid":true,"effective":["cnt","argv"]}"#
            + #","minfree":{"written":"5","valid":true,"percent":5,"kernelThresholdPercent":5.0}"#
            + #","filesz":{"written":"2M","valid":true,"bytes":2097152}"#
            + #","expireAfter":{"written":"10M","valid":true,"ageSeconds":null,"sizeBytes":10485760,"combinator":null,"expiresAnything":true}"#
            + #","dirs":["/var/audit"],"host":null,"qsize":null,"dist":{"written":"off","enabled":false}}"# + "\n"
        #expect(json == expected)
    }

    struct Golden: CustomTestStringConvertible, Sendable {
        var input: String
        var dialect: Dialect
        var json: Bool
        var golden: String
        var testDescription: String { golden }
    }

    static let goldens: [Golden] = [
        Golden(input: stock, dialect: .macos, json: false, golden: "show/macos-default.txt"),
        Golden(input: stock, dialect: .macos, json: true, golden: "show/macos-default.json"),
        Golden(input: "show/broken_audit_control", dialect: .macos, json: false, golden: "show/broken-macos.txt"),
        Golden(input: "show/broken_audit_control", dialect: .macos, json: true, golden: "show/broken-macos.json"),
        Golden(input: "show/odd_audit_control", dialect: .openbsm, json: false, golden: "show/odd-openbsm.txt"),
        Golden(input: "show/odd_audit_control", dialect: .openbsm, json: true, golden: "show/odd-openbsm.json"),
    ]

    /// Golden outputs; set AUDITLINT_RECORD_GOLDEN=1 to rewrite them after a deliberate change.
    @Test(arguments: goldens)
    func goldenOutput(_ golden: Golden) throws {
        let report = try Self.report(golden.input, dialect: golden.dialect)
        let output = golden.json ? ShowReporter.json(report) : ShowReporter.text(report)
        let url = Self.fixtures.appendingPathComponent(golden.golden)
        if ProcessInfo.processInfo.environment["AUDITLINT_RECORD_GOLDEN"] == "1" {
            try Data(output.utf8).write(to: url)
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(output == expected)
    }

    @Test func missingKeysAreNullAndExplained() {
        let control = parseControl("dir:/var/audit\n")
        let report = ShowReport(control: control, classes: TestClasses.table)
        #expect(ShowReporter.json(report).contains(#""flags":null,"naflags":null,"policy":null,"minfree":null"#))
        #expect(report.missing.contains { $0.hasPrefix("minfree is missing") })
        #expect(ShowReporter.text(report).contains("minfree       written:   (missing)"))
    }
}
