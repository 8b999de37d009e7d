import Foundation
import Testing

/// `auditlint lint` run as a user runs it: the shipped examples' expected output, exit
/// codes, formats and bad input.
@Suite struct LintCommandTests {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let examples = ["macos-default", "freebsd-default", "cis-macos", "stig-macos", "broken"]

    /// The dialect each example is written for.
    static func dialect(_ example: String) -> String {
        example == "freebsd-default" ? "openbsm" : "macos"
    }

    /// Each example's expected output (text and JSON) is a golden file; re-record with
    /// `AUDITLINT_RECORD_GOLDEN=1 swift test --filter LintCommandTests` (which then fails).
    @Test(arguments: examples)
    func exampleOutputMatchesGolden(example: String) throws {
        for format in ["text", "json", "jsonl"] {
            let run = try CLI.run(
                [
                    "lint", "--dialect", Self.dialect(example), "--format", format, "--fail-on", "never",
                    "Examples/\(example)",
                ], cwd: Self.repositoryRoot)
            #expect(run.status == 0, "\(run.stderr)")
            let golden = CLI.fixtures.appendingPathComponent("lint/\(example).\(format == "text" ? "txt" : format)")
            if ProcessInfo.processInfo.environment["AUDITLINT_RECORD_GOLDEN"] != nil {
                try Data(run.stdout.utf8).write(to: golden)
                Issue.record("recorded \(golden.lastPathComponent)")
                continue
            }
            let expected = try String(contentsOf: golden, encoding: .utf8)
            #expect(run.stdout == expected, "\(example) \(format) output differs from \(golden.path)")
        }
    }

    /// `--format jsonl` writes the `--format json` finding objects, one a line, in the same order.
    @Test func jsonLinesAreTheJSONFindings() throws {
        func lint(_ format: String) throws -> String {
            try CLI.run(["lint", "--format", format, "Examples/broken"], cwd: Self.repositoryRoot).stdout
        }
        let json = try lint("json")
        let lines = try lint("jsonl").split(separator: "\n").map(String.init)
        #expect(lines.count == json.components(separatedBy: "{\"ruleId\":").count - 1)
        #expect(lines.count > 3)
        #expect(json.contains("\"findings\":[" + lines.joined(separator: ",") + "]"))
    }

    @Test func brokenExampleFailsAndCleanOnesPass() throws {
        let broken = try CLI.run(["lint", "Examples/broken"], cwd: Self.repositoryRoot)
        #expect(broken.status == 1)
        let clean = try CLI.run(["lint", "--dialect", "openbsm", "Examples/freebsd-default"], cwd: Self.repositoryRoot)
        #expect(clean.status == 0, "\(clean.stdout)")
    }

    @Test(arguments: [
        // arguments, expected exit status, text expected on stderr
        (["lint", "--fail-on", "bogus", "Examples/broken"], Int32(2), "The value 'bogus' is invalid for '--fail-on"),
        (["lint", "--dialect", "solaris", "Examples/broken"], 2, "The value 'solaris' is invalid for '--dialect"),
        (["lint", "Examples/no-such-dir"], 3, "no such file or directory"),
        (["lint", "Sources"], 2, "no audit_control file found"),
        (["lint", "--format", "yaml", "Examples/broken"], 2, "yaml"),
        (
            ["lint", "--format", "json", "--format", "text", "Examples/broken"], 2,
            "only one format can go to standard output"
        ),
        (["lint", "--baseline", "Examples/no-baseline.json", "Examples/broken"], 3, "no-baseline.json"),
    ])
    func badInvocationsExitWithTheDocumentedCode(arguments: [String], status: Int32, message: String) throws {
        let run = try CLI.run(arguments, cwd: Self.repositoryRoot)
        #expect(run.status == status, "\(run.stderr)")
        #expect(run.stderr.contains(message), "\(run.stderr)")
    }

    @Test func failOnThresholds() throws {
        // The broken example has errors; with --fail-on never it passes.
        #expect(try CLI.run(["lint", "--fail-on", "never", "Examples/broken"], cwd: Self.repositoryRoot).status == 0)
        #expect(try CLI.run(["lint", "--fail-on", "note", "Examples/broken"], cwd: Self.repositoryRoot).status == 1)
    }

    @Test func binaryAndHugeFilesAreReportedNotCrashedOn() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "auditlint-lint-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var generator = SystemRandomNumberGenerator()
        let binary = (0..<4096).map { _ in UInt8.random(in: 0...255, using: &generator) }
        try Data(binary).write(to: directory.appendingPathComponent("audit_control"))
        let run = try CLI.run(["lint", "--fail-on", "never", directory.path])
        #expect(run.status == 0, "\(run.stderr)")

        let huge = directory.appendingPathComponent("huge")
        try FileManager.default.createDirectory(at: huge, withIntermediateDirectories: true)
        try Data(repeating: UInt8(ascii: "a"), count: 5 << 20).write(to: huge.appendingPathComponent("audit_control"))
        let hugeRun = try CLI.run(["lint", huge.path])
        #expect(hugeRun.status == 3)
        #expect(hugeRun.stderr.contains("too large"))
    }

    @Test func writesSeveralFormatsAtOnceAndABaselineThatSilencesThem() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "auditlint-lint-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let sarif = directory.appendingPathComponent("out.sarif").path
        let json = directory.appendingPathComponent("out.json").path
        let run = try CLI.run(
            [
                "lint", "--format", "sarif", "--output", sarif, "--format", "json", "--output", json,
                "--format", "github", "Examples/broken",
            ], cwd: Self.repositoryRoot)
        #expect(run.status == 1)
        #expect(run.stdout.contains("::error file=Examples/broken/audit_"))
        #expect(
            try String(contentsOfFile: sarif, encoding: .utf8).contains("\"version\": \"2.1.0\"")
                || String(contentsOfFile: sarif, encoding: .utf8).contains("\"version\":\"2.1.0\""))
        #expect(try String(contentsOfFile: json, encoding: .utf8).hasPrefix("{\"schemaVersion\":1"))

        let baseline = directory.appendingPathComponent("baseline.json").path
        let write = try CLI.run(["lint", "--write-baseline", baseline, "Examples/broken"], cwd: Self.repositoryRoot)
        #expect(write.status == 0, "\(write.stderr)")
        let quiet = try CLI.run(["lint", "--baseline", baseline, "Examples/broken"], cwd: Self.repositoryRoot)
        #expect(quiet.status == 0, "\(quiet.stdout)")
    }
}

