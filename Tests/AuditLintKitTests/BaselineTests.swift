import Foundation
import Testing

@testable import AuditLintKit

@Suite struct BaselineTests {
    static let paths = PathContext(workingDirectory: "/repo", root: "/repo")
    static let source = SourceText(
        path: "hosts/a/audit_control", text: "dir:/var/audit\n  flags:lo,xx  \npolicy:cnt, argv\n")

    static func finding(_ id: String, line: Int, subject: String? = nil, file: String = "hosts/a/audit_control")
        -> ReportedFinding
    {
        ReportedFinding(
            Finding(
                ruleId: id, severity: .error, message: "message with a number \(line)",
                range: SourceRange(file: file, line: line, column: 1, length: 1), subject: subject))
    }

    @Test func writesSortedMergedPrettyJSON() throws {
        let findings = [
            Self.finding("AC203", line: 3, subject: "policy=cnt, argv"),
            Self.finding("AC201", line: 2),
            Self.finding("AC201", line: 2),
            Self.finding("AC105", line: 1, file: "./hosts/a/../a/audit_control"),
            ReportedFinding(
                Self.finding("AC301", line: 3).finding, suppression: Suppression(kind: .inline, reason: nil)),
        ]
        let baseline = Baseline(findings: findings, sources: [Self.source], paths: Self.paths)
        try Golden.check(baseline.encoded, "baseline.json")
    }