@Suite struct LintProfileTests {
    static let root = LintCommandTests.repositoryRoot

    @Test func stigExamplePassesTheStigProfile() throws {
        let run = try CLI.run(["lint", "--profile", "stig", "Examples/stig-macos"], cwd: Self.root)
        #expect(run.status == 0, "\(run.stdout)")
        #expect(run.stdout.contains("Profile stig"))
        #expect(run.stdout.contains("11 passed, 0 failed"))
    }

    @Test func failedRequirementsAreFindingsAndTheJSONCarriesTheProfile() throws {
        let run = try CLI.run(
            ["lint", "--profile", "stig", "--format", "json", "Examples/macos-default"], cwd: Self.root)
        #expect(run.status == 1)
        #expect(run.stdout.contains("\"ruleId\":\"AC508\""))
        #expect(
            run.stdout.contains(
                "\"profile\":{\"name\":\"stig\",\"requirements\":[{\"id\":\"audit_flags_lo_configure\",\"stig\":\"APPL-15-001002\",\"cis\":\"3.2\",\"status\":\"pass\""
            ))
    }

    @Test func literalPassButRealFailIsSaidExplicitly() throws {
        let run = try CLI.run(["lint", "--profile", "stig", "--fail-on", "never", "Examples/broken"], cwd: Self.root)
        #expect(run.status == 0)
        #expect(run.stdout.contains("passes the literal check but not the real one"))
    }

    @Test func profileOptionsNeedAProfileAndValidValues() throws {
        let orphan = try CLI.run(["lint", "--halt-policy", "cnt", "Examples/stig-macos"], cwd: Self.root)
        #expect(orphan.status == 2)
        #expect(orphan.stderr.contains("apply to a --profile"))
        let bad = try CLI.run(["lint", "--profile", "pci", "Examples/stig-macos"], cwd: Self.root)
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("pci"))
    }

    @Test func explainCoversMetaAndComplianceIds() throws {
        for id in ["AC001", "AC101", "AC508"] {
            let run = try CLI.run(["explain", id])
            #expect(run.status == 0, "\(id): \(run.stderr)")
            #expect(run.stdout.hasPrefix(id))
        }
    }
}

/// The README's first command prints what the README shows.
@Suite struct ReadmeExampleTests {
    @Test func setupExampleOutputIsReal() throws {
        let readme = try String(
            contentsOf: LintCommandTests.repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let marker = try #require(readme.range(of: "The first prints findings like this one"))
        let start = try #require(readme.range(of: "```text\n", range: marker.upperBound..<readme.endIndex))
        let end = try #require(readme.range(of: "\n```", range: start.upperBound..<readme.endIndex))
        let excerpt = String(readme[start.upperBound..<end.lowerBound])
        let run = try CLI.run(["lint", "Examples/broken"], cwd: LintCommandTests.repositoryRoot)
        #expect(run.status == 1)
        #expect(run.stdout.contains(excerpt))
    }
}

/// Baselines key findings on the setting, not the line: moving lines keeps them matched.
@Suite struct BaselineStabilityTests {
    @Test func aBaselineSurvivesLinesMovingAndGoesStaleWhenFixed() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "auditlint-baseline-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let control = directory.appendingPathComponent("audit_control")
        let original =
            "dir:/var/audit\nflags:lo,aa\nminfree:5\nnaflags:lo,aa\npolicy: ahlt,argv\nfilesz:100K\nexpire-after:10M\n"
        try Data(original.utf8).write(to: control)
        let baseline = directory.appendingPathComponent("baseline.json").path
        #expect(try CLI.run(["lint", "--write-baseline", baseline, directory.path]).status == 0)
        let baselineText = try String(contentsOfFile: baseline, encoding: .utf8)
        #expect(baselineText.contains("\"subject\": \"policy=ahlt,argv\""))
        #expect(baselineText.contains("\"subject\": \"(file)\""))

        // Two comment lines added at the top: every finding moves down two lines.
        try Data(("#\n# moved\n" + original).utf8).write(to: control)
        let moved = try CLI.run([
            "lint", "--baseline", baseline, "--strict-baseline", "--format", "json", directory.path,
        ])
        #expect(moved.status == 0, "\(moved.stdout)")
        #expect(!moved.stdout.contains("staleBaselineEntries"))

        // Fixing the policy leaves its entry stale, which --strict-baseline reports.
        try Data(original.replacingOccurrences(of: "policy: ahlt,argv", with: "policy:ahlt,argv").utf8).write(
            to: control)
        let fixed = try CLI.run([
            "lint", "--baseline", baseline, "--strict-baseline", "--format", "json", directory.path,
        ])
        #expect(fixed.status == 1)
        #expect(fixed.stdout.contains("staleBaselineEntries"))
    }
}