    @Test func matchesIgnoringLinesAndMessagesAndReportsStaleEntries() {
        let baseline = Baseline(entries: [
            BaselineEntry(ruleId: "AC201", path: "hosts/a/audit_control", subject: "flags:lo,xx", count: 1),
            BaselineEntry(ruleId: "AC203", path: "hosts/a/audit_control", subject: "policy=cnt, argv", count: 2),
            BaselineEntry(ruleId: "AC105", path: "hosts/b/audit_control", subject: "x", count: 1),
        ])
        let moved = SourceText(path: "/repo/hosts/a/audit_control", text: "\n\n\nflags:lo,xx\n")
        let findings = [
            Self.finding("AC201", line: 4, file: "/repo/hosts/a/audit_control"),
            Self.finding("AC201", line: 4, file: "/repo/hosts/a/audit_control"),
            Self.finding("AC203", line: 9, subject: "policy=cnt, argv", file: "/repo/hosts/a/audit_control"),
        ]
        let (applied, stale) = baseline.apply(to: findings, sources: [moved], paths: Self.paths)
        #expect(applied.map(\.suppression?.kind) == [.baseline, nil, .baseline])
        #expect(applied[0].suppression?.reason == "accepted in the baseline")
        #expect(
            stale == [
                StaleBaselineEntry(entry: baseline.entries[1], unmatched: 1),
                StaleBaselineEntry(entry: baseline.entries[2], unmatched: 1),
            ])
        #expect(baseline.entries.map(\.ruleId) == ["AC201", "AC203", "AC105"])
    }

    @Test func inlineSuppressedFindingsConsumeNothing() {
        let baseline = Baseline(entries: [
            BaselineEntry(ruleId: "AC201", path: "hosts/a/audit_control", subject: "flags:lo,xx")
        ])
        let inline = ReportedFinding(
            Self.finding("AC201", line: 2).finding, suppression: Suppression(kind: .inline, reason: "r"))
        let (applied, stale) = baseline.apply(
            to: [inline, Self.finding("AC201", line: 2)], sources: [Self.source], paths: Self.paths)
        #expect(applied.map(\.suppression?.kind) == [.inline, .baseline])
        #expect(stale.isEmpty)
    }

    @Test func roundTripsThroughTheFileAtomically() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "auditlint-baseline-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("baseline.json").path
        let baseline = Baseline(entries: [BaselineEntry(ruleId: "AC201", path: "a", subject: "", count: 3)])
        try baseline.write(to: path)
        #expect(try Baseline.read(path: path) == baseline)
    }

    @Test(arguments: [
        (
            "{\"version\":2,\"entries\":[]}",
            "b.json: baseline version 2 was written by a newer auditlint (this one reads version 1); upgrade auditlint"
        ),
        (
            "{\"version\":1,\"entries\":[\n{\"ruleId\":\"AC201\",",
            "b.json:2:19: damaged baseline, not valid JSON: unexpected end of the document; regenerate it with --write-baseline"
        ),
        ("[]", "b.json: not a baseline: expected a JSON object with \"version\" and \"entries\""),
        ("{\"entries\":[]}", "b.json: not a baseline: \"version\" is missing or not an integer"),
        ("{\"version\":1}", "b.json: not a baseline: \"entries\" is missing or not an array"),
        (
            "{\"version\":1,\"entries\":[{\"ruleId\":\"AC201\",\"path\":\"a\",\"subject\":\"s\",\"count\":0}]}",
            "b.json: entry 1: \"count\" is missing or not an integer from 1 to 2147483648; fix or regenerate the baseline"
        ),
        (
            "{\"version\":1,\"entries\":[{\"ruleId\":\"AC201\",\"subject\":\"s\",\"count\":1}]}",
            "b.json: entry 1: \"path\" is missing or not a non-empty string; fix or regenerate the baseline"
        ),
    ])
    func damagedFilesAreRefusedWithWhereAndWhat(text: String, message: String) {
        #expect(throws: AuditLintError.self) { try Baseline.decode(Array(text.utf8), path: "b.json") }
        do {
            _ = try Baseline.decode(Array(text.utf8), path: "b.json")
        } catch let error as AuditLintError {
            #expect(error.description == message)
            #expect(error.isUsageError)
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}

@Suite struct PathContextTests {
    @Test(arguments: [
        ("/a/./b/../c", "/a/c"), ("a//b/", "a/b"), ("../x", "../x"), ("/../x", "/x"), ("./", "."), ("a/../..", ".."),
    ])
    func normalizes(path: String, expected: String) {
        #expect(PathContext.normalize(path) == expected)
    }

    /// The one-pass check that lets `normalize` return an absolute path as it is says yes
    /// exactly for the paths the component-by-component normalisation leaves unchanged.
    @Test(arguments: [
        ("/", true), ("/a", true), ("/a/b.c/...", true), ("/a./.b/a..", true), ("/é/x", true),
        ("", false), ("a", false), ("a/b", false), ("//", false), ("/a/", false), ("/a//b", false), ("/.", false),
        ("/..", false), ("/a/.", false), ("/a/..", false), ("/./a", false), ("/../a", false), ("/a/./b", false),
        ("/a/../b", false),
    ])
    func recognisesNormalAbsolutePaths(path: String, isNormal: Bool) {
        #expect(PathContext.isNormalizedAbsolute(path) == isNormal)
        // Through the general case (an empty component forces it): the path is unchanged
        // exactly when it is normal.
        if path.hasPrefix("/") {
            #expect((PathContext.normalize("/" + path) == path) == isNormal)
        }
    }

    @Test func relativeToRoot() {
        let paths = PathContext(workingDirectory: "/repo/hosts", root: "..")
        #expect(paths.root == "/repo")
        #expect(paths.relative("a/audit_control") == "hosts/a/audit_control")
        #expect(paths.relative("../../etc/audit_control") == "/etc/audit_control")
        #expect(paths.relative("/repo") == ".")
        #expect(PathContext(workingDirectory: "/").relative("etc/x") == "etc/x")
    }
}

@Suite struct JSONValueTests {
    @Test func parsesAndWritesRoundTrip() throws {
        let text = #"{"a":[1,-2.5,true,false,null,"x\"\\\/\n\u00e9\ud83d\ude00"],"b":{},"c":[],"d":1e3}"#
        let value = try JSONValue.parse(text)
        #expect(value.compact == #"{"a":[1,-2.5,true,false,null,"x\"\\/\né😀"],"b":{},"c":[],"d":1000}"#)
        #expect(value["d"] == .double(1000))
        #expect(
            JSONValue.object([("k", .array([.integer(1)])), ("e", .object([]))]).pretty
                == "{\n  \"k\": [\n    1\n  ],\n  \"e\": {}\n}")
        #expect(JSONValue.string("\u{1}\u{7F}").compact == #""\u0001\u007f""#)
    }

    @Test(arguments: [
        ("", "1:1: unexpected end of the document"),
        ("{\"a\" 1}", "1:6: expected ':' after the member name"),
        ("[1,]", "1:4: expected a value (a string, number, object, array, true, false or null)"),
        ("01", "1:1: invalid number (leading zero)"),
        ("\"a\nb\"", "1:3: control character inside a string; write it as an escape"),
        ("{} x", "1:4: unexpected text after the document"),
        ("[\n  tru]", "2:3: expected a value (a string, number, object, array, true, false or null)"),
        ("1e999", "1:1: number out of range"),
        ("[\"abc", "1:2: unterminated string"),
        ("[\"ab\tc\"]", "1:5: control character inside a string; write it as an escape"),
        ("nul", "1:1: expected a value (a string, number, object, array, true, false or null)"),
    ])
    func rejectsDamagedDocuments(text: String, message: String) {
        #expect(throws: JSONParseError.self) { try JSONValue.parse(text) }
        do { _ = try JSONValue.parse(text) } catch { #expect(error.description == message) }
    }

    /// The parser's fast paths (integers of up to 18 digits, strings without escapes) read
    /// what the general paths read, at and past their edges.
    @Test(arguments: [
        ("0", "0"), ("-0", "0"), ("-7", "-7"), ("999999999999999999", "999999999999999999"),
        ("-999999999999999999", "-999999999999999999"), ("9223372036854775807", "9223372036854775807"),
        ("-9223372036854775808", "-9223372036854775808"), ("9223372036854775808", "9.223372036854776e+18"),
        ("12.50", "12.5"), ("\"\"", "\"\""), ("\"plain é\"", "\"plain é\""),
        ("\"run \\t then \\u00e9 \\\"x\\\"\"", "\"run \\t then é \\\"x\\\"\""),
        ("[\"a\",{\"k\":\"v\"}]", "[\"a\",{\"k\":\"v\"}]"),
    ])
    func fastPathsReadWhatTheGeneralPathsRead(text: String, compact: String) throws {
        #expect(try JSONValue.parse(text).compact == compact)
    }

    @Test func invalidUTF8InAStringIsReplacedAsBefore() throws {
        #expect(try JSONValue.parse([0x22, 0x61, 0xFF, 0x62, 0x22]) == .string("a\u{FFFD}b"))
        #expect(try JSONValue.parse([0x22, 0xE2, 0x82, 0x5C, 0x6E, 0x22]) == .string("\u{FFFD}\n"))
    }

    @Test func deepNestingIsRejectedNotACrash() {
        let deep = String(repeating: "[", count: 100_000)
        do {
            _ = try JSONValue.parse(deep)
            Issue.record("accepted")
        } catch {
            #expect(error.problem == "nested more than 128 levels deep")
        }
    }

    @Test func randomBytesNeverCrash() {
        var generator = SeededRandom(seed: 42)
        let alphabet = Array("{}[],:\"\\ntrufalse0123456789.-eE \u{00e9}".utf8)
        for _ in 0..<2_000 {
            let count = Int(generator.next() % 40)
            let bytes = (0..<count).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }
            _ = try? JSONValue.parse(bytes)
        }
    }
}
